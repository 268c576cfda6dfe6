package scenarios

import (
	"strconv"
	"strings"

	"github.com/bgsim/bgsim/simulator"
)

// sameTask matches the kind and task; a signal answered UnknownError or DisabledByPolicy with
// no ApplicationTrigger registration names no task and matches any signal_result expectation.
func (x *Expectation) sameTask(r *simulator.Record) bool {
	return r.Kind == x.Kind && (r.Task == x.Task || x.Kind == simulator.KindSignalResult && r.Task == "")
}

func (x *Expectation) matches(r *simulator.Record) bool {
	switch {
	case !x.sameTask(r):
		return false
	case x.At != nil && r.At != *x.At:
		return false
	case x.Between != nil && (r.At < x.Between[0] || r.At > x.Between[1]):
		return false
	case x.Reason != simulator.ReasonInvalid && r.Reason != x.Reason:
		return false
	case x.Result != simulator.ResultNone && r.Result != x.Result:
		return false
	case x.Signal != simulator.SignalInvalid && r.Signal != x.Signal:
		return false
	case x.Value != nil && r.Value != *x.Value:
		return false
	case x.Error != simulator.RegisterErrorInvalid && r.Code != x.Error:
		return false
	case x.Instance != 0 && r.Instance != x.Instance:
		return false
	}
	return true
}

// describe renders the expectation as one phrase: "run Foo at +00:10:00.000 result=ok".
func (x *Expectation) describe() string {
	parts := []string{x.Kind.String() + " " + x.Task}
	if x.At != nil {
		parts = append(parts, "at "+simulator.FormatOffset(*x.At))
	}
	if x.Between != nil {
		parts = append(parts, "between "+simulator.FormatOffset(x.Between[0])+" and "+simulator.FormatOffset(x.Between[1]))
	}
	if x.Reason != simulator.ReasonInvalid {
		parts = append(parts, "reason="+x.Reason.String())
	}
	if x.Result != simulator.ResultNone {
		parts = append(parts, "result="+x.Result.String())
	}
	if x.Signal != simulator.SignalInvalid {
		parts = append(parts, "result="+x.Signal.String())
	}
	if x.Value != nil {
		parts = append(parts, "value="+strconv.FormatUint(uint64(*x.Value), 10))
	}
	if x.Error != simulator.RegisterErrorInvalid {
		parts = append(parts, "error="+x.Error.String())
	}
	if x.Instance != 0 {
		parts = append(parts, "instance="+strconv.Itoa(x.Instance))
	}
	return strings.Join(parts, " ")
}
