package harness

import (
	"fmt"

	"github.com/bgsim/bgsim/simulator"
)

// RequestAccess calls BackgroundExecutionManager.RequestAccessAsync (access: request).
func RequestAccess() Action {
	return Action{"access request", func(s *Simulation) error { s.e.RequestAccess(); return nil }}
}

// RemoveAccess calls BackgroundExecutionManager.RemoveAccess (access: remove).
func RemoveAccess() Action {
	return Action{"access remove", func(s *Simulation) error { s.e.RemoveAccess(); return nil }}
}

// KillHost kills the host of every running instance of task (fault: {kind: kill_host}).
func KillHost(task string) Action {
	return fault(simulator.Fault{Kind: simulator.FaultKillHost, Task: task})
}

// LowMemoryKill kills every running instance of task for low memory, without Canceled (fault:
// {kind: low_memory_kill}).
func LowMemoryKill(task string) Action {
	return fault(simulator.Fault{Kind: simulator.FaultLowMemoryKill, Task: task})
}

// PolicyCancel cancels every running instance of task with reason, one of
// simulator.PolicyCancelReasons (fault: {kind: policy_cancel, reason: ...}).
func PolicyCancel(task string, reason simulator.CancellationReason) Action {
	return fault(simulator.Fault{Kind: simulator.FaultPolicyCancel, Task: task, Reason: reason})
}

func fault(f simulator.Fault) Action {
	name := fmt.Sprintf("fault %s task=%s", f.Kind, f.Task)
	if f.Reason != simulator.ReasonInvalid {
		name += " reason=" + f.Reason.String()
	}
	return Action{name, func(s *Simulation) error {
		if !s.knownName(f.Task) {
			return fmt.Errorf("no registration named %q: a fault hits the running instances of a registration by name", f.Task)
		}
		_, err := s.e.InjectFault(f)
		return err
	}}
}
