package harness

import (
	"fmt"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// HaveDelivered succeeds when a completion of the registration named task reached the app's
// Completed handlers (a delivered record, spec §7). Refine with WithResult.
func HaveDelivered(task string) *DeliveryMatcher {
	return &DeliveryMatcher{newRecordMatcher("HaveDelivered", simulator.KindDelivered).Task(task)}
}

// DeliveryMatcher is a RecordMatcher for delivered and dropped records, which also filters by
// result.
type DeliveryMatcher struct{ *RecordMatcher }

// WithResult keeps only completions with that result.
func (m *DeliveryMatcher) WithResult(result simulator.Result) *DeliveryMatcher {
	c := *m.RecordMatcher
	c.what = "result=" + result.String()
	c.pred = func(r *simulator.Record) bool { return r.Result == result }
	if result != simulator.ResultOK && result != simulator.ResultError && c.err == nil {
		c.err = fmt.Errorf("%s: WithResult(%v): want simulator.ResultOK or ResultError", c.name, result)
	}
	return &DeliveryMatcher{&c}
}

// Times is RecordMatcher.Times.
func (m *DeliveryMatcher) Times(n int) *DeliveryMatcher {
	return &DeliveryMatcher{m.RecordMatcher.Times(n)}
}

// At is RecordMatcher.At.
func (m *DeliveryMatcher) At(offset time.Duration) *DeliveryMatcher {
	return &DeliveryMatcher{m.RecordMatcher.At(offset)}
}

// Within is RecordMatcher.Within.
func (m *DeliveryMatcher) Within(from, to time.Duration) *DeliveryMatcher {
	return &DeliveryMatcher{m.RecordMatcher.Within(from, to)}
}

// Instance is RecordMatcher.Instance.
func (m *DeliveryMatcher) Instance(n int) *DeliveryMatcher {
	return &DeliveryMatcher{m.RecordMatcher.Instance(n)}
}
