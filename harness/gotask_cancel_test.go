package harness_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing/synctest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

// waitsForCancel is a goroutine task that blocks until ctx is done, logs why, and returns
// ctx.Err().
func waitsForCancel(ctx context.Context, in *simulator.Instance) error {
	<-ctx.Done()
	r, ok := CancelReason(ctx)
	in.Log(fmt.Sprintf("canceled reason=%v ok=%t cause=%v", r, ok, context.Cause(ctx)))
	return ctx.Err()
}

// cancelBy produces a cancellation with one reason: when it happens (an offset from 1m, when the
// task starts), the actions that cause it, the options it needs, and a registration of its own
// when it needs one.
type cancelBy struct {
	at       time.Duration // offset from 1m of the cancel
	actions  []Action
	opts     []Option
	register func(*Simulation)
}

func cancelCase(r simulator.CancellationReason) cancelBy {
	switch r {
	case simulator.ReasonAbort:
		return cancelBy{at: 2 * time.Second, actions: []Action{Unregister("G", true)}}
	case simulator.ReasonServicingUpdate:
		return cancelBy{at: 2 * time.Second, actions: []Action{UpdateApp()}}
	case simulator.ReasonIdleTask:
		return cancelBy{at: 10 * time.Second, opts: []Option{WithPolicy(simulator.Policy{IdleWatchdog: 10 * time.Second})}}
	case simulator.ReasonExecutionTimeExceeded:
		return cancelBy{at: 30 * time.Second} // the default wall-clock limit
	case simulator.ReasonEnergySaver:
		return cancelBy{at: 2 * time.Second, actions: []Action{Power(simulator.PowerBattery), BatterySaver(true)}}
	case simulator.ReasonConditionLoss:
		return cancelBy{at: 2 * time.Second, actions: []Action{Network(simulator.NetworkNone)},
			register: func(sim *Simulation) {
				b := sim.NewBuilder()
				b.Name = "G"
				b.TaskEntryPoint = ep
				b.CancelOnConditionLoss = true
				b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
				b.AddCondition(simulator.ConditionInternetAvailable)
				_, err := b.Register()
				Expect(err).NotTo(HaveOccurred())
			}}
	}
	return cancelBy{at: 2 * time.Second, actions: []Action{PolicyCancel("G", r)}}
}

