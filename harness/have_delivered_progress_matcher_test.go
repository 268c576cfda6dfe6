package harness_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
)

var _ = Describe("HaveDeliveredProgress", func() {
	It("matches the sequence of delivered values, per instance", func() {
		sim := deliveryWorld()
		Expect(sim).To(HaveDeliveredProgress(10, 20, 30, 40, 50, 60, 70, 80, 90, 100).Task("Sample").Instance(1))
		// instance 2: the app is suspended at 10m05s, so 50 and later are set but not delivered
		Expect(sim).To(HaveDeliveredProgress(10, 20, 30, 40).Instance(2))
		Expect(sim).NotTo(HaveDeliveredProgress().Task("Sample"))
		Expect(sim).To(HaveDeliveredProgress().Task("Other"))
	})

	It("fails showing progress, delivery and app lines", func() {
		sim := deliveryWorld()
		msg := failureOf(func() { Expect(sim).To(HaveDeliveredProgress(10, 20, 30, 40, 50).Instance(2)) })
		Expect(msg).To(ContainSubstring("Expected the delivered progress instance=2 to be [10 20 30 40 50]\ngot [10 20 30 40]"))
		Expect(msg).To(ContainSubstring("+00:10:05.000 app       suspend state=suspended"))
		Expect(msg).To(ContainSubstring("+00:10:05.000 progress  Sample task=1 instance=2 value=50"))
	})

	It("shows the whole trace when no record names the task, as the other matchers do", func() {
		sim := deliveryWorld()
		msg := failureOf(func() { Expect(sim).To(HaveDeliveredProgress(10).Task("Sampel")) })
		Expect(msg).To(ContainSubstring("got []\nno record names Sampel; the whole trace ("))
		Expect(msg).To(ContainSubstring("+00:10:05.000 app       suspend state=suspended"))
	})

	It("refuses Instance(0) and below: instances are numbered from 1", func() {
		sim := deliveryWorld()
		for _, n := range []int{0, -1} {
			_, err := HaveDeliveredProgress(10).Instance(n).Match(sim)
			Expect(err).To(MatchError(ContainSubstring("instances are numbered from 1")))
		}
	})

	It("returns an error for a wrong actual", func() {
		_, err := HaveDeliveredProgress(10).Match([]int{10})
		Expect(err).To(MatchError(ContainSubstring("HaveDeliveredProgress: expected a *harness.Simulation")))
	})
})
