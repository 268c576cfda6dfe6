package scenarios_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("policy knobs, maintenance_window, capabilities, access and fault", func() {
	It("reads every policy knob into simulator.Policy, the negated booleans included", func() {
		s, err := scenarios.Parse("t.yaml", []byte(`name: x
policy:
  wall_clock_limit: 1m
  application_wall_clock_limit: 2m
  maintenance_wall_clock_limit: 3m
  cancel_grace: 4s
  idle_watchdog: 20s
  latched_firings: each_firing
  overlap: latch
  deliver_after_relaunch: true
  energy_saver_cancels_running: false
  register_without_access: true
  reset_access_on_update: false
  request_access_result: AlwaysAllowed
`))
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Policy.Policy).To(Equal(simulator.Policy{
			WallClockLimit: time.Minute, ApplicationWallClockLimit: 2 * time.Minute, MaintenanceWallClockLimit: 3 * time.Minute,
			CancelGrace: 4 * time.Second, IdleWatchdog: 20 * time.Second,
			LatchedFirings: simulator.LatchEachFiring, Overlap: simulator.OverlapLatch, DeliverAfterRelaunch: true,
			KeepRunningOnEnergySaver: true, RegisterWithoutAccess: true, KeepAccessOnUpdate: true,
			RequestAccessResult: simulator.AccessAlwaysAllowed,
		}))
	})

	It("leaves the engine defaults in place for knobs at their default spelling", func() {
		s, err := scenarios.Parse("t.yaml", []byte("name: x\npolicy:\n  energy_saver_cancels_running: true\n  reset_access_on_update: true\n"))
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Policy.Policy).To(Equal(simulator.Policy{}))
	})

	It("reads a maintenance window and inline capabilities", func() {
		s, err := scenarios.Parse("t.yaml", []byte(`name: x
device:
  maintenance_window: "22:30-01:00"
manifest:
  declarations:
    - entry_point: T.A
      task_types: [systemEvent]
  capabilities: [extendedBackgroundTaskTime, internetClient, extendedBackgroundTaskTime]
`))
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Device.MaintenanceWindow.String()).To(Equal("22:30-01:00"))
		Expect(s.Manifest.Capabilities).To(Equal([]string{"extendedBackgroundTaskTime", "internetClient"}))
	})

	DescribeTable("reports bad values at file:line:col",
		func(doc, want string) {
			_, err := scenarios.Parse("t.yaml", []byte(doc))
			Expect(err).To(MatchError(want))
		},
		Entry("a zero limit", "name: x\npolicy:\n  wall_clock_limit: 0\n",
			"t.yaml:3:21: wall_clock_limit: expected a duration above zero, got 0s"),
		Entry("an access answer Windows does not give", "name: x\npolicy:\n  request_access_result: Unspecified\n",
			"t.yaml:3:26: request_access_result: Unspecified is not an answer of RequestAccessAsync; want AlwaysAllowed, AllowedSubjectToSystemPolicy, DeniedBySystemPolicy or DeniedByUser"),
		Entry("an empty maintenance window", "name: x\ndevice:\n  maintenance_window: \"03:00-03:00\"\n",
			`t.yaml:3:23: maintenance window "03:00-03:00" is empty: its start and end are the same`),
		Entry("capabilities beside a manifest file", "name: x\nmanifest:\n  file: m.appxmanifest\n  capabilities: [a]\n",
			"t.yaml:4:3: manifest: capabilities go with inline declarations; a manifest file lists its own <Capabilities>"),
		Entry("update_task beside a manifest file", "name: x\nmanifest:\n  file: m.appxmanifest\n  update_task: Tasks.U\n",
			"t.yaml:4:3: manifest: update_task goes with inline declarations; a manifest file declares its own windows.updateTask extension"),
		Entry("an empty update_task", "name: x\nmanifest:\n  declarations: []\n  update_task: \"\"\n",
			"t.yaml:4:16: manifest: update_task: expected the update task's entry point, got an empty string"),
		Entry("the update task named by an action, which acts on registrations", minimal+"manifest:\n  declarations: []\n  update_task: Tasks.U\ntimeline:\n  - at: 1m\n    unregister: {task: Tasks.U}\n",
			"t.yaml:10:24: unregister: unknown task \"Tasks.U\": no registration has that name; registered: A"),
		Entry("policy_cancel with a reason another rule owns", minimal+"timeline:\n  - at: 1m\n    fault: {kind: policy_cancel, task: A, reason: ConditionLoss}\n",
			"t.yaml:7:12: fault: policy_cancel cannot inject ConditionLoss, which its own engine rule produces; want one of: Terminating, LoggingOff, Uninstall, SystemPolicy, ResourceRevocation, QuietHoursEntered"),
		Entry("policy_cancel without a reason", minimal+"timeline:\n  - at: 1m\n    fault: {kind: policy_cancel, task: A}\n",
			"t.yaml:7:12: fault: policy_cancel needs a reason; want one of: Terminating, LoggingOff, Uninstall, SystemPolicy, ResourceRevocation, QuietHoursEntered"),
		Entry("a reason on kill_host", minimal+"timeline:\n  - at: 1m\n    fault: {kind: kill_host, task: A, reason: Terminating}\n",
			"t.yaml:7:12: fault: only policy_cancel takes a reason, not kill_host"),
	)
})