var _ = Describe("goroutine tasks: cancellation, errors and termination", func() {
	entries := []TableEntry{}
	for _, r := range simulator.CancellationReasons() {
		entries = append(entries, Entry(r.String(), r))
	}
	DescribeTable("cancel ctx for every cancellation reason; CancelReason says which; returning ctx.Err() is a clean exit",
		func(r simulator.CancellationReason) {
			c := cancelCase(r)
			var sim *Simulation
			bubble(func() {
				sim = goWorld(append([]Option{WithGoTask(ep, waitsForCancel)}, c.opts...)...)
				defer mustClose(sim)
				if c.register != nil {
					c.register(sim)
				} else {
					register(sim, "G", ep)
				}
				sim.At(time.Minute, TimeZone("Europe/Paris"))
				if c.actions != nil {
					sim.At(time.Minute+c.at, c.actions...)
				}
				Expect(sim.RunFor(time.Hour)).To(Succeed())
			})
			at := time.Minute + c.at
			Expect(sim).To(HaveBeenCanceled(r).Task("G").At(at).Times(1))
			Expect(logs(sim)).To(Equal([]string{fmt.Sprintf("%v canceled reason=%v ok=true cause=background task canceled: %v", c.at, r, r)}))
			Expect(sim).To(HaveCompleted(simulator.ResultOK).Task("G").At(at).Times(1))
			Expect(sim.Text()).NotTo(ContainSubstring("terminated"))
		}, entries)

	It("covers every cancellation reason", func() {
		Expect(simulator.CancellationReasons()).To(HaveLen(12))
	})

	It("fails the instance with the error's text when run returns an error, and CheckResult wraps that error", func() {
		var got error
		errServer := errors.New("sync failed: 503 from the server")
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			ClockFrom(ctx).Sleep(time.Second)
			return fmt.Errorf("upload: %w", errServer)
		}, func(sim *Simulation) {
			sim.Registration("G").OnCompleted(func(_ *simulator.Registration, a simulator.CompletedEventArgs) { got = a.CheckResult() })
		})
		Expect(sim.Text()).To(ContainSubstring(`+00:01:01.000 task_error G task=1 instance=1 msg="upload: sync failed: 503 from the server"`))
		Expect(sim).To(HaveCompleted(simulator.ResultError).At(time.Minute + time.Second))
		Expect(got).To(MatchError(simulator.ErrTaskFailed))
		Expect(errors.Is(got, errServer)).To(BeTrue(), "errors.Is finds the task's own error")
		Expect(got).To(MatchError("background task completed with an error: upload: sync failed: 503 from the server"))
	})

	It("fails the instance as the engine does for a panic in Run, and the process goes on", func() {
		var got error
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			ClockFrom(ctx).Sleep(time.Second)
			panic("nil map write")
		}, func(sim *Simulation) {
			sim.Registration("G").OnCompleted(func(_ *simulator.Registration, a simulator.CompletedEventArgs) { got = a.CheckResult() })
		})
		Expect(sim.Text()).To(ContainSubstring(`+00:01:01.000 task_error G task=1 instance=1 msg="panic in Run: nil map write"`))
		Expect(sim).To(HaveCompleted(simulator.ResultError))
		Expect(got).To(MatchError(ContainSubstring("panic in Run: nil map write")))
	})

	It("counts ctx's error, wrapped or not, as a clean exit only after a cancel", func() {
		cancelAt := func(sim *Simulation) { sim.At(time.Minute+time.Second, Unregister("G", true)) }
		wrapped := goRun(func(ctx context.Context, in *simulator.Instance) error {
			<-ctx.Done()
			return fmt.Errorf("upload interrupted: %w", ctx.Err())
		}, cancelAt)
		Expect(wrapped).To(HaveCompleted(simulator.ResultOK))
		other := goRun(func(ctx context.Context, in *simulator.Instance) error {
			<-ctx.Done()
			return errors.New("left a half-written file")
		}, cancelAt)
		Expect(other).To(HaveCompleted(simulator.ResultError))
		own := goRun(func(ctx context.Context, in *simulator.Instance) error {
			c, cancel := ClockFrom(ctx).WithTimeout(ctx, time.Second)
			defer cancel()
			<-c.Done()
			return c.Err()
		}, nil)
		Expect(own.Text()).To(ContainSubstring(`msg="context deadline exceeded"`))
		Expect(own).To(HaveCompleted(simulator.ResultError))
	})

	It("terminates after the grace a goroutine that ignores ctx, ending it in Sleep with runtime.Goexit", func() {
		deferred := false
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			clk := ClockFrom(ctx)
			defer func() {
				in.Log("deferred")     // the host is gone: Log does nothing
				clk.Sleep(time.Second) // ends the goroutine again, at once
				deferred = true
			}()
			defer func() { deferred = true }()
			for {
				clk.Sleep(time.Second)
				in.Log("still working")
			}
		}, func(sim *Simulation) { sim.At(time.Minute+2500*time.Millisecond, Unregister("G", true)) })
		Expect(sim).To(HaveBeenCanceled(simulator.ReasonAbort).At(time.Minute + 2500*time.Millisecond))
		Expect(sim.Text()).To(ContainSubstring("+00:01:07.500 terminated G task=1 instance=1 cause=cancel_grace_expired\n"))
		Expect(sim).To(HaveCompleted(simulator.ResultError).At(time.Minute + 7500*time.Millisecond))
		Expect(logs(sim)).To(HaveLen(7)) // 1 s to 7 s
		Expect(sim.Text()).NotTo(ContainSubstring("deferred"))
		Expect(sim.Text()).NotTo(ContainSubstring("work_lost"), "a Sleep is not scheduled work")
		Expect(deferred).To(BeTrue())
	})

	It("reports at Close, by entry point, a goroutine blocked outside the harness, and never waits on it", func() {
		bubble(func() {
			block := make(chan struct{})
			sim := goWorld(WithGoTask(ep, func(ctx context.Context, in *simulator.Instance) error {
				<-block
				return nil
			}))
			register(sim, "G", ep)
			sim.At(time.Minute, TimeZone("Europe/Paris"))
			sim.At(time.Minute+time.Second, Unregister("G", true))
			Expect(sim.RunFor(time.Hour)).To(Succeed())
			Expect(sim.Text()).To(ContainSubstring("+00:01:06.000 terminated G task=1 instance=1 cause=cancel_grace_expired\n"))
			err := sim.Close()
			Expect(err).To(MatchError(ContainSubstring("1 goroutine task(s) still running after their context was canceled")))
			Expect(err).To(MatchError(ContainSubstring("[Tasks.ExampleBackgroundTask (instance 1)]")))
			Expect(sim.Close()).To(Equal(err), "a second Close gives the same answer")
			Expect(sim.RunFor(time.Second)).To(MatchError("cannot RunFor: the simulation is closed"))
			close(block) // let the bubble end
			synctest.Wait()
		})
	})

	It("ends every goroutine of the simulation at Close: ctx canceled, Sleep ended", func() {
		bubble(func() {
			var returned, slept bool
			sim := goWorld(
				WithGoTask(ep, func(ctx context.Context, in *simulator.Instance) error {
					<-ctx.Done()
					returned = errors.Is(context.Cause(ctx), ErrSimulationClosed)
					return nil
				}),
				WithGoTask("Tasks.NeverCompletes", func(ctx context.Context, in *simulator.Instance) error {
					defer func() { slept = true }()
					ClockFrom(ctx).Sleep(time.Hour)
					return nil
				}),
				WithPolicy(simulator.Policy{WallClockLimit: 24 * time.Hour}))
			register(sim, "G", ep)
			register(sim, "S", "Tasks.NeverCompletes")
			sim.At(time.Minute, TimeZone("Europe/Paris"))
			Expect(sim.RunFor(2 * time.Minute)).To(Succeed())
			before := sim.Text()
			Expect(sim.Close()).To(Succeed())
			Expect(returned).To(BeTrue())
			Expect(slept).To(BeTrue())
			Expect(sim.Text()).To(Equal(before), "nothing completes after Close")
		})
	})

	It("fails at once outside a synctest bubble, saying what to do", func() {
		sim := goWorld(WithGoTask(ep, func(ctx context.Context, in *simulator.Instance) error {
			Fail("run must not start outside a bubble")
			return nil
		}))
		register(sim, "G", ep)
		sim.At(time.Minute, TimeZone("Europe/Paris"))
		Expect(sim.RunFor(time.Hour)).To(MatchError(ContainSubstring("harness: goroutine task Tasks.ExampleBackgroundTask cannot run outside a testing/synctest bubble")),
			"the run call returns it, so that a spec that checks only its own matchers cannot pass unaware")
		Expect(sim.RunFor(time.Hour)).To(Succeed(), "once")
		Expect(sim.Text()).To(ContainSubstring("+00:01:00.000 task_error G task=1 instance=1 msg=\"harness: goroutine task Tasks.ExampleBackgroundTask cannot run outside a testing/synctest bubble: run the simulation inside synctest.Test(t, func(t *testing.T) { ... })"))
		Expect(sim).To(HaveCompleted(simulator.ResultError).At(time.Minute))
		Expect(sim.Close()).To(Succeed())
	})

	It("runs in-process goroutine tasks; terminating one takes the app process down", func() {
		var sim *Simulation
		bubble(func() {
			sim = MustNew(WithGoBackgroundActivated(func(ctx context.Context, in *simulator.Instance) error {
				in.Log("in-process " + in.Task().Name())
				for {
					ClockFrom(ctx).Sleep(time.Second) // ignores ctx
				}
			}))
			defer mustClose(sim)
			registerOn(sim, "InProc", "", simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
			sim.At(time.Minute, TimeZone("Europe/Paris"))
			sim.At(time.Minute+time.Second, KillHost("InProc"))
			Expect(sim.RunFor(time.Hour)).To(Succeed())
		})
		Expect(sim.Text()).To(ContainSubstring("+00:01:00.000 log       InProc task=1 instance=1 msg=\"in-process InProc\""))
		Expect(sim.Text()).To(ContainSubstring("+00:01:01.000 terminated InProc task=1 instance=1 cause=kill_host"))
		Expect(sim.Text()).To(ContainSubstring("+00:01:01.000 app       terminate cause=kill_host"))
	})
})

