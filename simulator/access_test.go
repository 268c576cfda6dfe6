package simulator_test

import (
	"errors"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#background-access BackgroundExecutionManager access", func() {
	notRequested := simulator.Config{App: simulator.AppConfig{Access: simulator.AccessNotRequested}}

	It("RequestAccess grants AllowedSubjectToSystemPolicy to an app that never asked, and Register then succeeds", func() {
		s := newSim(notRequested)
		_, err := s.builder("T", sms()).Register()
		Expect(errors.Is(err, simulator.ErrAccessDenied)).To(BeTrue())
		Expect(s.RequestAccess()).To(Equal(simulator.AccessAllowedSubjectToSystemPolicy))
		Expect(s.AccessStatus()).To(Equal(simulator.AccessAllowedSubjectToSystemPolicy))
		s.register("T", sms())
		Expect(s.lines(simulator.KindAccess)).To(Equal([]string{
			"+00:00:00.000 access    request status=AllowedSubjectToSystemPolicy was=not_requested"}))
	})

	It("RequestAccess answers with Policy.RequestAccessResult when set", func() {
		cfg := notRequested
		cfg.Policy.RequestAccessResult = simulator.AccessDeniedByUser
		s := newSim(cfg)
		Expect(s.RequestAccess()).To(Equal(simulator.AccessDeniedByUser))
		_, err := s.builder("T", sms()).Register()
		Expect(errors.Is(err, simulator.ErrAccessDenied)).To(BeTrue())
	})

	It("RequestAccess keeps a status already answered, allowed or denied", func() {
		for _, a := range []simulator.AccessStatus{simulator.AccessDeniedByUser, simulator.AccessAlwaysAllowed} {
			s := newSim(simulator.Config{App: simulator.AppConfig{Access: a}, Policy: simulator.Policy{RequestAccessResult: simulator.AccessDeniedBySystemPolicy}})
			Expect(s.RequestAccess()).To(Equal(a))
		}
	})

	It("RemoveAccess: time and application triggers stop running, system triggers go on; RequestAsync answers DisabledByPolicy", func() {
		s := newSim(simulator.Config{})
		app := simulator.NewApplicationTrigger()
		s.register("T", simulator.NewTimeTrigger(15, true))
		s.register("S", sms())
		s.register("A", app)
		s.RemoveAccess()
		Expect(s.AccessStatus()).To(Equal(simulator.AccessNotRequested))
		s.RunFor(20 * time.Minute)
		s.raiseSMS()
		Expect(app.RequestAsync(nil)).To(Equal(simulator.SignalDisabledByPolicy))
		Expect(s.runAt("T")).To(BeEmpty())
		Expect(s.runAt("S")).To(Equal(mins(20)))
		Expect(s.lines(simulator.KindLatched)).To(Equal([]string{"+00:15:00.000 latched   T task=1 waiting=access pending=1"}))

		By("requesting again, the held time trigger starts at once")
		s.RequestAccess()
		Expect(s.runAt("T")).To(Equal(mins(20)))
	})

	Describe("Policy.RegisterWithoutAccess", func() {
		It("is off by default: Register fails with AccessDenied for not_requested, Unspecified and Denied*", func() {
			for _, a := range []simulator.AccessStatus{simulator.AccessNotRequested, simulator.AccessUnspecified,
				simulator.AccessDeniedByUser, simulator.AccessDeniedBySystemPolicy, simulator.AccessDeniedLegacy} {
				s := newSim(simulator.Config{App: simulator.AppConfig{Access: a}})
				_, err := s.builder("T", sms()).Register()
				Expect(errors.Is(err, simulator.ErrAccessDenied)).To(BeTrue(), a.String())
			}
		})

		It("on, Register succeeds without access; time triggers never run for an app that never asked, system triggers do", func() {
			cfg := notRequested
			cfg.Policy.RegisterWithoutAccess = true
			s := newSim(cfg)
			s.register("T", simulator.NewTimeTrigger(15, false))
			s.register("S", sms())
			s.RunFor(time.Hour)
			s.raiseSMS()
			Expect(s.runAt("T")).To(BeEmpty())
			Expect(s.runAt("S")).To(Equal(mins(60)))
		})

		It("on, a denied app registers but none of its tasks ever run", func() {
			s := newSim(simulator.Config{App: simulator.AppConfig{Access: simulator.AccessDeniedByUser},
				Policy: simulator.Policy{RegisterWithoutAccess: true}})
			s.register("S", sms())
			s.raiseSMS()
			s.RunFor(time.Hour)
			Expect(s.runs).To(BeZero())
			Expect(s.lines(simulator.KindLatched)).To(Equal([]string{"+00:00:00.000 latched   S task=1 waiting=access pending=1"}))
		})

		It("on, RemoveAccess from a denied status lets the latched system trigger run, as an app that never asked runs its system triggers", func() {
			s := newSim(simulator.Config{App: simulator.AppConfig{Access: simulator.AccessDeniedBySystemPolicy},
				Policy: simulator.Policy{RegisterWithoutAccess: true}})
			s.register("S", sms())
			s.raiseSMS()
			s.RemoveAccess()
			Expect(s.lines(simulator.KindAccess, simulator.KindRun)).To(Equal([]string{
				"+00:00:00.000 access    remove status=not_requested was=DeniedBySystemPolicy",
				"+00:00:00.000 run       S task=1 instance=1 trigger=System(SmsReceived)",
			}))
		})
	})

	Describe("update rule (Policy.KeepAccessOnUpdate)", func() {
		It("by default an update resets access until the app requests it again", func() {
			s := newSim(simulator.Config{})
			s.register("T", simulator.NewTimeTrigger(15, true))
			s.UpdateApp()
			Expect(s.AccessStatus()).To(Equal(simulator.AccessNotRequested))
			s.RunFor(20 * time.Minute)
			Expect(s.runAt("T")).To(BeEmpty())
			Expect(s.lines(simulator.KindAccess)).To(Equal([]string{
				"+00:00:00.000 access    reset status=not_requested was=AllowedSubjectToSystemPolicy"}))
		})

		It("with KeepAccessOnUpdate the status survives the update", func() {
			s := newSim(simulator.Config{Policy: simulator.Policy{KeepAccessOnUpdate: true}})
			s.register("T", simulator.NewTimeTrigger(15, true))
			s.UpdateApp()
			s.RunFor(20 * time.Minute)
			Expect(s.AccessStatus()).To(Equal(simulator.AccessAllowedSubjectToSystemPolicy))
			Expect(s.runAt("T")).To(Equal(mins(15)))
			Expect(s.lines(simulator.KindAccess)).To(BeEmpty())
		})
	})
})
