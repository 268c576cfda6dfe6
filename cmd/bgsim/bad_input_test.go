package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// badDir holds the bad-input corpus: NAME.yaml beside NAME.want (see its README.md).
const badDir = "../../scenarios/testdata/bad/"

// badCases lists the corpus' scenario files, sorted, when the spec tree is built.
func badCases() []string {
	files, err := filepath.Glob(badDir + "*.yaml")
	if err != nil {
		panic(err) // only a malformed pattern makes Glob fail
	}
	sort.Strings(files)
	return files
}

var (
	// locatedLine is one expected error line: file:line:col: message.
	locatedLine = regexp.MustCompile(`^[^:\s]+:[0-9]+:[0-9]+: \S`)
	// stackText is what a panic or a stack trace would leave in the output.
	stackText = regexp.MustCompile(`panic:|panic\(|goroutine [0-9]|\.go:[0-9]+|internal error`)
)

// updateWant reports whether the .want files are to be rewritten from the current output.
func updateWant() bool { return os.Getenv("BGSIM_UPDATE") == "1" }

// problemLines returns the problem lines of one human-readable result block, without their
// two-space indent and without the corpus folder in front of the file name.
func problemLines(human string) []string {
	var out []string
	for _, l := range strings.Split(human, "\n") {
		if strings.HasPrefix(l, "  ") {
			out = append(out, strings.TrimPrefix(l[2:], badDir))
		}
	}
	return out
}

// readWant returns the expected lines of a case, or fails with what to do when there are none.
func readWant(yamlFile string) []string {
	wantFile := strings.TrimSuffix(yamlFile, ".yaml") + ".want"
	data, err := os.ReadFile(wantFile)
	if errors.Is(err, fs.ErrNotExist) {
		Fail(wantFile + " is missing: every bad-input case needs its expected errors, one per line. " +
			"BGSIM_UPDATE=1 go test ./cmd/bgsim/ writes it from the current output; read it before committing.")
	}
	Expect(err).NotTo(HaveOccurred())
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

func writeWant(yamlFile string, lines []string) {
	wantFile := strings.TrimSuffix(yamlFile, ".yaml") + ".want"
	Expect(os.WriteFile(wantFile, []byte(strings.Join(lines, "\n")+"\n"), 0o644)).To(Succeed())
}

var _ = Describe("the bad-input corpus", func() {
	BeforeEach(func() {
		GinkgoT().Setenv("NO_COLOR", "1")
		GinkgoT().Setenv("GITHUB_ACTIONS", "")
	})

	It("has at least 30 cases and no .want without its scenario", func() {
		Expect(len(badCases())).To(BeNumerically(">=", 30))
		wants, err := filepath.Glob(badDir + "*.want")
		Expect(err).NotTo(HaveOccurred())
		for _, w := range wants {
			Expect(strings.TrimSuffix(w, ".want") + ".yaml").To(BeAnExistingFile())
		}
	})

	for _, file := range badCases() {
		name := strings.TrimPrefix(file, badDir)
		It("refuses "+name+" with exit 2 and its located errors", func() {
			code, out, errOut := cli("validate", file)
			got := problemLines(out)
			if updateWant() {
				writeWant(file, got)
			}
			want := readWant(file)
			for _, l := range want {
				Expect(l).To(MatchRegexp(locatedLine.String()), "each expected error names file:line:col")
			}
			Expect(code).To(Equal(exitUsage), out+errOut)
			Expect(got).To(Equal(want), "validate output:\n%s", out)
			Expect(out + errOut).NotTo(MatchRegexp(stackText.String()))

			code, out, errOut = cli("run", file)
			Expect(code).To(Equal(exitUsage), out+errOut)
			Expect(problemLines(out)).To(Equal(want), "run output:\n%s", out)
			Expect(out + errOut).NotTo(MatchRegexp(stackText.String()))

			// Under --json the human report, errors included, goes to stderr.
			code, out, errOut = cli("validate", "--json", file)
			Expect(code).To(Equal(exitUsage))
			for _, l := range want {
				Expect(errOut).To(ContainSubstring(badDir + l))
			}
			Expect(out + errOut).NotTo(MatchRegexp(stackText.String()))
		})
	}
})
