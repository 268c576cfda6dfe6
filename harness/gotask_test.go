package harness_test

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

const ep = "Tasks.ExampleBackgroundTask"

var _ = Describe("goroutine tasks", func() {
	It("ticks a 1 s Ticker exactly 10 times in 10 virtual seconds", func() {
		bubble(func() {
			var ticks []time.Duration
			sim := goWorld(WithGoTask(ep, func(ctx context.Context, in *simulator.Instance) error {
				clk := ClockFrom(ctx)
				start := clk.Now()
				tk := clk.Ticker(time.Second)
				defer tk.Stop()
				for len(ticks) < 10 {
					select {
					case <-ctx.Done():
						return ctx.Err()
					case now := <-tk.C:
						ticks = append(ticks, now.Sub(start))
						in.SetProgress(uint32(len(ticks)))
					}
				}
				return nil
			}))
			defer mustClose(sim)
			register(sim, "Ticker", ep)
			sim.At(time.Minute, TimeZone("Europe/Paris"))
			Expect(sim.RunFor(time.Hour)).To(Succeed())
			Expect(ticks).To(HaveLen(10))
			for i, d := range ticks {
				Expect(d).To(Equal(time.Duration(i+1) * time.Second))
			}
			Expect(sim).To(HaveCompleted(simulator.ResultOK).At(time.Minute + 10*time.Second))
			GinkgoWriter.Print(sim.Text())
		})
	})
})
