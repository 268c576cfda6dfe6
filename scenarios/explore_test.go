package scenarios_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
)

// syncWorld is the world of the sync scenarios, up to their timeline key: a Sync task that takes
// deferral seconds, needs the Internet and is canceled when it goes.
func syncWorld(name, deferral string) string {
	return "name: " + name + `
manifest:
  declarations:
    - entry_point: T.Sync
      task_types: [systemEvent]
tasks:
  T.Sync:
    script:
      - take_deferral: d
      - at: ` + deferral + `
        complete_deferral: d
registrations:
  - name: Sync
    entry_point: T.Sync
    trigger: {type: system, event: TimeZoneChange}
    conditions: [InternetAvailable]
    cancel_on_condition_loss: true
timeline:
`
}

// syncScenario is a task that needs the Internet and is canceled when it goes: its never
// property breaks as soon as a perturbation drops the network while it runs.
var syncScenario = syncWorld("sync is never canceled", "20s") + `  - at: 1m
    time_zone: Asia/Tokyo
  - at: 5m
    time_zone: Europe/Berlin
  - at: 10m
    time_zone: America/New_York
properties:
  - eventually: {register: Sync}
  - never: {canceled: Sync}
explore: {vary: [network, power, app], events: 6, jitter: 30s}
`

// explore writes doc to a temporary sync.yaml and explores it.
func explore(doc string, opts scenarios.ExploreOptions) *scenarios.ExploreReport {
	path := filepath.Join(GinkgoT().TempDir(), "sync.yaml")
	Expect(os.WriteFile(path, []byte(doc), 0o644)).To(Succeed())
	return exploreFile(path, opts)
}

func exploreFile(path string, opts scenarios.ExploreOptions) *scenarios.ExploreReport {
	s, err := scenarios.ParseFile(path)
	Expect(err).NotTo(HaveOccurred())
	rep, err := scenarios.Explore(context.Background(), []*scenarios.Scenario{s}, opts)
	Expect(err).NotTo(HaveOccurred())
	return rep
}

var _ = Describe("Explore", func() {
	It("finds, shrinks and writes a counterexample that run replays red with that property", func() {
		out := GinkgoT().TempDir()
		rep := explore(syncScenario, scenarios.ExploreOptions{Runs: 500, Seed: 7, Out: out})
		Expect(rep.Runs).To(Equal(500))
		Expect(rep.Counterexamples).To(HaveLen(1))
		cx := rep.Counterexamples[0]
		Expect(cx.Property).To(Equal("never canceled Sync"))
		Expect(cx.Shrunk).To(BeNumerically("<", cx.Entries))
		Expect(cx.Shrunk).To(BeNumerically("<=", 2))
		Expect(cx.Path).To(Equal(filepath.Join(out, "sync.seed7.run"+strconv.Itoa(cx.Run)+".yaml")))
		text, err := os.ReadFile(cx.Path)
		Expect(err).NotTo(HaveOccurred())
		Expect(text).To(Equal(cx.Text))
		head := string(text[:strings.Index(string(text), "name:")])
		Expect(head).To(ContainSubstring("# source: "))
		Expect(head).To(ContainSubstring("sync.yaml\n# seed: 7\n# run: " + strconv.Itoa(cx.Run) + "\n# property: never canceled Sync\n"))
		Expect(string(text)).NotTo(ContainSubstring("explore:"))
		Expect(string(text)).To(ContainSubstring("properties:\n"))
		Expect(string(text)).To(ContainSubstring("trace: |\n"))

		s, err := scenarios.ParseFile(cx.Path)
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Explore).To(BeNil())
		run, err := scenarios.Run(s, scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		Expect(run.Failures).To(HaveLen(1), "only the property fails: the recorded trace matches")
		Expect(run.Failures[0].Msg).To(HavePrefix("property never canceled Sync: violated by "))
		Expect(run.Failures[0].Line).To(Equal(s.Properties[1].Pos.Line))
	})

	It("writes the same file and reaches the same coverage for the same seed, whatever the jobs", func() {
		path := filepath.Join(GinkgoT().TempDir(), "sync.yaml")
		Expect(os.WriteFile(path, []byte(syncScenario), 0o644)).To(Succeed())
		a := exploreFile(path, scenarios.ExploreOptions{Runs: 300, Seed: 3})
		b := exploreFile(path, scenarios.ExploreOptions{Runs: 300, Seed: 3, Jobs: 4})
		Expect(a.Counterexamples).To(HaveLen(1))
		Expect(b.Counterexamples[0].Text).To(Equal(a.Counterexamples[0].Text))
		Expect(b.Coverage.MarshalFile()).To(Equal(a.Coverage.MarshalFile()))
		c := explore(syncScenario, scenarios.ExploreOptions{Runs: 300, Seed: 4})
		Expect(c.Coverage.MarshalFile()).NotTo(Equal(a.Coverage.MarshalFile()), "another seed explores other histories")
	})

	It("splits a campaign into shards whose merged coverage equals a single-machine run", func() {
		whole := explore(syncScenario, scenarios.ExploreOptions{Runs: 400, Seed: 5})
		merged := scenarios.NewCoverage()
		runs := 0
		for i := 1; i <= 3; i++ {
			part := explore(syncScenario, scenarios.ExploreOptions{Runs: 400, Seed: 5, Shard: scenarios.Shard{Index: i, Count: 3}})
			Expect(part.Runs).To(BeNumerically("<", 400))
			runs += part.Runs
			merged.Merge(part.Coverage)
		}
		Expect(runs).To(Equal(400))
		Expect(merged.MarshalFile()).To(Equal(whole.Coverage.MarshalFile()))
	})

	It("reports no counterexample for properties that hold, with the coverage reached", func() {
		doc := strings.Replace(syncScenario, "  - never: {canceled: Sync}\n",
			"  - always: {when: {canceled: Sync}, then: {completed: Sync}, within: 5s}\n", 1)
		rep := explore(doc, scenarios.ExploreOptions{Runs: 1000})
		Expect(rep.Counterexamples).To(BeEmpty())
		Expect(rep.Coverage.Hit("trigger/System:TimeZoneChange")).To(BeNumerically(">", 0))
		Expect(rep.Coverage.Hit("canceled/ConditionLoss")).To(BeNumerically(">", 0))
		Expect(rep.Coverage.Hit("lost/InternetAvailable")).To(BeNumerically(">", 0))
		Expect(rep.Coverage.Hit("held/InternetAvailable")).To(BeNumerically(">", 0))
	})

	It("reports progress up to the shard's runs", func() {
		var last, total int
		explore(syncScenario, scenarios.ExploreOptions{Runs: 130, Progress: func(d, t int) { last, total = d, t }})
		Expect(last).To(Equal(130))
		Expect(total).To(Equal(130))
	})
})

