package harness_test

import (
	"context"
	"fmt"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("the time package inside the bubble", func() {
	// nowLogger is a goroutine task that logs, on each of three ticks, whether time.Now() equals
	// the Clock's Now, and the difference.
	nowLogger := func(ctx context.Context, in *simulator.Instance) error {
		clk := ClockFrom(ctx)
		tk := clk.Ticker(time.Second)
		defer tk.Stop()
		for range 3 {
			<-tk.C
			in.Log(fmt.Sprintf("time.Now-Clock.Now=%v", time.Since(clk.Now())))
		}
		return nil
	}

	DescribeTable("keeps time.Now() moving with virtual time, equal to it from the default start (synctest's epoch) or a later one",
		func(start time.Time, offset time.Duration) {
			bubble(func() {
				sim := goWorld(WithGoTask(ep, nowLogger), WithStart(start))
				defer mustClose(sim)
				register(sim, "G", ep)
				sim.At(time.Minute, TimeZone("Europe/Paris"))
				Expect(time.Since(sim.Now())).To(Equal(offset))
				Expect(sim.RunFor(90 * time.Second)).To(Succeed())
				Expect(time.Since(sim.Now())).To(Equal(offset), "after RunFor")
				Expect(sim.RunFor(0)).To(Succeed())
				Expect(sim.RunUntil(3 * time.Hour)).To(Succeed())
				Expect(time.Since(sim.Now())).To(Equal(offset), "after RunUntil")
				want := fmt.Sprintf("time.Now-Clock.Now=%v", offset)
				Expect(withoutOffsets(logs(sim))).To(Equal([]string{want, want, want}))
			})
		},
		Entry("2000-01-01, the default start", simulator.DefaultStart, time.Duration(0)),
		Entry("a later start: the bubble's clock jumps there", time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC), time.Duration(0)),
		Entry("an earlier start: a constant offset", simulator.DefaultStart.Add(-time.Hour), time.Hour),
	)

	It("wakes a time.Sleep at its bubble instant, which the engine only sees at its next wake-up (here the wall-clock cancel at 30 s)", func() {
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			clk := ClockFrom(ctx)
			start, clkStart := time.Now(), clk.Now()
			time.Sleep(3 * time.Second)
			in.Log(fmt.Sprintf("time.Since=%v Clock.Since=%v", time.Since(start), clk.Since(clkStart)))
			return nil
		}, nil)
		Expect(logs(sim)).To(Equal([]string{"30s time.Since=3s Clock.Since=30s"}))
		Expect(sim).To(HaveCompleted(simulator.ResultOK).At(time.Minute + 30*time.Second))
	})
})
