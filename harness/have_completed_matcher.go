package harness

import (
	"fmt"

	"github.com/bgsim/bgsim/simulator"
)

// HaveCompleted succeeds when an instance finished with that result (a completed record):
// ResultOK for a clean finish, ResultError when its code panicked or its host was terminated.
// Any task's instance counts; narrow it with Task.
func HaveCompleted(result simulator.Result) *RecordMatcher {
	m := newRecordMatcher("HaveCompleted", simulator.KindCompleted)
	m.what = "result=" + result.String()
	m.pred = func(r *simulator.Record) bool { return r.Result == result }
	if result != simulator.ResultOK && result != simulator.ResultError {
		m.err = fmt.Errorf("HaveCompleted: %v is not a result (want simulator.ResultOK or ResultError)", result)
	}
	return m
}
