package simulator_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// instanceLife is what invariantSink has seen of one instance.
type instanceLife struct {
	task       int // registration number
	completed  bool
	terminated bool
	result     simulator.Result
	handedOver int // delivered + dropped records
}

// invariantSink watches every record of a fuzzed engine and keeps the first broken rule:
//   - virtual time never goes back;
//   - instances are numbered 1, 2, … in order of their run record;
//   - no run of a registration after its unregister record;
//   - every record about an instance comes after its run and, but for delivered and dropped,
//     before its completed record; an instance completes at most once, with an error when its
//     host was terminated;
//   - delivered and dropped come only after completed, at most once, with the completed result;
//   - every record renders to a text line and to valid JSON.
//
// It also keeps the text trace, so that two replays of one input can be compared.
type invariantSink struct {
	err          string
	n            int // records seen
	last         time.Duration
	instances    []instanceLife // index: instance number - 1
	running      int            // instances with a run record and no completed record
	unregistered map[int]bool   // registration numbers with an unregister record
	text         []byte
	scratch      []byte
}

func newInvariantSink() *invariantSink {
	return &invariantSink{unregistered: map[int]bool{}}
}

func (s *invariantSink) failf(r *simulator.Record, format string, args ...any) {
	if s.err == "" {
		s.err = fmt.Sprintf("record %d %q: %s", s.n, r.String(), fmt.Sprintf(format, args...))
	}
}

// Record implements simulator.Sink.
func (s *invariantSink) Record(r *simulator.Record) {
	s.n++
	if r.At < s.last {
		s.failf(r, "virtual time went back from %v", s.last)
	}
	s.last = r.At
	s.text = r.AppendText(s.text)
	s.text = append(s.text, '\n')
	s.scratch = r.AppendJSON(s.scratch[:0])
	if !json.Valid(s.scratch) {
		s.failf(r, "invalid JSON %s", s.scratch)
	}
	switch {
	case r.Kind == simulator.KindUnregister:
		s.unregistered[r.TaskNum] = true
	case r.Kind == simulator.KindRun:
		s.run(r)
	case r.Instance != 0:
		s.instanceRecord(r)
	}
}

func (s *invariantSink) run(r *simulator.Record) {
	if r.Instance != len(s.instances)+1 {
		s.failf(r, "instance number %d after %d instances", r.Instance, len(s.instances))
		return
	}
	if s.unregistered[r.TaskNum] {
		s.failf(r, "run of task=%d after its unregistration", r.TaskNum)
	}
	s.instances = append(s.instances, instanceLife{task: r.TaskNum})
	s.running++
}

func (s *invariantSink) instanceRecord(r *simulator.Record) {
	if r.Instance < 1 || r.Instance > len(s.instances) {
		s.failf(r, "record for instance %d, which never ran", r.Instance)
		return
	}
	in := &s.instances[r.Instance-1]
	if in.task != r.TaskNum {
		s.failf(r, "instance %d belongs to task=%d", r.Instance, in.task)
	}
	switch r.Kind {
	case simulator.KindDelivered, simulator.KindDropped:
		if !in.completed {
			s.failf(r, "%v before completed", r.Kind)
		}
		if in.handedOver++; in.handedOver > 1 {
			s.failf(r, "completion handed to the app %d times", in.handedOver)
		}
		if r.Result != in.result {
			s.failf(r, "%v result %v, completed with %v", r.Kind, r.Result, in.result)
		}
		return
	}
	if in.completed {
		s.failf(r, "%v after completed", r.Kind)
		return
	}
	switch r.Kind {
	case simulator.KindTerminated:
		in.terminated = true
	case simulator.KindCompleted:
		if in.terminated && r.Result != simulator.ResultError {
			s.failf(r, "a terminated instance completed with %v", r.Result)
		}
		in.completed, in.result = true, r.Result
		s.running--
	}
}

// checkFinal is the end-of-run rule, once every registration is unregistered with cancel, the
// work has drained and the app is in the foreground: every instance completed, and its completion
// was delivered or dropped exactly once.
func (s *invariantSink) checkFinal() string {
	if s.err != "" {
		return s.err
	}
	for i, in := range s.instances {
		switch {
		case !in.completed:
			return fmt.Sprintf("instance %d never completed", i+1)
		case in.handedOver != 1:
			return fmt.Sprintf("instance %d completed but was handed to the app %d times", i+1, in.handedOver)
		}
	}
	return ""
}

// TestInvariantSinkCatchesBrokenTraces feeds invariantSink hand-made traces that break each rule,
// so that a FuzzEngine pass means something.
func TestInvariantSinkCatchesBrokenTraces(t *testing.T) {
	run := simulator.Record{Kind: simulator.KindRun, TaskNum: 1, Instance: 1}
	done := simulator.Record{Kind: simulator.KindCompleted, TaskNum: 1, Instance: 1, Result: simulator.ResultOK}
	delivered := simulator.Record{Kind: simulator.KindDelivered, TaskNum: 1, Instance: 1, Result: simulator.ResultOK}
	rows := []struct {
		reason string
		trace  []simulator.Record
		want   string // a substring of the error; "" for a good trace
	}{
		{"a good trace", []simulator.Record{run, done, delivered}, ""},
		{"time goes back", []simulator.Record{{At: time.Second, Kind: simulator.KindLog}, {Kind: simulator.KindLog}}, "went back"},
		{"completed twice", []simulator.Record{run, done, done}, "completed after completed"},
		{"delivered before completed", []simulator.Record{run, delivered}, "delivered before completed"},
		{"delivered twice", []simulator.Record{run, done, delivered, delivered}, "handed to the app 2 times"},
		{"run after unregister", []simulator.Record{{Kind: simulator.KindUnregister, TaskNum: 1}, run}, "after its unregistration"},
		{"terminated but ok", []simulator.Record{run, {Kind: simulator.KindTerminated, TaskNum: 1, Instance: 1}, done}, "terminated instance completed with ok"},
		{"instance skipped", []simulator.Record{{Kind: simulator.KindRun, TaskNum: 1, Instance: 2}}, "instance number 2"},
		{"progress after completed", []simulator.Record{run, done, {Kind: simulator.KindProgress, TaskNum: 1, Instance: 1}}, "progress after completed"},
	}
	for _, row := range rows {
		s := newInvariantSink()
		for i := range row.trace {
			s.Record(&row.trace[i])
		}
		if row.want == "" && s.err != "" || !strings.Contains(s.err, row.want) {
			t.Errorf("%s: got error %q, want one containing %q", row.reason, s.err, row.want)
		}
	}
	s := newInvariantSink()
	s.Record(&run)
	if got := s.checkFinal(); !strings.Contains(got, "never completed") {
		t.Errorf("an instance still running at the end: checkFinal = %q", got)
	}
}
