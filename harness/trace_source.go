package harness

import (
	"fmt"

	"github.com/bgsim/bgsim/scenarios"
	"github.com/bgsim/bgsim/simulator"
)

// RecordsOf returns the trace records of what the matchers accept:
//
//   - *Simulation (this package's simulation);
//   - *simulator.Engine (its in-memory trace; an engine built with its own Sink has none);
//   - *simulator.TraceBuffer;
//   - []simulator.Record;
//   - *scenarios.Report (the records of a replayed scenario file).
//
// Anything else, a nil pointer included, is an error: a matcher applied to it fails the
// assertion with that error rather than reporting "did not match".
func RecordsOf(actual any) ([]simulator.Record, error) {
	switch a := actual.(type) {
	case *Simulation:
		if a != nil {
			return a.Records(), nil
		}
	case *simulator.Engine:
		if a != nil {
			if a.Trace() == nil {
				return nil, fmt.Errorf("the engine was built with its own Sink and keeps no trace; pass that sink's records instead")
			}
			return a.Trace().Records(), nil
		}
	case *simulator.TraceBuffer:
		if a != nil {
			return a.Records(), nil
		}
	case []simulator.Record:
		return a, nil
	case *scenarios.Report:
		if a != nil {
			return a.Records, nil
		}
	default:
		return nil, fmt.Errorf("expected a *harness.Simulation, *simulator.Engine, *simulator.TraceBuffer, []simulator.Record or *scenarios.Report, got %T", actual)
	}
	return nil, fmt.Errorf("expected a trace, got a nil %T", actual)
}
