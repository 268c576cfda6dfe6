package scenarios_test

import (
	"context"
	"path/filepath"
	"slices"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("Coverage points", func() {
	It("lists every point a replay of the library records, so that none is missing from the never-hit list", func() {
		files, err := filepath.Glob("library/*/*.yaml")
		Expect(err).NotTo(HaveOccurred())
		Expect(files).NotTo(BeEmpty())
		all := scenarios.NewCoverage()
		for _, f := range files {
			s, err := scenarios.ParseFile(f)
			Expect(err).NotTo(HaveOccurred())
			cov, err := scenarios.CoverageOf(context.Background(), s, scenarios.Options{})
			Expect(err).NotTo(HaveOccurred(), f)
			all.Merge(cov)
		}
		known := scenarios.CoveragePoints()
		for p := range all.Points {
			Expect(known).To(ContainElement(p), "a point the library records")
		}
		By("the trigger classes with rules of their own, the update task, and standby as a latch reason")
		for _, p := range []string{"trigger/SocketActivity", "trigger/PushNotification", "trigger/ControlChannel",
			"trigger/Location", "trigger/DeviceUse", "trigger/DeviceServicing", "trigger/UpdateTask", "latched/standby"} {
			Expect(all.Hit(p)).To(BeNumerically(">", 0), p)
		}
	})

	It("has a trigger point for every trigger class, each once", func() {
		known := scenarios.CoveragePoints()
		for _, c := range simulator.TriggerClasses() {
			Expect(known).To(ContainElement("trigger/"+c[:len(c)-len("Trigger")]), c)
		}
		sorted := slices.Clone(known)
		slices.Sort(sorted)
		Expect(slices.Compact(sorted)).To(HaveLen(len(known)), "no point twice")
	})
})
