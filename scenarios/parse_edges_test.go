package scenarios_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
)

const edgeHead = "name: x\nregistrations:\n  - name: A\n    trigger: {type: system, event: UserAway}\n"

var _ = Describe("Parse at the edges of the format", func() {
	It("takes a device body in a property, as in an expectation, and judges it", func() {
		s, err := scenarios.Parse("t.yaml", []byte(edgeHead+"device: {power: battery}\n"+
			"timeline:\n  - at: 1m\n    battery_saver: true\nproperties:\n  - never: {device: battery_saver=true}\n"))
		Expect(err).NotTo(HaveOccurred())
		rep, err := scenarios.Run(s, scenarios.Options{})
		Expect(err).NotTo(HaveOccurred())
		Expect(rep.Failures).To(HaveLen(1))
		Expect(rep.Failures[0].Msg).To(ContainSubstring("device battery_saver=true"))
	})

	It("refuses registered in a property: it counts listings at one offset, an expectation", func() {
		_, err := scenarios.Parse("t.yaml", []byte(edgeHead+"properties:\n  - never: {registered: A}\n"))
		Expect(err).To(MatchError(ContainSubstring("t.yaml:6:13: never: registered counts a registration's listings at one offset, which is an expectation, not a property; write it under expect")))
	})

	It("lets a property name the update task, as an expectation may", func() {
		_, err := scenarios.Parse("t.yaml", []byte(edgeHead+"manifest:\n  declarations: []\n  update_task: T.U\n"+
			"tasks: {T.U: {script: [{log: hi}]}}\nproperties:\n  - never: {task_error: T.U}\n"))
		Expect(err).NotTo(HaveOccurred())
	})

	It("reads an unquoted date as its text where a string or a ValueSet value is wanted", func() {
		s, err := scenarios.Parse("t.yaml", []byte(edgeHead+"timeline:\n  - at: 1m\n    custom_system_event: 2026-01-01\n"+
			"  - at: 2m\n    trigger_event: {class: ContentPrefetchTrigger, details: {when: 2026-01-01}}\n"))
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Timeline[0].Action.Text).To(Equal("2026-01-01"))
		Expect(s.Timeline[1].Action.Arguments).To(Equal(map[string]string{"when": "2026-01-01"}))
	})

	It("checks the deferrals of the in-process behaviour as those of the tasks", func() {
		_, err := scenarios.Parse("t.yaml", []byte("name: x\napp:\n  on_background_activated:\n    script:\n      - complete_deferral: d\n"))
		Expect(err).To(MatchError(ContainSubstring(`t.yaml:5:9: complete_deferral: deferral "d" is never taken (take_deferral: d)`)))
	})
})
