package harness

import (
	"fmt"

	"github.com/bgsim/bgsim/simulator"
)

// HaveBeenCanceled succeeds when an instance was canceled with that reason (a canceled record,
// spec §4). Any task's instance counts; narrow it with Task.
func HaveBeenCanceled(reason simulator.CancellationReason) *RecordMatcher {
	m := newRecordMatcher("HaveBeenCanceled", simulator.KindCanceled)
	m.what = "reason=" + reason.String()
	m.pred = func(r *simulator.Record) bool { return r.Reason == reason }
	if !reason.Valid() {
		m.err = fmt.Errorf("HaveBeenCanceled: %v is not a cancellation reason", reason)
	}
	return m
}
