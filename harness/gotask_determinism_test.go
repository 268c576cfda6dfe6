package harness_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"go.uber.org/goleak"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

// ticks is a goroutine task that logs n ticks of a 1 s Ticker.
func ticks(n int) GoTaskFunc {
	return func(ctx context.Context, in *simulator.Instance) error {
		tk := ClockFrom(ctx).Ticker(time.Second)
		defer tk.Stop()
		for i := 1; i <= n; i++ {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-tk.C:
				in.Log(fmt.Sprintf("tick %d", i))
			}
		}
		return nil
	}
}

// workers is a goroutine task whose run starts three workers, each on a 1 s Ticker that run
// creates (so that their order is fixed), logging and setting progress on every tick.
func workers(ctx context.Context, in *simulator.Instance) error {
	clk := ClockFrom(ctx)
	var wg sync.WaitGroup
	for w := range 3 {
		tk := clk.Ticker(time.Second)
		wg.Go(func() {
			defer tk.Stop()
			for i := 1; i <= 3; i++ {
				select {
				case <-ctx.Done():
					return
				case <-tk.C:
					in.Log(fmt.Sprintf("worker %d tick %d", w, i))
					in.SetProgress(uint32(10*w + i))
				}
			}
		})
	}
	wg.Wait()
	return nil
}

// busyWorld is a simulation with three goroutine tasks (tickers, workers, a sleeper that resets a
// timer and runs an AfterFunc) and a callback task, all on the same instants, with a cancel in
// the middle; it returns the trace text.
func busyWorld() string {
	var text string
	bubble(func() {
		sim := goWorld(
			WithGoTask("Tasks.ExampleBackgroundTask", ticks(20)),
			WithGoTask("Tasks.ServicingComplete", workers),
			WithGoTask("Tasks.NeverCompletes", func(ctx context.Context, in *simulator.Instance) error {
				clk := ClockFrom(ctx)
				t := clk.Timer(time.Hour)
				clk.AfterFunc(1500*time.Millisecond, func() { in.Log("after func") })
				for i := range 5 {
					clk.Sleep(time.Second)
					in.Log(fmt.Sprintf("slept %d", i))
					t.Reset(time.Duration(i+1) * 2 * time.Second) // never due before the next Reset, but the last
				}
				<-t.C
				in.Log("timer")
				return nil
			}))
		defer mustClose(sim)
		for _, n := range []string{"A", "B"} {
			register(sim, n, "Tasks.ExampleBackgroundTask")
		}
		register(sim, "W", "Tasks.ServicingComplete")
		register(sim, "S", "Tasks.NeverCompletes")
		register(sim, "C", "Tasks.SampleBackgroundTask")
		sim.At(time.Minute, TimeZone("Europe/Paris"))
		sim.At(time.Minute+5*time.Second, Unregister("B", true))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		text = sim.Text()
	})
	return text
}

var _ = Describe("goroutine tasks: order and determinism", func() {
	It("wakes two tasks' same-instant tickers in a fixed order: the order the tickers were made", func() {
		var first string
		for run := range 20 {
			sim := goRun(ticks(3), func(sim *Simulation) { register(sim, "H", ep) })
			Expect(logs(sim)).To(Equal([]string{
				"1s tick 1", "1s tick 1", "2s tick 2", "2s tick 2", "3s tick 3", "3s tick 3"}))
			Expect(sim.Text()).To(MatchRegexp(`(?s)01:01.000 log       G .*01:01.000 log       H .*01:02.000 log       G .*01:02.000 log       H `))
			if run == 0 {
				first = sim.Text()
			}
			Expect(sim.Text()).To(Equal(first))
		}
	})

	It("serialises a task's worker goroutines, in the order their tickers were made", func() {
		var first string
		for run := range 20 {
			sim := goRun(workers, nil)
			var want []string
			for i := 1; i <= 3; i++ {
				for w := range 3 {
					want = append(want, fmt.Sprintf("%ds worker %d tick %d", i, w, i))
				}
			}
			Expect(logs(sim)).To(Equal(want))
			Expect(sim).To(HaveDeliveredProgress(1, 11, 21, 2, 12, 22, 3, 13, 23))
			Expect(sim).To(HaveCompleted(simulator.ResultOK).At(time.Minute + 3*time.Second))
			if run == 0 {
				first = sim.Text()
			}
			Expect(sim.Text()).To(Equal(first))
		}
	})

	It("replays a busy simulation byte for byte 100 times with GOMAXPROCS 1, then 2", func() {
		prev := runtime.GOMAXPROCS(0)
		defer runtime.GOMAXPROCS(prev)
		runtime.GOMAXPROCS(1)
		want := busyWorld()
		Expect(want).To(ContainSubstring("worker 2 tick 3"))
		Expect(want).To(ContainSubstring("canceled  B"))
		Expect(want).To(ContainSubstring("after func"))
		Expect(want).To(ContainSubstring("msg=timer"))
		for _, procs := range []int{1, 2} {
			runtime.GOMAXPROCS(procs)
			for range 100 {
				Expect(busyWorld()).To(Equal(want), "GOMAXPROCS=%d", procs)
			}
		}
	})

	It("leaves no goroutine behind after Close (goleak), terminated and worker goroutines included", func() {
		bubble(func() {
			opts := goleak.IgnoreCurrent()
			sim := goWorld(
				WithGoTask("Tasks.ServicingComplete", workers),
				WithGoTask("Tasks.ExampleBackgroundTask", func(ctx context.Context, in *simulator.Instance) error {
					for {
						ClockFrom(ctx).Sleep(time.Minute) // ignores ctx: terminated after the grace
					}
				}),
				WithGoTask("Tasks.NeverCompletes", func(ctx context.Context, in *simulator.Instance) error {
					<-ctx.Done() // still running at Close
					return nil
				}),
				WithPolicy(simulator.Policy{WallClockLimit: time.Hour}))
			register(sim, "W", "Tasks.ServicingComplete")
			register(sim, "G", "Tasks.ExampleBackgroundTask")
			register(sim, "N", "Tasks.NeverCompletes")
			sim.At(time.Minute, TimeZone("Europe/Paris"))
			sim.At(time.Minute+90*time.Second, Unregister("G", true))
			Expect(sim.RunFor(2 * time.Minute)).To(Succeed())
			Expect(goleak.Find(opts)).To(HaveOccurred(), "N's goroutine is still running before Close")
			Expect(sim.Close()).To(Succeed())
			Expect(goleak.Find(opts)).To(Succeed())
		})
	})
})
