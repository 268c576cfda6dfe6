package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
)

const (
	breaks     = "../../scenarios/testdata/explore/breaks.yaml"
	exploreLib = "../../scenarios/library/explore"
)

// explore runs "bgsim explore" in-process.
func explore(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := exploreCommand(GinkgoT().Context(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

var _ = Describe("bgsim explore", func() {
	BeforeEach(func() { GinkgoT().Setenv("NO_COLOR", "1") })

	It("exits 1 with a shrunk counterexample file that bgsim run replays red", func() {
		dir := GinkgoT().TempDir()
		code, out, errOut := explore("--runs", "300", "--out", dir, breaks)
		Expect(code).To(Equal(1), out+errOut)
		Expect(errOut).To(BeEmpty(), "no progress bar when not on a terminal")
		Expect(out).To(ContainSubstring("COUNTEREXAMPLE  " + breaks))
		Expect(out).To(ContainSubstring(": never canceled Sync\n"))
		Expect(out).To(MatchRegexp(`300 runs of 1 file \(seed 1, shard 1/1\) in .*: 1 counterexample; rule coverage \d+ of \d+ points\n$`))
		written, err := filepath.Glob(filepath.Join(dir, "breaks.seed1.run*.yaml"))
		Expect(err).NotTo(HaveOccurred())
		Expect(written).To(HaveLen(1))
		code, out, _ = cli("run", written[0])
		Expect(code).To(Equal(1))
		Expect(out).To(ContainSubstring("property never canceled Sync: violated by"))
	})

	It("writes the same file for the same seed, and another for another seed", func() {
		a, b, c := GinkgoT().TempDir(), GinkgoT().TempDir(), GinkgoT().TempDir()
		explore("--runs", "200", "--seed", "9", "--out", a, breaks)
		explore("--runs", "200", "--seed", "9", "-j", "1", "--out", b, breaks)
		explore("--runs", "200", "--seed", "10", "--out", c, breaks)
		fa, _ := filepath.Glob(filepath.Join(a, "*.yaml"))
		fb, _ := filepath.Glob(filepath.Join(b, "*.yaml"))
		fc, _ := filepath.Glob(filepath.Join(c, "*.yaml"))
		Expect(fa).To(HaveLen(1))
		Expect(filepath.Base(fb[0])).To(Equal(filepath.Base(fa[0])))
		Expect(os.ReadFile(fb[0])).To(Equal(must(os.ReadFile(fa[0]))))
		Expect(filepath.Base(fc[0])).To(HavePrefix("breaks.seed10.run"))
	})

	It("writes the same files and the same coverage whatever -j is", func() {
		a, b := GinkgoT().TempDir(), GinkgoT().TempDir()
		code, outA, errA := explore("--runs", "700", "--seed", "4", "-j", "1", "--out", a, "--coverage", filepath.Join(a, "cov.json"), breaks, exploreLib)
		Expect(code).To(Equal(1), outA+errA)
		code, outB, errB := explore("--runs", "700", "--seed", "4", "-j", "4", "--out", b, "--coverage", filepath.Join(b, "cov.json"), breaks, exploreLib)
		Expect(code).To(Equal(1), outB+errB)
		fa, _ := filepath.Glob(filepath.Join(a, "*"))
		fb, _ := filepath.Glob(filepath.Join(b, "*"))
		Expect(len(fa)).To(BeNumerically(">=", 2), "a counterexample and the coverage")
		Expect(fb).To(HaveLen(len(fa)))
		for i := range fa {
			Expect(filepath.Base(fb[i])).To(Equal(filepath.Base(fa[i])))
			Expect(os.ReadFile(fb[i])).To(Equal(must(os.ReadFile(fa[i]))), fa[i])
		}
	})

	It("exits 0 on the library's explore set and reports runs and coverage as JSON", func() {
		cov := filepath.Join(GinkgoT().TempDir(), "cov.json")
		code, out, errOut := explore("--runs", "100", "--json", "--coverage", cov, exploreLib)
		Expect(code).To(Equal(0), out+errOut)
		var rep struct {
			Runs            int               `json:"runs"`
			Files           int               `json:"files"`
			CoverageHit     int               `json:"coverage_hit"`
			Coverage        map[string]uint64 `json:"coverage"`
			Counterexamples []any             `json:"counterexamples"`
		}
		Expect(json.Unmarshal([]byte(out), &rep)).To(Succeed())
		Expect(rep.Runs).To(Equal(200))
		Expect(rep.Files).To(Equal(2))
		Expect(rep.Counterexamples).To(BeEmpty())
		Expect(rep.Coverage["canceled/EnergySaver"]).To(BeNumerically(">", 0))
		c, err := scenarios.ParseCoverage(cov, must(os.ReadFile(cov)))
		Expect(err).NotTo(HaveOccurred())
		Expect(c.Points).To(Equal(rep.Coverage))
	})

	It("splits the campaign over shards whose merged coverage equals one machine's", func() {
		dir := GinkgoT().TempDir()
		whole := filepath.Join(dir, "whole.json")
		code, _, _ := explore("--runs", "150", "--coverage", whole, exploreLib)
		Expect(code).To(Equal(0))
		var parts []string
		for _, sh := range []string{"1/3", "2/3", "3/3"} {
			p := filepath.Join(dir, "part"+sh[:1]+".json")
			code, _, errOut := explore("--runs", "150", "--shard", sh, "--coverage", p, exploreLib)
			Expect(code).To(Equal(0), errOut)
			parts = append(parts, p)
		}
		var merged, single bytes.Buffer
		Expect(coverageCommand(append([]string{"--json"}, parts...), &merged, GinkgoWriter)).To(Equal(0))
		Expect(coverageCommand([]string{"--json", whole}, &single, GinkgoWriter)).To(Equal(0))
		Expect(merged.String()).To(Equal(single.String()))
	})

	DescribeTable("usage errors exit 2 with a message",
		func(want string, args ...string) {
			code, out, errOut := explore(args...)
			Expect(code).To(Equal(2))
			Expect(out + errOut).To(ContainSubstring(want))
		},
		Entry("shard past its count", "--shard: cannot use shard \"3/2\": want i/n with 1 <= i <= n", "--shard", "3/2", breaks),
		Entry("shard zero", "want i/n", "--shard", "0/4", breaks),
		Entry("no runs", "--runs must be at least 1", "--runs", "0", breaks),
		Entry("too many runs", "--runs must be at most 1000000000, got 1000000001", "--runs", "1000000001", breaks),
		Entry("runs near the largest int", "--runs must be at most 1000000000, got 9223372036854775807", "--runs", "9223372036854775807", breaks),
		Entry("seed zero", "--seed must be above 0", "--seed", "0", breaks),
		Entry("no jobs", "-j must be at least 1 (the number of blocks of runs at a time), got 0", "-j", "0", breaks),
		Entry("negative jobs", "-j must be at least 1 (the number of blocks of runs at a time), got -3", "-j", "-3", breaks),
		Entry("no file", "no FILE given"),
		Entry("unknown flag", "flag provided but not defined", "--rnus", "3", breaks),
		Entry("a file error, with its position and hint", `bad.yaml:4:36: event: unknown SystemTriggerType "TimeZoneChang" (did you mean "TimeZoneChange"?)`, testdata+"bad.yaml"),
	)

	It("writes its counts in the singular for one", func() {
		code, out, errOut := explore("--runs", "1", "--out", GinkgoT().TempDir(), exploreLib+"/battery_saver_never_runs.yaml")
		Expect(code).To(Equal(0), out+errOut)
		Expect(out).To(MatchRegexp(`^1 run of 1 file \(seed 1, shard 1/1\) in .*: 0 counterexamples;`))
		Expect(count(2, "file", "files")).To(Equal("2 files"))
		Expect(count(0, "file", "files")).To(Equal("0 files"))
		Expect(count(1, "timeline entry", "timeline entries")).To(Equal("1 timeline entry"))
	})

	It("keeps stdout for the JSON under --json: a file error goes to stderr", func() {
		code, out, errOut := explore("--json", "--runs", "5", testdata+"bad.yaml")
		Expect(code).To(Equal(exitUsage))
		Expect(out).To(BeEmpty())
		Expect(errOut).To(ContainSubstring(`bad.yaml:4:36: event: unknown SystemTriggerType "TimeZoneChang"`))
		code, out, errOut = explore("--runs", "5", testdata+"bad.yaml")
		Expect(code).To(Equal(exitUsage))
		Expect(out).To(ContainSubstring(`bad.yaml:4:36: event: unknown SystemTriggerType "TimeZoneChang"`), "without --json, on stdout as run prints it")
		Expect(errOut).To(BeEmpty())
	})

	It("draws no progress bar into a pipe", func() {
		var buf bytes.Buffer
		p := newProgress(&buf, true)
		p.update(5, 10)
		p.done()
		Expect(buf.String()).To(BeEmpty())
		p.on = true
		p.update(5, 10)
		Expect(buf.String()).To(ContainSubstring("explore [###############...............]  50% 5/10 runs"))
	})
})

var _ = Describe("bgsim coverage", func() {
	It("prints every point with its count and lists the ones never hit", func() {
		dir := GinkgoT().TempDir()
		cov := filepath.Join(dir, "run.json")
		Expect(writeRunCoverage(GinkgoT().Context(), []string{exploreLib + "/battery_saver_never_runs.yaml"}, 0, cov)).To(Succeed())
		var out bytes.Buffer
		Expect(coverageCommand([]string{cov, cov}, &out, GinkgoWriter)).To(Equal(0))
		Expect(out.String()).To(MatchRegexp(`canceled/EnergySaver +2\n`), "two files with one hit each")
		Expect(out.String()).To(MatchRegexp(`canceled/Terminating +0  never hit\n`))
		Expect(out.String()).To(MatchRegexp(`\d+ of \d+ rule points hit; \d+ never hit\nnever hit: trigger/System:`))
	})

	It("exits 2 for a file that is not a coverage file", func() {
		bad := filepath.Join(GinkgoT().TempDir(), "bad.json")
		Expect(os.WriteFile(bad, []byte(`{"points": 3}`), 0o644)).To(Succeed())
		var errOut bytes.Buffer
		Expect(coverageCommand([]string{bad}, GinkgoWriter, &errOut)).To(Equal(2))
		Expect(errOut.String()).To(ContainSubstring("cannot read coverage file " + bad))
		Expect(coverageCommand(nil, GinkgoWriter, &errOut)).To(Equal(2))
		Expect(coverageCommand([]string{"/does/not/exist.json"}, GinkgoWriter, &errOut)).To(Equal(2))
	})
})

func must[T any](v T, err error) T {
	Expect(err).NotTo(HaveOccurred())
	return v
}
