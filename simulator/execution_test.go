package simulator_test

import (
	"errors"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#task-instances #delivery Execution", func() {
	var (
		s       *sim
		results []error // CheckResult of every delivered completion
	)
	BeforeEach(func() {
		s = newSim(simulator.Config{})
		results = nil
	})
	// register registers name on SmsReceived with a Completed handler collecting CheckResult.
	register := func(name string) *simulator.Registration {
		r := s.register(name, sms())
		r.OnCompleted(func(_ *simulator.Registration, a simulator.CompletedEventArgs) {
			results = append(results, a.CheckResult())
		})
		return r
	}

	It("calls Run, Canceled handlers, scheduled work and Completed handlers inline on the engine goroutine", func() {
		me := goroutineID()
		var seen []uint64
		s.behave["T"] = func(in *simulator.Instance) {
			seen = append(seen, goroutineID())
			d := in.GetDeferral()
			in.OnCanceled(func(*simulator.Instance, simulator.CancellationReason) {
				seen = append(seen, goroutineID())
				d.Complete()
			})
			in.AfterFunc(time.Second, func() { seen = append(seen, goroutineID()) })
		}
		r := register("T")
		r.OnCompleted(func(*simulator.Registration, simulator.CompletedEventArgs) { seen = append(seen, goroutineID()) })
		s.raiseSMS()
		Expect(seen).To(HaveLen(1), "Run has run before RaiseSystemEvent returned")
		s.RunFor(time.Second)
		r.Unregister(true)
		Expect(seen).To(Equal([]uint64{me, me, me, me}))
	})

	It("makes a fresh Task from the factory for every instance, with a new InstanceId", func() {
		made := 0
		e := newSim(simulator.Config{Tasks: map[string]simulator.TaskFactory{epAll: func() simulator.Task {
			made++
			return simulator.TaskFunc(func(*simulator.Instance) {})
		}}})
		e.register("T", sms())
		e.raiseSMS()
		e.raiseSMS()
		Expect(made).To(Equal(2))
		runs := e.records(simulator.KindRun)
		Expect(runs[0].InstanceID).NotTo(Equal(runs[1].InstanceID))
	})

	It("exposes the IBackgroundTaskInstance members", func() {
		var in *simulator.Instance
		s.behave["T"] = func(i *simulator.Instance) { in = i; i.GetDeferral() }
		r := register("T")
		s.RunFor(time.Minute)
		s.raiseSMS()
		Expect(in.Task()).To(BeIdenticalTo(r))
		Expect(in.Number()).To(Equal(1))
		Expect(in.InstanceID()).To(Equal(s.records(simulator.KindRun)[0].InstanceID))
		Expect(in.SuspendedCount()).To(BeZero())
		Expect(in.Now()).To(Equal(simulator.DefaultStart.Add(time.Minute)))
		Expect(in.Finished()).To(BeFalse())
		Expect(r.Running()).To(Equal(1))
	})

	It("completes when Run has returned and every deferral is complete", func() {
		s.behave["T"] = func(in *simulator.Instance) {
			d1, d2 := in.GetDeferral(), in.GetDeferral()
			in.AfterFunc(time.Second, d1.Complete)
			in.AfterFunc(3*time.Second, func() { d2.Complete(); d2.Complete() }) // twice: no effect
		}
		register("T")
		s.raiseSMS()
		s.RunFor(time.Minute)
		Expect(s.lines()[2:]).To(Equal([]string{
			"+00:00:00.000 run       T task=1 instance=1 trigger=System(SmsReceived)",
			"+00:00:00.000 deferral  T task=1 instance=1 deferral=1",
			"+00:00:00.000 deferral  T task=1 instance=1 deferral=2",
			"+00:00:01.000 deferral_completed T task=1 instance=1 deferral=1",
			"+00:00:03.000 deferral_completed T task=1 instance=1 deferral=2",
			"+00:00:03.000 completed T task=1 instance=1 result=ok",
			"+00:00:03.000 delivered T task=1 instance=1 result=ok",
		}))
		Expect(results).To(Equal([]error{nil}))
	})

	It("a deferral completed inside Run lets the instance complete when Run returns", func() {
		s.behave["T"] = func(in *simulator.Instance) {
			in.GetDeferral().Complete()
			in.Log("still in Run")
		}
		register("T")
		s.raiseSMS()
		Expect(s.lines(simulator.KindDeferralCompleted, simulator.KindLog, simulator.KindCompleted)).To(Equal([]string{
			"+00:00:00.000 deferral_completed T task=1 instance=1 deferral=1",
			`+00:00:00.000 log       T task=1 instance=1 msg="still in Run"`,
			"+00:00:00.000 completed T task=1 instance=1 result=ok",
		}))
	})

	It("work scheduled from a Run with no deferral never runs: a work_lost record counts it", func() {
		ran := false
		s.behave["T"] = func(in *simulator.Instance) {
			in.AfterFunc(time.Second, func() { ran = true })
			in.AfterFunc(2*time.Second, func() { ran = true })
		}
		register("T")
		s.raiseSMS()
		s.RunFor(time.Hour)
		Expect(ran).To(BeFalse())
		Expect(s.lines()[2:]).To(Equal([]string{
			"+00:00:00.000 run       T task=1 instance=1 trigger=System(SmsReceived)",
			"+00:00:00.000 work_lost T task=1 instance=1 callbacks=2",
			"+00:00:00.000 completed T task=1 instance=1 result=ok",
			"+00:00:00.000 delivered T task=1 instance=1 result=ok",
		}))
	})

	It("work still queued when the last deferral completes is lost; work scheduled after completion never runs", func() {
		ran := 0
		var inst *simulator.Instance
		s.behave["T"] = func(in *simulator.Instance) {
			inst = in
			d := in.GetDeferral()
			in.AfterFunc(time.Second, d.Complete)
			in.AfterFunc(5*time.Second, func() { ran++ })
		}
		register("T")
		s.raiseSMS()
		s.RunFor(time.Hour)
		t := inst.AfterFunc(time.Second, func() { ran++ })
		s.RunFor(time.Hour)
		Expect(ran).To(BeZero())
		Expect(t.Stop()).To(BeFalse())
		Expect(s.lines(simulator.KindWorkLost)).To(Equal([]string{"+00:00:01.000 work_lost T task=1 instance=1 callbacks=1"}))
	})

	It("Timer.Stop prevents scheduled work and reports whether it did", func() {
		ran := false
		var t *simulator.Timer
		s.behave["T"] = func(in *simulator.Instance) {
			d := in.GetDeferral()
			t = in.AfterFunc(time.Second, func() { ran = true })
			in.AfterFunc(2*time.Second, d.Complete)
		}
		register("T")
		s.raiseSMS()
		Expect(t.Stop()).To(BeTrue())
		Expect(t.Stop()).To(BeFalse())
		s.RunFor(time.Minute)
		Expect(ran).To(BeFalse())
		Expect(s.lines(simulator.KindWorkLost)).To(BeEmpty(), "stopped work is not lost work")
	})

	Describe("a panic completes the instance with result=error, CheckResult wraps ErrTaskFailed, and the engine goes on", func() {
		check := func(line string, msg string) {
			Expect(s.lines(simulator.KindTaskError)).To(Equal([]string{line}))
			Expect(s.count(simulator.KindCompleted, "T")).To(Equal(1))
			Expect(s.records(simulator.KindCompleted)[0].Result).To(Equal(simulator.ResultError))
			Expect(s.records(simulator.KindDelivered)[0].Result).To(Equal(simulator.ResultError))
			Expect(results).To(HaveLen(1))
			Expect(errors.Is(results[0], simulator.ErrTaskFailed)).To(BeTrue())
			Expect(results[0]).To(MatchError("background task completed with an error: " + msg))
			delete(s.behave, "T")
			s.raiseSMS()
			s.RunFor(time.Minute)
			Expect(results).To(HaveLen(2))
			Expect(results[1]).To(Succeed())
		}

		It("in Run", func() {
			s.behave["T"] = func(in *simulator.Instance) {
				in.AfterFunc(time.Second, func() {})
				panic("boom")
			}
			register("T")
			s.raiseSMS()
			check(`+00:00:00.000 task_error T task=1 instance=1 msg="panic in Run: boom"`, "panic in Run: boom")
			Expect(s.lines(simulator.KindWorkLost)).To(Equal([]string{"+00:00:00.000 work_lost T task=1 instance=1 callbacks=1"}))
		})

		It("in scheduled work", func() {
			s.behave["T"] = func(in *simulator.Instance) {
				in.GetDeferral()
				in.AfterFunc(2*time.Second, func() { panic(errors.New("late")) })
			}
			register("T")
			s.raiseSMS()
			s.RunFor(time.Minute)
			check(`+00:00:02.000 task_error T task=1 instance=1 msg="panic in scheduled work: late"`, "panic in scheduled work: late")
		})

		It("in a Canceled handler", func() {
			s.behave["T"] = func(in *simulator.Instance) {
				in.GetDeferral()
				in.OnCanceled(func(*simulator.Instance, simulator.CancellationReason) { panic("no") })
			}
			r := register("T")
			s.raiseSMS()
			s.RunFor(time.Second)
			r.Unregister(true)
			s.RunFor(time.Minute)
			Expect(s.lines(simulator.KindTerminated)).To(BeEmpty(), "completed at once, not terminated at the grace end")
			Expect(s.lines(simulator.KindTaskError)).To(Equal([]string{`+00:00:01.000 task_error T task=1 instance=1 msg="panic in Canceled handler: no"`}))
			Expect(results).To(HaveLen(1))
			Expect(results[0]).To(MatchError(simulator.ErrTaskFailed))
			s.register("Next", sms())
			s.raiseSMS()
			Expect(s.count(simulator.KindCompleted, "Next")).To(Equal(1))
		})
	})

	It("a panic in a Completed handler is a task_error record and the simulation goes on", func() {
		r := s.register("T", sms())
		r.OnCompleted(func(*simulator.Registration, simulator.CompletedEventArgs) { panic("app bug") })
		s.raiseSMS()
		s.raiseSMS()
		Expect(s.lines(simulator.KindTaskError)).To(Equal([]string{
			`+00:00:00.000 task_error msg="panic in Completed handler: app bug"`,
			`+00:00:00.000 task_error msg="panic in Completed handler: app bug"`,
		}))
		Expect(s.count(simulator.KindDelivered, "T")).To(Equal(2))
	})

	It("an entry point without a Go task factory completes with an error", func() {
		e := newSim(simulator.Config{Tasks: map[string]simulator.TaskFactory{
			epSystem: func() simulator.Task { return nil },
		}})
		e.register("NoFactory", sms())
		b := e.builder("NilTask", sms())
		b.TaskEntryPoint = epSystem
		_, err := b.Register()
		Expect(err).NotTo(HaveOccurred())
		e.raiseSMS()
		Expect(e.lines(simulator.KindTaskError, simulator.KindCompleted)).To(Equal([]string{
			`+00:00:00.000 task_error NoFactory task=1 instance=1 msg="no task factory for entry point Tasks.All"`,
			"+00:00:00.000 completed NoFactory task=1 instance=1 result=error",
			`+00:00:00.000 task_error NilTask task=2 instance=2 msg="the task factory for Tasks.System returned nil"`,
			"+00:00:00.000 completed NilTask task=2 instance=2 result=error",
		}))
	})

	Describe("docs/windows-model.md#in-process-and-out-of-process-tasks in-process tasks (no entry point)", func() {
		inProcess := func(e *sim, name string, g *simulator.TaskGroup) {
			b := e.NewBackgroundTaskBuilder()
			b.Name = name
			b.TaskGroup = g
			b.SetTrigger(sms())
			_, err := b.Register()
			Expect(err).NotTo(HaveOccurred())
		}

		It("run in AppConfig.OnBackgroundActivated, or the group's BackgroundActivated when it has one", func() {
			var app, group []string
			e := newSim(simulator.Config{App: simulator.AppConfig{OnBackgroundActivated: func(in *simulator.Instance) {
				app = append(app, in.Task().Name())
			}}})
			withHandler := simulator.NewTaskGroup("with", "With")
			withHandler.BackgroundActivated = func(in *simulator.Instance) { group = append(group, in.Task().Name()) }
			inProcess(e, "Ungrouped", nil)
			inProcess(e, "GroupedWithHandler", withHandler)
			inProcess(e, "GroupedWithout", simulator.NewTaskGroup("without", "Without"))
			e.raiseSMS()
			Expect(app).To(Equal([]string{"Ungrouped", "GroupedWithout"}))
			Expect(group).To(Equal([]string{"GroupedWithHandler"}))
			Expect(e.runs).To(BeZero(), "no out-of-process task ran")
		})

		It("with no handler, an activation does nothing and completes at once", func() {
			inProcess(s, "T", nil)
			s.raiseSMS()
			Expect(s.lines(simulator.KindRun, simulator.KindCompleted)).To(Equal([]string{
				"+00:00:00.000 run       T task=1 instance=1 trigger=System(SmsReceived)",
				"+00:00:00.000 completed T task=1 instance=1 result=ok",
			}))
		})
	})
})
