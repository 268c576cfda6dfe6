package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/report"
	"github.com/bgsim/bgsim/scenarios"
)

var _ = Describe("bgsim trace --format", func() {
	It("writes Trace Event Format JSON for chrome, the bytes report.ChromeTrace gives", func() {
		code, out, errOut := cli("trace", "--format", "chrome", testdata+"pass.yaml")
		Expect(code).To(Equal(0), errOut)
		var doc struct {
			TraceEvents []struct {
				Name string `json:"name"`
				Ph   string `json:"ph"`
				Ts   int64  `json:"ts"`
				Dur  int64  `json:"dur"`
			} `json:"traceEvents"`
		}
		Expect(json.Unmarshal([]byte(out), &doc)).To(Succeed())
		complete := 0
		for _, ev := range doc.TraceEvents {
			if ev.Ph == "X" {
				complete++
				Expect(ev.Name).To(Equal("InProc"))
				Expect(ev.Ts).To(Equal(int64(60_000_000)), "virtual time in microseconds: +00:01:00")
			}
		}
		Expect(complete).To(Equal(1), "one complete event per instance")

		s, err := scenarios.ParseFile(testdata + "pass.yaml")
		Expect(err).NotTo(HaveOccurred())
		rep, err := scenarios.Run(s, scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		item := report.FromReport(rep)
		var want bytes.Buffer
		Expect(report.ChromeTrace(&want, &item)).To(Succeed())
		Expect(out).To(Equal(want.String()), "streamed, it is the same document as the report's")
	})

	It("keeps text the default and json the same as --json", func() {
		_, text, _ := cli("trace", testdata+"pass.yaml")
		_, explicit, _ := cli("trace", "--format", "text", testdata+"pass.yaml")
		Expect(explicit).To(Equal(text))
		_, jsonl, _ := cli("trace", "--json", testdata+"pass.yaml")
		_, format, _ := cli("trace", "--format", "json", testdata+"pass.yaml")
		Expect(format).To(Equal(jsonl))
		Expect(strings.Count(jsonl, "\n")).To(Equal(strings.Count(text, "\n")))
	})

	DescribeTable("refuses bad usage with exit 2",
		func(msg string, args ...string) {
			code, out, errOut := cli(append([]string{"trace"}, args...)...)
			Expect(code).To(Equal(2))
			Expect(out).To(BeEmpty())
			Expect(errOut).To(ContainSubstring(msg))
		},
		Entry("an unknown format", `unknown --format "yaml"`, "--format", "yaml", testdata+"pass.yaml"),
		Entry("--json beside another format", "--json and --format chrome disagree", "--json", "--format", "chrome", testdata+"pass.yaml"),
	)

	It("exits 3 when the Chrome trace cannot be written", func() {
		code, errOut := cliTo(&failingWriter{}, "trace", "--format", "chrome", testdata+"pass.yaml")
		Expect(code).To(Equal(exitInternal))
		Expect(errOut).To(ContainSubstring("bgsim trace: cannot write: "))
		Expect(errOut).To(ContainSubstring("no space left on device"))
	})

	It("reports a file error as file:line:col with exit 2, in every format", func() {
		for _, f := range traceFormats {
			code, _, errOut := cli("trace", "--format", f, testdata+"bad.yaml")
			Expect(code).To(Equal(2), f)
			Expect(errOut).To(ContainSubstring("bad.yaml:4:36: "), f)
		}
	})

	It("stops on the context run is given (Ctrl-C), in every format", func() {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		for _, f := range traceFormats {
			var out, errOut bytes.Buffer
			code := run(ctx, []string{"trace", "--format", f, longdata + "busy_century.yaml"}, &out, &errOut)
			Expect(code).To(Equal(exitInterrupted), f)
			Expect(errOut.String()).To(Equal("bgsim trace: interrupted\n"), f)
		}
	})
})

var _ = Describe("bgsim run --html", func() {
	It("writes the report bgsim report writes, beside the usual results and exit code", func() {
		dir := GinkgoT().TempDir()
		fromRun, fromReport := dir+"/run.html", dir+"/report.html"
		code, out, _ := cli("run", "--html", fromRun, testdata)
		Expect(code).To(Equal(2))
		Expect(out).To(HaveSuffix("1 passed, 2 failed\n"))
		reportCLI("--html", fromReport, testdata)
		a, b := readFile(fromRun), readFile(fromReport)
		Expect(a).To(HavePrefix("<!DOCTYPE html>"))
		Expect(a).To(ContainSubstring(`data-outcome="completed"`))
		Expect(a == b).To(BeTrue(), "bgsim run --html and bgsim report --html write the same bytes")
	})

	It("writes it with --update too, and refuses an unwritable path before running", func() {
		dir := GinkgoT().TempDir()
		path := copyTo(dir, "pass.yaml")
		code, _, errOut := cli("run", "--update", "--html", dir+"/no/such/dir.html", path)
		Expect(code).To(Equal(2))
		Expect(errOut).To(ContainSubstring("cannot write HTML report"))
		Expect(readFile(path)).NotTo(ContainSubstring("trace:"), "nothing was recorded")
		code, _, errOut = cli("run", "--update", "--html", dir+"/r.html", path)
		Expect(code).To(Equal(0), errOut)
		Expect(readFile(dir + "/r.html")).To(ContainSubstring(`data-task="InProc"`))
	})
})

// readFile returns a file's contents, failing the spec when it cannot be read.
func readFile(path string) string {
	data, err := os.ReadFile(path)
	Expect(err).NotTo(HaveOccurred())
	return string(data)
}
