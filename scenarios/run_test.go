package scenarios_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
)

// scriptScenario runs a scripted out-of-process task on a time zone change at 1m; its minute of
// work needs a wall-clock limit above the 30 s default.
const scriptScenario = `name: scripted
policy:
  wall_clock_limit: 5m
manifest:
  declarations:
    - entry_point: T.Work
      task_types: [systemEvent]
tasks:
  T.Work:
    script:
      - take_deferral: d
      - progress: 10
      - at: 30s
        progress: 50
      - at: 1m
        complete_deferral: d
registrations:
  - name: Work
    entry_point: T.Work
    trigger: {type: system, event: TimeZoneChange}
timeline:
  - at: 1m
    time_zone: Asia/Tokyo
`

func mustParse(doc string) *scenarios.Scenario {
	s, err := scenarios.Parse("t.yaml", []byte(doc))
	Expect(err).NotTo(HaveOccurred())
	return s
}

func run(doc string) *scenarios.Report {
	rep, err := scenarios.Run(mustParse(doc), scenarios.Options{})
	Expect(err).NotTo(HaveOccurred())
	return rep
}

var _ = Describe("Run", func() {
	It("plays a script: inline steps in Run, at offsets with AfterFunc", func() {
		rep := run(scriptScenario + `expect:
  - progress: Work
    at: 1m
    value: 10
  - progress: Work
    at: 1m30s
    value: 50
  - completed: Work
    at: 2m
    result: ok
`)
		Expect(rep.Failures).To(BeEmpty())
		Expect(rep.Trace).To(ContainSubstring("+00:02:00.000 deferral_completed Work task=1 instance=1 deferral=1\n"))
	})

	It("by default completes every open deferral at once on cancel", func() {
		rep := run(scriptScenario + `  - at: 1m10s
    unregister: {task: Work, cancel: true}
expect:
  - canceled: Work
    reason: Abort
  - completed: Work
    at: 1m10s
  - progress: Work
    value: 50
    count: 0
`)
		Expect(rep.Failures).To(BeEmpty())
		Expect(rep.Trace).NotTo(ContainSubstring("work_lost"))
	})

	It("reports a failed expectation at its line:col with what happened", func() {
		rep := run(scriptScenario + "expect:\n  - run: Work\n    count: 2\n  - run: Work\n    between: [0s, 30s]\n")
		Expect(rep.Passed()).To(BeFalse())
		Expect(rep.Failures).To(HaveLen(2))
		Expect(rep.Failures[0].Error()).To(HavePrefix("t.yaml:25:5: expected run Work: want 2, got 1; run records for Work:\n    +00:01:00.000 run       Work"))
		Expect(rep.Failures[1].Error()).To(HavePrefix("t.yaml:27:5: expected run Work between +00:00:00.000 and +00:00:30.000: want at least one, got 0"))
	})

	It("shows the first diverging trace line with context", func() {
		good := run(scriptScenario).Trace
		lines := strings.Split(strings.TrimSuffix(good, "\n"), "\n")
		lines[5] = "+00:01:00.000 progress  Work task=1 instance=1 value=11"
		block := "trace: |\n  " + strings.Join(lines, "\n  ") + "\n"
		rep := run(scriptScenario + block)
		Expect(rep.Failures).To(HaveLen(1))
		msg := rep.Failures[0].Error()
		Expect(msg).To(HavePrefix("t.yaml:30:3: trace differs from the recording at line 6 of the trace block"))
		Expect(msg).To(ContainSubstring("\n  - +00:01:00.000 progress  Work task=1 instance=1 value=11"))
		Expect(msg).To(ContainSubstring("\n  + +00:01:00.000 progress  Work task=1 instance=1 value=10"))
		Expect(msg).To(ContainSubstring("\n    " + lines[4]))
	})

	It("passes a recorded trace that matches, and is deterministic", func() {
		a, b := run(scriptScenario).Trace, run(scriptScenario).Trace
		Expect(a).To(Equal(b))
		rep := run(scriptScenario + "trace: |\n  " + strings.ReplaceAll(strings.TrimSuffix(a, "\n"), "\n", "\n  ") + "\n")
		Expect(rep.Passed()).To(BeTrue())
	})

	It("plays access and fault actions", func() {
		rep := run(minimal + "timeline:\n  - at: 1m\n    access: remove\n  - at: 2m\n    fault: {kind: kill_host, task: A}\n")
		Expect(rep.Trace).To(ContainSubstring("+00:01:00.000 access    remove status=not_requested was=AllowedSubjectToSystemPolicy\n"))
		Expect(rep.Trace).To(ContainSubstring("+00:02:00.000 fault     A kind=kill_host instances=0\n"))
	})

	It("records a failed registration as a trace record, not an error", func() {
		rep := run("name: x\nregistrations:\n  - name: NoTrig\nexpect:\n  - register_failed: NoTrig\n    error: NoTrigger\n")
		Expect(rep.Passed()).To(BeTrue())
	})
})
