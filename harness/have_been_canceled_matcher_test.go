package harness_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("HaveBeenCanceled", func() {
	var sim *Simulation
	BeforeEach(func() {
		sim = fixtureWorld()
		register(sim, "Stubborn", "Tasks.IgnoresCancellation")
		sim.At(time.Minute, TimeZone("Europe/Paris"))
		sim.At(time.Minute+10*time.Second, Unregister("Stubborn", true))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
	})

	It("takes the task first, the reason as WithReason", func() {
		Expect(sim).To(HaveBeenCanceled("Stubborn").At(time.Minute + 10*time.Second).Times(1))
		Expect(sim).To(HaveBeenCanceled("Stubborn").WithReason(simulator.ReasonAbort).Times(1))
		Expect(sim).To(HaveBeenCanceled("Stubborn").Times(1).WithReason(simulator.ReasonAbort), "refinements in any order")
		Expect(sim).NotTo(HaveBeenCanceled("Stubborn").WithReason(simulator.ReasonConditionLoss))
		Expect(sim).NotTo(HaveBeenCanceled("Other"))
		msg := failureOf(func() { Expect(sim).To(HaveBeenCanceled("Stubborn").WithReason(simulator.ReasonIdleTask)) })
		Expect(msg).To(ContainSubstring("Expected the trace to have canceled Stubborn reason=IdleTask"))
		_, err := HaveBeenCanceled("Stubborn").WithReason(simulator.ReasonInvalid).Match(sim)
		Expect(err).To(MatchError(ContainSubstring("WithReason(")))
	})

	It("still takes a reason first (the deprecated form), and the task when asked", func() {
		Expect(sim).To(HaveBeenCanceled(simulator.ReasonAbort).Task("Stubborn").At(time.Minute + 10*time.Second))
		Expect(sim).NotTo(HaveBeenCanceled(simulator.ReasonConditionLoss))
	})

	It("fails with the canceled records of any reason", func() {
		msg := failureOf(func() { Expect(sim).To(HaveBeenCanceled(simulator.ReasonServicingUpdate)) })
		Expect(msg).To(ContainSubstring("Expected the trace to have canceled reason=ServicingUpdate"))
		Expect(msg).To(ContainSubstring("canceled records, 1 of"))
		Expect(msg).To(ContainSubstring("+00:01:10.000 canceled  Stubborn task=1 instance=1 reason=Abort"))
	})

	It("returns an error for an invalid reason or actual", func() {
		_, err := HaveBeenCanceled(simulator.ReasonInvalid).Match(sim)
		Expect(err).To(MatchError(ContainSubstring("is not a cancellation reason")))
		_, err = HaveBeenCanceled(simulator.ReasonAbort).Match(sim.Text())
		Expect(err).To(MatchError(ContainSubstring("got string")))
	})
})
