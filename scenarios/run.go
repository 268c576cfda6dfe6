package scenarios

import (
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// Options tune a replay.
type Options struct {
	// Seed overrides the file's seed when non-zero.
	Seed uint64
	// Force lets Update write the trace even when expectations fail.
	Force bool
}

// Failure is one reason a scenario did not pass: a failed expectation or a trace that differs
// from the recording. It points at the element of the file it is about.
type Failure struct {
	File      string
	Line, Col int
	Msg       string
}

// Error formats the failure as "file:line:col: msg".
func (f Failure) Error() string {
	return (&ParseError{File: f.File, Line: f.Line, Col: f.Col, Msg: f.Msg}).Error()
}

// Report is the outcome of one replay.
type Report struct {
	Scenario *Scenario
	Seed     uint64
	Records  []simulator.Record
	Trace    string    // the canonical trace text of this replay
	Failures []Failure // expectations first, in file order, then the trace check
	Updated  bool      // Update rewrote the file
}

// Passed reports whether every expectation held and the trace matched its recording.
func (r *Report) Passed() bool { return len(r.Failures) == 0 }

// Run replays a parsed scenario on a fresh engine and checks its expectations and recorded
// trace. The error is a file error (*ParseError) when the engine refuses the scenario's world or
// one of its actions; a scenario that runs but fails is a Report with Failures.
func Run(s *Scenario, opts Options) (*Report, error) {
	rep, err := replay(s, opts)
	if err != nil {
		return nil, err
	}
	rep.Failures = append(rep.Failures, checkExpectations(s, rep.Records)...)
	if f, ok := checkTrace(s, rep.Trace); !ok {
		rep.Failures = append(rep.Failures, f)
	}
	return rep, nil
}

// replay builds the engine, schedules registrations and the timeline, and runs until the end.
func replay(s *Scenario, opts Options) (*Report, error) {
	seed := s.Seed
	if opts.Seed != 0 {
		seed = opts.Seed
	}
	e, err := simulator.New(simulator.Config{
		Seed:   seed,
		Start:  s.Start,
		Device: s.Device.DeviceState,
		App: simulator.AppConfig{State: s.App.State, Access: s.App.Access,
			OnBackgroundActivated: backgroundActivated(s)},
		Manifest: s.Manifest,
		Tasks:    factories(s),
		Policy:   s.Policy.Policy,
	})
	if err != nil {
		return nil, &ParseError{File: s.File, Line: 1, Col: 1, Msg: err.Error(), err: err}
	}
	w := &world{file: s.File, e: e, groups: map[string]*simulator.TaskGroup{}}
	for i := range s.Registrations {
		r := &s.Registrations[i]
		e.At(0, func() { w.register(r) })
	}
	for _, entry := range s.Timeline {
		e.At(entry.At, func() { w.act(entry.Action) })
	}
	e.RunFor(until(s))
	if w.err != nil {
		return nil, w.err
	}
	recs := append([]simulator.Record(nil), e.Trace().Records()...)
	return &Report{Scenario: s, Seed: seed, Records: recs, Trace: simulator.FormatText(recs)}, nil
}

// until is how long the scenario runs: until, or the last timeline entry plus an hour.
func until(s *Scenario) time.Duration {
	if s.UntilSet {
		return s.Until
	}
	last := time.Duration(0)
	for _, e := range s.Timeline {
		last = max(last, e.At)
	}
	return last + time.Hour
}
