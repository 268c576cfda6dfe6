package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
	"github.com/onsi/gomega/gexec"
)

// failingWriter fails every write, as stdout does when it is /dev/full.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// cliTo runs the command in-process with the given stdout.
func cliTo(stdout *failingWriter, args ...string) (int, string) {
	var errOut strings.Builder
	code := run(context.Background(), args, stdout, &errOut)
	return code, errOut.String()
}

// longdata holds scenarios that run for seconds: a busy century of virtual time.
const longdata = "../../scenarios/testdata/long/"

// copyTo copies a testdata file into dir and returns the copy's path.
func copyTo(dir, name string) string { return copyFrom(testdata, dir, name) }

// copyFrom copies the file name of folder from into dir and returns the copy's path.
func copyFrom(from, dir, name string) string {
	data, err := os.ReadFile(from + name)
	Expect(err).NotTo(HaveOccurred())
	path := filepath.Join(dir, name)
	Expect(os.WriteFile(path, data, 0o644)).To(Succeed())
	return path
}

var _ = Describe("reliability of the command line", func() {
	BeforeEach(func() {
		GinkgoT().Setenv("NO_COLOR", "1")
		GinkgoT().Setenv("GITHUB_ACTIONS", "")
	})

	It("refuses a JUnit path it cannot write before rewriting any file", func() {
		dir := GinkgoT().TempDir()
		path := copyTo(dir, "pass.yaml")
		before, _ := os.ReadFile(path)
		code, out, errOut := cli("run", "--update", "--junit", filepath.Join(dir, "no", "such", "junit.xml"), path)
		Expect(code).To(Equal(exitUsage), out+errOut)
		Expect(errOut).To(ContainSubstring("cannot write JUnit report"))
		after, _ := os.ReadFile(path)
		Expect(after).To(Equal(before), "the scenario was not rewritten")
	})

	DescribeTable("says once what it cannot write or read, naming the file and the reason",
		func(code int, want string, args ...string) {
			fi, err := os.Stat("/dev/full")
			if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
				Skip("no /dev/full character device")
			}
			dir := GinkgoT().TempDir()
			full := filepath.Join(dir, "full") // a link: written through, never replaced
			Expect(os.Symlink("/dev/full", full)).To(Succeed())
			for i := range args {
				args[i] = strings.ReplaceAll(args[i], "FULL", full)
				args[i] = strings.ReplaceAll(args[i], "DIR", dir)
			}
			got, out, errOut := cli(args...)
			Expect(got).To(Equal(code), out+errOut)
			want = strings.ReplaceAll(strings.ReplaceAll(want, "FULL", full), "DIR", dir)
			Expect(errOut).To(ContainSubstring(want + "\n"))
			for _, line := range strings.Split(errOut, "\n") {
				Expect(strings.Count(line, "cannot")).To(BeNumerically("<=", 1), line)
			}
		},
		Entry("--junit", exitInternal, "bgsim run: cannot write JUnit report to FULL: no space left on device", "run", "--junit", "FULL", testdata+"pass.yaml"),
		Entry("--junit, before the run", exitUsage, "bgsim run: cannot write JUnit report to DIR/no/j.xml: no such file or directory", "run", "--junit", "DIR/no/j.xml", testdata+"pass.yaml"),
		Entry("--html", exitInternal, "bgsim run: cannot write HTML report to FULL: no space left on device", "run", "--html", "FULL", testdata+"pass.yaml"),
		Entry("--coverage", exitInternal, "bgsim run: cannot write coverage to FULL: no space left on device", "run", "--coverage", "FULL", testdata+"pass.yaml"),
		Entry("--coverage in a missing folder, before the run", exitUsage, "bgsim run: cannot write coverage to DIR/no/c.json: its folder DIR/no: no such file or directory", "run", "--coverage", "DIR/no/c.json", testdata+"pass.yaml"),
		Entry("explore --coverage", exitInternal, "bgsim explore: cannot write coverage to FULL: no space left on device", "explore", "--runs", "3", "--out", "DIR", "--coverage", "FULL", "../../scenarios/library/explore"),
		Entry("report --html", exitInternal, "bgsim report: cannot write FULL: no space left on device", "report", "--html", "FULL", testdata+"pass.yaml"),
		Entry("coverage", exitUsage, "bgsim coverage: cannot read coverage file DIR/none.json: no such file or directory", "coverage", "DIR/none.json"),
	)

	DescribeTable("fails with exit 3 when its output cannot be written",
		func(args ...string) {
			code, errOut := cliTo(&failingWriter{}, args...)
			Expect(code).To(Equal(exitInternal))
			Expect(errOut).To(ContainSubstring("no space left on device"))
		},
		Entry("run", "run", testdata+"pass.yaml"),
		Entry("run --json", "run", "--json", testdata+"pass.yaml"),
		Entry("validate", "validate", testdata+"pass.yaml"),
		Entry("trace", "trace", testdata+"pass.yaml"),
		Entry("trace --json", "trace", "--json", testdata+"pass.yaml"),
	)

	It("takes .yml files from a folder, and reports a path it cannot read while running the rest", func() {
		dir := GinkgoT().TempDir()
		copyTo(dir, "pass.yaml")
		data, err := os.ReadFile(testdata + "pass.yaml")
		Expect(err).NotTo(HaveOccurred())
		Expect(os.WriteFile(filepath.Join(dir, "other.yml"), data, 0o644)).To(Succeed())
		code, out, errOut := cli("run", dir, filepath.Join(dir, "missing"))
		Expect(code).To(Equal(exitUsage), out+errOut)
		Expect(out).To(ContainSubstring("other.yml"))
		Expect(out).To(HaveSuffix("2 passed, 1 failed\n"), "the path it cannot read counts as failed")
		Expect(out).NotTo(ContainSubstring("missing"), "it was reported on stderr when found")
		Expect(errOut).To(ContainSubstring("cannot read " + filepath.Join(dir, "missing") + ": no such file or directory"))
	})

	It("runs a file named twice once: two workers never record it at the same time", func() {
		dir := GinkgoT().TempDir()
		path := copyTo(dir, "pass.yaml")
		code, out, errOut := cli("run", "--update", "-j", "2", path, path, dir+"/./pass.yaml", dir)
		Expect(code).To(Equal(exitOK), out+errOut)
		Expect(out).To(Equal("PASS  " + path + "  (in-process task runs on a time zone change)  [trace recorded]\n1 passed, 0 failed\n"))
	})

	DescribeTable("refuses a folder with no scenario file in it, with exit 2",
		func(args ...string) {
			dir := GinkgoT().TempDir()
			Expect(os.WriteFile(filepath.Join(dir, "notes.md"), []byte("# notes\n"), 0o644)).To(Succeed())
			if args[0] == "report" {
				args = append(args, "--html", filepath.Join(GinkgoT().TempDir(), "r.html"))
			}
			args = append(args, dir)
			code, out, errOut := cli(args...)
			Expect(code).To(Equal(exitUsage), out+errOut)
			Expect(errOut).To(ContainSubstring("no scenario files in " + dir + " (looked for *.yaml and *.yml)"))
		},
		Entry("run", "run"),
		Entry("validate", "validate"),
		Entry("explore", "explore", "--runs", "5"),
		Entry("report", "report"),
	)

	It("lists a path it cannot read and an empty folder as file errors in --json, --junit and --html", func() {
		dir := GinkgoT().TempDir()
		missing, empty := filepath.Join(dir, "missing"), filepath.Join(dir, "empty")
		Expect(os.Mkdir(empty, 0o755)).To(Succeed())
		junit, html := filepath.Join(dir, "junit.xml"), filepath.Join(dir, "r.html")
		code, out, errOut := cli("run", "--json", "--junit", junit, "--html", html, missing, testdata+"pass.yaml", empty)
		Expect(code).To(Equal(exitUsage), out+errOut)
		var doc struct {
			Results []result
			Passed  int
			Failed  int
		}
		Expect(json.Unmarshal([]byte(out), &doc)).To(Succeed(), out)
		Expect(doc.Passed).To(Equal(1))
		Expect(doc.Failed).To(Equal(2))
		Expect(doc.Results).To(HaveLen(3))
		Expect(doc.Results[0]).To(Equal(result{File: missing, Status: statusError,
			Problems: []problem{{File: missing, Msg: "cannot read " + missing + ": no such file or directory"}}}))
		Expect(doc.Results[1]).To(Equal(result{File: empty, Status: statusError,
			Problems: []problem{{File: empty, Msg: "no scenario files in " + empty + " (looked for *.yaml and *.yml)"}}}))
		Expect(doc.Results[2].Status).To(Equal(statusPass))
		report, err := os.ReadFile(junit)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(report)).To(ContainSubstring(`<testsuites name="bgsim scenarios" tests="3" failures="0" errors="2"`))
		Expect(string(report)).To(ContainSubstring(`classname="` + missing + `"`))
		Expect(string(report)).To(ContainSubstring(`message="` + missing + `: cannot read ` + missing + `: no such file or directory" type="file error"`))
		Expect(string(report)).To(ContainSubstring(`message="` + empty + `: no scenario files in ` + empty))
		page, err := os.ReadFile(html)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(page)).To(ContainSubstring("cannot read " + missing + ": no such file or directory"))
		Expect(string(page)).To(ContainSubstring("no scenario files in " + empty))
	})

	It("refuses a FIFO or a device as a scenario or manifest, without hanging", func() {
		dir := GinkgoT().TempDir()
		fifo := filepath.Join(dir, "pipe.yaml")
		Expect(syscall.Mkfifo(fifo, 0o644)).To(Succeed())
		code, out, _ := cli("validate", fifo)
		Expect(code).To(Equal(exitUsage))
		Expect(out).To(ContainSubstring("pipe.yaml: cannot read scenario: is a named pipe, not a regular file"))
		code, out, _ = cli("validate", "/dev/zero")
		Expect(code).To(Equal(exitUsage))
		Expect(out).To(ContainSubstring("/dev/zero: cannot read scenario: is a device, not a regular file"))
		scenario := filepath.Join(dir, "s.yaml")
		Expect(os.WriteFile(scenario, []byte("name: x\nmanifest: {file: pipe.yaml}\n"), 0o644)).To(Succeed())
		code, out, _ = cli("validate", scenario)
		Expect(code).To(Equal(exitUsage))
		Expect(out).To(ContainSubstring(`s.yaml:2:18: cannot read manifest "pipe.yaml": is a named pipe, not a regular file`))
	})

	It("refuses a scenario larger than 64 MiB before reading it", func() {
		path := filepath.Join(GinkgoT().TempDir(), "huge.yaml")
		fh, err := os.Create(path)
		Expect(err).NotTo(HaveOccurred())
		Expect(fh.Truncate(64<<20 + 1)).To(Succeed()) // sparse: no disk used
		Expect(fh.Close()).To(Succeed())
		code, out, _ := cli("validate", path)
		Expect(code).To(Equal(exitUsage))
		Expect(out).To(ContainSubstring("huge.yaml: cannot read scenario: is larger than the 64 MiB limit"))
	})

	It("escapes control characters in names and messages printed to the terminal", func() {
		dir := GinkgoT().TempDir()
		path := filepath.Join(dir, "evil.yaml")
		Expect(os.WriteFile(path, []byte(`name: "evil\e[2J\rforged"
registrations:
  - {name: "A\e]0;title\a", trigger: {type: system, event: TimeZoneChange}}
timeline:
  - {at: 1m, time_zone: Asia/Tokyo}
expect:
  - {run: "A\e]0;title\a", count: 2}
`), 0o644)).To(Succeed())
		code, out, errOut := cli("run", path)
		Expect(code).To(Equal(exitFailed), out+errOut)
		// bgsim report prints the same messages, and the name of the page it wrote.
		code, more, moreErr := cli("report", "--html", filepath.Join(dir, "r\x1b[2J.html"), path)
		Expect(code).To(Equal(exitFailed), more+moreErr)
		Expect(moreErr).To(ContainSubstring(`"A\x1b]0;title\a"`))
		Expect(more).To(ContainSubstring(`r\x1b[2J.html`))
		out, errOut = out+more, errOut+moreErr
		Expect(out + errOut).NotTo(ContainSubstring("\x1b"))
		Expect(out + errOut).NotTo(ContainSubstring("\r"))
		Expect(out + errOut).NotTo(ContainSubstring("\a"))
		Expect(out).To(ContainSubstring(`(evil\x1b[2J\x0dforged)`))
		// The trace line quotes and escapes the name itself, so the terminal gets it as it is.
		Expect(out).To(ContainSubstring(`run       "A\x1b]0;title\a" task=1`))
		Expect(clean("a\u009bb\u202ec\xffd\n\te")).To(Equal(`a\u009bb\u202ec\xffd` + "\n\te"))
	})

	It("fails with exit 3 and a clear message when a recorded trace would pass 64 MiB", func() {
		dir := GinkgoT().TempDir()
		path := copyFrom(longdata, dir, "busy_century.yaml")
		before, _ := os.ReadFile(path)
		code, out, errOut := cli("run", "--update", path)
		Expect(code).To(Equal(exitInternal), out+errOut)
		Expect(out).To(ContainSubstring("it is longer than 64 MiB, more than a scenario file may hold; shorten until"))
		after, _ := os.ReadFile(path)
		Expect(after).To(Equal(before))
	})

	It("stops at once when the context is done: nothing started, exit 130", func() {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var out, errOut strings.Builder
		code := run(ctx, []string{"run", testdata + "pass.yaml"}, &out, &errOut)
		Expect(code).To(Equal(exitInterrupted))
		Expect(out.String()).To(Equal("0 passed, 0 failed\n"))
		Expect(errOut.String()).To(ContainSubstring("interrupted: 1 of 1 file did not finish"))
	})

	It("writes no coverage and no coverage error when interrupted", func() {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		cov := filepath.Join(GinkgoT().TempDir(), "cov.json")
		var out, errOut strings.Builder
		code := run(ctx, []string{"run", "--coverage", cov, testdata + "pass.yaml"}, &out, &errOut)
		Expect(code).To(Equal(exitInterrupted))
		Expect(errOut.String()).To(Equal("bgsim run: interrupted: 1 of 1 file did not finish\n"))
		Expect(cov).NotTo(BeAnExistingFile())
	})
})

