package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#cancellation Cancellation", func() {
	var (
		s       *sim
		reasons []simulator.CancellationReason
		results []error
	)
	BeforeEach(func() {
		s = newSim(simulator.Config{})
		reasons, results = nil, nil
	})
	// stubborn makes name take a deferral and only record cancellations; polite completes its
	// deferral in the Canceled handler.
	stubborn := func(name string) {
		s.behave[name] = func(in *simulator.Instance) {
			in.GetDeferral()
			in.OnCanceled(func(_ *simulator.Instance, r simulator.CancellationReason) { reasons = append(reasons, r) })
		}
	}
	polite := func(name string) {
		s.behave[name] = func(in *simulator.Instance) {
			d := in.GetDeferral()
			in.OnCanceled(func(_ *simulator.Instance, r simulator.CancellationReason) {
				reasons = append(reasons, r)
				d.Complete()
			})
		}
	}
	register := func(name string, t simulator.Trigger, conds ...simulator.SystemConditionType) *simulator.Registration {
		r := s.register(name, t, conds...)
		r.OnCompleted(func(_ *simulator.Registration, a simulator.CompletedEventArgs) {
			results = append(results, a.CheckResult())
		})
		return r
	}

	It("docs/windows-model.md#registrations Unregister(true) raises Canceled with Abort; an instance that ignores it is terminated 5s later with result=error", func() {
		stubborn("T")
		r := register("T", sms())
		s.raiseSMS()
		s.RunFor(time.Second)
		r.Unregister(true)
		s.RunFor(4999 * time.Millisecond)
		Expect(s.lines(simulator.KindTerminated)).To(BeEmpty())
		s.RunFor(time.Millisecond)
		Expect(reasons).To(Equal([]simulator.CancellationReason{simulator.ReasonAbort}))
		Expect(s.lines()[3:]).To(Equal([]string{
			"+00:00:00.000 deferral  T task=1 instance=1 deferral=1",
			"+00:00:01.000 unregister T task=1 cancel=true",
			"+00:00:01.000 canceled  T task=1 instance=1 reason=Abort",
			"+00:00:06.000 terminated T task=1 instance=1 cause=cancel_grace_expired",
			"+00:00:06.000 completed T task=1 instance=1 result=error",
			"+00:00:06.000 delivered T task=1 instance=1 result=error",
		}))
		Expect(results).To(HaveLen(1))
		Expect(results[0]).To(MatchError(simulator.ErrTaskFailed))
		Expect(results[0]).To(MatchError(ContainSubstring("host terminated: cancel_grace_expired")))
	})

	It("terminates exactly Policy.CancelGrace later when it is set (30s)", func() {
		s = newSim(simulator.Config{Policy: simulator.Policy{CancelGrace: 30 * time.Second}})
		Expect(s.Policy().CancelGrace).To(Equal(30 * time.Second))
		stubborn("T")
		r := register("T", sms())
		s.raiseSMS()
		r.Unregister(true)
		s.RunFor(time.Hour)
		Expect(s.lines(simulator.KindTerminated)).To(Equal([]string{
			"+00:00:30.000 terminated T task=1 instance=1 cause=cancel_grace_expired",
		}))
	})

	It("defaults CancelGrace to 5s", func() {
		Expect(s.Policy()).To(Equal(simulator.DefaultPolicy()))
		Expect(s.Policy().CancelGrace).To(Equal(5 * time.Second))
	})

	It("an instance that completes its deferral in the Canceled handler completes ok (a cancel then a clean exit is success)", func() {
		polite("T")
		r := register("T", sms())
		s.raiseSMS()
		r.Unregister(true)
		s.RunFor(time.Minute)
		Expect(s.lines()[3:]).To(Equal([]string{
			"+00:00:00.000 deferral  T task=1 instance=1 deferral=1",
			"+00:00:00.000 unregister T task=1 cancel=true",
			"+00:00:00.000 canceled  T task=1 instance=1 reason=Abort",
			"+00:00:00.000 deferral_completed T task=1 instance=1 deferral=1",
			"+00:00:00.000 completed T task=1 instance=1 result=ok",
			"+00:00:00.000 delivered T task=1 instance=1 result=ok",
		}))
		Expect(results).To(Equal([]error{nil}))
	})

	It("an instance that finishes within the grace period is not terminated", func() {
		s.behave["T"] = func(in *simulator.Instance) {
			d := in.GetDeferral()
			in.OnCanceled(func(in *simulator.Instance, _ simulator.CancellationReason) { in.AfterFunc(4*time.Second, d.Complete) })
		}
		r := register("T", sms())
		s.raiseSMS()
		r.Unregister(true)
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindTerminated)).To(BeEmpty())
		Expect(s.lines(simulator.KindCompleted)).To(Equal([]string{"+00:00:04.000 completed T task=1 instance=1 result=ok"}))
	})

	It("runs Canceled handlers in the order attached, once, with the first reason", func() {
		var order []string
		s.behave["T"] = func(in *simulator.Instance) {
			in.GetDeferral()
			in.OnCanceled(func(_ *simulator.Instance, r simulator.CancellationReason) { order = append(order, "1:"+r.String()) })
			in.OnCanceled(func(_ *simulator.Instance, r simulator.CancellationReason) { order = append(order, "2:"+r.String()) })
		}
		r := register("T", sms())
		s.raiseSMS()
		r.Unregister(true)
		s.UpdateApp()
		Expect(order).To(Equal([]string{"1:Abort", "2:Abort"}))
		Expect(s.count(simulator.KindCanceled, "T")).To(Equal(1))
	})

	It("docs/windows-model.md#registrations Unregister(false) lets a running instance finish, and nothing runs after unregister", func() {
		s.deferring("T", 10*time.Second)
		r := register("T", sms())
		s.raiseSMS()
		r.Unregister(false)
		r.Unregister(false) // twice: no effect
		s.raiseSMS()
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindUnregister, simulator.KindCanceled, simulator.KindRun, simulator.KindCompleted)).To(Equal([]string{
			"+00:00:00.000 run       T task=1 instance=1 trigger=System(SmsReceived)",
			"+00:00:00.000 unregister T task=1 cancel=false",
			"+00:00:10.000 completed T task=1 instance=1 result=ok",
		}))
		Expect(results).To(Equal([]error{nil}))
	})

	It("docs/windows-model.md#registrations an unregistered TimeTrigger never fires again", func() {
		r := register("T", simulator.NewTimeTrigger(15, false))
		s.RunFor(20 * time.Minute)
		r.Unregister(false)
		s.RunFor(24 * time.Hour)
		Expect(s.runAt("T")).To(Equal(mins(15)))
	})

	It("docs/windows-model.md#maintenance-triggers #cancellation UpdateApp cancels running instances with ServicingUpdate, then ServicingComplete fires", func() {
		stubborn("A")
		stubborn("B")
		register("A", sms())
		register("B", sms())
		register("Updated", simulator.NewSystemTrigger(simulator.SystemTriggerServicingComplete, false))
		s.raiseSMS()
		s.UpdateApp()
		Expect(reasons).To(Equal([]simulator.CancellationReason{simulator.ReasonServicingUpdate, simulator.ReasonServicingUpdate}))
		Expect(s.lines(simulator.KindApp, simulator.KindCanceled, simulator.KindEvent, simulator.KindRun)[3:]).To(Equal([]string{
			"+00:00:00.000 app       update=true state=foreground",
			"+00:00:00.000 canceled  A task=1 instance=1 reason=ServicingUpdate",
			"+00:00:00.000 canceled  B task=2 instance=2 reason=ServicingUpdate",
			"+00:00:00.000 event     ServicingComplete",
			"+00:00:00.000 run       Updated task=3 instance=3 trigger=System(ServicingComplete)",
		}))
	})

	It("docs/windows-model.md#background-access a ServicingComplete task may unregister the old registrations and register new ones", func() {
		s.register("Old", sms())
		s.register("Old", sms())
		s.behave["Updater"] = func(in *simulator.Instance) {
			s.RequestAccess() // the update reset access (Policy.KeepAccessOnUpdate [bgsim's choice])
			for _, r := range s.AllTasks() {
				if r.Name() == "Old" {
					r.Unregister(true)
				}
			}
			s.register("New", sms())
		}
		s.register("Updater", simulator.NewSystemTrigger(simulator.SystemTriggerServicingComplete, false))
		s.UpdateApp()
		names := []string{}
		for _, r := range s.AllTasks() {
			names = append(names, r.Name())
		}
		Expect(names).To(Equal([]string{"Updater", "New"}))
	})

	Describe("docs/windows-model.md#conditions CancelOnConditionLoss", func() {
		It("cancels a running instance with ConditionLoss when a condition stops holding", func() {
			stubborn("T")
			b := s.builder("T", sms(), simulator.ConditionInternetAvailable, simulator.ConditionUserPresent)
			b.CancelOnConditionLoss = true
			_, err := b.Register()
			Expect(err).NotTo(HaveOccurred())
			s.raiseSMS()
			s.RunFor(10 * time.Second)
			s.SetUser(simulator.UserAway)
			Expect(reasons).To(Equal([]simulator.CancellationReason{simulator.ReasonConditionLoss}))
			Expect(s.lines(simulator.KindCanceled)).To(Equal([]string{"+00:00:10.000 canceled  T task=1 instance=1 reason=ConditionLoss"}))
		})

		It("cancels when connected standby hides the network from a task without IsNetworkRequested", func() {
			stubborn("T")
			b := s.builder("T", sms(), simulator.ConditionInternetAvailable)
			b.CancelOnConditionLoss = true
			_, err := b.Register()
			Expect(err).NotTo(HaveOccurred())
			s.raiseSMS()
			s.SetStandby(true)
			Expect(reasons).To(Equal([]simulator.CancellationReason{simulator.ReasonConditionLoss}))
		})

		It("without it, the task keeps running when a condition stops holding [bgsim's choice]", func() {
			ins := s.hanging("T")
			s.register("T", sms(), simulator.ConditionUserPresent)
			s.raiseSMS()
			s.SetUser(simulator.UserAway)
			s.RunFor(20 * time.Second) // inside the 30 s wall-clock limit
			Expect(s.lines(simulator.KindCanceled)).To(BeEmpty())
			Expect((*ins)[0].Finished()).To(BeFalse())
		})

		It("does not cancel when an unrelated device change keeps every condition", func() {
			stubborn("T")
			b := s.builder("T", sms(), simulator.ConditionUserPresent)
			b.CancelOnConditionLoss = true
			_, err := b.Register()
			Expect(err).NotTo(HaveOccurred())
			s.raiseSMS()
			s.SetNetwork(simulator.NetworkNone)
			Expect(reasons).To(BeEmpty())
		})
	})

	It("CancellationReason members carry Windows' values (Abort = 0 … EnergySaver = 11)", func() {
		rs := simulator.CancellationReasons()
		Expect(rs).To(HaveLen(12))
		Expect(simulator.ReasonAbort.WindowsValue()).To(Equal(0))
		Expect(simulator.ReasonConditionLoss.WindowsValue()).To(Equal(6))
		Expect(simulator.ReasonEnergySaver.WindowsValue()).To(Equal(11))
	})
})

