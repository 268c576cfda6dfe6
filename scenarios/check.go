package scenarios

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bgsim/bgsim/simulator"
)

// contextLines is how many lines of context a trace mismatch shows on each side.
const contextLines = 3

// seenShown is how many records of its kind and task a failed expectation shows.
const seenShown = 5

// checker is the Sink of a checked replay: it checks the expectations and the recorded trace as
// records are made, keeping only what a failure report needs, plus the records or the trace text
// when asked to.
type checker struct {
	s    *Scenario
	keep keep
	err  error // the trace text passed MaxFileSize

	exp    []expState
	byTask map[expKey][]int // expectations by kind and task
	anyTo  []int            // signal_result expectations: a record without a task matches them

	// trace comparison
	want     string   // the rest of the recording, from the line being compared
	line     int      // lines compared and equal so far
	last     []string // up to contextLines equal lines before the current one
	diverged bool
	have     []string // replayed lines from the first difference on, up to contextLines

	records []simulator.Record
	text    []byte
	buf     []byte

	props *propertyState // the file's properties
	inv   *invariantSink // the engine's built-in invariants
}

type expKey struct {
	kind simulator.RecordKind
	task string
}

// expState is what the replay showed one expectation.
type expState struct {
	matched int
	total   int          // records of its kind and task
	shown   []string     // the first seenShown of them, as text
	counted map[int]bool // registered: the registration numbers listed so far
}

func newChecker(s *Scenario, k keep) *checker {
	c := &checker{s: s, keep: k, exp: make([]expState, len(s.Expect)), byTask: map[expKey][]int{}}
	for i, x := range s.Expect {
		key := expKey{x.Kind, x.Task}
		c.byTask[key] = append(c.byTask[key], i)
		if x.Registered {
			c.exp[i].counted = map[int]bool{}
			key := expKey{simulator.KindUnregister, x.Task}
			c.byTask[key] = append(c.byTask[key], i)
		}
		if x.Kind == simulator.KindSignalResult {
			c.anyTo = append(c.anyTo, i)
		}
	}
	if c.checksTrace() {
		c.want = s.Trace.Text
	}
	c.props = newPropertyState(s.Properties)
	c.inv = newInvariantSink(s)
	return c
}

// Record implements simulator.Sink.
func (c *checker) Record(r *simulator.Record) {
	if c.err != nil {
		return
	}
	c.buf = r.AppendText(c.buf[:0])
	line := string(c.buf)
	idx := c.byTask[expKey{r.Kind, r.Task}]
	if r.Kind == simulator.KindSignalResult && r.Task == "" {
		idx = c.anyTo
	}
	for _, i := range idx {
		st := &c.exp[i]
		st.total++
		if len(st.shown) < seenShown {
			st.shown = append(st.shown, line)
		}
		if x := &c.s.Expect[i]; x.Registered {
			st.matched += x.listed(r, st.counted)
		} else if x.matches(r) {
			st.matched++
		}
	}
	c.compare(line)
	c.props.Record(r)
	c.inv.Record(r)
	if c.keep&keepRecords != 0 {
		c.records = append(c.records, *r)
	}
	if c.keep&keepText != 0 {
		if len(c.text)+len(line)+1 > MaxFileSize {
			c.err = fmt.Errorf("cannot keep the trace of %s: it is longer than %d MiB, more than a scenario file may hold; shorten until", c.s.File, MaxFileSize>>20)
			return
		}
		c.text = append(append(c.text, line...), '\n')
	}
}

// compare checks one replayed line against the recording.
func (c *checker) compare(line string) {
	if !c.checksTrace() {
		return
	}
	if c.diverged {
		if len(c.have) < contextLines {
			c.have = append(c.have, line)
		}
		return
	}
	next, rest, ok := nextLine(c.want)
	if ok && next == line {
		c.want = rest
		c.line++
		c.last = append(c.last, line)
		if len(c.last) > contextLines {
			c.last = c.last[1:]
		}
		return
	}
	c.diverged = true
	c.have = append(c.have, line)
}

// nextLine splits the first line off s (without its "\n"); ok is false when s is empty.
func nextLine(s string) (line, rest string, ok bool) {
	if s == "" {
		return "", "", false
	}
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", true
}

// checksTrace reports whether the replay is compared with a recorded trace.
func (c *checker) checksTrace() bool {
	return c.s.Trace != nil && !c.s.Trace.Pending && c.keep&recording == 0
}

// failures returns the failed expectations in file order, then the trace mismatch.
func (c *checker) failures() []Failure {
	var out []Failure
	for i, x := range c.s.Expect {
		st := c.exp[i]
		n := st.matched
		if x.Count != nil && n == *x.Count || x.Count == nil && n > 0 {
			continue
		}
		want := "at least one"
		if x.Count != nil {
			want = strconv.Itoa(*x.Count)
		}
		msg := fmt.Sprintf("expected %s: want %s, got %d%s", x.describe(), want, n, st.seen(x))
		out = append(out, Failure{File: c.s.File, Line: x.Pos.Line, Col: x.Pos.Col, Msg: msg})
	}
	c.props.finish(c.s.RunLength())
	out = append(out, c.props.failures(c.s.File)...)
	out = append(out, c.inv.failures(c.s)...)
	if f, ok := c.traceFailure(); !ok {
		out = append(out, f)
	}
	return out
}

// seen lists up to five records of the same kind and task, to show what did happen.
func (st expState) seen(x Expectation) string {
	if x.Registered {
		return ""
	}
	task := x.Task
	if x.Kind == simulator.KindDevice {
		task = "the device"
	}
	if st.total == 0 {
		return fmt.Sprintf(" (no %s record for %s at all)", x.Kind, task)
	}
	var b strings.Builder
	for _, l := range st.shown {
		b.WriteString("\n    " + l)
	}
	if st.total > len(st.shown) {
		fmt.Fprintf(&b, "\n    ... %d more", st.total-len(st.shown))
	}
	return fmt.Sprintf("; %s records for %s:%s", x.Kind, task, b.String())
}

// traceFailure reports a trace that differs from the recording: one Failure at the first
// diverging line of the block, showing a few lines of context, the recorded lines ("-") and the
// replayed ones ("+"). A file without a trace block, or with an empty trace key, passes.
func (c *checker) traceFailure() (Failure, bool) {
	t := c.s.Trace
	if !c.checksTrace() || !c.diverged && c.want == "" {
		return Failure{}, true
	}
	i := c.line
	var b strings.Builder
	fmt.Fprintf(&b, "trace differs from the recording at line %d of the trace block (run with --update to re-record, then read the diff):", i+1)
	for _, l := range c.last {
		b.WriteString("\n    " + l)
	}
	rest := c.want
	shown := 0
	for shown < contextLines {
		l, r, ok := nextLine(rest)
		if !ok {
			break
		}
		b.WriteString("\n  - " + l)
		rest = r
		shown++
	}
	if shown == 0 {
		b.WriteString("\n  - (end of recording)")
	}
	for _, l := range c.have {
		b.WriteString("\n  + " + l)
	}
	if len(c.have) == 0 {
		b.WriteString("\n  + (end of replay)")
	}
	return Failure{File: c.s.File, Line: t.Pos.Line + 1 + i, Col: t.Pos.Col + 2, Msg: b.String(), Trace: true}, false
}

func (c *checker) attach(e *simulator.Engine) { c.inv.attach(e) }
