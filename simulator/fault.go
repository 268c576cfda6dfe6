package simulator

import (
	"fmt"
	"strconv"
)

// FaultKind is a fault the engine can inject (scenario timeline action fault). Zero is invalid.
type FaultKind uint8

// The fault kinds.
const (
	FaultInvalid       FaultKind = iota
	FaultKillHost                // the task's host process dies: terminated, completion error
	FaultLowMemoryKill           // killed for low memory, without Canceled (docs/windows-model.md#injected-faults [documented])
	FaultPolicyCancel            // the system cancels with a policy reason (docs/windows-model.md#cancellation)
)

var faultKinds = enumTable[FaultKind]{"fault kind", []string{"", "kill_host", "low_memory_kill", "policy_cancel"}}

// String returns the name used in scenario files and traces.
func (k FaultKind) String() string { return faultKinds.str(k) }

// ParseFaultKind parses kill_host, low_memory_kill or policy_cancel.
func ParseFaultKind(s string) (FaultKind, error) { return faultKinds.parse(s) }

// FaultKinds lists every valid value.
func FaultKinds() []FaultKind { return faultKinds.values() }

// PolicyCancelReasons are the cancellation reasons no other engine rule produces, which a
// policy_cancel fault may inject (docs/windows-model.md#injected-faults): Terminating, LoggingOff, Uninstall, SystemPolicy,
// ResourceRevocation and QuietHoursEntered (not used since Windows 10, kept for old apps).
func PolicyCancelReasons() []CancellationReason {
	return []CancellationReason{ReasonTerminating, ReasonLoggingOff, ReasonUninstall,
		ReasonSystemPolicy, ReasonResourceRevocation, ReasonQuietHoursEntered}
}

// Fault is one injected fault: Kind, applied to every running instance of the registrations
// named Task; Reason is the cancellation reason of a FaultPolicyCancel (one of
// PolicyCancelReasons) and must be zero otherwise.
type Fault struct {
	Kind   FaultKind
	Task   string
	Reason CancellationReason
}

// InjectFault applies f now and returns how many instances it hit (none running is not an
// error). A fault record comes first, then the effects:
//   - kill_host: the host is terminated (cause=kill_host) and the completion reports an error;
//   - low_memory_kill: the same, cause=low_memory_kill, with no Canceled event (docs/windows-model.md#injected-faults [documented]);
//   - policy_cancel: Canceled with the reason, then the usual grace period (docs/windows-model.md#grace-period).
//
// Killing the host of an in-process task kills the app process, with every in-process instance
// (docs/windows-model.md#in-process-cancellation [documented]).
func (e *Engine) InjectFault(f Fault) (int, error) {
	defer e.disown(e.own("Engine.InjectFault"))
	if !faultKinds.valid(f.Kind) {
		return 0, fmt.Errorf("cannot inject fault: kind %d is not kill_host, low_memory_kill or policy_cancel", uint8(f.Kind))
	}
	if f.Kind == FaultPolicyCancel {
		ok := false
		for _, r := range PolicyCancelReasons() {
			ok = ok || r == f.Reason
		}
		if !ok {
			return 0, fmt.Errorf("cannot inject policy_cancel: reason %v is not one of %v", f.Reason, PolicyCancelReasons())
		}
	} else if f.Reason != ReasonInvalid {
		return 0, fmt.Errorf("cannot inject %v: only policy_cancel takes a reason", f.Kind)
	}
	defer e.enter()()
	var hit []*Instance
	for _, in := range e.running {
		if !in.finished && in.reg.name == f.Task {
			hit = append(hit, in)
		}
	}
	detail := "kind=" + f.Kind.String()
	if f.Kind == FaultPolicyCancel {
		detail += " reason=" + f.Reason.String()
	}
	e.emit(Record{Kind: KindFault, Task: f.Task, Detail: detail + " instances=" + strconv.Itoa(len(hit))})
	for _, in := range hit {
		switch f.Kind {
		case FaultPolicyCancel:
			e.cancel(in, f.Reason)
		default:
			e.kill(in, f.Kind.String())
		}
	}
	return len(hit), nil
}
