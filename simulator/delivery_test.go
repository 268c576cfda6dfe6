package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#completion Completion and progress delivery", func() {
	var (
		s         *sim
		completed []simulator.GUID // InstanceIDs the Completed handler saw
		progress  []uint32         // values the Progress handler saw
	)
	BeforeEach(func() {
		s = newSim(simulator.Config{})
		completed, progress = nil, nil
	})
	attach := func(r *simulator.Registration) {
		r.OnCompleted(func(_ *simulator.Registration, a simulator.CompletedEventArgs) {
			completed = append(completed, a.InstanceID)
		})
		r.OnProgress(func(_ *simulator.Registration, a simulator.ProgressEventArgs) {
			progress = append(progress, a.Progress)
		})
	}
	// setup registers T (completes 10s after Run) with handlers attached.
	setup := func(cfg simulator.Config) *simulator.Registration {
		s = newSim(cfg)
		s.deferring("T", 10*time.Second)
		r := s.register("T", sms())
		attach(r)
		return r
	}
	deliveries := func() []string {
		return s.lines(simulator.KindCompleted, simulator.KindDelivered, simulator.KindDropped, simulator.KindApp)
	}

	It("delivers Completed at once while the app is in the foreground", func() {
		setup(simulator.Config{})
		s.raiseSMS()
		s.RunFor(time.Minute)
		Expect(deliveries()).To(Equal([]string{
			"+00:00:10.000 completed T task=1 instance=1 result=ok",
			"+00:00:10.000 delivered T task=1 instance=1 result=ok",
		}))
		Expect(completed).To(Equal([]simulator.GUID{s.records(simulator.KindRun)[0].InstanceID}))
	})

	It("queues completions while suspended and delivers them on resume, in the order the instances finished", func() {
		setup(simulator.Config{})
		s.behave["U"] = func(in *simulator.Instance) { d := in.GetDeferral(); in.AfterFunc(5*time.Second, d.Complete) }
		attach(s.register("U", sms()))
		s.SuspendApp()
		s.raiseSMS()
		s.RunFor(time.Minute)
		Expect(completed).To(BeEmpty())
		s.ResumeApp()
		Expect(deliveries()).To(Equal([]string{
			"+00:00:00.000 app       suspend state=suspended",
			"+00:00:05.000 completed U task=2 instance=2 result=ok",
			"+00:00:10.000 completed T task=1 instance=1 result=ok",
			"+00:01:00.000 app       resume state=foreground",
			"+00:01:00.000 delivered U task=2 instance=2 result=ok",
			"+00:01:00.000 delivered T task=1 instance=1 result=ok",
		}))
		runs := s.records(simulator.KindRun)
		Expect(completed).To(Equal([]simulator.GUID{runs[1].InstanceID, runs[0].InstanceID}))
	})

	It("LaunchApp on a suspended app is a resume: handlers stay and queued completions are delivered", func() {
		setup(simulator.Config{})
		s.SuspendApp()
		s.raiseSMS()
		s.RunFor(time.Minute)
		s.LaunchApp()
		Expect(s.lines(simulator.KindApp)).To(Equal([]string{
			"+00:00:00.000 app       suspend state=suspended",
			"+00:01:00.000 app       resume state=foreground",
		}))
		Expect(completed).To(HaveLen(1))
	})

	It("drops completions when the app is terminated, including those queued while it was suspended", func() {
		setup(simulator.Config{})
		s.SuspendApp()
		s.raiseSMS()
		s.RunFor(time.Minute)
		s.TerminateApp()
		s.raiseSMS()
		s.RunFor(time.Minute)
		s.LaunchApp()
		Expect(deliveries()).To(Equal([]string{
			"+00:00:00.000 app       suspend state=suspended",
			"+00:00:10.000 completed T task=1 instance=1 result=ok",
			"+00:01:00.000 app       terminate state=terminated",
			"+00:01:00.000 dropped   T task=1 instance=1 result=ok app=terminated",
			"+00:01:10.000 completed T task=1 instance=2 result=ok",
			"+00:01:10.000 dropped   T task=1 instance=2 result=ok app=terminated",
			"+00:02:00.000 app       launch state=foreground",
		}))
		Expect(completed).To(BeEmpty())
	})

	It("drops completions when the app has not run since the device started", func() {
		setup(simulator.Config{App: simulator.AppConfig{State: simulator.AppNotRunning}})
		s.raiseSMS()
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindDropped)).To(Equal([]string{"+00:00:10.000 dropped   T task=1 instance=1 result=ok app=not_running"}))
	})

	It("with Policy.DeliverAfterRelaunch delivers completions from while it was terminated on the next LaunchApp", func() {
		setup(simulator.Config{Policy: simulator.Policy{DeliverAfterRelaunch: true}})
		s.SuspendApp()
		s.raiseSMS()
		s.RunFor(time.Minute)
		s.TerminateApp()
		s.raiseSMS()
		s.RunFor(time.Minute)
		s.LaunchApp()
		// The relaunched app re-attaches its handler before the queued completions arrive.
		var relaunched int
		s.AllTasks()[0].OnCompleted(func(*simulator.Registration, simulator.CompletedEventArgs) { relaunched++ })
		s.RunFor(0)
		Expect(deliveries()).To(Equal([]string{
			"+00:00:00.000 app       suspend state=suspended",
			"+00:00:10.000 completed T task=1 instance=1 result=ok",
			"+00:01:00.000 app       terminate state=terminated",
			"+00:01:10.000 completed T task=1 instance=2 result=ok",
			"+00:02:00.000 app       launch state=foreground",
			"+00:02:00.000 delivered T task=1 instance=1 result=ok",
			"+00:02:00.000 delivered T task=1 instance=2 result=ok",
		}))
		Expect(relaunched).To(Equal(2), "a handler attached right after LaunchApp receives both")
	})

	It("docs/windows-model.md#persistence Persistence: a relaunch clears the Completed and Progress handlers; registrations stay", func() {
		r := setup(simulator.Config{})
		s.behave["T"] = func(in *simulator.Instance) { in.SetProgress(7) }
		s.TerminateApp()
		s.LaunchApp()
		s.raiseSMS()
		Expect(s.lines(simulator.KindProgressDelivered, simulator.KindDelivered)).To(Equal([]string{
			"+00:00:00.000 progress_delivered T task=1 instance=1 value=7",
			"+00:00:00.000 delivered T task=1 instance=1 result=ok",
		}))
		Expect(completed).To(BeEmpty())
		Expect(progress).To(BeEmpty())
		Expect(s.AllTasks()).To(Equal([]*simulator.Registration{r}))
		attach(r)
		s.raiseSMS()
		Expect(completed).To(HaveLen(1))
		Expect(progress).To(Equal([]uint32{7}))
	})

	It("Progress is delivered only in the foreground, and never queued or replayed", func() {
		s.behave["T"] = func(in *simulator.Instance) {
			d := in.GetDeferral()
			in.SetProgress(10)
			in.AfterFunc(time.Second, func() { in.SetProgress(50) })
			in.AfterFunc(3*time.Second, func() { in.SetProgress(90); d.Complete() })
		}
		attach(s.register("T", sms()))
		s.raiseSMS()
		s.RunFor(2 * time.Second)
		s.SuspendApp()
		s.RunFor(2 * time.Second)
		s.ResumeApp()
		Expect(s.lines(simulator.KindProgress, simulator.KindProgressDelivered)).To(Equal([]string{
			"+00:00:00.000 progress  T task=1 instance=1 value=10",
			"+00:00:00.000 progress_delivered T task=1 instance=1 value=10",
			"+00:00:01.000 progress  T task=1 instance=1 value=50",
			"+00:00:01.000 progress_delivered T task=1 instance=1 value=50",
			"+00:00:03.000 progress  T task=1 instance=1 value=90",
		}))
		Expect(progress).To(Equal([]uint32{10, 50}))
		Expect(completed).To(HaveLen(1), "the completion, unlike progress, is delivered on resume")
	})

	It("Progress reads back what SetProgress set; setting it after completion does nothing", func() {
		var in *simulator.Instance
		s.behave["T"] = func(i *simulator.Instance) { in = i; i.SetProgress(0); i.SetProgress(42) }
		s.register("T", sms())
		s.raiseSMS()
		Expect(in.Progress()).To(Equal(uint32(42)))
		in.SetProgress(99)
		Expect(in.Progress()).To(Equal(uint32(42)))
		Expect(s.lines(simulator.KindProgress)).To(Equal([]string{
			"+00:00:00.000 progress  T task=1 instance=1 value=0",
			"+00:00:00.000 progress  T task=1 instance=1 value=42",
		}))
	})

	It("a panic in a Progress handler is a task_error record and the task goes on", func() {
		s.behave["T"] = func(in *simulator.Instance) { in.SetProgress(1) }
		r := s.register("T", sms())
		r.OnProgress(func(*simulator.Registration, simulator.ProgressEventArgs) { panic("oops") })
		s.raiseSMS()
		Expect(s.lines(simulator.KindTaskError, simulator.KindCompleted)).To(Equal([]string{
			`+00:00:00.000 task_error msg="panic in Progress handler: oops"`,
			"+00:00:00.000 completed T task=1 instance=1 result=ok",
		}))
	})

	It("lifecycle calls that do not apply change nothing", func() {
		s.ResumeApp()
		s.LaunchApp()
		s.TerminateApp()
		s.TerminateApp()
		s.SuspendApp()
		Expect(s.lines()).To(Equal([]string{"+00:00:00.000 app       terminate state=terminated"}))
		Expect(s.AppState()).To(Equal(simulator.AppTerminated))
	})
})
