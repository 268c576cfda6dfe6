package harness_test

import (
	"context"
	"reflect"
	"time"

	"github.com/benbjohnson/clock"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("Clock", func() {
	var (
		sim *Simulation
		clk *Clock
	)
	BeforeEach(func() {
		sim = MustNew(WithStart(time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)))
		clk = sim.Clock()
	})

	It("reads virtual time through Now, Since and Until", func() {
		start := clk.Now()
		Expect(start).To(Equal(time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)))
		Expect(sim.RunFor(90 * time.Minute)).To(Succeed())
		Expect(clk.Since(start)).To(Equal(90 * time.Minute))
		Expect(clk.Until(start.Add(2 * time.Hour))).To(Equal(30 * time.Minute))
	})

	It("runs AfterFunc at the virtual instant, same-instant calls in scheduling order", func() {
		var got []string
		note := func(s string) func() {
			return func() { got = append(got, s+"@"+clk.Since(sim.Engine().Start()).String()) }
		}
		clk.AfterFunc(time.Minute, note("a"))
		sim.Engine().AfterFunc(time.Minute, note("engine"))
		clk.AfterFunc(time.Minute, note("b"))
		clk.AfterFunc(-time.Second, note("now"))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(got).To(Equal([]string{"now@0s", "a@1m0s", "engine@1m0s", "b@1m0s"}))
	})

	It("lets Stop prevent the call, reporting true once, and false after the call", func() {
		ran := 0
		t := clk.AfterFunc(time.Minute, func() { ran++ })
		Expect(t.Stop()).To(BeTrue())
		Expect(t.Stop()).To(BeFalse())
		fired := clk.AfterFunc(time.Minute, func() { ran += 10 })
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(ran).To(Equal(10))
		Expect(fired.Stop()).To(BeFalse())
	})

	It("does not move a call with Reset, as documented", func() {
		var at time.Duration
		t := clk.AfterFunc(time.Minute, func() { at = sim.Elapsed() })
		t.Reset(time.Hour)
		Expect(sim.RunFor(2 * time.Hour)).To(Succeed())
		Expect(at).To(Equal(time.Minute))
	})

	It("ends WithTimeout contexts at the virtual deadline with DeadlineExceeded", func() {
		ctx, cancel := clk.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		dl, ok := ctx.Deadline()
		Expect(ok).To(BeTrue())
		Expect(dl).To(Equal(clk.Now().Add(10 * time.Second)))
		Expect(sim.RunFor(9 * time.Second)).To(Succeed())
		Expect(ctx.Err()).NotTo(HaveOccurred())
		Expect(sim.RunFor(time.Second)).To(Succeed())
		Expect(ctx.Err()).To(Equal(context.DeadlineExceeded))
		Expect(ctx.Done()).To(BeClosed())
	})

	It("ends a context canceled by hand with Canceled, and a past deadline at once", func() {
		ctx, cancel := clk.WithDeadline(context.Background(), clk.Now().Add(time.Hour))
		cancel()
		Expect(ctx.Err()).To(Equal(context.Canceled))
		past, cancel2 := clk.WithDeadline(context.Background(), clk.Now())
		defer cancel2()
		Expect(past.Err()).To(Equal(context.DeadlineExceeded))
	})

	DescribeTable("refuses, on the engine goroutine, what waits, naming goroutine tasks as the way",
		func(call func(*Clock), method string) {
			Expect(func() { call(clk) }).To(PanicWith(And(
				ContainSubstring("harness: Clock."+method+" cannot wait on the engine goroutine"),
				ContainSubstring("Run the code as a goroutine task (harness.WithGoTask"),
				ContainSubstring("use AfterFunc"))))
		},
		Entry("Sleep", func(c *Clock) { c.Sleep(time.Second) }, "Sleep"),
		Entry("After", func(c *Clock) { c.After(time.Second) }, "After"),
		Entry("Timer", func(c *Clock) { c.Timer(time.Second) }, "Timer"),
		Entry("Tick", func(c *Clock) { c.Tick(time.Second) }, "Tick"),
		Entry("Ticker", func(c *Clock) { c.Ticker(time.Second) }, "Ticker"),
	)

	It("shows a Sleep in task code as a task_error in the trace, not a crash", func() {
		sim = fixtureWorld(WithTaskFunc("Tasks.ExampleBackgroundTask", func(*simulator.Instance) {
			clk.Sleep(time.Second)
		}))
		clk = sim.Clock()
		register(sim, "Sleepy", "Tasks.ExampleBackgroundTask")
		Expect(sim.Do(TimeZone("Europe/Paris"))).To(Succeed())
		Expect(sim).To(HaveCompleted(simulator.ResultError).Task("Sleepy"))
		Expect(sim.Text()).To(ContainSubstring("task_error Sleepy task=1 instance=1 msg=\"panic in Run: harness: Clock.Sleep cannot wait on the engine goroutine"))
	})

	It("gives the same trace on every run: a task polling through the clock", func() {
		run := func() string {
			var c *Clock
			s := fixtureWorld(WithTaskFunc("Tasks.ExampleBackgroundTask", func(in *simulator.Instance) {
				d := in.GetDeferral()
				started := c.Now()
				var poll func()
				poll = func() {
					in.SetProgress(uint32(c.Since(started) / time.Second))
					if c.Since(started) >= 3*time.Second {
						d.Complete()
						return
					}
					c.AfterFunc(time.Second, poll)
				}
				poll()
			}))
			c = s.Clock()
			register(s, "Poller", "Tasks.ExampleBackgroundTask")
			s.At(time.Minute, TimeZone("Europe/Paris"))
			Expect(s.RunFor(time.Hour)).To(Succeed())
			Expect(s).To(HaveDeliveredProgress(0, 1, 2, 3).Task("Poller"))
			Expect(s).To(HaveCompleted(simulator.ResultOK).Task("Poller").At(time.Minute + 3*time.Second))
			return s.Text()
		}
		Expect(run()).To(Equal(run()))
	})
})

var _ = Describe("the benbjohnson/clock v1.3.5 layout the goroutine-task Clock reads", func() {
	It("is what the pinned version has: the load-time check passes", func() {
		Expect(CheckClockLayout()).To(Succeed())
	})

	It("refuses a type whose fields differ, naming the field", func() {
		Expect(TimerLayoutOf(reflect.TypeFor[clock.Timer]())).To(Succeed())
		Expect(TimerLayoutOf(reflect.TypeFor[clock.Ticker]())).To(MatchError(
			"clock.Ticker field 2 is ticker *time.Ticker, want timer *time.Timer"))
		Expect(TimerLayoutOf(reflect.TypeFor[struct{ C <-chan time.Time }]())).To(MatchError(ContainSubstring("has 1 fields, want 7")))
	})
})
