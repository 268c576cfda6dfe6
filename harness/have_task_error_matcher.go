package harness

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// HaveTaskError succeeds when code of the registration named task failed: it panicked, or a
// goroutine task returned an error (a task_error record, whose msg is the text). Refine with
// WithMessage:
//
//	Expect(sim).To(HaveTaskError("Sync").WithMessage("connection refused").Times(1))
//
// A panic in the app's Completed or Progress handler is a task_error record that names no task:
// HaveTaskError("") matches those too.
func HaveTaskError(task string) *TaskErrorMatcher {
	return &TaskErrorMatcher{newRecordMatcher("HaveTaskError", simulator.KindTaskError).Task(task)}
}

// TaskErrorMatcher is the RecordMatcher HaveTaskError returns, which also filters by message.
type TaskErrorMatcher struct{ *RecordMatcher }

// WithMessage keeps only errors whose message contains substring ("panic in Run: " for a
// panic, then its value).
func (m *TaskErrorMatcher) WithMessage(substring string) *TaskErrorMatcher {
	var err error
	if substring == "" {
		err = fmt.Errorf("%s: WithMessage(\"\"): an empty substring matches every message", m.name)
	}
	return &TaskErrorMatcher{m.with("msg~="+strconv.Quote(substring), func(r *simulator.Record) bool {
		return strings.Contains(taskErrorMessage(r), substring)
	}, err)}
}

// taskErrorMessage returns the msg of a task_error record, unquoted.
func taskErrorMessage(r *simulator.Record) string {
	msg, ok := strings.CutPrefix(r.Detail, "msg=")
	if !ok {
		return r.Detail
	}
	if u, err := strconv.Unquote(msg); err == nil {
		return u
	}
	return msg
}

// Task is RecordMatcher.Task.
func (m *TaskErrorMatcher) Task(name string) *TaskErrorMatcher {
	return &TaskErrorMatcher{m.RecordMatcher.Task(name)}
}

// Times is RecordMatcher.Times.
func (m *TaskErrorMatcher) Times(n int) *TaskErrorMatcher {
	return &TaskErrorMatcher{m.RecordMatcher.Times(n)}
}

// At is RecordMatcher.At.
func (m *TaskErrorMatcher) At(offset time.Duration) *TaskErrorMatcher {
	return &TaskErrorMatcher{m.RecordMatcher.At(offset)}
}

// Within is RecordMatcher.Within.
func (m *TaskErrorMatcher) Within(from, to time.Duration) *TaskErrorMatcher {
	return &TaskErrorMatcher{m.RecordMatcher.Within(from, to)}
}

// Instance is RecordMatcher.Instance.
func (m *TaskErrorMatcher) Instance(n int) *TaskErrorMatcher {
	return &TaskErrorMatcher{m.RecordMatcher.Instance(n)}
}
