package scenarios

import (
	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/invariants"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// attacher is a sink that wants the engine it watches, once it exists and before it runs.
type attacher interface {
	attach(e *simulator.Engine)
}

// attach hands e to sink when it wants it.
func attach(sink simulator.Sink, e *simulator.Engine) {
	if a, ok := sink.(attacher); ok {
		a.attach(e)
	}
}

// invariantSink checks the engine's built-in invariants (package simulator/invariants) during
// a replay: Run reports a broken one as a failure, Explore as a counterexample.
type invariantSink struct {
	*invariants.Checker
}

func newInvariantSink(s *Scenario) *invariantSink {
	ext := s.Manifest != nil && s.Manifest.HasCapability(manifest.ExtendedBackgroundTaskTime)
	return &invariantSink{invariants.New(invariants.Options{ExtendedTime: ext})}
}

func (is *invariantSink) attach(e *simulator.Engine) { is.Attach(e) }

// violation runs the end-of-run rules and returns the first broken invariant, or nil.
func (is *invariantSink) violation() *invariants.Violation {
	if v := is.CheckEngine(); v != nil {
		return v
	}
	return is.Final(false)
}

// failures reports a broken invariant as one Failure at the top of the file.
func (is *invariantSink) failures(s *Scenario) []Failure {
	v := is.violation()
	if v == nil {
		return nil
	}
	return []Failure{{File: s.File, Line: 1, Col: 1, Msg: v.Error()}}
}