var _ = Describe("Shrink", func() {
	It("drops every timeline entry the failure does not need", func() {
		var b strings.Builder
		b.WriteString(strings.Split(syncScenario, "timeline:")[0] + "timeline:\n")
		for i := range 19 {
			b.WriteString("  - at: " + strconv.Itoa(i+1) + "m\n    time_zone: " + []string{"Asia/Tokyo", "Europe/Berlin"}[i%2] + "\n")
		}
		b.WriteString("  - at: 19m10s\n    network: none\nproperties:\n  - never: {canceled: Sync}\n")
		s := mustParse(b.String())
		Expect(s.Timeline).To(HaveLen(20))
		small, ok, err := scenarios.Shrink(context.Background(), s)
		Expect(err).NotTo(HaveOccurred())
		Expect(ok).To(BeTrue())
		Expect(small.Timeline).To(HaveLen(2))
		Expect(small.Timeline[1].Action.Kind).To(Equal("network"))
		rep, err := scenarios.Run(small, scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		Expect(rep.Failures[0].Msg).To(ContainSubstring("property never canceled Sync"))

		_, ok, err = scenarios.Shrink(context.Background(), mustParse(scriptScenario))
		Expect(err).NotTo(HaveOccurred())
		Expect(ok).To(BeFalse(), "a passing scenario has nothing to shrink")
	})
})

var _ = Describe("ParseShard", func() {
	DescribeTable("refuses what is not i/n with 1 <= i <= n",
		func(s string) {
			_, err := scenarios.ParseShard(s)
			Expect(err).To(MatchError(ContainSubstring("want i/n with 1 <= i <= n")))
		},
		Entry(nil, "3/2"), Entry(nil, "0/2"), Entry(nil, "1/0"), Entry(nil, "a/b"), Entry(nil, "2"), Entry(nil, "-1/2"), Entry(nil, ""),
	)

	It("reads i/n, and every file goes to exactly one shard", func() {
		sh, err := scenarios.ParseShard("2/3")
		Expect(err).NotTo(HaveOccurred())
		Expect(sh).To(Equal(scenarios.Shard{Index: 2, Count: 3}))
		Expect(sh.String()).To(Equal("2/3"))
		files := []string{"a", "b", "c", "d", "e", "f", "g"}
		var all []string
		for i := 1; i <= 3; i++ {
			all = append(all, scenarios.ShardFiles(files, scenarios.Shard{Index: i, Count: 3})...)
		}
		Expect(all).To(ConsistOf(files))
		Expect(scenarios.ShardFiles(files, sh)).To(Equal([]string{"b", "e"}))
	})
})

// hostileNames gives a registration, its custom trigger and its group names that read like the
// register record's trigger= and conditions= fields.
const hostileNames = `name: hostile names
manifest:
  declarations:
    - entry_point: T.Sync
      task_types: [systemEvent]
tasks:
  T.Sync:
    script:
      - at: 1s
        log: done
registrations:
  - name: "x conditions=UserPresent y"
    entry_point: "T.Sync"
    trigger: {type: custom_system_event, id: "dock trigger=Time(15m) conditions=InternetAvailable", recurrence: Always}
    group: {id: "a conditions=InternetAvailable b", name: "n trigger=Maintenance(x)"}
timeline:
  - at: 1m
    custom_system_event: "dock trigger=Time(15m) conditions=InternetAvailable"
`

var _ = Describe("Coverage", func() {
	It("round-trips through its file, merges by adding, and lists the points never hit", func() {
		c := scenarios.NewCoverage()
		c.Points["canceled/Abort"] = 2
		c.Points["custom/point"] = 1
		again, err := scenarios.ParseCoverage("c.json", c.MarshalFile())
		Expect(err).NotTo(HaveOccurred())
		again.Merge(c)
		Expect(again.Hit("canceled/Abort")).To(Equal(uint64(4)))
		rows := again.Sorted()
		Expect(rows).To(HaveLen(len(scenarios.CoveragePoints()) + 1))
		Expect(rows[len(rows)-1]).To(Equal(scenarios.PointCount{Point: "custom/point", Count: 2}))
		Expect(rows).To(ContainElement(scenarios.PointCount{Point: "canceled/Terminating", Count: 0}))
		_, err = scenarios.ParseCoverage("x.json", []byte(`{"format":"other","points":{}}`))
		Expect(err).To(MatchError(ContainSubstring("cannot read coverage file x.json")))
		_, err = scenarios.ParseCoverage("x.json", []byte(`{`))
		Expect(err).To(HaveOccurred())
	})

	It("counts a run by its trigger class, whatever arguments it was given", func() {
		s, err := scenarios.ParseFile("library/triggers/application_arguments.yaml")
		Expect(err).NotTo(HaveOccurred())
		cov, err := scenarios.CoverageOf(context.Background(), s, scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		Expect(cov.Hit("trigger/Application")).To(BeNumerically(">", 0))
		for point := range cov.Points {
			Expect(scenarios.CoveragePoints()).To(ContainElement(point), "a point outside the model's list")
		}
	})

	It("reads a registration's trigger and conditions from the registration, never from a name", func() {
		cov, err := scenarios.CoverageOf(context.Background(), mustParse(hostileNames), scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		Expect(cov.Hit("trigger/CustomSystemEvent")).To(Equal(uint64(1)))
		for point := range cov.Points {
			Expect(scenarios.CoveragePoints()).To(ContainElement(point), "a point outside the model's list")
			Expect(point).NotTo(HavePrefix("held/"), "the registration has no conditions")
		}
	})

	It("names every trigger, condition, reason, outcome, error, result and knob", func() {
		points := scenarios.CoveragePoints()
		for _, want := range []string{"trigger/Time", "trigger/System:InternetAvailable", "latched/UserPresent",
			"latched/battery_saver", "held/SessionConnected", "lost/FreeNetworkAvailable", "canceled/EnergySaver",
			"delivered/ok", "dropped/error", "register_failed/AccessDenied", "signal_result/Allowed",
			"policy/cancel_grace", "policy/overlap:latch", "policy/deliver_after_relaunch"} {
			Expect(points).To(ContainElement(want))
		}
	})
})

var _ = Describe("Explore's counterexample files", func() {
	It("read the same manifest from the folder they are written to, and do not overwrite each other", func() {
		manifest, err := filepath.Abs("../fixtures/manifests/quickstart.appxmanifest")
		Expect(err).NotTo(HaveOccurred())
		doc := `name: quickstart task never canceled
manifest:
  file: MANIFEST
tasks:
  Tasks.ExampleBackgroundTask:
    script:
      - take_deferral: d
      - at: 5m
        complete_deferral: d
policy: {wall_clock_limit: 10m}
registrations:
  - name: Example
    entry_point: Tasks.ExampleBackgroundTask
    trigger: {type: system, event: TimeZoneChange}
    conditions: [InternetAvailable]
    cancel_on_condition_loss: true
timeline:
  - at: 10m
    time_zone: Asia/Tokyo
properties:
  - never: {canceled: Example}
explore: {vary: [network], events: 3}
`
		var files []*scenarios.Scenario
		for _, sub := range []string{"a", "b"} {
			dir := filepath.Join(GinkgoT().TempDir(), sub)
			Expect(os.MkdirAll(dir, 0o755)).To(Succeed())
			rel, err := filepath.Rel(dir, manifest)
			Expect(err).NotTo(HaveOccurred())
			path := filepath.Join(dir, "same.yaml")
			Expect(os.WriteFile(path, []byte(strings.Replace(doc, "MANIFEST", filepath.ToSlash(rel), 1)), 0o644)).To(Succeed())
			s, err := scenarios.ParseFile(path)
			Expect(err).NotTo(HaveOccurred())
			files = append(files, s)
		}
		out := filepath.Join(GinkgoT().TempDir(), "deeper", "out")
		rep, err := scenarios.Explore(context.Background(), files, scenarios.ExploreOptions{Runs: 200, Out: out})
		Expect(err).NotTo(HaveOccurred())
		Expect(rep.Counterexamples).To(HaveLen(2))
		Expect(rep.Counterexamples[0].Path).NotTo(Equal(rep.Counterexamples[1].Path))
		for _, cx := range rep.Counterexamples {
			Expect(filepath.Base(cx.Path)).To(MatchRegexp(`_a_same\.seed1\.run\d+\.yaml$|_b_same\.seed1\.run\d+\.yaml$`))
			s, err := scenarios.ParseFile(cx.Path)
			Expect(err).NotTo(HaveOccurred(), "the manifest is found from the out folder")
			run, err := scenarios.Run(s, scenarios.Options{})
			Expect(err).NotTo(HaveOccurred())
			Expect(run.Failures).To(HaveLen(1))
			Expect(run.Failures[0].Msg).To(HavePrefix("property never canceled Example"))
		}
	})
})

// driftScenario's counterexamples have a moved entry whose halfway point and whole minute both
// lose the failure while its file instant keeps it: shrinking must still end.
var driftScenario = syncWorld("shrinking ends", "25s") + `  - at: 10m20s
    network: none
  - at: 10m40s
    time_zone: Asia/Tokyo
until: 20m
properties:
  - never: {canceled: Sync}
explore: {vary: [power], events: 0, jitter: 1m}
`

var _ = Describe("Explore's shrinking", func() {
	It("ends when moving an entry back and rounding it would undo each other", func() {
		path := filepath.Join(GinkgoT().TempDir(), "drift.yaml")
		Expect(os.WriteFile(path, []byte(driftScenario), 0o644)).To(Succeed())
		s, err := scenarios.ParseFile(path)
		Expect(err).NotTo(HaveOccurred())
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		type result struct {
			rep *scenarios.ExploreReport
			err error
		}
		done := make(chan result, 1)
		go func() {
			rep, err := scenarios.Explore(ctx, []*scenarios.Scenario{s}, scenarios.ExploreOptions{Runs: 64, Jobs: 1})
			done <- result{rep, err}
		}()
		var r result
		Eventually(done, 30*time.Second).Should(Receive(&r), "explore must not hang")
		Expect(r.err).NotTo(HaveOccurred())
		Expect(r.rep.Counterexamples).To(HaveLen(1))
		cx := r.rep.Counterexamples[0]
		Expect(cx.Property).To(Equal("never canceled Sync"))
		run, err := scenarios.Run(cx.Scenario, scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		Expect(run.Failures).NotTo(BeEmpty())
		Expect(run.Failures[0].Msg).To(ContainSubstring("property never canceled Sync"))
	})
})

var _ = Describe("Explore's limits", func() {
	It("refuses more than MaxRuns runs per file, at once", func() {
		s := mustParse(syncScenario)
		_, err := scenarios.Explore(context.Background(), []*scenarios.Scenario{s}, scenarios.ExploreOptions{Runs: scenarios.MaxRuns + 1})
		Expect(err).To(MatchError("cannot explore 1000000001 runs per file: at most 1000000000"))
	})
})
