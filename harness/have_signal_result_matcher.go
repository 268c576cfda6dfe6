package harness

import (
	"fmt"
	"slices"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// HaveSignalResult succeeds when ApplicationTrigger.RequestAsync answered a signal of the
// registration named task (a signal_result record). Refine with WithResult:
//
//	Expect(sim).To(HaveSignalResult("Sync").WithResult(simulator.SignalCurrentlyRunning).At(time.Minute))
//
// As in scenario files, a signal_result record that names no task (the app had no
// ApplicationTrigger registration to signal, or no background access) matches any task.
func HaveSignalResult(task string) *SignalResultMatcher {
	m := newRecordMatcher("HaveSignalResult", simulator.KindSignalResult).Task(task)
	m.taskless = true
	return &SignalResultMatcher{m}
}

// SignalResultMatcher is the RecordMatcher HaveSignalResult returns, which also filters by the
// ApplicationTriggerResult.
type SignalResultMatcher struct{ *RecordMatcher }

// WithResult keeps only answers with that result.
func (m *SignalResultMatcher) WithResult(result simulator.ApplicationTriggerResult) *SignalResultMatcher {
	var err error
	if !slices.Contains(simulator.ApplicationTriggerResults(), result) {
		err = fmt.Errorf("%s: WithResult(%v): %[2]v is not an ApplicationTriggerResult (want simulator.SignalAllowed, ...)", m.name, result)
	}
	return &SignalResultMatcher{m.with("result="+result.String(), func(r *simulator.Record) bool { return r.Signal == result }, err)}
}

// Task is RecordMatcher.Task.
func (m *SignalResultMatcher) Task(name string) *SignalResultMatcher {
	return &SignalResultMatcher{m.RecordMatcher.Task(name)}
}

// Times is RecordMatcher.Times.
func (m *SignalResultMatcher) Times(n int) *SignalResultMatcher {
	return &SignalResultMatcher{m.RecordMatcher.Times(n)}
}

// At is RecordMatcher.At.
func (m *SignalResultMatcher) At(offset time.Duration) *SignalResultMatcher {
	return &SignalResultMatcher{m.RecordMatcher.At(offset)}
}

// Within is RecordMatcher.Within.
func (m *SignalResultMatcher) Within(from, to time.Duration) *SignalResultMatcher {
	return &SignalResultMatcher{m.RecordMatcher.Within(from, to)}
}

// Instance is RecordMatcher.Instance.
func (m *SignalResultMatcher) Instance(n int) *SignalResultMatcher {
	return &SignalResultMatcher{m.RecordMatcher.Instance(n)}
}
