package harness_test

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("HaveFailedToRegister", func() {
	var sim *Simulation
	BeforeEach(func() {
		sim = fixtureWorld()
		b := sim.NewBuilder()
		b.Name = "Undeclared"
		b.TaskEntryPoint = "Tasks.NotInTheManifest"
		b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
		_, err := b.Register()
		Expect(err).To(MatchError(simulator.ErrClassNotRegistered))
	})

	It("takes the name first, the error as WithError", func() {
		Expect(sim).To(HaveFailedToRegister("Undeclared").At(0).Times(1))
		Expect(sim).To(HaveFailedToRegister("Undeclared").WithError(simulator.ErrClassNotRegistered))
		Expect(sim).NotTo(HaveFailedToRegister("Undeclared").WithError(simulator.ErrInvalidFreshness))
		Expect(sim).NotTo(HaveFailedToRegister("Other"))
		msg := failureOf(func() { Expect(sim).To(HaveFailedToRegister("Undeclared").WithError(simulator.ErrNoTrigger)) })
		Expect(msg).To(ContainSubstring("Expected the trace to have register_failed Undeclared error=NoTrigger"))
		_, err := HaveFailedToRegister(42).Match(sim)
		Expect(err).To(MatchError(ContainSubstring("want the registration's name (a string), got int")))
	})

	It("still takes an error first (the deprecated form): the refusal's code, by sentinel or by error value", func() {
		Expect(sim).To(HaveFailedToRegister(simulator.ErrClassNotRegistered))
		Expect(sim).To(HaveFailedToRegister(&simulator.RegisterError{Code: simulator.ClassNotRegistered}).Task("Undeclared").At(0))
		Expect(sim).NotTo(HaveFailedToRegister(simulator.ErrInvalidFreshness))
	})

	It("fails with the register_failed lines", func() {
		msg := failureOf(func() { Expect(sim).To(HaveFailedToRegister(simulator.ErrNoTrigger)) })
		Expect(msg).To(ContainSubstring("Expected the trace to have register_failed error=NoTrigger"))
		Expect(msg).To(ContainSubstring("+00:00:00.000 register_failed Undeclared error=ClassNotRegistered hresult=0x80040154"))
	})

	It("returns an error for an error that is not a registration error", func() {
		_, err := HaveFailedToRegister(errors.New("boom")).Match(sim)
		Expect(err).To(MatchError(ContainSubstring("want a *simulator.RegisterError")))
		_, err = HaveFailedToRegister(nil).Match(sim)
		Expect(err).To(HaveOccurred())
	})
})
