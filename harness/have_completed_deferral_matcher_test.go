package harness_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("HaveCompletedDeferral", func() {
	It("matches completed deferrals at their virtual times", func() {
		sim := quickstart()
		Expect(sim).To(HaveCompletedDeferral("ExampleBackgroundTask").Times(2))
		Expect(sim).To(HaveCompletedDeferral("ExampleBackgroundTask").At(10*time.Minute + 5*time.Second).Instance(1))
	})

	It("fails for a task that never completes its deferral", func() {
		sim := fixtureWorld()
		register(sim, "Stuck", "Tasks.NeverCompletes")
		Expect(sim.Do(TimeZone("Europe/Paris"))).To(Succeed())
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		msg := failureOf(func() { Expect(sim).To(HaveCompletedDeferral("Stuck")) })
		Expect(msg).To(ContainSubstring("Expected the trace to have deferral_completed Stuck\nfound 0 matching records"))
		Expect(msg).To(ContainSubstring("+00:00:00.000 deferral  Stuck task=1 instance=1 deferral=1"))
	})

	It("returns an error for a wrong actual", func() {
		_, err := HaveCompletedDeferral("X").Match(simulator.Record{})
		Expect(err).To(MatchError(ContainSubstring("got simulator.Record")))
	})
})
