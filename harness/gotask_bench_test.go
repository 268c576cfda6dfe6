package harness_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/benbjohnson/clock"

	"github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

// dayTicks is one virtual day of a 1 s Ticker.
const dayTicks = 86_400

// mockTicks is the Mock's span per op: it sleeps 1 ms of real time after every tick it fires.
const mockTicks = 200

// BenchmarkGoTaskTicker is the cost of a goroutine task's wake-up: one op is a goroutine task on
// a 1 s clock.Ticker over one virtual day (86,400 ticks), ns/tick its cost per tick. Beside it,
// the same loop on benbjohnson/clock's Mock, whose ns/tick is dominated by the 1 ms of real time
// it sleeps after every tick (200 ticks per op).
func BenchmarkGoTaskTicker(b *testing.B) {
	b.Run("goroutine-task", func(b *testing.B) {
		ticks := 0
		task := func(ctx context.Context, in *simulator.Instance) error {
			tk := harness.ClockFrom(ctx).Ticker(time.Second)
			defer tk.Stop()
			for n := 0; n < dayTicks; n++ {
				<-tk.C
				ticks++
			}
			return nil
		}
		var failure string
		// A benchmark has no *testing.T for synctest.Test; a zero one is the bubble's parent,
		// and a failure is reported through the benchmark instead. The timer runs outside the
		// bubble: inside, time.Now() is the bubble's fake clock.
		b.ReportAllocs()
		b.ResetTimer()
		synctest.Test(new(testing.T), func(*testing.T) {
			for range b.N {
				sim, err := harness.New(
					harness.WithDeclarations(decl(ep)),
					harness.WithGoTask(ep, task),
					harness.WithSink(&simulator.CountingSink{}),
					harness.WithPolicy(simulator.Policy{WallClockLimit: 48 * time.Hour}))
				if err != nil {
					failure = err.Error()
					return
				}
				register := sim.NewBuilder()
				register.Name = "Ticker"
				register.TaskEntryPoint = ep
				register.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
				if _, err := register.Register(); err != nil {
					failure = err.Error()
					return
				}
				if err := sim.Do(harness.TimeZone("Europe/Paris")); err != nil {
					failure = err.Error()
					return
				}
				if err := sim.RunFor(24*time.Hour + time.Second); err != nil {
					failure = err.Error()
					return
				}
				if err := sim.Close(); err != nil {
					failure = err.Error()
					return
				}
			}
		})
		b.StopTimer()
		if failure != "" {
			b.Fatal(failure)
		}
		if ticks != b.N*dayTicks {
			b.Fatalf("%d ticks, want %d", ticks, b.N*dayTicks)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(ticks), "ns/tick")
	})

	b.Run("clock.Mock", func(b *testing.B) {
		received := 0
		for range b.N {
			m := clock.NewMock()
			tk := m.Ticker(time.Second)
			stop, done := make(chan struct{}), make(chan int)
			go func() {
				n := 0
				for {
					select {
					case <-tk.C:
						n++
					case <-stop:
						done <- n
						return
					}
				}
			}()
			m.Add(mockTicks * time.Second)
			close(stop)
			received += <-done
			tk.Stop()
		}
		b.ReportMetric(float64(received)/float64(b.N), "received/op")
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*mockTicks), "ns/tick")
	})
}
