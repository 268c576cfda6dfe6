package harness

import (
	"errors"
	"fmt"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// HaveFailedToRegister succeeds when registering the name task was refused: a register_failed
// record, which is how a refusal shows in the trace. Refine with WithError:
//
//	Expect(sim).To(HaveFailedToRegister("Sync").WithError(simulator.ErrClassNotRegistered))
//
// taskOrErr is a string, the registration's name. Deprecated form: an error, as WithError takes
// it, matches a refusal of any name with that code, narrowed with Task; it is
// HaveFailedToRegister("").WithError(err), and is kept so that older specs compile. Anything
// else makes Match return an error.
func HaveFailedToRegister(taskOrErr any) *RegisterFailedMatcher {
	m := &RegisterFailedMatcher{newRecordMatcher("HaveFailedToRegister", simulator.KindRegisterFailed)}
	switch v := taskOrErr.(type) {
	case string:
		return m.Task(v)
	case error:
		return m.WithError(v)
	}
	m.err = fmt.Errorf("HaveFailedToRegister: want the registration's name (a string), got %T", taskOrErr)
	return m
}

// RegisterFailedMatcher is the RecordMatcher HaveFailedToRegister returns, which also filters by
// the refusal's code.
type RegisterFailedMatcher struct{ *RecordMatcher }

// WithError keeps only refusals with the code of err, one of the simulator's sentinels
// (simulator.ErrClassNotRegistered, ...) or any *simulator.RegisterError.
func (m *RegisterFailedMatcher) WithError(err error) *RegisterFailedMatcher {
	var re *simulator.RegisterError
	if !errors.As(err, &re) {
		bad := fmt.Errorf("%s: WithError: want a *simulator.RegisterError such as simulator.ErrClassNotRegistered, got %T", m.name, err)
		return &RegisterFailedMatcher{m.with("", func(*simulator.Record) bool { return false }, bad)}
	}
	code := re.Code
	return &RegisterFailedMatcher{m.with("error="+code.String(), func(r *simulator.Record) bool { return r.Code == code }, nil)}
}

// Task is RecordMatcher.Task.
func (m *RegisterFailedMatcher) Task(name string) *RegisterFailedMatcher {
	return &RegisterFailedMatcher{m.RecordMatcher.Task(name)}
}

// Times is RecordMatcher.Times.
func (m *RegisterFailedMatcher) Times(n int) *RegisterFailedMatcher {
	return &RegisterFailedMatcher{m.RecordMatcher.Times(n)}
}

// At is RecordMatcher.At.
func (m *RegisterFailedMatcher) At(offset time.Duration) *RegisterFailedMatcher {
	return &RegisterFailedMatcher{m.RecordMatcher.At(offset)}
}

// Within is RecordMatcher.Within.
func (m *RegisterFailedMatcher) Within(from, to time.Duration) *RegisterFailedMatcher {
	return &RegisterFailedMatcher{m.RecordMatcher.Within(from, to)}
}

// Instance is RecordMatcher.Instance.
func (m *RegisterFailedMatcher) Instance(n int) *RegisterFailedMatcher {
	return &RegisterFailedMatcher{m.RecordMatcher.Instance(n)}
}
