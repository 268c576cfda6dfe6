package simulator_test

import (
	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/invariants"
)

// invariantSink checks every record of a fuzzed engine against the engine's built-in invariants
// (package invariants, the same list bgsim run and bgsim explore check) and keeps the text
// trace, so that two replays of one input can be compared.
type invariantSink struct {
	*invariants.Checker
	text []byte
}

func newInvariantSink() *invariantSink {
	return &invariantSink{Checker: invariants.New(invariants.Options{Render: true})}
}

// Record implements simulator.Sink.
func (s *invariantSink) Record(r *simulator.Record) {
	s.text = append(r.AppendText(s.text), '\n')
	s.Checker.Record(r)
}
