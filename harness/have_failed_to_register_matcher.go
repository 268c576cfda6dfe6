package harness

import (
	"errors"
	"fmt"

	"github.com/bgsim/bgsim/simulator"
)

// HaveFailedToRegister succeeds when a registration was refused with the code of err, one of the
// simulator's sentinels (simulator.ErrClassNotRegistered, ...) or any *simulator.RegisterError: a
// register_failed record, which is how a refusal shows in the trace (spec §6). Narrow it to a
// name with Task.
func HaveFailedToRegister(err error) *RecordMatcher {
	m := newRecordMatcher("HaveFailedToRegister", simulator.KindRegisterFailed)
	var re *simulator.RegisterError
	if !errors.As(err, &re) {
		m.err = fmt.Errorf("HaveFailedToRegister: want a *simulator.RegisterError such as simulator.ErrClassNotRegistered, got %T", err)
		return m
	}
	code := re.Code
	m.what = "error=" + code.String()
	m.pred = func(r *simulator.Record) bool { return r.Code == code }
	return m
}
