package scenarios_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
)

var _ = Describe("properties", func() {
	It("hold on a run that keeps them", func() {
		rep := run(scriptScenario + `properties:
  - never: {canceled: Work}
  - eventually: {completed: Work, result: ok}
  - always:
      when: {run: Work}
      then: {completed: Work}
      within: 2m
`)
		Expect(rep.Failures).To(BeEmpty())
	})

	DescribeTable("fail at the property's position with what broke them",
		func(prop, want string) {
			rep := run(scriptScenario + "properties:\n" + prop)
			Expect(rep.Failures).To(HaveLen(1))
			f := rep.Failures[0]
			Expect(f.Line).To(Equal(25))
			Expect(f.Col).To(Equal(5))
			Expect(f.Msg).To(ContainSubstring(want))
		},
		Entry("never", "  - never: {progress: Work, value: 50}\n",
			"property never progress Work value=50: violated by +00:01:30.000 progress  Work"),
		Entry("eventually", "  - eventually: {canceled: Work}\n",
			"property eventually canceled Work: no record matched by the end (+01:01:00.000)"),
		Entry("always", "  - always: {when: {run: Work}, then: {completed: Work}, within: 30s}\n",
			"run       Work task=1 instance=1 trigger=System(TimeZoneChange) was not followed by completed Work within 30s"),
	)

	It("let a then record of another registration not discharge a when of the same task", func() {
		rep := run(scriptScenario + `properties:
  - always: {when: {run: Work}, then: {completed: Work, instance: 2}, within: 5m}
`)
		Expect(rep.Failures).To(HaveLen(1))
	})

	It("format back to a file that parses to the same properties", func() {
		s := mustParse(scriptScenario + `properties:
  - never: {canceled: Work, reason: Abort}
  - always: {when: {run: Work}, then: {completed: Work}, within: 2m}
explore: {vary: [power, app], events: 3, jitter: 10s, seeds: true}
`)
		text, err := scenarios.Format(s)
		Expect(err).NotTo(HaveOccurred())
		again := mustParse(string(text))
		Expect(again.Properties).To(HaveLen(2))
		Expect(again.Properties[1].Describe()).To(Equal(s.Properties[1].Describe()))
		Expect(again.Explore.Vary).To(Equal([]string{"power", "app"}))
		Expect(again.Explore.Events).To(Equal(3))
		Expect(again.Explore.Seeds).To(BeTrue())
	})

	DescribeTable("malformed property and explore keys are file errors with a position and a hint",
		func(tail, want string) {
			_, err := scenarios.Parse("t.yaml", []byte(scriptScenario+tail))
			Expect(err).To(HaveOccurred())
			Expect(err.Error()).To(ContainSubstring(want))
		},
		Entry("misspelt quantifier", "properties:\n  - nevr: {run: Work}\n", `t.yaml:25:5: unknown key "nevr" in property (did you mean "never"?)`),
		Entry("two quantifiers", "properties:\n  - never: {run: Work}\n    eventually: {run: Work}\n", "property has two quantifiers"),
		Entry("misspelt filter", "properties:\n  - never: {run: Work, reson: Abort}\n", `unknown key "reson" in never (did you mean "reason"?)`),
		Entry("count", "properties:\n  - never: {run: Work, count: 2}\n", "t.yaml:25:24: never: count does not apply to a property"),
		Entry("unknown task", "properties:\n  - eventually: {run: Wrok}\n", `unknown task "Wrok"`),
		Entry("always without within", "properties:\n  - always: {when: {run: Work}, then: {completed: Work}}\n", "always: missing within"),
		Entry("always misspelt key", "properties:\n  - always: {when: {run: Work}, then: {completed: Work}, witin: 1m}\n", `(did you mean "within"?)`),
		Entry("misspelt explore key", "explore: {evnts: 3}\n", `t.yaml:24:11: unknown key "evnts" in explore (did you mean "events"?)`),
		Entry("unknown vary", "explore: {vary: [powr]}\n", `vary: unknown value "powr" (did you mean "power"?)`),
		Entry("bad jitter", "explore: {jitter: 5x}\n", "jitter:"),
		Entry("too many events", "explore: {events: 5000}\n", "events: at most 1000"),
	)
})