var _ = Describe("docs/windows-model.md#concurrent-instances Concurrent instances (Policy.Overlap) [bgsim's choice]", func() {
	It("start_new (default): a firing during a run starts a second instance", func() {
		s := newSim(simulator.Config{})
		Expect(s.Policy().Overlap).To(Equal(simulator.OverlapStartNew))
		s.deferring("T", 10*time.Second)
		r := s.register("T", sms())
		s.raiseSMS()
		s.RunFor(time.Second)
		s.raiseSMS()
		Expect(r.Running()).To(Equal(2))
		Expect(s.runAt("T")).To(Equal([]time.Duration{0, time.Second}))
	})

	It("latch: a firing during a run waits until the running instance finishes", func() {
		s := newSim(simulator.Config{Policy: simulator.Policy{Overlap: simulator.OverlapLatch}})
		s.deferring("T", 10*time.Second)
		s.register("T", sms())
		s.raiseSMS()
		s.RunFor(time.Second)
		s.raiseSMS()
		s.raiseSMS()
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindLatched, simulator.KindRun, simulator.KindCompleted)).To(Equal([]string{
			"+00:00:00.000 run       T task=1 instance=1 trigger=System(SmsReceived)",
			"+00:00:01.000 latched   T task=1 waiting=running_instance pending=1",
			"+00:00:01.000 latched   T task=1 waiting=running_instance pending=1",
			"+00:00:10.000 completed T task=1 instance=1 result=ok",
			"+00:00:10.000 run       T task=1 instance=2 trigger=System(SmsReceived)",
			"+00:00:20.000 completed T task=1 instance=2 result=ok",
		}))
	})

	It("latch with LatchEachFiring starts the waiting firings one at a time", func() {
		s := newSim(simulator.Config{Policy: simulator.Policy{Overlap: simulator.OverlapLatch, LatchedFirings: simulator.LatchEachFiring}})
		s.deferring("T", 10*time.Second)
		s.register("T", sms())
		s.raiseSMS()
		s.raiseSMS()
		s.raiseSMS()
		s.RunFor(time.Minute)
		Expect(s.runAt("T")).To(Equal([]time.Duration{0, 10 * time.Second, 20 * time.Second}))
	})
})
