package scenarios

import (
	"context"
	"fmt"
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
	// Trace is set on the failure that is the trace check (the replayed trace differs from the
	// recorded one), and on no other.
	Trace bool
}

// Error formats the failure as "file:line:col: msg".
func (f Failure) Error() string {
	return (&ParseError{File: f.File, Line: f.Line, Col: f.Col, Msg: f.Msg}).Error()
}

// Report is the outcome of one replay.
type Report struct {
	Scenario *Scenario
	Seed     uint64
	Records  []simulator.Record // every record (Run only; nil from RunContext and Update)
	Trace    string             // the canonical trace text of this replay (Run and Update; "" from RunContext)
	Failures []Failure          // expectations in file order, then properties, a broken invariant, the trace check
	Updated  bool               // Update rewrote the file
}

// Passed reports whether every expectation and property held, no built-in invariant broke, and
// the trace matched its recording.
func (r *Report) Passed() bool { return len(r.Failures) == 0 }

// Run replays a parsed scenario on a fresh engine and checks its expectations and recorded
// trace. The error is a file error (*ParseError) when the engine refuses the scenario's world or
// one of its actions; a scenario that runs but fails is a Report with Failures. The report keeps
// every record and the trace text; RunContext checks the same in memory bounded by the engine's
// queue.
func Run(s *Scenario, opts Options) (*Report, error) {
	return execute(context.Background(), s, opts, keepRecords|keepText)
}

// RunContext is Run streaming: expectations and the recorded trace are checked as records are
// made, and neither the records nor the trace text are kept (Report.Records and Report.Trace
// stay empty), so memory does not grow with the length of the run. When ctx is done the replay
// stops at its next engine event and the error wraps ctx.Err().
func RunContext(ctx context.Context, s *Scenario, opts Options) (*Report, error) {
	return execute(ctx, s, opts, 0)
}

// Replay runs a parsed scenario and hands every record to sink as it is made, checking nothing:
// "bgsim trace" streams the trace this way. The error is as Run's, or wraps ctx.Err() when ctx
// is done first.
func Replay(ctx context.Context, s *Scenario, opts Options, sink simulator.Sink) error {
	_, err := play(ctx, s, opts, sink)
	return err
}

// keep says what a replay keeps besides its failures.
type keep uint8

const (
	keepRecords keep = 1 << iota // Report.Records
	keepText                     // Report.Trace, up to MaxFileSize
	recording                    // Update: the recorded trace is about to be replaced, not checked
)

// execute replays s through a checker and builds the report.
func execute(ctx context.Context, s *Scenario, opts Options, k keep) (*Report, error) {
	c := newChecker(s, k)
	seed, err := play(ctx, s, opts, c)
	if err != nil {
		return nil, err
	}
	if c.err != nil {
		return nil, c.err
	}
	rep := &Report{Scenario: s, Seed: seed, Records: c.records, Trace: string(c.text)}
	rep.Failures = c.failures()
	return rep, nil
}

// checkEvery is how many engine events run between two looks at ctx.
const checkEvery = 64

// play builds the engine with sink, schedules registrations and the timeline, and runs until
// the end one event at a time, looking at ctx every checkEvery events. It returns the seed used.
func play(ctx context.Context, s *Scenario, opts Options, sink simulator.Sink) (uint64, error) {
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
		Sink:     sink,
	})
	if err != nil {
		return 0, &ParseError{File: s.File, Line: 1, Col: 1, Msg: err.Error(), err: err}
	}
	attach(sink, e)
	w := &world{file: s.File, e: e, groups: map[string]*simulator.TaskGroup{}}
	for i := range s.Registrations {
		r := &s.Registrations[i]
		e.At(0, func() { w.register(r) })
	}
	for _, entry := range s.Timeline {
		e.At(entry.At, func() { w.act(entry.Action) })
	}
	end := s.RunLength()
	reached := false
	e.At(end, func() { reached = true }) // after the events already due at end, as RunFor would
	for n := 0; !reached && w.err == nil && !failed(sink); n++ {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return 0, fmt.Errorf("cannot finish the replay of %s: %w", s.File, err)
			}
		}
		if !e.Step() {
			break
		}
	}
	if w.err == nil && !failed(sink) {
		e.RunFor(end - e.Elapsed()) // what the last events scheduled at end, then the clock to end
	}
	if w.err != nil {
		return 0, w.err
	}
	return seed, nil
}

// failed reports whether sink is a checker that gave up (its trace grew too long).
func failed(sink simulator.Sink) bool {
	c, ok := sink.(*checker)
	return ok && c.err != nil
}

// RunLength is how long the scenario runs: its until, or the last timeline entry plus an hour.
func (s *Scenario) RunLength() time.Duration {
	if s.UntilSet {
		return s.Until
	}
	last := time.Duration(0)
	for _, e := range s.Timeline {
		last = max(last, e.At)
	}
	return last + time.Hour
}
