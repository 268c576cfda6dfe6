package harness

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bgsim/bgsim/simulator"
)

// HaveDeliveredProgress succeeds when the Progress values that reached the app (progress_delivered
// records, in trace order) are exactly values: progress set while the app was not in the
// foreground is not delivered, so it is missing from the sequence. With no values it
// says no progress was delivered. Narrow it with Task and Instance.
func HaveDeliveredProgress(values ...uint32) *ProgressMatcher {
	return &ProgressMatcher{want: slices.Clone(values)}
}

// ProgressMatcher is the matcher HaveDeliveredProgress returns.
type ProgressMatcher struct {
	want     []uint32
	task     string
	instance int
	instSet  bool // Instance was called: 0 and below are then errors, not "any instance"

	got      []uint32
	context  []simulator.Record
	all      []simulator.Record // the whole trace, shown when the task has no record at all
	taskSeen bool
	total    int
}

// Task keeps only progress of the registration with that name.
func (m *ProgressMatcher) Task(name string) *ProgressMatcher {
	c := *m
	c.task = name
	return &c
}

// Instance keeps only progress of instance n.
func (m *ProgressMatcher) Instance(n int) *ProgressMatcher {
	c := *m
	c.instance, c.instSet = n, true
	return &c
}

// Match implements types.GomegaMatcher.
func (m *ProgressMatcher) Match(actual any) (bool, error) {
	recs, err := RecordsOf(actual)
	if err != nil {
		return false, fmt.Errorf("HaveDeliveredProgress: %w", err)
	}
	if m.instance < 0 || m.instSet && m.instance == 0 {
		return false, fmt.Errorf("HaveDeliveredProgress: Instance(%d): instances are numbered from 1", m.instance)
	}
	m.got, m.context, m.all, m.taskSeen, m.total = nil, nil, recs, m.task == "", len(recs)
	for i := range recs {
		r := &recs[i]
		m.taskSeen = m.taskSeen || r.Task == m.task
		mine := (m.task == "" || r.Task == m.task) && (m.instance == 0 || r.Instance == m.instance)
		switch {
		case r.Kind == simulator.KindProgressDelivered && mine:
			m.got = append(m.got, r.Value)
			m.context = append(m.context, *r)
		case r.Kind == simulator.KindProgress && mine, r.Kind == simulator.KindApp:
			m.context = append(m.context, *r)
		}
	}
	return slices.Equal(m.got, m.want), nil
}

// FailureMessage implements types.GomegaMatcher.
func (m *ProgressMatcher) FailureMessage(any) string {
	return fmt.Sprintf("Expected the delivered progress%s to be %v\n%s", m.of(), m.want, m.evidence())
}

// NegatedFailureMessage implements types.GomegaMatcher.
func (m *ProgressMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("Expected the delivered progress%s not to be %v\n%s", m.of(), m.want, m.evidence())
}

func (m *ProgressMatcher) of() string {
	s := ""
	if m.task != "" {
		s += " of " + m.task
	}
	if m.instance != 0 {
		s += fmt.Sprintf(" instance=%d", m.instance)
	}
	return s
}

func (m *ProgressMatcher) evidence() string {
	var b strings.Builder
	if !m.taskSeen {
		fmt.Fprintf(&b, "got %v\nno record names %s; the whole trace (%d lines):\n", m.got, m.task, m.total)
		if m.total == 0 {
			b.WriteString("    (the trace is empty)\n")
		}
		writeLines(&b, m.all)
		return b.String()
	}
	fmt.Fprintf(&b, "got %v\nthe trace lines that matter (progress, progress_delivered and app records, %d of %d lines):\n",
		m.got, len(m.context), m.total)
	if len(m.context) == 0 {
		b.WriteString("    (none)\n")
	}
	writeLines(&b, m.context)
	return b.String()
}