var _ = Describe("goroutine tasks: instance calls from task goroutines", func() {
	It("starts a latched instance released by a task goroutine's own in.Fail", func() {
		n := 0
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			n++
			in.Log(fmt.Sprintf("instance %d", in.Number()))
			ClockFrom(ctx).Sleep(2 * time.Second)
			if in.Number() == 1 {
				in.Fail(errors.New("gave up")) // finishes the instance on this goroutine
				in.Log("after Fail: dropped")
			}
			return nil
		}, func(sim *Simulation) {
			sim.At(time.Minute+time.Second, TimeZone("Asia/Tokyo"))
		}, WithPolicy(simulator.Policy{Overlap: simulator.OverlapLatch}))
		Expect(n).To(Equal(2))
		Expect(logs(sim)).To(Equal([]string{"0s instance 1", "2s instance 2"}))
		Expect(sim.Text()).To(ContainSubstring("+00:01:02.000 task_error G task=1 instance=1 msg=\"gave up\""))
		Expect(sim).To(HaveRun("G").Instance(2).At(time.Minute + 2*time.Second))
		Expect(sim).To(HaveCompleted(simulator.ResultOK).Instance(2).At(time.Minute + 4*time.Second))
	})

	It("refuses to move time or apply actions from a task goroutine", func() {
		var runErr, doErr error
		var sim *Simulation
		bubble(func() {
			sim = goWorld(WithGoTask(ep, func(ctx context.Context, in *simulator.Instance) error {
				runErr = sim.RunFor(time.Second)
				doErr = sim.Do(Power(simulator.PowerBattery))
				return nil
			}))
			defer mustClose(sim)
			register(sim, "G", ep)
			Expect(sim.Do(TimeZone("Europe/Paris"))).To(Succeed())
		})
		Expect(runErr).To(MatchError("cannot RunFor from a task goroutine: only the goroutine that owns the simulation moves time"))
		Expect(doErr).To(MatchError("cannot Do from a task goroutine: only the goroutine that owns the simulation applies actions"))
	})
})

