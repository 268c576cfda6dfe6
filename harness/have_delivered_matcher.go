package harness

import (
	"fmt"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// HaveDelivered succeeds when a completion of the registration named task reached the app's
// Completed handlers (a delivered record). Refine with WithResult.
func HaveDelivered(task string) *ResultMatcher {
	return &ResultMatcher{newRecordMatcher("HaveDelivered", simulator.KindDelivered).Task(task)}
}

// ResultMatcher is the RecordMatcher of completed, delivered and dropped records (HaveCompleted,
// HaveDelivered, HaveDropped), which also filters by result.
type ResultMatcher struct{ *RecordMatcher }

// DeliveryMatcher is the former name of ResultMatcher.
//
// Deprecated: use ResultMatcher.
type DeliveryMatcher = ResultMatcher

// WithResult keeps only completions with that result.
func (m *ResultMatcher) WithResult(result simulator.Result) *ResultMatcher {
	var err error
	if result != simulator.ResultOK && result != simulator.ResultError {
		err = fmt.Errorf("%s: WithResult(%v): %[2]v is not a result (want simulator.ResultOK or ResultError)", m.name, result)
	}
	return &ResultMatcher{m.with("result="+result.String(), func(r *simulator.Record) bool { return r.Result == result }, err)}
}

// Task is RecordMatcher.Task.
func (m *ResultMatcher) Task(name string) *ResultMatcher {
	return &ResultMatcher{m.RecordMatcher.Task(name)}
}

// Times is RecordMatcher.Times.
func (m *ResultMatcher) Times(n int) *ResultMatcher {
	return &ResultMatcher{m.RecordMatcher.Times(n)}
}

// At is RecordMatcher.At.
func (m *ResultMatcher) At(offset time.Duration) *ResultMatcher {
	return &ResultMatcher{m.RecordMatcher.At(offset)}
}

// Within is RecordMatcher.Within.
func (m *ResultMatcher) Within(from, to time.Duration) *ResultMatcher {
	return &ResultMatcher{m.RecordMatcher.Within(from, to)}
}

// Instance is RecordMatcher.Instance.
func (m *ResultMatcher) Instance(n int) *ResultMatcher {
	return &ResultMatcher{m.RecordMatcher.Instance(n)}
}