var _ = Describe("Ctrl-C on a real process", Ordered, func() {
	var bin string
	BeforeAll(func() {
		var err error
		bin, err = gexec.Build("github.com/bgsim/bgsim/cmd/bgsim")
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(gexec.CleanupBuildArtifacts)
	})

	// start runs the binary with NO_COLOR and waits until it has run for a moment.
	start := func(args ...string) *gexec.Session {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "NO_COLOR=1", "GITHUB_ACTIONS=")
		s, err := gexec.Start(cmd, GinkgoWriter, GinkgoWriter)
		Expect(err).NotTo(HaveOccurred())
		return s
	}

	It("prints what finished, cancels the running file and exits 130", func() {
		s := start("run", "-j", "1", testdata+"pass.yaml", longdata+"busy_century.yaml", testdata+"fail.yaml")
		time.Sleep(700 * time.Millisecond)
		Expect(s.ExitCode()).To(Equal(-1), "the century is still running")
		s.Signal(os.Interrupt)
		Eventually(s, 10*time.Second).Should(gexec.Exit(exitInterrupted))
		Expect(s.Out).To(gbytes.Say(`PASS  \.\./\.\./scenarios/testdata/cli/pass\.yaml`))
		out := string(s.Out.Contents())
		Expect(out).NotTo(ContainSubstring("busy_century"))
		Expect(out).NotTo(ContainSubstring("fail.yaml"))
		Expect(out).To(HaveSuffix("1 passed, 0 failed\n"))
		Expect(string(s.Err.Contents())).To(ContainSubstring("interrupted: 2 of 3 files did not finish"))
	})

	It("stops bgsim report too: no further file starts, the page shows what finished, exit 130", func() {
		// Sixty busy years take seconds, a quarter of one each.
		dir := GinkgoT().TempDir()
		copyTo(dir, "pass.yaml")
		year, err := os.ReadFile(longdata + "busy_year.yaml")
		Expect(err).NotTo(HaveOccurred())
		for i := range 60 {
			Expect(os.WriteFile(filepath.Join(dir, fmt.Sprintf("year%02d.yaml", i)), year, 0o644)).To(Succeed())
		}
		page := filepath.Join(GinkgoT().TempDir(), "r.html")
		s := start("report", "--html", page, dir)
		time.Sleep(700 * time.Millisecond)
		Expect(s.ExitCode()).To(Equal(-1), "the years are still running")
		s.Signal(os.Interrupt)
		Eventually(s, 5*time.Second).Should(gexec.Exit(exitInterrupted))
		Expect(s.Out).To(gbytes.Say(`^wrote ` + regexp.QuoteMeta(page) + `: \d+ passed, 0 failed\n$`))
		Expect(s.Err).To(gbytes.Say(`bgsim report: interrupted: \d+ of 61 files did not finish\n`))
		html, err := os.ReadFile(page)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(html)).To(ContainSubstring("pass.yaml"))
		Expect(string(html)).NotTo(ContainSubstring("year59.yaml"))
	})

	It("exits 3 with a message when stdout is /dev/full", func() {
		full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		Expect(err).NotTo(HaveOccurred())
		defer full.Close()
		for _, args := range [][]string{{"run", testdata + "pass.yaml"}, {"run", "--json", testdata + "pass.yaml"}, {"trace", testdata + "pass.yaml"}} {
			cmd := exec.Command(bin, args...)
			cmd.Stdout = full
			var errOut strings.Builder
			cmd.Stderr = &errOut
			err := cmd.Run()
			var exit *exec.ExitError
			Expect(errors.As(err, &exit)).To(BeTrue(), "%v: %v", args, err)
			Expect(exit.ExitCode()).To(Equal(exitInternal), "%v", args)
			Expect(errOut.String()).To(ContainSubstring("no space left on device"), "%v", args)
		}
	})

	It("stops bgsim trace too, and a second Ctrl-C exits at once", func() {
		s := start("trace", longdata+"busy_century.yaml")
		time.Sleep(500 * time.Millisecond)
		s.Signal(os.Interrupt)
		s.Signal(os.Interrupt)
		Eventually(s, 10*time.Second).Should(gexec.Exit(exitInterrupted))
	})
})
