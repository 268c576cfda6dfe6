package harness

import (
	"fmt"

	"github.com/bgsim/bgsim/simulator"
)

// Signal is ApplicationTrigger.RequestAsync(arguments) (scenario key signal): task must name a
// live registration with an ApplicationTrigger. The answer is a signal_result record.
func Signal(task string, arguments map[string]string) Action {
	return Action{"signal " + task, func(s *Simulation) error {
		r := s.Registration(task)
		if r == nil {
			return fmt.Errorf("no live registration named %q", task)
		}
		if _, ok := r.Trigger().(*simulator.ApplicationTrigger); !ok {
			return fmt.Errorf("%q has trigger %v, not an ApplicationTrigger", task, r.Trigger())
		}
		s.e.RequestApplicationTrigger(arguments)
		return nil
	}}
}

// Register registers b when the action runs (scenario timeline register). A refusal is not an
// action error: it is a register_failed record, as in Windows and in scenario files.
func Register(b *Builder) Action {
	if b == nil {
		return Action{"register <nil builder>", func(*Simulation) error { return fmt.Errorf("nil Builder") }}
	}
	return Action{"register " + b.Name, func(*Simulation) error {
		_, _ = b.Register()
		return nil
	}}
}

// Unregister unregisters every live registration with that name, in registration order (scenario
// key unregister {task, cancel}); with cancel, their running instances are canceled with Abort.
// No live registration with that name is an error.
func Unregister(task string, cancel bool) Action {
	return Action{fmt.Sprintf("unregister %s cancel=%t", task, cancel), func(s *Simulation) error {
		n := 0
		for _, r := range s.liveRegistrations() {
			if r.Name() == task {
				r.Unregister(cancel)
				n++
			}
		}
		if n == 0 {
			return fmt.Errorf("no live registration named %q", task)
		}
		return nil
	}}
}
