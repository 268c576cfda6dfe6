package harness_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
)

var _ = Describe("HaveLatched", func() {
	It("matches a trigger that waited for its conditions", func() {
		sim := quickstart()
		Expect(sim).To(HaveLatched("ExampleBackgroundTask").At(30 * time.Minute).Times(1))
		Expect(sim).NotTo(HaveLatched("ExampleBackgroundTask").At(10 * time.Minute))
	})

	It("fails with the task's lines when nothing latched", func() {
		sim := quickstart()
		msg := failureOf(func() { Expect(sim).To(HaveLatched("ExampleBackgroundTask").Within(0, 20*time.Minute)) })
		Expect(msg).To(ContainSubstring("Expected the trace to have latched ExampleBackgroundTask, within +00:00:00.000 to +00:20:00.000"))
		Expect(msg).To(ContainSubstring("+00:10:00.000 run       ExampleBackgroundTask task=1 instance=1"))
	})

	It("returns an error for a wrong actual", func() {
		_, err := HaveLatched("X").Match(42)
		Expect(err).To(MatchError(ContainSubstring("HaveLatched: expected a *harness.Simulation")))
	})
})
