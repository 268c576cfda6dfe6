package scenarios_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
)

// An empty mapping where an item or an action needs keys used to be dropped without a word: a
// test could vanish. Each is a file error now, at the mapping.
var _ = DescribeTable("Parse refuses an empty mapping where keys are needed",
	func(doc, want string) {
		_, err := scenarios.Parse("t.yaml", []byte("name: x\nregistrations:\n  - name: A\n    trigger: {type: application}\n"+doc+"\n"))
		Expect(err).To(MatchError(ContainSubstring(want)))
	},
	Entry("an expectation", "expect: [{}]", "t.yaml:5:10: expectation has no kind"),
	Entry("a property", "properties: [{}]", "t.yaml:5:14: property has no quantifier"),
	Entry("a property body", "properties: [{never: {}}]", "t.yaml:5:22: never has no kind"),
	Entry("an always body", "properties: [{always: {}}]", "t.yaml:5:23: always: missing when"),
	Entry("a timeline entry", "timeline: [{}]", "t.yaml:5:12: timeline entry: missing at"),
	Entry("a signal", "timeline: [{at: 1m, signal: {}}]", "t.yaml:5:29: signal: missing task"),
	Entry("an unregister", "timeline: [{at: 1m, unregister: {}}]", "t.yaml:5:33: unregister: missing task"),
	Entry("a fault", "timeline: [{at: 1m, fault: {}}]", "fault: missing"),
	Entry("a register", "timeline: [{at: 1m, register: {}}]", "t.yaml:5:31: register: missing name"),
	Entry("a geofence", "timeline: [{at: 1m, geofence: {}}]", "t.yaml:5:31: geofence: missing id"),
	Entry("a trigger event", "timeline: [{at: 1m, trigger_event: {}}]", "t.yaml:5:36: trigger_event: missing class"),
	Entry("a media processing request", "timeline: [{at: 1m, media_processing: {}}]", "t.yaml:5:39: media_processing: missing task"),
	Entry("a script step", "tasks: {T.X: {script: [{}]}}", "t.yaml:5:24: script step has no action"),
)

var _ = It("refuses a registration that is an empty mapping: it has no name", func() {
	_, err := scenarios.Parse("t.yaml", []byte("name: x\nregistrations: [{}]\n"))
	Expect(err).To(MatchError(ContainSubstring("t.yaml:2:17: registration: missing name")))
})

var _ = It("still takes {} where no key is needed", func() {
	_, err := scenarios.Parse("t.yaml", []byte("name: x\ntasks: {T.X: {script: [{request_access: {}}, {remove_access: {}}]}}\ndevice: {}\npolicy: {}\n"))
	Expect(err).NotTo(HaveOccurred())
})
