package bgsim_test

import (
	"bytes"
	"fmt"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// traceDiff compares two traces byte for byte. It returns "" when they are identical, else a
// message naming the first differing line (from 1) and both versions of it.
func traceDiff(a, b []byte) string {
	if bytes.Equal(a, b) {
		return ""
	}
	la, lb := bytes.SplitAfter(a, []byte("\n")), bytes.SplitAfter(b, []byte("\n"))
	i := 0
	for i < len(la) && i < len(lb) && bytes.Equal(la[i], lb[i]) {
		i++
	}
	line := func(ls [][]byte) string {
		if i >= len(ls) || len(ls[i]) == 0 {
			return "(end of trace)"
		}
		return fmt.Sprintf("%q", ls[i])
	}
	return fmt.Sprintf("first difference at line %d:\n  - %s\n  + %s", i+1, line(la), line(lb))
}

var _ = Describe("traceDiff, the determinism gate's comparison", func() {
	DescribeTable("finds the first differing line",
		func(a, b, want string) {
			Expect(traceDiff([]byte(a), []byte(b))).To(Equal(want))
		},
		Entry("identical traces", "x\ny\n", "x\ny\n", ""),
		Entry("a changed line", "x\ny\nz\n", "x\nY\nz\n",
			"first difference at line 2:\n  - \"y\\n\"\n  + \"Y\\n\""),
		Entry("one byte at the end of the first line", "ab\n", "ac\n",
			"first difference at line 1:\n  - \"ab\\n\"\n  + \"ac\\n\""),
		Entry("a shorter second trace", "x\ny\n", "x\n",
			"first difference at line 2:\n  - \"y\\n\"\n  + (end of trace)"),
		Entry("a missing final newline", "x\n", "x",
			"first difference at line 1:\n  - \"x\\n\"\n  + \"x\""),
	)

	It("makes the gate fail, naming the file, on two replays that differ", func() {
		a := libraryTrace{File: "f.yaml", Text: []byte("same\n"), JSON: []byte("{\"a\":1}\n")}
		b := a
		b.JSON = []byte("{\"a\":2}\n")
		Expect(sameTraces("f.yaml", "test", a, a)).To(BeEmpty())
		Expect(sameTraces("f.yaml", "test", a, b)).To(HavePrefix("f.yaml: JSON traces differ (test): first difference at line 1"))
	})
})
