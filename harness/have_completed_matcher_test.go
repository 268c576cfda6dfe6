package harness_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("HaveCompleted", func() {
	var sim *Simulation
	BeforeEach(func() {
		sim = fixtureWorld()
		register(sim, "Crashy", "Tasks.Panics")
		register(sim, "Fine", "Tasks.ServicingComplete")
		Expect(sim.Do(TimeZone("Europe/Paris"))).To(Succeed())
		Expect(sim.RunFor(time.Minute)).To(Succeed())
	})

	It("takes the task first, the result as WithResult", func() {
		Expect(sim).To(HaveCompleted("Crashy").Times(1))
		Expect(sim).To(HaveCompleted("Crashy").WithResult(simulator.ResultError).At(0))
		Expect(sim).To(HaveCompleted("Fine").Times(1).WithResult(simulator.ResultOK), "refinements in any order")
		Expect(sim).NotTo(HaveCompleted("Crashy").WithResult(simulator.ResultOK))
		msg := failureOf(func() { Expect(sim).To(HaveCompleted("Crashy").WithResult(simulator.ResultOK)) })
		Expect(msg).To(ContainSubstring("Expected the trace to have completed Crashy result=ok"))
	})

	It("still takes a result first (the deprecated form), per task", func() {
		Expect(sim).To(HaveCompleted(simulator.ResultError).Task("Crashy"))
		Expect(sim).To(HaveCompleted(simulator.ResultOK).Task("Fine").Times(1))
		Expect(sim).NotTo(HaveCompleted(simulator.ResultOK).Task("Crashy"))
	})

	It("fails showing the task_error line of a panicking task", func() {
		msg := failureOf(func() { Expect(sim).To(HaveCompleted(simulator.ResultOK).Task("Crashy")) })
		Expect(msg).To(ContainSubstring("Expected the trace to have completed Crashy result=ok"))
		Expect(msg).To(ContainSubstring(`task_error Crashy task=1 instance=1 msg="panic in Run: fixture task panics on purpose"`))
		Expect(msg).To(ContainSubstring("+00:00:00.000 completed Crashy task=1 instance=1 result=error"))
	})

	It("returns an error for ResultNone", func() {
		_, err := HaveCompleted(simulator.ResultNone).Match(sim)
		Expect(err).To(MatchError(ContainSubstring("is not a result")))
	})
})
