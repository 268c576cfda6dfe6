package scenarios

import (
	"fmt"
	"strings"
)

// contextLines is how many lines of context a trace mismatch shows on each side.
const contextLines = 3

// checkTrace compares the recorded trace block with this replay's trace. A file without a trace
// block passes. A mismatch is one Failure at the first diverging line of the block, showing a
// few lines of context, the recorded lines ("-") and the replayed ones ("+").
func checkTrace(s *Scenario, got string) (Failure, bool) {
	if s.Trace == nil || s.Trace.Text == got {
		return Failure{}, true
	}
	want, have := splitLines(s.Trace.Text), splitLines(got)
	i := 0
	for i < len(want) && i < len(have) && want[i] == have[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "trace differs from the recording at line %d of the trace block (run with --update to re-record, then read the diff):", i+1)
	for _, l := range want[max(0, i-contextLines):i] {
		b.WriteString("\n    " + l)
	}
	for _, l := range want[i:min(len(want), i+contextLines)] {
		b.WriteString("\n  - " + l)
	}
	if i >= len(want) {
		b.WriteString("\n  - (end of recording)")
	}
	for _, l := range have[i:min(len(have), i+contextLines)] {
		b.WriteString("\n  + " + l)
	}
	if i >= len(have) {
		b.WriteString("\n  + (end of replay)")
	}
	return Failure{File: s.File, Line: s.Trace.Pos.Line + 1 + i, Col: s.Trace.Pos.Col + 2, Msg: b.String()}, false
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
