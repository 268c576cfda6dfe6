package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

func TestCLI(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "bgsim CLI Suite")
}

const testdata = "../../scenarios/testdata/cli/"

// cli runs the command in-process and returns its exit code, stdout and stderr.
func cli(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

var _ = Describe("bgsim", func() {
	BeforeEach(func() {
		GinkgoT().Setenv("NO_COLOR", "1")
		GinkgoT().Setenv("GITHUB_ACTIONS", "")
	})

	DescribeTable("exit codes and the summary line",
		func(want int, summary string, args ...string) {
			code, out, errOut := cli(args...)
			Expect(code).To(Equal(want), out+errOut)
			Expect(out).To(HaveSuffix(summary + "\n"))
			Expect(out + errOut).NotTo(ContainSubstring("panic"))
			Expect(out + errOut).NotTo(ContainSubstring("goroutine"))
		},
		Entry("0 when every scenario passes", 0, "1 passed, 0 failed", "run", testdata+"pass.yaml"),
		Entry("1 when a scenario fails", 1, "1 passed, 1 failed", "run", testdata+"pass.yaml", testdata+"fail.yaml"),
		Entry("2 on a file error", 2, "0 passed, 1 failed", "run", testdata+"bad.yaml"),
		Entry("2 wins over 1", 2, "1 passed, 2 failed", "run", "-j", "2", testdata),
		Entry("validate: a failing scenario is still valid", 0, "2 valid, 0 invalid", "validate", testdata+"pass.yaml", testdata+"fail.yaml"),
	)

	It("prints file:line:col for a file error and its hint", func() {
		_, out, _ := cli("run", testdata+"bad.yaml")
		Expect(out).To(ContainSubstring(`bad.yaml:4:36: event: unknown SystemTriggerType "TimeZoneChang" (did you mean "TimeZoneChange"?)`))
	})

	It("replays the scenarios folder without its testdata: the broken files there are left out", func() {
		junit := filepath.Join(GinkgoT().TempDir(), "junit.xml")
		code, out, errOut := cli("run", "-j", "2", "--junit", junit, "../../scenarios/")
		Expect(code).To(Equal(0), errOut)
		Expect(out).NotTo(ContainSubstring("testdata"))
		Expect(out).To(MatchRegexp(`\n[1-9]\d* passed, 0 failed\n$`))
	})

	It("prints results in input order whatever -j is", func() {
		_, out1, _ := cli("run", "-j", "1", testdata)
		_, out8, _ := cli("run", "-j", "8", testdata)
		Expect(out8).To(Equal(out1))
	})

	It("returns 2 for usage errors, without a stack trace", func() {
		for _, args := range [][]string{{}, {"frobnicate"}, {"run"}, {"run", "--nope", "x"}, {"run", "does-not-exist.yaml"}, {"trace"}} {
			code, out, errOut := cli(args...)
			Expect(code).To(Equal(2), "%v", args)
			Expect(out + errOut).NotTo(ContainSubstring("goroutine"))
		}
	})

	It("refuses -j below 1 and says what is valid", func() {
		for _, j := range []string{"0", "-2"} {
			code, out, errOut := cli("run", "-j", j, testdata+"pass.yaml")
			Expect(code).To(Equal(exitUsage))
			Expect(out).To(BeEmpty())
			Expect(errOut).To(Equal("bgsim run: -j must be at least 1 (the number of files replayed at a time), got " + j + "\n"))
		}
	})

	It("writes JSON on stdout only with --json", func() {
		code, out, errOut := cli("run", "--json", testdata+"fail.yaml")
		Expect(code).To(Equal(1))
		var doc struct {
			Results []result
			Passed  int
			Failed  int
		}
		Expect(json.Unmarshal([]byte(out), &doc)).To(Succeed())
		Expect(doc.Failed).To(Equal(1))
		Expect(doc.Results[0].Problems[0].Line).To(Equal(9))
		Expect(errOut).To(HaveSuffix("0 passed, 1 failed\n"))
	})

	DescribeTable("keeps stdout valid JSON under --json when a file is bad: the errors go in it or to stderr",
		func(args ...string) {
			code, out, errOut := cli(append(args, testdata+"bad.yaml")...)
			Expect(code).To(Equal(exitUsage))
			Expect(errOut).To(ContainSubstring("bad.yaml:4:36"))
			dec := json.NewDecoder(strings.NewReader(out))
			for dec.More() {
				var v any
				Expect(dec.Decode(&v)).To(Succeed(), out)
			}
		},
		Entry("run", "run", "--json"),
		Entry("validate", "validate", "--json"),
		Entry("trace", "trace", "--json"),
		Entry("explore", "explore", "--json", "--runs", "5"),
	)

	It("prints GitHub annotations under GITHUB_ACTIONS=true", func() {
		GinkgoT().Setenv("GITHUB_ACTIONS", "true")
		_, out, _ := cli("run", testdata+"bad.yaml")
		Expect(out).To(ContainSubstring("::error file=" + testdata + "bad.yaml,line=4,col=36::event: unknown SystemTriggerType"))
	})

	It("prints a trace, as text or JSON lines", func() {
		code, out, _ := cli("trace", testdata+"pass.yaml")
		Expect(code).To(Equal(0))
		Expect(out).To(HavePrefix("+00:00:00.000 register  InProc task=1"))
		code, out, _ = cli("trace", "--json", testdata+"pass.yaml")
		Expect(code).To(Equal(0))
		Expect(out).To(HavePrefix(`{"at":"+00:00:00.000","at_ns":0,"kind":"register"`))
	})

	It("records with --update and writes a JUnit report", func() {
		dir := GinkgoT().TempDir()
		data, err := os.ReadFile(testdata + "pass.yaml")
		Expect(err).NotTo(HaveOccurred())
		path := filepath.Join(dir, "pass.yaml")
		Expect(os.WriteFile(path, data, 0o644)).To(Succeed())
		junit := filepath.Join(dir, "junit.xml")
		code, out, _ := cli("run", path, "--update", "--junit", junit)
		Expect(code).To(Equal(0), out)
		Expect(out).To(ContainSubstring("[trace recorded]"))
		updated, _ := os.ReadFile(path)
		Expect(string(updated)).To(HavePrefix(string(data) + "trace: |\n"))
		report, err := os.ReadFile(junit)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(report)).To(ContainSubstring("<testsuite"))
	})

	It("prints the scenario schema, the committed file byte for byte", func() {
		code, out, errOut := cli("schema")
		Expect(code).To(Equal(0), errOut)
		Expect(errOut).To(BeEmpty())
		committed, err := os.ReadFile("../../scenarios/scenario.schema.json")
		Expect(err).NotTo(HaveOccurred())
		Expect(out).To(Equal(string(committed)),
			"scenarios/scenario.schema.json is stale: run go run ./cmd/bgsim schema > scenarios/scenario.schema.json")
		code, _, errOut = cli("schema", "extra")
		Expect(code).To(Equal(2))
		Expect(errOut).To(ContainSubstring("takes no arguments"))
	})

	It("prints help and version", func() {
		code, out, _ := cli("help")
		Expect(code).To(Equal(0))
		Expect(out).To(ContainSubstring("bgsim run [flags] PATH..."))
		Expect(out).To(ContainSubstring("bgsim schema "))
		code, out, _ = cli("version")
		Expect(code).To(Equal(0))
		Expect(out).To(HavePrefix("bgsim "))
	})
})

var _ = Describe("internal errors", func() {
	It("turn a panic in one file into exit 3 with a one-line message", func() {
		results := runAll(context.Background(), []string{"a.yaml", "b.yaml"}, 2, func(f string) result {
			if f == "b.yaml" {
				panic("boom\nsecond line")
			}
			return result{File: f, Status: statusPass}
		})
		Expect(results[0].Status).To(Equal(statusPass))
		Expect(results[1].Status).To(Equal(statusInternal))
		Expect(results[1].Problems[0].Msg).To(Equal("internal error: boom second line"))
		Expect(exitCode(results)).To(Equal(3))
	})
})
