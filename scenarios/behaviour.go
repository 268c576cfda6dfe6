package scenarios

import (
	"github.com/bgsim/bgsim/fixtures/tasks"
	"github.com/bgsim/bgsim/simulator"
)

// factories returns the task factory of every entry point of the scenario.
func factories(s *Scenario) map[string]simulator.TaskFactory {
	out := make(map[string]simulator.TaskFactory, len(s.Tasks))
	for i := range s.Tasks {
		out[s.Tasks[i].EntryPoint] = factory(&s.Tasks[i])
	}
	return out
}

// factory makes a fresh task for each instance from a behaviour: its fixture or its script.
func factory(b *TaskBehaviour) simulator.TaskFactory {
	if b.Fixture != "" {
		f, _ := tasks.Lookup(b.Fixture)
		return f
	}
	return func() simulator.Task { return &scriptTask{b: b} }
}

// backgroundActivated plays the app's on_background_activated behaviour, a fresh task per
// in-process activation; nil when the file gives none.
func backgroundActivated(s *Scenario) func(*simulator.Instance) {
	b := s.App.OnBackgroundActivated
	if b == nil {
		return nil
	}
	f := factory(b)
	return func(in *simulator.Instance) { f().Run(in) }
}

// scriptTask plays a TaskBehaviour's script for one instance.
type scriptTask struct {
	b         *TaskBehaviour
	in        *simulator.Instance
	deferrals map[string]*simulator.Deferral
	taken     []string // deferral names in the order they were taken
	timers    []*simulator.Timer
}

// Run runs the steps without an offset at once, in order, and schedules the others relative to
// now; then it attaches the Canceled handler.
func (t *scriptTask) Run(in *simulator.Instance) {
	t.in = in
	t.deferrals = map[string]*simulator.Deferral{}
	in.OnCanceled(t.canceled)
	t.timers = t.play(t.b.Script)
}

func (t *scriptTask) play(steps []Step) []*simulator.Timer {
	var timers []*simulator.Timer
	for _, st := range steps {
		if st.At == 0 {
			t.do(st)
			continue
		}
		timers = append(timers, t.in.AfterFunc(st.At, func() { t.do(st) }))
	}
	return timers
}

// canceled plays on_canceled, or by default stops the pending script steps and completes every
// open deferral, in the order they were taken.
func (t *scriptTask) canceled(_ *simulator.Instance, _ simulator.CancellationReason) {
	if t.b.OnCanceledSet {
		t.play(t.b.OnCanceled)
		return
	}
	for _, tm := range t.timers {
		tm.Stop()
	}
	for _, name := range t.taken {
		if d := t.deferrals[name]; d != nil {
			d.Complete()
		}
	}
}

func (t *scriptTask) do(st Step) {
	switch st.Kind {
	case StepTakeDeferral:
		if _, again := t.deferrals[st.Name]; !again {
			t.taken = append(t.taken, st.Name)
		}
		t.deferrals[st.Name] = t.in.GetDeferral()
	case StepCompleteDeferral:
		if d := t.deferrals[st.Name]; d != nil {
			d.Complete()
		}
	case StepProgress:
		t.in.SetProgress(st.Value)
	case StepLog:
		t.in.Log(st.Name)
	case StepPanic:
		panic(st.Name)
	case StepCall:
		t.call(st.Call)
	}
}

// call makes an API call from the task's code, through its instance: a signal (which Windows
// refuses from a task), access requested or removed, a registration, or every live
// registration of a name unregistered.
func (t *scriptTask) call(a *Action) {
	in := t.in
	switch a.Kind {
	case "signal":
		in.RequestApplicationTrigger(a.Arguments)
	case "access":
		if a.Text == "request" {
			in.RequestAccess()
		} else {
			in.RemoveAccess()
		}
	case "register":
		b := in.NewBackgroundTaskBuilder()
		groups := in.AllTaskGroups()
		configure(b, a.Register, func(id, name string) *simulator.TaskGroup {
			for _, g := range groups {
				if g.ID() == id {
					return g
				}
			}
			return simulator.NewTaskGroup(id, name)
		})
		_, _ = in.Register(b) // a refusal is a register_failed record
	case "transfer_ownership":
		in.TransferOwnership(a.Text)
	case "unregister":
		for _, r := range registrations(in.AllTasks(), in.AllTaskGroups()) {
			if r.Name() == a.Task && !r.Unregistered() {
				in.Unregister(r, a.Cancel)
			}
		}
	}
}
