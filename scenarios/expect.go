package scenarios

import (
	"fmt"
	"slices"
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
	case x.Waiting != "" && !hasField(r.Detail, "waiting="+x.Waiting):
		return false
	case x.Arguments != nil && !sameArguments(r.Detail, x.Arguments):
		return false
	}
	for _, f := range x.Fields {
		if !hasField(r.Detail, f) {
			return false
		}
	}
	return true
}

// hasField reports whether the record detail has the field key=value, as one token.
func hasField(detail, field string) bool {
	for _, f := range strings.Fields(detail) {
		if f == field {
			return true
		}
	}
	return false
}

// sameArguments reports whether a run record's detail carries exactly the arguments: the
// engine writes them sorted by key as arguments=k:v,k:v, quoted when they need it; none, no
// arguments field.
func sameArguments(detail string, args map[string]string) bool {
	if len(args) == 0 {
		return !strings.Contains(detail, " arguments=") && !strings.HasPrefix(detail, "arguments=")
	}
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k + ":" + args[k])
	}
	want := "arguments=" + quoteField(b.String())
	return strings.Contains(" "+detail+" ", " "+want+" ")
}

// quoteField quotes a trace field value as the text trace does: when it is empty or holds a
// blank, a quote, an equals sign or a backslash.
func quoteField(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n\r\"=\\") {
		return s
	}
	return strconv.Quote(s)
}

// listed follows a registered expectation through the register and unregister records up to
// its offset: it returns the change to the number of listed registrations (+1, -1 or 0).
// counted remembers which registration numbers were counted.
func (x *Expectation) listed(r *simulator.Record, counted map[int]bool) int {
	if r.Task != x.Task || r.At > *x.At {
		return 0
	}
	switch r.Kind {
	case simulator.KindRegister:
		if groupOf(r.Detail) == x.Group {
			counted[r.TaskNum] = true
			return 1
		}
	case simulator.KindUnregister:
		if counted[r.TaskNum] {
			delete(counted, r.TaskNum)
			return -1
		}
	}
	return 0
}

// groupOf returns the group= field of a register record, or "".
func groupOf(detail string) string {
	for _, f := range strings.Fields(detail) {
		if g, ok := strings.CutPrefix(f, "group="); ok {
			if u, err := strconv.Unquote(g); err == nil {
				return u
			}
			return g
		}
	}
	return ""
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
	if x.Waiting != "" {
		parts = append(parts, "waiting="+x.Waiting)
	}
	if x.Arguments != nil {
		parts = append(parts, "arguments="+fmt.Sprint(x.Arguments))
	}
	if x.Registered {
		parts[0] = "registered " + x.Task
		if x.Group != "" {
			parts = append(parts, "group="+x.Group)
		}
	}
	if x.Kind == simulator.KindDevice {
		parts[0] = "device " + strings.Join(x.Fields, " ")
	}
	return strings.Join(parts, " ")
}
