package harness

import (
	"fmt"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// TaskOrReason is what HaveBeenCanceled takes: a registration's name, or (the deprecated form) a
// cancellation reason.
type TaskOrReason interface {
	string | simulator.CancellationReason
}

// HaveBeenCanceled succeeds when an instance of the registration named task was canceled (a
// canceled record). Refine with WithReason:
//
//	Expect(sim).To(HaveBeenCanceled("Sync").WithReason(simulator.ReasonAbort).At(time.Minute))
//
// Deprecated form: HaveBeenCanceled(reason) matches any task's instance canceled with that reason,
// narrowed with Task; it is HaveBeenCanceled("").WithReason(reason), and is kept so that older
// specs compile. Write HaveBeenCanceled(task).WithReason(reason).
func HaveBeenCanceled[T TaskOrReason](taskOrReason T) *CancelMatcher {
	m := &CancelMatcher{newRecordMatcher("HaveBeenCanceled", simulator.KindCanceled)}
	switch v := any(taskOrReason).(type) {
	case simulator.CancellationReason:
		return m.WithReason(v)
	case string:
		return m.Task(v)
	}
	return m // unreachable: TaskOrReason has no other type
}

// CancelMatcher is the RecordMatcher HaveBeenCanceled returns, which also filters by reason.
type CancelMatcher struct{ *RecordMatcher }

// WithReason keeps only cancellations with that reason.
func (m *CancelMatcher) WithReason(reason simulator.CancellationReason) *CancelMatcher {
	var err error
	if !reason.Valid() {
		err = fmt.Errorf("%s: WithReason(%v): %[2]v is not a cancellation reason", m.name, reason)
	}
	return &CancelMatcher{m.with("reason="+reason.String(), func(r *simulator.Record) bool { return r.Reason == reason }, err)}
}

// Task is RecordMatcher.Task.
func (m *CancelMatcher) Task(name string) *CancelMatcher {
	return &CancelMatcher{m.RecordMatcher.Task(name)}
}

// Times is RecordMatcher.Times.
func (m *CancelMatcher) Times(n int) *CancelMatcher {
	return &CancelMatcher{m.RecordMatcher.Times(n)}
}

// At is RecordMatcher.At.
func (m *CancelMatcher) At(offset time.Duration) *CancelMatcher {
	return &CancelMatcher{m.RecordMatcher.At(offset)}
}

// Within is RecordMatcher.Within.
func (m *CancelMatcher) Within(from, to time.Duration) *CancelMatcher {
	return &CancelMatcher{m.RecordMatcher.Within(from, to)}
}

// Instance is RecordMatcher.Instance.
func (m *CancelMatcher) Instance(n int) *CancelMatcher {
	return &CancelMatcher{m.RecordMatcher.Instance(n)}
}
