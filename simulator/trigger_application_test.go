package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#application-triggers ApplicationTrigger", func() {
	var (
		s       *sim
		trigger *simulator.ApplicationTrigger
		details []*simulator.ApplicationTriggerDetails
	)
	BeforeEach(func() {
		s = newSim(simulator.Config{})
		trigger = simulator.NewApplicationTrigger()
		details = nil
		s.behave["App"] = func(in *simulator.Instance) {
			d, _ := in.TriggerDetails().(*simulator.ApplicationTriggerDetails)
			details = append(details, d)
		}
	})

	It("RequestAsync answers Allowed and the arguments reach *ApplicationTriggerDetails and the run record", func() {
		s.register("App", trigger)
		args := map[string]string{"b": "two words", "a": "1"}
		Expect(trigger.RequestAsync(args)).To(Equal(simulator.SignalAllowed))
		args["a"] = "changed after the call"
		Expect(details).To(HaveLen(1))
		Expect(details[0].Arguments).To(Equal(map[string]string{"a": "1", "b": "two words"}))
		Expect(s.lines(simulator.KindSignalResult, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 signal_result App task=1 result=Allowed",
			`+00:00:00.000 run       App task=1 instance=1 trigger=Application arguments="a:1,b:two words"`,
		}))
	})

	It("Engine.RequestApplicationTrigger signals the app's registration; no arguments gives empty details", func() {
		s.register("App", simulator.NewApplicationTrigger())
		Expect(s.RequestApplicationTrigger(nil)).To(Equal(simulator.SignalAllowed))
		Expect(details).To(HaveLen(1))
		Expect(details[0]).NotTo(BeNil())
		Expect(details[0].Arguments).To(BeEmpty())
		Expect(s.lines(simulator.KindRun)).To(Equal([]string{"+00:00:00.000 run       App task=1 instance=1 trigger=Application"}))
	})

	It("answers CurrentlyRunning while an instance runs, and Allowed again once it completed", func() {
		s.behave["App"] = func(in *simulator.Instance) {
			d := in.GetDeferral()
			in.AfterFunc(time.Minute, d.Complete)
		}
		s.register("App", trigger)
		Expect(trigger.RequestAsync(nil)).To(Equal(simulator.SignalAllowed))
		s.RunFor(30 * time.Second)
		Expect(trigger.RequestAsync(nil)).To(Equal(simulator.SignalCurrentlyRunning))
		s.RunFor(30 * time.Second)
		Expect(trigger.RequestAsync(nil)).To(Equal(simulator.SignalAllowed))
		Expect(s.lines(simulator.KindSignalResult)).To(Equal([]string{
			"+00:00:00.000 signal_result App task=1 result=Allowed",
			"+00:00:30.000 signal_result App task=1 result=CurrentlyRunning",
			"+00:01:00.000 signal_result App task=1 result=Allowed",
		}))
		Expect(s.runAt("App")).To(Equal([]time.Duration{0, time.Minute}))
	})

	It("is not subject to Policy.Overlap: CurrentlyRunning even with OverlapLatch", func() {
		s = newSim(simulator.Config{Policy: simulator.Policy{Overlap: simulator.OverlapLatch}})
		s.hanging("App")
		s.register("App", trigger)
		Expect(trigger.RequestAsync(nil)).To(Equal(simulator.SignalAllowed))
		Expect(trigger.RequestAsync(nil)).To(Equal(simulator.SignalCurrentlyRunning))
		Expect(s.lines(simulator.KindLatched)).To(BeEmpty())
	})

	DescribeTable("answers DisabledByPolicy when background access does not allow it",
		func(access simulator.AccessStatus) {
			s = newSim(simulator.Config{App: simulator.AppConfig{Access: access}})
			_, err := s.builder("App", trigger).Register()
			Expect(err).To(MatchError(simulator.ErrAccessDenied))
			Expect(s.RequestApplicationTrigger(map[string]string{"k": "v"})).To(Equal(simulator.SignalDisabledByPolicy))
			Expect(s.lines(simulator.KindSignalResult)).To(Equal([]string{"+00:00:00.000 signal_result result=DisabledByPolicy"}))
			Expect(s.runs).To(BeZero())
		},
		Entry("DeniedByUser", simulator.AccessDeniedByUser),
		Entry("DeniedBySystemPolicy", simulator.AccessDeniedBySystemPolicy),
		Entry("not_requested (RequestAccessAsync never called)", simulator.AccessNotRequested),
	)

	It("answers DisabledByPolicy for a registered task when access is Unspecified (no background activity)", func() {
		s = newSim(simulator.Config{App: simulator.AppConfig{Access: simulator.AccessUnspecified},
			Policy: simulator.Policy{RegisterWithoutAccess: true}})
		s.register("App", trigger)
		Expect(trigger.RequestAsync(nil)).To(Equal(simulator.SignalDisabledByPolicy))
		Expect(s.lines(simulator.KindSignalResult)).To(Equal([]string{"+00:00:00.000 signal_result App task=1 result=DisabledByPolicy"}))
		Expect(s.runs).To(BeZero())
	})

	It("answers UnknownError when the app has no ApplicationTrigger registration", func() {
		Expect(s.RequestApplicationTrigger(nil)).To(Equal(simulator.SignalUnknownError))
		Expect(s.lines()).To(Equal([]string{"+00:00:00.000 signal_result result=UnknownError"}))
	})

	It("answers UnknownError after the registration was unregistered, and from a trigger never registered", func() {
		r := s.register("App", trigger)
		r.Unregister(false)
		Expect(trigger.RequestAsync(nil)).To(Equal(simulator.SignalUnknownError))
		Expect(simulator.NewApplicationTrigger().RequestAsync(nil)).To(Equal(simulator.SignalUnknownError))
		Expect(s.runs).To(BeZero())
	})

	It("answers Allowed and latches when conditions are unmet [bgsim's choice]; the latest arguments run when they hold", func() {
		s.SetNetwork(simulator.NetworkNone)
		s.register("App", trigger, simulator.ConditionInternetAvailable)
		Expect(trigger.RequestAsync(map[string]string{"n": "1"})).To(Equal(simulator.SignalAllowed))
		Expect(trigger.RequestAsync(map[string]string{"n": "2"})).To(Equal(simulator.SignalAllowed))
		s.RunFor(time.Minute)
		s.SetNetwork(simulator.NetworkInternet)
		Expect(s.lines(simulator.KindSignalResult, simulator.KindLatched, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 signal_result App task=1 result=Allowed",
			"+00:00:00.000 latched   App task=1 waiting=InternetAvailable pending=1",
			"+00:00:00.000 signal_result App task=1 result=Allowed",
			"+00:00:00.000 latched   App task=1 waiting=InternetAvailable pending=1",
			"+00:01:00.000 run       App task=1 instance=1 trigger=Application arguments=n:2",
		}))
		Expect(details).To(HaveLen(1))
		Expect(details[0].Arguments).To(Equal(map[string]string{"n": "2"}))
	})

	It("docs/windows-model.md#task-instances TriggerDetails is nil for system and time triggers", func() {
		s.register("App", sms())
		s.raiseSMS()
		Expect(details).To(Equal([]*simulator.ApplicationTriggerDetails{nil}))
	})

	It("ApplicationTriggerResult members carry Windows' values (Allowed = 0)", func() {
		Expect(simulator.ApplicationTriggerResults()).To(Equal([]simulator.ApplicationTriggerResult{
			simulator.SignalAllowed, simulator.SignalCurrentlyRunning, simulator.SignalDisabledByPolicy, simulator.SignalUnknownError,
		}))
		Expect(simulator.SignalAllowed.WindowsValue()).To(Equal(0))
		Expect(simulator.SignalUnknownError.WindowsValue()).To(Equal(3))
	})
})
