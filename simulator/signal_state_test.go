package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("ApplicationTrigger.RequestAsync follows the app (docs/windows-model.md#application-trigger-requests)", func() {
	var (
		s       *sim
		trigger *simulator.ApplicationTrigger
	)
	BeforeEach(func() {
		s = newSim(simulator.Config{})
		trigger = simulator.NewApplicationTrigger()
	})

	DescribeTable("is refused with DisabledByPolicy while the app is not in the foreground; nothing runs",
		func(move func(), cause string) {
			s.register("App", trigger)
			move()
			Expect(trigger.RequestAsync(nil)).To(Equal(simulator.SignalDisabledByPolicy))
			Expect(s.lines(simulator.KindSignalResult)).To(Equal([]string{
				"+00:00:00.000 signal_result App task=1 result=DisabledByPolicy cause=" + cause}))
			s.RunFor(time.Hour)
			Expect(s.runs).To(BeZero())
			Expect(s.lines(simulator.KindLatched)).To(BeEmpty())
		},
		Entry("suspended", func() { s.SuspendApp() }, "app_suspended"),
		Entry("terminated", func() { s.TerminateApp() }, "app_terminated"),
		Entry("not running", func() {
			s = newSim(simulator.Config{App: simulator.AppConfig{State: simulator.AppNotRunning}})
			trigger = simulator.NewApplicationTrigger()
			s.register("App", trigger)
		}, "app_not_running"),
	)

	It("answers Allowed again once the app is back in the foreground", func() {
		s.register("App", trigger)
		s.SuspendApp()
		Expect(trigger.RequestAsync(nil)).To(Equal(simulator.SignalDisabledByPolicy))
		s.ResumeApp()
		Expect(trigger.RequestAsync(nil)).To(Equal(simulator.SignalAllowed))
		Expect(s.runs).To(Equal(1))
	})

	It("is refused from the code of a running background task (Run of another task), and the task is not started", func() {
		var got simulator.ApplicationTriggerResult
		s.behave["S"] = func(*simulator.Instance) { got = s.RequestApplicationTrigger(map[string]string{"k": "v"}) }
		s.register("App", trigger)
		s.register("S", sms())
		s.raiseSMS()
		Expect(got).To(Equal(simulator.SignalDisabledByPolicy))
		Expect(s.lines(simulator.KindSignalResult)).To(Equal([]string{
			"+00:00:00.000 signal_result App task=1 result=DisabledByPolicy cause=from_task"}))
		Expect(s.runAt("App")).To(BeEmpty())
	})

	It("is refused from AfterFunc work and from a Canceled handler too, but not from the app's Completed handler", func() {
		var fromWork, fromCanceled, fromCompleted simulator.ApplicationTriggerResult
		s.behave["S"] = func(in *simulator.Instance) {
			d := in.GetDeferral()
			in.OnCanceled(func(*simulator.Instance, simulator.CancellationReason) {
				fromCanceled = s.RequestApplicationTrigger(nil)
				d.Complete()
			})
			in.AfterFunc(time.Second, func() { fromWork = s.RequestApplicationTrigger(nil) })
		}
		s.register("App", trigger)
		r := s.register("S", sms())
		r.OnCompleted(func(*simulator.Registration, simulator.CompletedEventArgs) {
			fromCompleted = s.RequestApplicationTrigger(nil)
		})
		s.raiseSMS()
		s.RunFor(2 * time.Second)
		Expect(s.InjectFault(simulator.Fault{Kind: simulator.FaultPolicyCancel, Task: "S", Reason: simulator.ReasonSystemPolicy})).Error().NotTo(HaveOccurred())
		Expect(fromWork).To(Equal(simulator.SignalDisabledByPolicy))
		Expect(fromCanceled).To(Equal(simulator.SignalDisabledByPolicy))
		Expect(fromCompleted).To(Equal(simulator.SignalAllowed), "the Completed handler is the app's code")
	})

	It("Instance.RequestApplicationTrigger is always refused with cause=from_task", func() {
		var got simulator.ApplicationTriggerResult
		s.behave["S"] = func(in *simulator.Instance) { got = in.RequestApplicationTrigger(nil) }
		s.register("App", trigger)
		s.register("S", sms())
		s.raiseSMS()
		Expect(got).To(Equal(simulator.SignalDisabledByPolicy))
		Expect(s.lines(simulator.KindSignalResult)).To(Equal([]string{
			"+00:00:00.000 signal_result App task=1 result=DisabledByPolicy cause=from_task"}))
		Expect(s.runAt("App")).To(BeEmpty())
	})

	DescribeTable("Battery Saver: DisabledByPolicy unless the app is AlwaysAllowed",
		func(access simulator.AccessStatus, want simulator.ApplicationTriggerResult, line string) {
			s = newSim(simulator.Config{App: simulator.AppConfig{Access: access},
				Device: simulator.DeviceState{Power: simulator.PowerBattery, BatterySaver: true}})
			trigger = simulator.NewApplicationTrigger()
			s.register("App", trigger)
			Expect(trigger.RequestAsync(nil)).To(Equal(want))
			Expect(s.lines(simulator.KindSignalResult)).To(Equal([]string{line}))
		},
		Entry("AllowedSubjectToSystemPolicy", simulator.AccessAllowedSubjectToSystemPolicy, simulator.SignalDisabledByPolicy,
			"+00:00:00.000 signal_result App task=1 result=DisabledByPolicy cause=battery_saver"),
		Entry("AlwaysAllowed", simulator.AccessAlwaysAllowed, simulator.SignalAllowed,
			"+00:00:00.000 signal_result App task=1 result=Allowed"),
	)

	Describe("one application-triggered task of the app at a time", func() {
		It("answers CurrentlyRunning while an instance of an unregistered (Unregister(false)) registration still runs", func() {
			s.hanging("Old")
			s.hanging("New")
			old := s.register("Old", trigger)
			Expect(trigger.RequestAsync(nil)).To(Equal(simulator.SignalAllowed))
			old.Unregister(false)
			next := simulator.NewApplicationTrigger()
			s.register("New", next)
			Expect(next.RequestAsync(nil)).To(Equal(simulator.SignalCurrentlyRunning))
			Expect(s.runAt("New")).To(BeEmpty())
			Expect(s.lines(simulator.KindSignalResult)).To(Equal([]string{
				"+00:00:00.000 signal_result Old task=1 result=Allowed",
				"+00:00:00.000 signal_result New task=2 result=CurrentlyRunning",
			}))
		})

		It("answers Allowed once that instance finished", func() {
			s.deferring("Old", time.Minute)
			s.hanging("New")
			old := s.register("Old", trigger)
			Expect(trigger.RequestAsync(nil)).To(Equal(simulator.SignalAllowed))
			old.Unregister(false)
			next := simulator.NewApplicationTrigger()
			s.register("New", next)
			s.RunFor(time.Minute)
			Expect(next.RequestAsync(nil)).To(Equal(simulator.SignalAllowed))
			Expect(s.runAt("New")).To(Equal([]time.Duration{time.Minute}))
		})
	})
})