var _ = Describe("goroutine tasks in a task group", func() {
	It("runs a group's in-process tasks as goroutine tasks with GoActivated", func() {
		var sim *Simulation
		bubble(func() {
			sim = MustNew()
			defer mustClose(sim)
			g := simulator.NewTaskGroup("sync-group", "Sync")
			g.BackgroundActivated = sim.GoActivated(func(ctx context.Context, in *simulator.Instance) error {
				ClockFrom(ctx).Sleep(2 * time.Second)
				in.Log("group task " + in.Task().Name())
				return nil
			})
			b := sim.NewBuilder()
			b.Name = "Grouped"
			b.TaskGroup = g
			b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
			_, err := b.Register()
			Expect(err).NotTo(HaveOccurred())
			sim.At(time.Minute, TimeZone("Europe/Paris"))
			Expect(sim.RunFor(time.Hour)).To(Succeed())
		})
		Expect(sim.Text()).To(ContainSubstring(`+00:01:02.000 log       Grouped task=1 instance=1 msg="group task Grouped"`))
		Expect(sim).To(HaveCompleted(simulator.ResultOK).At(time.Minute + 2*time.Second))
	})
})

var _ = Describe("goroutine tasks beside callback tasks", func() {
	It("terminates a goroutine that ignores ctx with the records of a callback task that does", func() {
		cancel := func(sim *Simulation) { sim.At(time.Minute+2*time.Second, Unregister("G", true)) }
		callback := fixtureWorld()
		register(callback, "G", "Tasks.IgnoresCancellation")
		callback.At(time.Minute, TimeZone("Europe/Paris"))
		cancel(callback)
		Expect(callback.RunFor(time.Hour)).To(Succeed())
		goroutine := goRun(func(ctx context.Context, in *simulator.Instance) error {
			ClockFrom(ctx).Sleep(60 * time.Second) // as IgnoresCancellation's AfterFunc
			return nil
		}, cancel)
		// The callback's pending AfterFunc is queued work, which a work_lost record counts; a
		// pending Sleep is not work. Every other record is the same.
		want := strings.Replace(strings.ReplaceAll(callback.Text(), "entry_point=Tasks.IgnoresCancellation", "entry_point="+ep),
			"+00:01:07.000 work_lost G task=1 instance=1 callbacks=1\n", "", 1)
		Expect(goroutine.Text()).To(Equal(want))
		Expect(goroutine.Text()).To(ContainSubstring("+00:01:07.000 terminated G task=1 instance=1 cause=cancel_grace_expired\n"))
	})

	It("refuses Sleep in a callback task of a simulation with goroutine tasks, inside the bubble too", func() {
		var sim *Simulation
		bubble(func() {
			sim = goWorld(
				WithGoTask(ep, func(ctx context.Context, in *simulator.Instance) error { return nil }),
				WithTaskFunc("Tasks.ServicingComplete", func(in *simulator.Instance) { sim.Clock().Sleep(time.Second) }))
			defer mustClose(sim)
			register(sim, "C", "Tasks.ServicingComplete")
			Expect(sim.Do(TimeZone("Europe/Paris"))).To(Succeed())
		})
		Expect(sim.Text()).To(ContainSubstring(`task_error C task=1 instance=1 msg="panic in Run: harness: Clock.Sleep cannot wait on the engine goroutine`))
		Expect(sim.Text()).To(ContainSubstring("Run the code as a goroutine task (harness.WithGoTask"))
	})
})
