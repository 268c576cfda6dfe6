package harness_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

// deliveryWorld runs the sample task twice: once in the foreground (delivered), once finishing
// while the app is terminated (dropped).
func deliveryWorld() *Simulation {
	sim := fixtureWorld()
	register(sim, "Sample", "Tasks.SampleBackgroundTask")
	sim.At(time.Minute, TimeZone("Europe/Paris"))
	sim.At(10*time.Minute, TimeZone("Asia/Tokyo"))
	sim.At(10*time.Minute+5*time.Second, SuspendApp())
	sim.At(10*time.Minute+6*time.Second, TerminateApp())
	Expect(sim.RunFor(time.Hour)).To(Succeed())
	return sim
}

var _ = Describe("HaveDelivered", func() {
	It("matches a completion that reached the app, with its result", func() {
		sim := deliveryWorld()
		Expect(sim).To(HaveDelivered("Sample").WithResult(simulator.ResultOK).At(time.Minute + 11*time.Second))
		Expect(sim).To(HaveDelivered("Sample").Times(1))
		Expect(sim).NotTo(HaveDelivered("Sample").WithResult(simulator.ResultError))
	})

	It("fails with the task's lines, showing the drop", func() {
		sim := deliveryWorld()
		msg := failureOf(func() { Expect(sim).To(HaveDelivered("Sample").Instance(2)) })
		Expect(msg).To(ContainSubstring("Expected the trace to have delivered Sample instance=2"))
		Expect(msg).To(ContainSubstring("+00:10:11.000 dropped   Sample task=1 instance=2 result=ok app=terminated"))
	})

	It("returns an error for a bad result or actual", func() {
		_, err := HaveDelivered("Sample").WithResult(simulator.ResultNone).Match(deliveryWorld())
		Expect(err).To(MatchError(ContainSubstring("HaveDelivered: WithResult(")))
		_, err = HaveDelivered("Sample").Match(&struct{}{})
		Expect(err).To(HaveOccurred())
	})
})
