package report

import (
	"fmt"
	"time"

	"github.com/bgsim/bgsim/scenarios"
	"github.com/bgsim/bgsim/simulator"
)

// Scenario is one scenario as the report shows it: its replayed records, the world before them
// and what failed. FromReport and FromError build one from the scenarios package's results.
type Scenario struct {
	Name string // the scenario's name; the file's name is shown when empty
	File string // the file it was read from
	// Device is the device before the first record; zero fields are the engine's defaults.
	Device simulator.DeviceState
	// App is the app's state before the first record; zero is the default, foreground.
	App simulator.AppState
	// End is the end of virtual time (how long the scenario ran); a record past it extends it.
	End     time.Duration
	Records []simulator.Record
	// Failures are the failed expectations and trace checks; empty when the scenario passed.
	Failures []Failure
	// Error is set when the scenario could not run at all (a file error); nothing is drawn.
	Error string
}

// Failure is one reason a scenario did not pass.
type Failure struct {
	Where string // "file:line:col"
	Msg   string
	// At is the virtual time the failure is about, when Known: the expectation's at (or the start
	// of its between), or the first record where the trace differs from its recording.
	At    time.Duration
	Known bool
}

// Passed reports whether the scenario ran and nothing failed.
func (s *Scenario) Passed() bool { return s.Error == "" && len(s.Failures) == 0 }

// status is "pass", "fail" or "error".
func (s *Scenario) status() string {
	switch {
	case s.Error != "":
		return "error"
	case len(s.Failures) > 0:
		return "fail"
	}
	return "pass"
}

// FromReport turns a replay (scenarios.Run) into a Scenario: the records, the device and app
// blocks, how long it ran, and each failure at its virtual time where that is known.
func FromReport(rep *scenarios.Report) Scenario {
	s := rep.Scenario
	out := Scenario{Name: s.Name, File: s.File, Device: s.Device.DeviceState, App: s.App.State,
		End: s.RunLength(), Records: rep.Records}
	for _, f := range rep.Failures {
		fl := Failure{Where: fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col), Msg: f.Msg}
		fl.At, fl.Known = failureTime(s, rep.Records, f)
		out.Failures = append(out.Failures, fl)
	}
	return out
}

// FromError is a scenario that could not run: err (a file error, or any other) is shown in its
// place.
func FromError(file string, err error) Scenario {
	return Scenario{File: file, Error: err.Error()}
}

// failureTime finds the virtual time a failure is about: an expectation's at or between, or the
// replayed record where the trace first differs from its recording.
func failureTime(s *scenarios.Scenario, recs []simulator.Record, f scenarios.Failure) (time.Duration, bool) {
	for _, x := range s.Expect {
		if x.Pos.Line != f.Line || x.Pos.Col != f.Col {
			continue
		}
		switch {
		case x.At != nil:
			return *x.At, true
		case x.Between != nil:
			return x.Between[0], true
		}
		return 0, false
	}
	if s.Trace != nil && f.Line > s.Trace.Pos.Line {
		i := f.Line - s.Trace.Pos.Line - 1
		switch {
		case i < len(recs):
			return recs[i].At, true
		case len(recs) > 0:
			return recs[len(recs)-1].At, true
		}
	}
	return 0, false
}
