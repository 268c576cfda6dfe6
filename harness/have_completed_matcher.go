package harness

import "github.com/bgsim/bgsim/simulator"

// TaskOrResult is what HaveCompleted takes: a registration's name, or (the deprecated form) a
// result.
type TaskOrResult interface {
	string | simulator.Result
}

// HaveCompleted succeeds when an instance of the registration named task finished (a completed
// record). Refine with WithResult: ResultOK for a clean finish, ResultError when its code
// panicked or returned an error, or its host was terminated.
//
//	Expect(sim).To(HaveCompleted("Sync").WithResult(simulator.ResultOK).Times(1))
//
// Deprecated form: HaveCompleted(result) matches any task's instance that finished with that
// result, narrowed with Task; it is HaveCompleted("").WithResult(result), and is kept so that
// older specs compile. Write HaveCompleted(task).WithResult(result).
func HaveCompleted[T TaskOrResult](taskOrResult T) *ResultMatcher {
	m := &ResultMatcher{newRecordMatcher("HaveCompleted", simulator.KindCompleted)}
	switch v := any(taskOrResult).(type) {
	case simulator.Result:
		return m.WithResult(v)
	case string:
		return m.Task(v)
	}
	return m // unreachable: TaskOrResult has no other type
}
