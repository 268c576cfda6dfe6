package scenarios_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
)

// apiScenario has a ServicingComplete task whose script calls the API, an application trigger,
// a grouped task and a one-shot task.
const apiScenario = `name: api
manifest:
  declarations:
    - entry_point: T.Update
      task_types: [systemEvent]
    - entry_point: T.Work
      task_types: [systemEvent, general]
tasks:
  T.Update:
    script:
      - signal: {task: App, arguments: {from: task}}
      - unregister: {task: Old, cancel: false}
      - remove_access: {}
      - request_access: {}
      - register: {name: New, entry_point: T.Work, trigger: {type: system, event: UserAway}}
  T.Work:
    script:
      - log: work
registrations:
  - name: Updater
    entry_point: T.Update
    trigger: {type: system, event: ServicingComplete}
  - name: Old
    entry_point: T.Work
    trigger: {type: system, event: UserAway}
  - name: App
    entry_point: T.Work
    trigger: {type: application}
  - name: Once
    entry_point: T.Work
    trigger: {type: system, event: UserPresent, one_shot: true}
  - name: Grouped
    entry_point: T.Work
    trigger: {type: system, event: UserAway}
    group: {id: lib, name: Library}
timeline:
  - at: 1m
    app: update
  - at: 2m
    user: away
  - at: 3m
    user: present
  - at: 4m
    signal: {task: App, arguments: {n: "1", s: two words}}
`

var _ = Describe("script steps that call the API, and the expectations on what only the trace showed", func() {
	It("parses the calls as their timeline actions", func() {
		s := mustParse(apiScenario)
		steps := s.Tasks[0].Script
		Expect(steps).To(HaveLen(5))
		kinds := []string{}
		for _, st := range steps {
			Expect(st.Kind).To(Equal(scenarios.StepCall))
			kinds = append(kinds, st.Call.Kind+" "+st.Call.Text)
		}
		Expect(kinds).To(Equal([]string{"signal ", "unregister ", "access remove", "access request", "register "}))
		Expect(steps[0].Call.Arguments).To(Equal(map[string]string{"from": "task"}))
		Expect(steps[4].Call.Register.Name).To(Equal("New"))
	})

	It("plays them from the task's code: the signal is refused, the rest take effect", func() {
		rep := run(apiScenario)
		Expect(rep.Failures).To(BeEmpty())
		for _, line := range []string{
			"+00:01:00.000 signal_result App task=3 result=DisabledByPolicy cause=from_task\n",
			"+00:01:00.000 unregister Old task=2 cancel=false\n",
			"+00:01:00.000 access    remove status=not_requested was=not_requested\n",
			"+00:01:00.000 access    request status=AllowedSubjectToSystemPolicy was=not_requested\n",
			"+00:01:00.000 register  New task=6 trigger=System(UserAway) entry_point=T.Work\n",
			"+00:02:00.000 run       New task=6 instance=",
		} {
			Expect(rep.Trace).To(ContainSubstring(line))
		}
		Expect(rep.Trace).NotTo(ContainSubstring("run       Old"))
	})

	DescribeTable("registered: AllTasks and group membership at an offset",
		func(expect string, passes bool) {
			rep := run(apiScenario + "expect:\n" + expect)
			Expect(rep.Passed()).To(Equal(passes), "%v", rep.Failures)
		},
		Entry("listed before the update", "  - registered: Old\n    at: 30s\n", true),
		Entry("gone after the task unregistered it", "  - registered: Old\n    at: 1m\n    count: 0\n", true),
		Entry("still listed is wrong after", "  - registered: Old\n    at: 5m\n", false),
		Entry("registered from the task", "  - registered: New\n    at: 1m\n    count: 1\n", true),
		Entry("not yet registered before", "  - registered: New\n    at: 59s\n", false),
		Entry("a fired one-shot stays listed", "  - registered: Once\n    at: 10m\n    count: 1\n", true),
		Entry("a grouped task is in its group", "  - registered: Grouped\n    at: 10m\n    group: lib\n", true),
		Entry("a grouped task is not in AllTasks", "  - registered: Grouped\n    at: 10m\n    count: 0\n", true),
		Entry("an ungrouped task is in no group", "  - registered: Once\n    at: 10m\n    group: lib\n    count: 0\n", true),
	)

	DescribeTable("filters: arguments on run, waiting on latched, device fields",
		func(extra, expect string, passes bool) {
			rep := run(apiScenario + extra + "expect:\n" + expect)
			Expect(rep.Passed()).To(Equal(passes), "%v", rep.Failures)
		},
		Entry("the arguments Run received", "", "  - run: App\n    arguments: {n: 1, s: two words}\n    at: 4m\n", true),
		Entry("other arguments", "", "  - run: App\n    arguments: {n: 2, s: two words}\n", false),
		Entry("no arguments", "", "  - run: App\n    arguments: {}\n", false),
		Entry("a run without arguments", "", "  - run: Once\n    arguments: {}\n", true),
		Entry("device fields", "", "  - device: user=away\n    at: 2m\n", true),
		Entry("device fields that never happened", "", "  - device: user=away power=battery\n", false),
		Entry("waiting: what the activation waits for",
			"  - at: 5m\n    network: none\n  - at: 6m\n    register: {name: Net, entry_point: T.Work, trigger: {type: system, event: UserPresent}, conditions: [InternetAvailable]}\n  - at: 7m\n    user: away\n  - at: 8m\n    user: present\n",
			"  - latched: Net\n    waiting: InternetAvailable\n    at: 8m\n", true),
		Entry("waiting for something else",
			"  - at: 5m\n    network: none\n  - at: 6m\n    register: {name: Net, entry_point: T.Work, trigger: {type: system, event: UserPresent}, conditions: [InternetAvailable]}\n  - at: 7m\n    user: away\n  - at: 8m\n    user: present\n",
			"  - latched: Net\n    waiting: battery_saver\n", false),
	)

	It("reports a failed device expectation by its fields", func() {
		rep := run(apiScenario + "expect:\n  - device: power=battery\n")
		Expect(rep.Failures).To(HaveLen(1))
		Expect(rep.Failures[0].Error()).To(HavePrefix("t.yaml:46:5: expected device power=battery: want at least one, got 0"))
	})

	DescribeTable("bad expectations are file errors at file:line:col",
		func(expect, msg string) {
			_, err := scenarios.Parse("t.yaml", []byte(apiScenario+"expect:\n"+expect))
			Expect(err).To(MatchError(ContainSubstring(msg)))
		},
		Entry("registered without at", "  - registered: Old\n", "t.yaml:46:5: registered: expected at"),
		Entry("registered with between", "  - registered: Old\n    at: 1m\n    between: [0s, 1m]\n", "t.yaml:46:5: registered: expected at"),
		Entry("a device value that is not key=value", "  - device: power\n", `t.yaml:46:13: device: "power" is not a key=value field`),
		Entry("waiting on run", "  - run: Old\n    waiting: access\n", "t.yaml:47:5: filter waiting does not apply to run; it applies to: latched"),
		Entry("group on run", "  - run: Old\n    group: lib\n", "t.yaml:47:5: filter group does not apply to run; it applies to: registered"),
		Entry("registered for an unknown task", "  - registered: Nobody\n    at: 1m\n", `t.yaml:46:17: registered: unknown task "Nobody"`),
	)
})
