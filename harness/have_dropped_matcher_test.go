package harness_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("HaveDropped", func() {
	It("matches a completion that never reaches the app", func() {
		sim := deliveryWorld()
		Expect(sim).To(HaveDropped("Sample").WithResult(simulator.ResultOK).Within(10*time.Minute, 11*time.Minute).Times(1))
		Expect(sim).NotTo(HaveDropped("Sample").Instance(1))
	})

	It("fails when everything was delivered", func() {
		sim := quickstart()
		msg := failureOf(func() { Expect(sim).To(HaveDropped("ExampleBackgroundTask")) })
		Expect(msg).To(ContainSubstring("Expected the trace to have dropped ExampleBackgroundTask\nfound 0 matching records"))
		Expect(msg).To(ContainSubstring("+00:40:05.000 delivered ExampleBackgroundTask task=1 instance=2 result=ok"))
	})

	It("returns an error for a wrong actual", func() {
		_, err := HaveDropped("X").Match(nil)
		Expect(err).To(MatchError(ContainSubstring("HaveDropped: expected a *harness.Simulation")))
	})
})
