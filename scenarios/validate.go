package scenarios

import (
	"github.com/bgsim/bgsim/internal/suggest"
)

// validate checks the references between parts of a parsed scenario: every task name an
// expectation or action uses is registered somewhere in the file, every out-of-process entry
// point has a behaviour, deferrals are taken before they are completed, and the timeline fits
// before until.
func (p *parser) validate(s *Scenario) {
	regs := allRegistrations(s)
	names := []string{}
	appTrigger := map[string]bool{}
	for _, r := range regs {
		if !contains(names, r.Name) {
			names = append(names, r.Name)
		}
		if r.Trigger != nil && r.Trigger.Type == "application" {
			appTrigger[r.Name] = true
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
		}
		if s.UntilSet && e.At > s.Until {
			p.errorAt(e.Pos, "timeline entry at %s is after until (%s): it would never run", FormatDuration(e.At), FormatDuration(s.Until))
		}
	}
	for _, x := range s.Expect {
		p.knownTask(x.Task, x.TaskPos, names, x.Kind.String())
	}
}

// allRegistrations lists the registrations of the file: the registrations block, then the
// timeline's register actions.
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
	return out
}

func (p *parser) knownTask(name string, pos Pos, names []string, what string) bool {
	if contains(names, name) {
		return true
	}
	hint := suggest.Hint(name, names)
	if hint == "" && len(names) > 0 {
		hint = "; registered: " + join(names)
	}
	p.errorAt(pos, "%s: unknown task %q: no registration has that name%s", what, name, hint)
	return false
}

func (p *parser) checkEntryPoints(s *Scenario, regs []*Registration) {
	var eps []string
	for _, t := range s.Tasks {
		eps = append(eps, t.EntryPoint)
	}
	for _, r := range regs {
		if r.EntryPoint == "" || contains(eps, r.EntryPoint) {
			continue
		}
		p.errorAt(r.EntryPointPos, "entry_point %q has no behaviour: add it under tasks with a script or a fixture%s",
			r.EntryPoint, suggest.Hint(r.EntryPoint, eps))
	}
}

func (p *parser) checkDeferrals(s *Scenario) {
	for _, t := range s.Tasks {
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
