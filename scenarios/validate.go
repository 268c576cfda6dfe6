package scenarios

import (
	"fmt"

	"github.com/bgsim/bgsim/internal/suggest"
	"github.com/bgsim/bgsim/simulator"
)

// validate checks the references between parts of a parsed scenario: every task name an
// expectation or action uses is registered somewhere in the file, every out-of-process entry
// point has a behaviour, deferrals are taken before they are completed, and the timeline fits
// before until.
func (p *parser) validate(s *Scenario) {
	regs := allRegistrations(s)
	names := taskNames{index: map[string]bool{}}
	appTrigger := map[string]bool{}
	socketTrigger := map[string]bool{}
	mediaTrigger := map[string]bool{}
	for _, r := range regs {
		if !names.index[r.Name] {
			names.index[r.Name] = true
			names.list = append(names.list, r.Name)
		}
		if r.Trigger != nil && r.Trigger.Type == "application" {
			appTrigger[r.Name] = true
		}
		if r.Trigger != nil && r.Trigger.Type == "socket_activity" {
			socketTrigger[r.Name] = true
		}
		if r.Trigger != nil && r.Trigger.Type == "generic" && r.Trigger.Class == "MediaProcessingTrigger" {
			mediaTrigger[r.Name] = true
		}
	}
	p.checkEntryPoints(s, regs)
	p.checkDeferrals(s)
	for _, e := range s.Timeline {
		a := e.Action
		switch a.Kind {
		case "signal", "unregister", "fault":
			if p.knownTask(a.Task, a.TaskPos, names, a.Kind) && a.Kind == "signal" && !appTrigger[a.Task] {
				p.errorAt(a.TaskPos, "signal: task %q has no application trigger registration", a.Task)
			}
		case "device_trigger":
			p.knownTask(a.Task, a.TaskPos, names, a.Kind)
		case "media_processing":
			if p.knownTask(a.Task, a.TaskPos, names, a.Kind) && !mediaTrigger[a.Task] {
				p.errorAt(a.TaskPos, "media_processing: task %q has no MediaProcessingTrigger registration (trigger: {type: generic, class: MediaProcessingTrigger})", a.Task)
			}
		case "socket_activity":
			if p.knownTask(a.Task, a.TaskPos, names, a.Kind) && !socketTrigger[a.Task] {
				p.errorAt(a.TaskPos, "socket_activity: task %q has no socket_activity trigger registration", a.Task)
			}
		}
		if s.UntilSet && e.At > s.Until {
			p.errorAt(e.Pos, "timeline entry at %s is after until (%s): it would never run", FormatDuration(e.At), FormatDuration(s.Until))
		}
	}
	expected := expectationNames(s)
	for _, x := range s.Expect {
		switch {
		case x.Registered:
			p.knownTask(x.Task, x.TaskPos, expected, "registered")
		case x.Kind != simulator.KindDevice: // a device record names no task
			p.knownTask(x.Task, x.TaskPos, expected, x.Kind.String())
		}
	}
	p.checkCalls(s, names, appTrigger)
	p.checkBatterySaver(s)
}

// expectationNames are the names expectations and properties may use: every registration's,
// and the update task's entry point, which its records carry
// (docs/windows-model.md#the-update-task). Actions act on registrations only.
func expectationNames(s *Scenario) taskNames {
	names := taskNames{index: map[string]bool{}}
	for _, r := range allRegistrations(s) {
		if !names.index[r.Name] {
			names.index[r.Name] = true
			names.list = append(names.list, r.Name)
		}
	}
	if s.Manifest != nil && s.Manifest.UpdateTask != nil && !names.index[s.Manifest.UpdateTask.EntryPoint] {
		ep := s.Manifest.UpdateTask.EntryPoint
		names.index[ep] = true
		names.list = append(names.list, ep)
	}
	return names
}

// allRegistrations lists the registrations of the file: the registrations block, the
// timeline's register actions, then the register steps of the task scripts.
func allRegistrations(s *Scenario) []*Registration {
	var out []*Registration
	for i := range s.Registrations {
		out = append(out, &s.Registrations[i])
	}
	for _, e := range s.Timeline {
		if e.Action.Register != nil {
			out = append(out, e.Action.Register)
		}
	}
	return append(out, stepRegistrations(s)...)
}

// taskNames are the registration names of a file: in file order, each once, and as a set.
type taskNames struct {
	list  []string
	index map[string]bool
}

// maxNamesListed is how many names an unknown-task error lists when no spelling is close.
const maxNamesListed = 10

func (p *parser) knownTask(name string, pos Pos, names taskNames, what string) bool {
	if names.index[name] {
		return true
	}
	if p.full(pos) {
		return false
	}
	hint := suggest.Hint(name, names.list)
	if hint == "" && len(names.list) > 0 {
		hint = "; registered: " + joinSome(names.list, maxNamesListed)
	}
	p.errorAt(pos, "%s: unknown task %q: no registration has that name%s", what, name, hint)
	return false
}

// joinSome joins the first n names and says how many more there are.
func joinSome(names []string, n int) string {
	if len(names) <= n {
		return join(names)
	}
	return fmt.Sprintf("%s (and %d more)", join(names[:n]), len(names)-n)
}

func (p *parser) checkEntryPoints(s *Scenario, regs []*Registration) {
	var eps []string
	known := map[string]bool{}
	for _, t := range s.Tasks {
		eps = append(eps, t.EntryPoint)
		known[t.EntryPoint] = true
	}
	for _, r := range regs {
		ep, pos, key := r.EntryPoint, r.EntryPointPos, "entry_point"
		if !r.Clsid.IsZero() {
			ep, pos, key = simulator.ClsidEntryPoint(r.Clsid), r.ClsidPos, "clsid"
		}
		if ep == "" || known[ep] {
			continue
		}
		if p.full(pos) {
			continue
		}
		p.errorAt(pos, "%s %q has no behaviour: add it under tasks with a script or a fixture%s",
			key, ep, suggest.Hint(ep, eps))
	}
}

func (p *parser) checkDeferrals(s *Scenario) {
	behaviours := make([]*TaskBehaviour, 0, len(s.Tasks)+1)
	for i := range s.Tasks {
		behaviours = append(behaviours, &s.Tasks[i])
	}
	if s.App.OnBackgroundActivated != nil { // the in-process tasks' behaviour, checked the same
		behaviours = append(behaviours, s.App.OnBackgroundActivated)
	}
	for _, t := range behaviours {
		taken := map[string]bool{}
		for _, list := range [][]Step{t.Script, t.OnCanceled} {
			for _, st := range list {
				if st.Kind == StepTakeDeferral {
					taken[st.Name] = true
				}
			}
		}
		for _, list := range [][]Step{t.Script, t.OnCanceled} {
			for _, st := range list {
				if st.Kind == StepCompleteDeferral && !taken[st.Name] {
					p.errorAt(st.Pos, "complete_deferral: deferral %q is never taken (take_deferral: %s)", st.Name, st.Name)
				}
			}
		}
	}
}
