package simulator_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/benbjohnson/clock"

	"github.com/bgsim/bgsim/simulator"
)

// mockSpan is the virtual span of the Mock comparison. clock.Mock sleeps 1 ms of real time after
// every timer it fires, so the span is short: about 190 firings.
const mockSpan = time.Hour

// The comparison's timer pattern is BenchmarkQueueBaseline's: 100 timers with periods of 15 to
// 114 minutes, each firing on the first 15-minute tick at or after its period has passed, and
// each firing scheduling two follow-up callbacks 1 s and 3 s later (a busy task's work).

// snapTick rounds a virtual offset up to the 15-minute grid.
func snapTick(d time.Duration) time.Duration {
	return (d + simulator.TickInterval - 1) / simulator.TickInterval * simulator.TickInterval
}

// BenchmarkBenbjohnsonMock ticks the pattern through github.com/benbjohnson/clock v1.3.5's Mock:
// one Add over mockSpan per op. Mock runs each AfterFunc callback on a new goroutine, so the
// re-arming races with Add in principle; its 1 ms sleep after every firing lets it win in
// practice, and the firings/op metric shows how many timers actually fired.
func BenchmarkBenbjohnsonMock(b *testing.B) {
	var fired atomic.Int64
	for b.Loop() {
		m := clock.NewMock()
		start := m.Now()
		var arm func(i int, at time.Duration)
		arm = func(i int, at time.Duration) {
			m.AfterFunc(at-m.Now().Sub(start), func() {
				fired.Add(1)
				now := m.Now().Sub(start)
				arm(i, snapTick(now+time.Duration(15+i)*time.Minute))
				m.AfterFunc(time.Second, func() { fired.Add(1) })
				m.AfterFunc(3*time.Second, func() { fired.Add(1) })
			})
		}
		for i := 0; i < 100; i++ {
			arm(i, snapTick(time.Duration(15+i)*time.Minute))
		}
		m.Add(mockSpan)
	}
	reportFirings(b, float64(fired.Load()))
}

// BenchmarkEngineTimers runs the same pattern over the same span through the engine's own
// scheduler (Engine.At actions), for the per-firing ratio against BenchmarkBenbjohnsonMock.
func BenchmarkEngineTimers(b *testing.B) {
	b.ReportAllocs()
	fired := 0
	for b.Loop() {
		e, err := simulator.New(simulator.Config{Sink: &simulator.CountingSink{}})
		if err != nil {
			b.Fatal(err)
		}
		work := func() { fired++ }
		var arm func(i int, at time.Duration)
		arm = func(i int, at time.Duration) {
			e.At(at, func() {
				fired++
				now := e.Elapsed()
				arm(i, snapTick(now+time.Duration(15+i)*time.Minute))
				e.AfterFunc(time.Second, work)
				e.AfterFunc(3*time.Second, work)
			})
		}
		for i := 0; i < 100; i++ {
			arm(i, snapTick(time.Duration(15+i)*time.Minute))
		}
		e.RunFor(mockSpan)
	}
	reportFirings(b, float64(fired))
}

func reportFirings(b *testing.B, fired float64) {
	b.ReportMetric(fired/float64(b.N), "firings/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/fired, "ns/firing")
}
