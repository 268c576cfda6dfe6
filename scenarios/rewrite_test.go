package scenarios_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
)

// body is a scenario that runs and passes, without its trace block; tail follows the block.
const (
	bodyTop = "name: rewrite\n"
	bodyMid = `registrations:
  - name: InProc
    trigger: {type: system, event: TimeZoneChange}
timeline:
  - at: 1m
    time_zone: Asia/Tokyo
`
	bodyTail = "# a comment after the trace block\nexpect:\n  - run: InProc\n"
	stale    = "trace: |\n  +00:00:00.000 stale line\n"
)

// traceLines renders a trace block as RewriteTrace writes it.
func traceLines(header, trace, eol string) string {
	var b strings.Builder
	b.WriteString("trace:" + header + eol)
	for _, l := range strings.Split(strings.TrimSuffix(trace, "\n"), "\n") {
		b.WriteString("  " + l + eol)
	}
	return b.String()
}

// replayed returns the trace the scenario body replays to.
func replayed() string {
	s, err := scenarios.Parse("t.yaml", []byte(bodyTop+bodyMid))
	Expect(err).NotTo(HaveOccurred())
	rep, err := scenarios.Run(s, scenarios.Options{})
	Expect(err).NotTo(HaveOccurred())
	return rep.Trace
}

