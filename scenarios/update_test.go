package scenarios_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
)

const head = `# leading comment, kept byte for byte
name: update in place   # trailing comment
registrations:
  - name: InProc
    trigger: {type: system, event: TimeZoneChange}
timeline:
  - at: 1m
    time_zone: Asia/Tokyo
`

const tail = `
# a comment after the trace block
expect:   # and one here
  - run: InProc
`

func write(dir, name, content string, mode os.FileMode) string {
	path := filepath.Join(dir, name)
	Expect(os.WriteFile(path, []byte(content), mode)).To(Succeed())
	return path
}

func read(path string) string {
	b, err := os.ReadFile(path)
	Expect(err).NotTo(HaveOccurred())
	return string(b)
}

var _ = Describe("Update", func() {
	var dir string
	BeforeEach(func() { dir = GinkgoT().TempDir() })

	It("rewrites only the trace block and keeps every other byte", func() {
		stale := "trace: |\n  +00:00:00.000 stale line\n\n  +00:00:01.000 another\n"
		path := write(dir, "s.yaml", head+stale+tail, 0o600)
		rep, err := scenarios.Update(path, scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		Expect(rep.Updated).To(BeTrue())
		got := read(path)
		Expect(got).To(HavePrefix(head + "trace: |\n  +00:00:00.000 register  InProc"))
		Expect(got).To(HaveSuffix("\n" + tail))
		Expect(got).NotTo(ContainSubstring("stale"))

		s, err := scenarios.ParseFile(path)
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Trace.Text).To(Equal(rep.Trace))

		By("passing afterwards and leaving an up-to-date file alone")
		rep2, err := scenarios.Run(s, scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		Expect(rep2.Passed()).To(BeTrue())
		rep3, err := scenarios.Update(path, scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		Expect(rep3.Updated).To(BeFalse())
		Expect(read(path)).To(Equal(got))

		By("writing atomically: no temporary file left, permissions kept")
		entries, _ := os.ReadDir(dir)
		Expect(entries).To(HaveLen(1))
		fi, _ := os.Stat(path)
		Expect(fi.Mode().Perm()).To(Equal(os.FileMode(0o600)))
	})

	It("appends a trace block when the file has none, even without a final newline", func() {
		body := strings.TrimSuffix(head+tail, "\n")
		path := write(dir, "s.yaml", body, 0o644)
		rep, err := scenarios.Update(path, scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		Expect(read(path)).To(Equal(body + "\ntrace: |\n  " +
			strings.ReplaceAll(strings.TrimSuffix(rep.Trace, "\n"), "\n", "\n  ") + "\n"))
	})

	It("refuses when an expectation fails, unless forced", func() {
		body := head + "expect:\n  - run: InProc\n    count: 3\n"
		path := write(dir, "s.yaml", body, 0o644)
		rep, err := scenarios.Update(path, scenarios.Options{})
		Expect(errors.Is(err, scenarios.ErrExpectationsFailed)).To(BeTrue())
		Expect(rep.Failures).To(HaveLen(1))
		Expect(read(path)).To(Equal(body))

		rep, err = scenarios.Update(path, scenarios.Options{Force: true})
		Expect(err).NotTo(HaveOccurred())
		Expect(rep.Updated).To(BeTrue())
		Expect(read(path)).To(HavePrefix(body + "trace: |\n"))
	})

	It("does not touch a file with a file error", func() {
		body := "name: x\nbogus: 1\n"
		path := write(dir, "s.yaml", body, 0o644)
		_, err := scenarios.Update(path, scenarios.Options{})
		Expect(scenarios.AsParseErrors(err)).To(HaveLen(1))
		Expect(read(path)).To(Equal(body))
	})
})
