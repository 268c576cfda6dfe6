package harness_test

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("the Clock inside goroutine tasks", func() {
	It("reads virtual time with Now, Since and Until, and Sleeps on it", func() {
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			clk, log := ClockFrom(ctx), logger(ctx, in)
			start := clk.Now()
			log("now=%s", start.Format("15:04:05.000"))
			clk.Sleep(1500 * time.Millisecond)
			log("since=%v until=%v", clk.Since(start), clk.Until(start.Add(2*time.Second)))
			clk.Sleep(0)
			clk.Sleep(-time.Second)
			log("zero and negative return at once")
			return nil
		}, nil)
		Expect(withoutOffsets(logs(sim))).To(Equal([]string{
			"0s now=00:01:00.000", "1.5s since=1.5s until=500ms", "1.5s zero and negative return at once"}))
		Expect(sim).To(HaveCompleted(simulator.ResultOK).At(time.Minute + 1500*time.Millisecond))
	})

	It("sends the virtual instant on After's channel, and leaves nothing behind for a timer nobody read", func() {
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			clk, log := ClockFrom(ctx), logger(ctx, in)
			start := clk.Now()
			v := <-clk.After(2 * time.Second)
			log("value=%v", v.Sub(start))
			select {
			case <-clk.After(time.Hour):
			case <-clk.After(time.Second):
				log("the shorter After")
			}
			return nil
		}, nil)
		Expect(withoutOffsets(logs(sim))).To(Equal([]string{"2s value=2s", "3s the shorter After"}))
		Expect(sim).To(HaveCompleted(simulator.ResultOK).At(time.Minute + 3*time.Second))
		Expect(sim.Text()).NotTo(ContainSubstring("work_lost"))
	})

	It("fires a Timer once, and honours Stop and Reset with time.Timer's answers", func() {
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			clk, log := ClockFrom(ctx), logger(ctx, in)
			start := clk.Now()
			t := clk.Timer(5 * time.Second)
			log("stop=%t stop-again=%t reset-stopped=%t", t.Stop(), t.Stop(), t.Reset(time.Second))
			v := <-t.C
			log("fired value=%v stop-after-fire=%t reset-fired=%t", v.Sub(start), t.Stop(), t.Reset(2*time.Second))
			<-t.C
			log("fired again")
			shorter := clk.Timer(10 * time.Second)
			log("reset-running=%t", shorter.Reset(time.Second))
			<-shorter.C
			log("shortened")
			longer := clk.Timer(time.Second)
			longer.Reset(3 * time.Second)
			select {
			case <-longer.C:
				log("too early")
			case <-clk.After(2 * time.Second):
				log("not yet")
			}
			<-longer.C
			log("lengthened")
			now := clk.Timer(0)
			<-now.C
			log("zero")
			return nil
		}, nil)
		Expect(withoutOffsets(logs(sim))).To(Equal([]string{
			"0s stop=true stop-again=false reset-stopped=false",
			"1s fired value=1s stop-after-fire=false reset-fired=false",
			"3s fired again",
			"3s reset-running=true",
			"4s shortened",
			"6s not yet",
			"7s lengthened",
			"7s zero",
		}))
	})

	It("ticks a Ticker every period, and honours Stop and Reset", func() {
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			clk, log := ClockFrom(ctx), logger(ctx, in)
			tk := clk.Ticker(time.Second)
			for range 3 {
				<-tk.C
				log("tick")
			}
			tk.Reset(2 * time.Second)
			for range 2 {
				<-tk.C
				log("slower tick")
			}
			tk.Stop()
			clk.Sleep(5 * time.Second)
			select {
			case <-tk.C:
				log("a stopped ticker ticked")
			default:
				log("stopped: no tick")
			}
			tk.Reset(time.Second)
			<-tk.C
			log("restarted")
			tk.Stop()
			return nil
		}, nil)
		Expect(withoutOffsets(logs(sim))).To(Equal([]string{
			"1s tick", "2s tick", "3s tick", "5s slower tick", "7s slower tick",
			"12s stopped: no tick", "13s restarted"}))
		Expect(sim.Text()).NotTo(ContainSubstring("work_lost"))
	})

	It("panics on a non-positive Ticker period, as time.NewTicker does, and fails the instance", func() {
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			ClockFrom(ctx).Ticker(0)
			return nil
		}, nil)
		Expect(sim.Text()).To(ContainSubstring(`msg="panic in Run: non-positive interval for NewTicker"`))
		Expect(sim).To(HaveCompleted(simulator.ResultError))
	})

	It("delivers Tick's channel every period, and a nil channel for a non-positive one", func() {
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			clk, log := ClockFrom(ctx), logger(ctx, in)
			log("nil=%t", clk.Tick(0) == nil)
			c := clk.Tick(500 * time.Millisecond)
			for range 4 {
				<-c
				log("tick")
			}
			return nil
		}, nil)
		Expect(withoutOffsets(logs(sim))).To(Equal([]string{"0s nil=true", "500ms tick", "1s tick", "1.5s tick", "2s tick"}))
	})

	It("runs AfterFunc's f on a new goroutine at the instant, where it may block; Stop and Reset work", func() {
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			clk, log := ClockFrom(ctx), logger(ctx, in)
			done := make(chan struct{})
			first := clk.AfterFunc(time.Second, func() {
				log("f")
				clk.Sleep(time.Second)
				log("f slept")
				close(done)
			})
			never := clk.AfterFunc(500*time.Millisecond, func() { log("stopped f ran") })
			log("stop=%t", never.Stop())
			moved := clk.AfterFunc(10*time.Second, func() { log("moved f") })
			moved.Reset(3 * time.Second)
			<-done
			log("done")
			clk.Sleep(2 * time.Second)
			log("stop-after-call=%t", first.Stop())
			return nil
		}, nil)
		Expect(withoutOffsets(logs(sim))).To(Equal([]string{
			"0s stop=true", "1s f", "2s f slept", "2s done", "3s moved f", "4s stop-after-call=false"}))
		Expect(sim.Text()).NotTo(ContainSubstring("work_lost"))
	})

	It("fails the instance on a panic in AfterFunc's f, and counts an AfterFunc still pending as lost work", func() {
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			clk := ClockFrom(ctx)
			clk.AfterFunc(time.Hour, func() {})
			clk.AfterFunc(time.Second, func() { panic("boom") })
			<-ctx.Done()
			return nil
		}, nil)
		Expect(sim.Text()).To(ContainSubstring(`+00:01:01.000 task_error G task=1 instance=1 msg="panic in AfterFunc: boom"`))
		Expect(sim.Text()).To(ContainSubstring("+00:01:01.000 work_lost G task=1 instance=1 callbacks=1"))
		Expect(sim).To(HaveCompleted(simulator.ResultError).At(time.Minute + time.Second))
	})

	It("ends WithTimeout and WithDeadline contexts at the virtual deadline; cancel disarms them", func() {
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			clk, log := ClockFrom(ctx), logger(ctx, in)
			start := clk.Now()
			c1, cancel1 := clk.WithTimeout(ctx, 3*time.Second)
			defer cancel1()
			dl, ok := c1.Deadline()
			log("deadline=%v ok=%t", dl.Sub(start), ok)
			<-c1.Done()
			log("err=%v", c1.Err())
			c2, cancel2 := clk.WithDeadline(ctx, clk.Now().Add(time.Hour))
			cancel2()
			log("canceled err=%v", c2.Err())
			c3, cancel3 := clk.WithDeadline(ctx, start)
			defer cancel3()
			log("past err=%v", c3.Err())
			return nil
		}, nil)
		Expect(withoutOffsets(logs(sim))).To(Equal([]string{
			"0s deadline=3s ok=true", "3s err=context deadline exceeded",
			"3s canceled err=context canceled", "3s past err=context deadline exceeded"}))
		Expect(sim).To(HaveCompleted(simulator.ResultOK).At(time.Minute + 3*time.Second))
		Expect(sim.Text()).NotTo(ContainSubstring("work_lost"))
	})

	It("lets ClockFrom and Simulation.Clock give the same clock", func() {
		var got *Clock
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			got = ClockFrom(ctx)
			return nil
		}, nil)
		Expect(got).NotTo(BeNil())
		Expect(got).To(BeIdenticalTo(sim.Clock()))
		Expect(ClockFrom(context.Background())).To(BeNil())
	})
})
