package invariants

import (
	"strconv"
	"strings"

	"github.com/bgsim/bgsim/simulator"
)

// DetailField returns the value of the field key in a record's Detail, unquoted, and whether
// the detail has it. A detail is fields "key=value" joined by single spaces, a value either a
// bare word or Go-quoted (a name the app chose, which may hold spaces, "=" and quotes), so a
// key is looked for only where a field starts, never inside a quoted value. A field that does
// not read as key=value ends the reading.
func DetailField(detail, key string) (string, bool) {
	rest := detail
	for rest != "" {
		k, after, ok := strings.Cut(rest, "=")
		if !ok || k == "" || strings.ContainsAny(k, " \"") {
			return "", false
		}
		var v string
		if strings.HasPrefix(after, `"`) {
			q, err := strconv.QuotedPrefix(after)
			if err != nil {
				return "", false
			}
			if v, err = strconv.Unquote(q); err != nil {
				return "", false
			}
			after = after[len(q):]
		} else {
			end := strings.IndexByte(after, ' ')
			if end < 0 {
				end = len(after)
			}
			v, after = after[:end], after[end:]
		}
		if k == key {
			return v, true
		}
		if after != "" && after[0] != ' ' {
			return "", false // a quoted value runs into the next field
		}
		rest = strings.TrimPrefix(after, " ")
	}
	return "", false
}

// NetworkRequested reports whether a register record's fields say IsNetworkRequested.
// simulator.Registration has no accessor for it, so it is read from the record's own
// network_requested field (see DetailField).
func NetworkRequested(registerDetail string) bool {
	v, _ := DetailField(registerDetail, "network_requested")
	return v == "true"
}

// RegistrationOf returns the registration numbered num on e, grouped or not, or nil.
func RegistrationOf(e *simulator.Engine, num int) *simulator.Registration {
	for _, reg := range e.AllTasks() {
		if reg.Number() == num {
			return reg
		}
	}
	for _, g := range e.AllTaskGroups() {
		for _, reg := range g.AllTasks() {
			if reg.Number() == num {
				return reg
			}
		}
	}
	return nil
}