var _ = Describe("Update and RewriteTrace, case by case", func() {
	var dir string
	BeforeEach(func() { dir = GinkgoT().TempDir() })

	// update writes before+block+after, runs Update and checks the file became
	// before+newBlock+after byte for byte.
	DescribeTable("rewrites exactly the trace block",
		func(before, block, after, header, eol string) {
			path := write(dir, "s.yaml", before+block+after, 0o640)
			rep, err := scenarios.Update(path, scenarios.Options{})
			Expect(err).NotTo(HaveOccurred())
			Expect(rep.Updated).To(BeTrue())
			Expect(read(path)).To(Equal(before + traceLines(header, rep.Trace, eol) + after))
			s, err := scenarios.ParseFile(path)
			Expect(err).NotTo(HaveOccurred())
			Expect(s.Trace.Text).To(Equal(rep.Trace))
			fi, err := os.Stat(path)
			Expect(err).NotTo(HaveOccurred())
			Expect(fi.Mode().Perm()).To(Equal(os.FileMode(0o640)), "the mode is kept")
			again, err := scenarios.Update(path, scenarios.Options{})
			Expect(err).NotTo(HaveOccurred())
			Expect(again.Updated).To(BeFalse(), "a second update changes nothing")
		},
		Entry("a CR inside a quoted description", bodyTop+"description: \"one\rtwo\"\n"+bodyMid, stale, bodyTail, " |", "\n"),
		Entry("a NEL inside a quoted description", bodyTop+"description: \"one\u0085two\"\n"+bodyMid, stale, bodyTail, " |", "\n"),
		Entry("an LS inside a quoted description", bodyTop+"description: \"one\u2028two\"\n"+bodyMid, stale, bodyTail, " |", "\n"),
		Entry("a PS inside a quoted description", bodyTop+"description: \"one\u2029two\"\n"+bodyMid, stale, bodyTail, " |", "\n"),
		Entry("a UTF-8 byte-order mark", "\ufeff"+bodyTop+bodyMid, stale, bodyTail, " |", "\n"),
		Entry("a UTF-8 byte-order mark, trace appended", "\ufeff"+bodyTop+bodyMid+bodyTail, "", "", " |", "\n"),
		Entry("CRLF line breaks", crlf(bodyTop+bodyMid), crlf(stale), crlf(bodyTail), " |", "\r\n"),
		Entry("CRLF line breaks, trace appended", crlf(bodyTop+bodyMid+bodyTail), "", "", " |", "\r\n"),
		Entry("an anchor and a comment on the trace line", bodyTop+bodyMid, "trace: &t | # recorded by bgsim\n  +00:00:00.000 old\n", bodyTail, " &t | # recorded by bgsim", "\n"),
		Entry("an anchor and a comment spaced as the writer spaced them", bodyTop+bodyMid, "trace:  &t |   # keep me\n  +00:00:00.000 old\n", bodyTail, "  &t |   # keep me", "\n"),
		Entry("a chomping indicator, which the rewrite drops", bodyTop+bodyMid, "trace: &t |-  # keep me\n  +00:00:00.000 old\n", bodyTail, " &t | # keep me", "\n"),
		Entry("an empty trace key means: record here", bodyTop+bodyMid, "trace:\n", bodyTail, " |", "\n"),
		Entry("an empty trace key with a comment", bodyTop+bodyMid, "trace:   # to record\n", bodyTail, " | # to record", "\n"),
		Entry("a quoted trace over two lines", bodyTop+bodyMid, "trace: \"old\n  line\"\n", bodyTail, " |", "\n"),
		Entry("a less indented comment after the trace's lines", bodyTop+bodyMid, "trace: |\n    old\n", "# keep me\n"+bodyTail, " |", "\n"),
	)

	DescribeTable("refuses, leaving the file as it was",
		func(content, wantErr string) {
			path := write(dir, "s.yaml", content, 0o644)
			_, err := scenarios.Update(path, scenarios.Options{})
			Expect(err).To(MatchError(ContainSubstring(wantErr)))
			Expect(scenarios.AsParseErrors(err)).NotTo(BeEmpty(), "a file error: exit 2")
			Expect(read(path)).To(Equal(content))
		},
		Entry("a top-level flow mapping",
			"{name: x, registrations: [{name: InProc, trigger: {type: system, event: TimeZoneChange}}], trace: \"old\"}\n",
			"the top level is a flow mapping"),
		Entry("a flow mapping without a trace",
			"{name: x, registrations: [{name: InProc, trigger: {type: system, event: TimeZoneChange}}]}\n",
			"the top level is a flow mapping"),
		Entry("a UTF-16 file", utf16LE(bodyTop+bodyMid), "UTF-16 (little-endian) encoded"),
		Entry("a second document", bodyTop+bodyMid+"---\n"+stale, "s.yaml:8:1: a second YAML document"),
		Entry("an explicit document end before the appended trace", bodyTop+bodyMid+"...\n", "cannot rewrite the trace block safely"),
		Entry("an indented comment after a quoted trace", bodyTop+bodyMid+"trace: \"old\"\n  # keep me\n"+bodyTail,
			"cannot rewrite the trace block safely (line 9, indented after the trace value, would join the new block)"),
		Entry("a comment less indented than the trace block's lines", bodyTop+bodyMid+"trace: |\n    old\n  # keep me\n"+bodyTail,
			"cannot rewrite the trace block safely (line 10, indented after the trace value, would join the new block)"),
	)

	It("refuses an alias to the trace value, whose meaning would change", func() {
		content := "name: x\ntrace: &t |\n  old\ndescription: *t\n" + bodyMid
		path := write(dir, "s.yaml", content, 0o644)
		_, err := scenarios.Update(path, scenarios.Options{})
		Expect(err).To(MatchError(ContainSubstring("differs from the file outside the trace block")))
		Expect(read(path)).To(Equal(content))
	})

	It("refuses a read-only file", func() {
		content := bodyTop + bodyMid
		path := write(dir, "s.yaml", content, 0o444)
		_, err := scenarios.Update(path, scenarios.Options{})
		Expect(err).To(MatchError(ContainSubstring("the file is read-only")))
		Expect(read(path)).To(Equal(content))
	})

	It("refuses to revert an edit made while the replay ran", func() {
		content := bodyTop + bodyMid
		path := write(dir, "s.yaml", content, 0o644)
		edited := content + "# edited meanwhile\n"
		defer scenarios.SetBeforeRename(func() {
			Expect(os.WriteFile(path, []byte(edited), 0o644)).To(Succeed())
		})()
		_, err := scenarios.Update(path, scenarios.Options{})
		Expect(errors.Is(err, scenarios.ErrFileChanged)).To(BeTrue(), "%v", err)
		Expect(scenarios.AsParseErrors(err)).NotTo(BeEmpty())
		Expect(read(path)).To(Equal(edited))
		entries, _ := os.ReadDir(dir)
		Expect(entries).To(HaveLen(1), "no temporary file left")
	})

	It("leaves the file as it was when the replay is interrupted", func() {
		content := bodyTop + bodyMid
		path := write(dir, "s.yaml", content, 0o644)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := scenarios.UpdateContext(ctx, path, scenarios.Options{})
		Expect(errors.Is(err, context.Canceled)).To(BeTrue(), "%v", err)
		Expect(read(path)).To(Equal(content))
	})

	It("writes through a symbolic link and keeps the link", func() {
		Expect(os.Mkdir(filepath.Join(dir, "real"), 0o755)).To(Succeed())
		target := write(dir, "real/s.yaml", bodyTop+bodyMid, 0o644)
		link := filepath.Join(dir, "link.yaml")
		Expect(os.Symlink("real/s.yaml", link)).To(Succeed())
		rep, err := scenarios.Update(link, scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		Expect(rep.Updated).To(BeTrue())
		fi, err := os.Lstat(link)
		Expect(err).NotTo(HaveOccurred())
		Expect(fi.Mode() & os.ModeSymlink).NotTo(BeZero())
		Expect(read(target)).To(Equal(bodyTop + bodyMid + traceLines(" |", rep.Trace, "\n")))
	})

	It("checks an empty trace key against the expectations only", func() {
		s, err := scenarios.Parse("t.yaml", []byte(bodyTop+bodyMid+"trace:\n"+bodyTail))
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Trace.Pending).To(BeTrue())
		rep, err := scenarios.Run(s, scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		Expect(rep.Passed()).To(BeTrue())
	})

	It("refuses in RewriteTrace to remove a comment inside the old trace value", func() {
		_, err := scenarios.RewriteTrace([]byte("name: x\ntrace: [a,\n  # keep me\n  b]\nseed: 3\n"), replayed())
		Expect(err).To(MatchError(ContainSubstring("cannot rewrite the trace block safely (it would remove the comment on line 3)")))
		out, err := scenarios.RewriteTrace([]byte("name: x\ntrace: \"a\n  # not a comment\"\n# kept\nseed: 3\n"), "new\n")
		Expect(err).NotTo(HaveOccurred())
		Expect(string(out)).To(Equal("name: x\ntrace: |\n  new\n# kept\nseed: 3\n"))
	})

	It("refuses in RewriteTrace what it cannot splice, and keeps the rest", func() {
		tr := replayed()
		for _, bad := range []string{
			"name: x\n---\nname: y\n",
			"{name: x, trace: y}\n",
			"- a list\n",
			"name: [unclosed\n",
			"  name: x\n  trace: |\n    old\n",
			"name: x\ntrace: \"old\"\n  # keep me\nseed: 3\n",
		} {
			_, err := scenarios.RewriteTrace([]byte(bad), tr)
			Expect(err).To(HaveOccurred(), "%q", bad)
		}
	})
})

// crlf turns LF line breaks into CRLF.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// utf16LE encodes ASCII s as UTF-16 little-endian with a byte-order mark.
func utf16LE(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return string(b)
}
