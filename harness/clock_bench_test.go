package harness_test

import (
	"testing"
	"time"

	"github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

// benchChain schedules b.N virtual events one second apart, each scheduling the next through
// schedule, runs them, and reports the cost per event: ns/event equals ns/op and allocs/op is
// allocations per event.
func benchChain(b *testing.B, schedule func(sim *harness.Simulation) func(time.Duration, func())) {
	sim := harness.MustNew(harness.WithSink(&simulator.CountingSink{}))
	after := schedule(sim)
	n := 0
	var step func()
	step = func() {
		n++
		if n < b.N {
			after(time.Second, step)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	after(time.Second, step)
	if err := sim.RunFor(time.Duration(b.N+1) * time.Second); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	if n != b.N {
		b.Fatalf("ran %d events, want %d", n, b.N)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/event")
}

// BenchmarkClockAfterFunc is the bridge's cost per virtual event: AfterFunc through the
// benbjohnson/clock Clock, which also keeps a Stop-able clock.Timer per call.
func BenchmarkClockAfterFunc(b *testing.B) {
	benchChain(b, func(sim *harness.Simulation) func(time.Duration, func()) {
		c := sim.Clock()
		return func(d time.Duration, f func()) { c.AfterFunc(d, f) }
	})
}

// BenchmarkEngineAfterFunc is the baseline: the same chain on the engine's own AfterFunc.
func BenchmarkEngineAfterFunc(b *testing.B) {
	benchChain(b, func(sim *harness.Simulation) func(time.Duration, func()) {
		return sim.Engine().AfterFunc
	})
}
