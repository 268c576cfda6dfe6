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
		By("the first diverging line with its context and virtual times, as bgsim run prints it")
		Expect(msg).To(ContainSubstring("testdata/broken_expectations.yaml:23:3: trace differs from the recording at line 5 of the trace block"))
		Expect(msg).To(ContainSubstring("\n    +00:10:00.000 run       ExampleBackgroundTask task=1 instance=1 trigger=System(TimeZoneChange)\n" +
			"  - +00:10:00.000 completed ExampleBackgroundTask task=1 instance=1 result=error\n"))
		Expect(msg).To(ContainSubstring("\n  + +00:10:00.000 log       ExampleBackgroundTask task=1 instance=1 msg=Completed\n"))
		By("a diff of the lines, each differing line whole, never of the bytes")
		Expect(msg).To(MatchRegexp(`-[\s\x{00a0}]+"\+00:10:00.000 completed ExampleBackgroundTask task=1 instance=1 result=error",`))
		Expect(msg).To(MatchRegexp(`\+[\s\x{00a0}]+"\+00:10:00.000 log       ExampleBackgroundTask task=1 instance=1 msg=Completed",`))
		Expect(msg).To(ContainSubstring("... // 2 identical elements"))
		Expect(msg).NotTo(ContainSubstring("identical bytes"))
		Expect(msg).NotTo(ContainSubstring("strings.Join"))

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
		Expect(se.TraceFailure).NotTo(BeNil())
		Expect(se.TraceFailure.Line).To(Equal(23))
		Expect(se.TraceDiff).To(MatchRegexp(`^[\s\x{00a0}]+\[\]string\{\n`), "a diff of line slices")
		Expect(rep.Trace).To(ContainSubstring("msg=Completed"))
	})

	DescribeTable("reports a failed expectation as one, not as the trace check, when the trace is not checked or matches",
		func(file string) {
			_, err := CheckScenario(file, scenarios.Options{})
			var se *ScenarioError
			Expect(errors.As(err, &se)).To(BeTrue())
			Expect(se.Failures).To(HaveLen(1))
			Expect(se.Failures[0].Msg).To(HavePrefix("expected run ExampleBackgroundTask: want 2, got 1"))
			Expect(se.TraceFailure).To(BeNil())
			Expect(se.TraceDiff).To(BeEmpty())
		},
		Entry("an empty trace key (still to be recorded)", "testdata/pending_trace.yaml"),
		Entry("a trace block written with |-", "testdata/chomped_trace.yaml"),
	)

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
		Expect(msg).To(ContainSubstring("first difference at line 25:\n" +
			"    +00:40:05.000 deferral_completed ExampleBackgroundTask task=1 instance=2 deferral=1\n" +
			"    +00:40:05.000 completed ExampleBackgroundTask task=1 instance=2 result=ok\n" +
			"    +00:40:05.000 delivered ExampleBackgroundTask task=1 instance=2 result=ok\n" +
			"  - (end of trace)\n" +
			"  + +01:00:00.000 device    time_zone=Europe/Paris offset=+01:00\n"))
		Expect(msg).To(MatchRegexp(`\+[\s\x{00a0}]+"\+01:00:00.000 device    time_zone=Europe/Paris offset=\+01:00",`))
		Expect(msg).To(ContainSubstring("... // 22 identical elements"))
		Expect(msg).NotTo(ContainSubstring("identical bytes"))

		GinkgoT().Setenv(UpdateEnv, "1")
		Expect(sim).To(MatchGoldenTrace(golden))
		data, err := os.ReadFile(golden)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(data)).To(Equal(sim.Text()))
	})

	It("shows a changed line whole on both sides, with the lines before it", func() {
		golden := filepath.Join(GinkgoT().TempDir(), "g.golden")
		recs := []simulator.Record{
			{At: time.Second, Kind: simulator.KindEvent, Event: simulator.SystemTriggerTimeZoneChange},
			{At: 2 * time.Second, Kind: simulator.KindLog, Task: "T", TaskNum: 1, Instance: 1, Detail: "msg=a"},
		}
		Expect(os.WriteFile(golden, []byte(simulator.FormatText(recs)), 0o644)).To(Succeed())
		recs[1].Detail = "msg=b"
		msg := failureOf(func() { Expect(recs).To(MatchGoldenTrace(golden)) })
		Expect(msg).To(ContainSubstring("first difference at line 2:\n" +
			"    +00:00:01.000 event     TimeZoneChange\n" +
			"  - +00:00:02.000 log       T task=1 instance=1 msg=a\n" +
			"  + +00:00:02.000 log       T task=1 instance=1 msg=b\n"))
		Expect(msg).To(MatchRegexp(`-[\s\x{00a0}]+"\+00:00:02.000 log       T task=1 instance=1 msg=a",`))
		Expect(msg).To(MatchRegexp(`\+[\s\x{00a0}]+"\+00:00:02.000 log       T task=1 instance=1 msg=b",`))
	})

	It("returns an error for a missing golden file or a wrong actual", func() {
		_, err := MatchGoldenTrace("testdata/none.golden").Match([]simulator.Record{})
		Expect(err).To(MatchError(ContainSubstring("does not exist; record it with BGSIM_UPDATE=1")))
		_, err = MatchGoldenTrace("testdata/none.golden").Match(3)
		Expect(err).To(MatchError(ContainSubstring("got int")))
	})
})
