package harness

import (
	"fmt"
	"strings"

	"github.com/google/go-cmp/cmp"
)

// divergenceContext is how many lines firstDivergence shows before the first difference, and
// of each side from it: as many as "bgsim run" shows for a trace that differs from its
// recording.
const divergenceContext = 3

// traceLines splits a canonical trace text into its lines, without the final newline's empty
// line.
func traceLines(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

// wholeLines makes go-cmp compare trace lines as whole values, so that a changed line shows as
// the recorded line and the replayed line, never as a diff of their bytes.
var wholeLines = cmp.Comparer(func(a, b string) bool { return a == b })

// lineDiff is a go-cmp diff of two traces as slices of lines ("-" want, "+" got): every
// differing line appears whole, runs of identical lines are counted, not shown.
func lineDiff(want, got string) string {
	return cmp.Diff(traceLines(want), traceLines(got), wholeLines)
}

// firstDivergence describes where two traces first differ, as "bgsim run" does for a scenario
// whose trace differs from its recording: the line number, up to divergenceContext lines
// before it, then up to divergenceContext lines of each side from it ("-" want, "+" got). Each
// trace line starts with its virtual time. It returns "" when the traces are equal.
func firstDivergence(want, got string) string {
	w, g := traceLines(want), traceLines(got)
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	if i == len(w) && i == len(g) {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d:", i+1)
	for _, l := range w[max(0, i-divergenceContext):i] {
		b.WriteString("\n    " + l)
	}
	side := func(mark string, ls []string, end string) {
		if i >= len(ls) {
			b.WriteString("\n  " + mark + " " + end)
			return
		}
		for _, l := range ls[i:min(len(ls), i+divergenceContext)] {
			b.WriteString("\n  " + mark + " " + l)
		}
	}
	side("-", w, "(end of trace)")
	side("+", g, "(end of trace)")
	return b.String()
}
