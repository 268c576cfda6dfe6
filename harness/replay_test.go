package harness_test

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/scenarios"
	"github.com/bgsim/bgsim/simulator"
)

const libraryQuickstart = "../scenarios/library/quickstart/time_zone_change.yaml"

var _ = Describe("ReplayScenario", func() {
	It("replays a recorded library scenario inside an It, and the matchers apply to its report", func() {
		rep := ReplayScenario(libraryQuickstart)
		Expect(rep).To(HaveRun("ExampleBackgroundTask").At(40 * time.Minute))
		Expect(rep).To(HaveDeliveredProgress(50, 50))
	})

	It("fails through Gomega with every failure and a go-cmp trace diff", func() {
		msg := failureOf(func() { ReplayScenario("testdata/broken_expectations.yaml") })
		Expect(msg).To(ContainSubstring("scenario testdata/broken_expectations.yaml did not pass"))
		Expect(msg).To(MatchRegexp(`testdata/broken_expectations.yaml:\d+:\d+: .*run`))
		Expect(msg).To(ContainSubstring("-recorded +replayed"))
		Expect(msg).To(MatchRegexp(`-[\s\x{00a0}]+\+00:10:00.000 completed ExampleBackgroundTask task=1 instance=1 result=error`))
		Expect(msg).To(MatchRegexp(`\+[\s\x{00a0}]+\+00:10:00.000 log       ExampleBackgroundTask task=1 instance=1 msg=Completed`))

		entries := CurrentSpecReport().ReportEntries
		Expect(entries).To(HaveLen(1), "the replayed trace is attached to the spec report")
		Expect(entries[0].Name).To(Equal("trace"))
		Expect(entries[0].StringRepresentation()).To(ContainSubstring("+00:10:00.000 log       ExampleBackgroundTask task=1 instance=1 msg=Completed"))
	})

	It("fails with the file error of a file that cannot be played", func() {
		msg := failureOf(func() { ReplayScenario("testdata/missing.yaml") })
		Expect(msg).To(ContainSubstring("missing.yaml"))
	})
})

var _ = Describe("CheckScenario", func() {
	It("returns a *ScenarioError listing expectation failures apart from the trace diff", func() {
		rep, err := CheckScenario("testdata/broken_expectations.yaml", scenarios.Options{})
		Expect(rep).NotTo(BeNil())
		var se *ScenarioError
		Expect(errors.As(err, &se)).To(BeTrue())
		Expect(se.Failures).To(HaveLen(1))
		Expect(se.TraceDiff).NotTo(BeEmpty())
		Expect(rep.Trace).To(ContainSubstring("msg=Completed"))
	})

	It("passes a recorded scenario with the seed it was recorded with", func() {
		_, err := CheckScenario(libraryQuickstart, scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
	})
})

var _ = Describe("MatchGoldenTrace", func() {
	It("compares with a golden file, shows a go-cmp diff, and rewrites it under BGSIM_UPDATE=1", func() {
		sim := quickstart()
		golden := filepath.Join(GinkgoT().TempDir(), "quickstart.golden")
		Expect(os.WriteFile(golden, []byte(sim.Text()), 0o644)).To(Succeed())
		Expect(sim).To(MatchGoldenTrace(golden))

		Expect(sim.Do(TimeZone("Europe/Paris"))).To(Succeed())
		msg := failureOf(func() { Expect(sim).To(MatchGoldenTrace(golden)) })
		Expect(msg).To(ContainSubstring("-golden +actual"))
		Expect(msg).To(MatchRegexp(`\+[\s\x{00a0}]+\+01:00:00.000 device    time_zone=Europe/Paris offset=\+01:00`))

		GinkgoT().Setenv(UpdateEnv, "1")
		Expect(sim).To(MatchGoldenTrace(golden))
		data, err := os.ReadFile(golden)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(data)).To(Equal(sim.Text()))
	})

	It("returns an error for a missing golden file or a wrong actual", func() {
		_, err := MatchGoldenTrace("testdata/none.golden").Match([]simulator.Record{})
		Expect(err).To(MatchError(ContainSubstring("does not exist; record it with BGSIM_UPDATE=1")))
		_, err = MatchGoldenTrace("testdata/none.golden").Match(3)
		Expect(err).To(MatchError(ContainSubstring("got int")))
	})
})
