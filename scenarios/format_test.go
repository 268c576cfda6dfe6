package scenarios_test

import (
	"path/filepath"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// modelDiff compares two parsed scenarios as Format promises: equal apart from positions.
func modelDiff(a, b *scenarios.Scenario) string {
	return cmp.Diff(a, b,
		cmpopts.IgnoreTypes(scenarios.Pos{}),
		cmpopts.IgnoreFields(manifest.Declaration{}, "Line", "Col"),
		cmpopts.IgnoreFields(manifest.UpdateTask{}, "Line", "Col"))
}

// reformat formats s and parses the result under the same file name.
func reformat(s *scenarios.Scenario) ([]byte, *scenarios.Scenario) {
	GinkgoHelper()
	text, err := scenarios.Format(s)
	Expect(err).NotTo(HaveOccurred())
	again, err := scenarios.Parse(s.File, text)
	Expect(err).NotTo(HaveOccurred(), "formatted text:\n%s", text)
	return text, again
}

var _ = Describe("Format", func() {
	It("writes the canonical form: documented key order, defaults left out, flow triggers", func() {
		s := mustParse(`# a comment that Format drops
expect:
  - count: 1
    run: A
registrations:
  - trigger: {one_shot: false, event: TimeZoneChange, type: system}
    name: A
    conditions: [UserPresent]
seed: 1
until: 90m
name: canonical
device: {power: battery, battery_saver: false}
`)
		text, err := scenarios.Format(s)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(text)).To(Equal(`name: canonical
until: 1h30m
device:
  power: battery
registrations:
  - name: A
    trigger: {type: system, event: TimeZoneChange}
    conditions: [UserPresent]
expect:
  - run: A
    count: 1
`))
	})

	It("keeps text that needs quoting or a block as the same string", func() {
		s := mustParse("name: \"123\"\ndescription: \"two\\nlines \\\"quoted\\\" # not a comment\\n\"\n" +
			"registrations:\n  - name: \"true\"\n    trigger: {type: application}\n" +
			"timeline:\n  - at: 1m\n    signal: {task: \"true\", arguments: {b: 2, a: \"x: y\"}}\n")
		_, again := reformat(s)
		Expect(modelDiff(s, again)).To(BeEmpty())
	})

	files, _ := filepath.Glob("library/*/*.yaml")
	It("finds the library", func() { Expect(files).NotTo(BeEmpty()) })
	for _, file := range files {
		It("round-trips "+file+" to an equal model, and formats that the same way", func() {
			s, err := scenarios.ParseFile(file)
			Expect(err).NotTo(HaveOccurred())
			text, again := reformat(s)
			Expect(modelDiff(s, again)).To(BeEmpty(), "formatted text:\n%s", text)
			text2, err := scenarios.Format(again)
			Expect(err).NotTo(HaveOccurred())
			Expect(string(text2)).To(Equal(string(text)))
		})
	}
})
