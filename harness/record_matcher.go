package harness

import (
	"fmt"
	"strings"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// maxContextLines caps how many trace lines a failure message shows.
const maxContextLines = 40

// RecordMatcher is the matcher behind every record matcher (HaveRun, HaveLatched,
// HaveCompletedDeferral, HaveBeenCanceled, HaveCompleted, HaveDelivered, HaveDropped,
// HaveFailedToRegister, HaveSignalResult, HaveTaskError): it counts the trace records of one
// kind that pass its filters. Without [RecordMatcher.Times] it matches
// when there is at least one; with it, when there are exactly n (Times(0): never).
//
// The refinements return a new matcher and leave the receiver as it was, so a matcher can be
// kept in a variable and refined in several ways.
type RecordMatcher struct {
	name     string // the constructor, for messages: "HaveRun"
	kind     simulator.RecordKind
	what     string // the kind-specific part of the description: "reason=Abort"
	pred     func(*simulator.Record) bool
	err      error // a bad argument, reported by Match
	task     string
	taskless bool // records that name no task match too (signal_result)
	instance int
	times    int
	hasTimes bool
	at       time.Duration
	hasAt    bool
	from, to time.Duration
	within   bool

	found   []simulator.Record // set by Match, for the messages
	records []simulator.Record
}

func newRecordMatcher(name string, kind simulator.RecordKind) *RecordMatcher {
	return &RecordMatcher{name: name, kind: kind}
}

// with returns a copy that keeps only records pred accepts, described as what; a non-nil err is
// the argument error Match reports (the first one wins).
func (m *RecordMatcher) with(what string, pred func(*simulator.Record) bool, err error) *RecordMatcher {
	c := *m
	c.what, c.pred = what, pred
	if err != nil && c.err == nil {
		c.err = err
	}
	return &c
}

// Task keeps only records of the registration with that name.
func (m *RecordMatcher) Task(name string) *RecordMatcher {
	c := *m
	c.task = name
	return &c
}

// Instance keeps only records of instance n ("instance=n" in the trace).
func (m *RecordMatcher) Instance(n int) *RecordMatcher {
	c := *m
	c.instance = n
	if n <= 0 && c.err == nil {
		c.err = fmt.Errorf("%s: Instance(%d): instances are numbered from 1", m.name, n)
	}
	return &c
}

// Times requires exactly n matching records; Times(0) says it never happened.
func (m *RecordMatcher) Times(n int) *RecordMatcher {
	c := *m
	c.times, c.hasTimes = n, true
	if n < 0 && c.err == nil {
		c.err = fmt.Errorf("%s: Times(%d): negative count", m.name, n)
	}
	return &c
}

// At keeps only records at exactly that offset from the simulation start.
func (m *RecordMatcher) At(offset time.Duration) *RecordMatcher {
	c := *m
	c.at, c.hasAt = offset, true
	return &c
}

// Within keeps only records at an offset in [from, to], both inclusive.
func (m *RecordMatcher) Within(from, to time.Duration) *RecordMatcher {
	c := *m
	c.from, c.to, c.within = from, to, true
	if to < from && c.err == nil {
		c.err = fmt.Errorf("%s: Within(%v, %v): the end is before the start", m.name, from, to)
	}
	return &c
}

// Match implements types.GomegaMatcher. It returns an error when actual is not a trace (see
// [RecordsOf]) or an argument of the matcher is invalid.
func (m *RecordMatcher) Match(actual any) (bool, error) {
	recs, err := RecordsOf(actual)
	if err != nil {
		return false, fmt.Errorf("%s: %w", m.name, err)
	}
	if m.err != nil {
		return false, m.err
	}
	m.records, m.found = recs, nil
	for i := range recs {
		if m.accepts(&recs[i]) {
			m.found = append(m.found, recs[i])
		}
	}
	if m.hasTimes {
		return len(m.found) == m.times, nil
	}
	return len(m.found) > 0, nil
}

func (m *RecordMatcher) accepts(r *simulator.Record) bool {
	switch {
	case r.Kind != m.kind,
		m.task != "" && r.Task != m.task && !(m.taskless && r.Task == ""),
		m.instance != 0 && r.Instance != m.instance,
		m.hasAt && r.At != m.at,
		m.within && (r.At < m.from || r.At > m.to),
		m.pred != nil && !m.pred(r):
		return false
	}
	return true
}

// FailureMessage implements types.GomegaMatcher.
func (m *RecordMatcher) FailureMessage(any) string {
	return fmt.Sprintf("Expected the trace to have %s\n%s", m.describe(), m.evidence())
}

// NegatedFailureMessage implements types.GomegaMatcher.
func (m *RecordMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("Expected the trace not to have %s\n%s", m.describe(), m.evidence())
}

// describe renders what is expected: "run ExampleBackgroundTask instance=2, 2 times, at +00:10:00.000".
func (m *RecordMatcher) describe() string {
	parts := []string{m.kind.String()}
	if m.task != "" {
		parts = append(parts, m.task)
	}
	if m.what != "" {
		parts = append(parts, m.what)
	}
	if m.instance != 0 {
		parts = append(parts, fmt.Sprintf("instance=%d", m.instance))
	}
	s := strings.Join(parts, " ")
	if m.hasTimes {
		s += fmt.Sprintf(", exactly %d time%s", m.times, plural(m.times))
	}
	if m.hasAt {
		s += ", at " + simulator.FormatOffset(m.at)
	}
	if m.within {
		s += ", within " + simulator.FormatOffset(m.from) + " to " + simulator.FormatOffset(m.to)
	}
	return s
}

// evidence lists what was found, the near misses (records of the kind and task that failed the
// other filters: the one the spec meant is usually among them), and the trace lines that matter:
// every record of the task when one is named, else every record of the kind, else the whole
// trace.
func (m *RecordMatcher) evidence() string {
	var b strings.Builder
	fmt.Fprintf(&b, "found %d matching record%s", len(m.found), plural(len(m.found)))
	if len(m.found) > 0 {
		b.WriteString(":\n")
		writeLines(&b, m.found)
	} else {
		b.WriteString("\n")
	}
	if m.task != "" {
		near := m.filter(func(r *simulator.Record) bool {
			return r.Kind == m.kind && r.Task == m.task && (m.instance == 0 || r.Instance == m.instance)
		})
		if len(near) > len(m.found) {
			fmt.Fprintf(&b, "%s records of %s, whatever the other filters (%d):\n", m.kind, m.task, len(near))
			writeLines(&b, near)
		}
	}
	var ctx []simulator.Record
	label := ""
	switch {
	case m.task != "" && m.instance != 0:
		ctx = m.filter(func(r *simulator.Record) bool {
			return r.Task == m.task && (r.Instance == 0 || r.Instance == m.instance)
		})
		label = fmt.Sprintf("records of %s instance=%d", m.task, m.instance)
	case m.task != "":
		ctx, label = m.filter(func(r *simulator.Record) bool { return r.Task == m.task }), "records of "+m.task
	default:
		ctx, label = m.filter(func(r *simulator.Record) bool { return r.Kind == m.kind }), m.kind.String()+" records"
	}
	if len(ctx) == 0 {
		ctx, label = m.records, "no "+label+"; the whole trace"
	}
	fmt.Fprintf(&b, "the trace lines that matter (%s, %d of %d lines):\n", label, len(ctx), len(m.records))
	if len(ctx) == 0 {
		b.WriteString("    (the trace is empty)\n")
	}
	writeLines(&b, ctx)
	return b.String()
}

func (m *RecordMatcher) filter(keep func(*simulator.Record) bool) []simulator.Record {
	var out []simulator.Record
	for i := range m.records {
		if keep(&m.records[i]) {
			out = append(out, m.records[i])
		}
	}
	return out
}

// writeLines writes records as indented canonical trace lines. Past maxContextLines it keeps
// the first and the last half of that many, so both the set-up and the outcome show.
func writeLines(b *strings.Builder, recs []simulator.Record) {
	half := maxContextLines / 2
	for i := range recs {
		if len(recs) > maxContextLines && i == half {
			fmt.Fprintf(b, "    ... %d lines left out ...\n", len(recs)-2*half)
		}
		if len(recs) > maxContextLines && i >= half && i < len(recs)-half {
			continue
		}
		b.WriteString("    ")
		b.Write(recs[i].AppendText(nil))
		b.WriteByte('\n')
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
