package scenarios_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
	"github.com/bgsim/bgsim/simulator"
)

const minimal = `name: minimal
registrations:
  - name: A
    trigger: {type: system, event: TimeZoneChange}
`

var _ = Describe("Parse", func() {
	It("reads a complete scenario with its positions and defaults", func() {
		s, err := scenarios.ParseFile("testdata/manifest/good.yaml")
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Seed).To(Equal(uint64(1)))
		Expect(s.Start).To(Equal(simulator.DefaultStart))
		Expect(s.Manifest.Declarations).To(HaveLen(1))
		Expect(s.Registrations[0].Trigger.Freshness).To(Equal(15 * time.Minute))
		Expect(s.Registrations[0].EntryPointPos).To(Equal(scenarios.Pos{Line: 9, Col: 18}))
		Expect(s.Expect[0].Pos).To(Equal(scenarios.Pos{Line: 12, Col: 5}))
		Expect(s.Trace).To(BeNil())
	})

	It("reads a manifest given by an absolute path as that path, not relative to the scenario", func() {
		abs, err := filepath.Abs("../fixtures/manifests/quickstart.appxmanifest")
		Expect(err).NotTo(HaveOccurred())
		s, err := scenarios.Parse("testdata/t.yaml", []byte("name: x\nmanifest:\n  file: "+filepath.ToSlash(abs)+"\n"))
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Manifest.Declarations[0].EntryPoint).To(Equal("Tasks.ExampleBackgroundTask"))
	})

	It("follows the documented manifest path policy: outside the scenario's tree is allowed, only regular files", func() {
		dir := GinkgoT().TempDir()
		Expect(os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755)).To(Succeed())
		data, err := os.ReadFile("../fixtures/manifests/quickstart.appxmanifest")
		Expect(err).NotTo(HaveOccurred())
		Expect(os.WriteFile(filepath.Join(dir, "m.appxmanifest"), data, 0o644)).To(Succeed())
		scenario := filepath.Join(dir, "a", "b", "s.yaml")
		By("going up out of the scenario's folder with ../..")
		s, err := scenarios.Parse(scenario, []byte("name: x\nmanifest: {file: ../../m.appxmanifest}\n"))
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Manifest.Declarations[0].EntryPoint).To(Equal("Tasks.ExampleBackgroundTask"))
		By("refusing what is not a regular file, wherever it is")
		_, err = scenarios.Parse(scenario, []byte("name: x\nmanifest: {file: ../..}\n"))
		Expect(err).To(MatchError(ContainSubstring(`cannot read manifest "../..": is a directory`)))
		_, err = scenarios.Parse(scenario, []byte("name: x\nmanifest: {file: /dev/null}\n"))
		Expect(err).To(MatchError(ContainSubstring(`cannot read manifest "/dev/null": is a device, not a regular file`)))
	})

	DescribeTable("reports each file error at file:line:col",
		func(doc, want string) {
			_, err := scenarios.Parse("t.yaml", []byte(doc))
			Expect(err).To(HaveOccurred())
			Expect(err.Error()).To(Equal(want))
			var pe *scenarios.ParseError
			Expect(errors.As(err, &pe)).To(BeTrue())
		},
		Entry("unknown key, with a hint", "name: x\ndevcie: {}\n",
			`t.yaml:2:1: unknown key "devcie" in scenario (did you mean "device"?)`),
		Entry("wrong type", "name: x\nseed: abc\n",
			`t.yaml:2:7: seed: expected a whole number, got a string`),
		Entry("wrong type: mapping for a string", "name: {a: 1}\n",
			`t.yaml:1:7: name: expected a string, got a mapping`),
		Entry("unknown enum value", "name: x\ndevice:\n  power: acc\n",
			`t.yaml:3:10: power: unknown power source "acc" (did you mean "ac"?)`),
		Entry("unknown system trigger type", "name: x\nregistrations:\n  - name: A\n    trigger: {type: system, event: TimeZoneChang}\n",
			`t.yaml:4:36: event: unknown SystemTriggerType "TimeZoneChang" (did you mean "TimeZoneChange"?)`),
		Entry("duplicate key", "name: x\nseed: 1\nseed: 2\n",
			`t.yaml:3:1: duplicate key "seed" in scenario (first at 2:1)`),
		Entry("timeline entry without action", minimal+"timeline:\n  - at: 1m\n",
			`t.yaml:6:5: timeline entry has no action; want exactly one of: time_zone, network, network_cost, power, battery_saver, standby, user, session, lock_screen, app, system_event, custom_system_event, signal, register, unregister, access, fault, socket_activity, raw_notification, trigger_event, geofence, control_channel, battery_level, device_trigger, media_processing`),
		Entry("timeline entry with two actions", minimal+"timeline:\n  - at: 1m\n    user: away\n    power: ac\n",
			`t.yaml:8:5: timeline entry has two actions ("user" at 7:5 and "power"); want exactly one`),
		Entry("bad duration", "name: x\nuntil: 5x\n",
			`t.yaml:2:8: until: invalid duration "5x": want a Go duration such as 90s or 1h30m, optionally after whole days (2d, 2d6h)`),
		Entry("unknown task in an expectation", minimal+"expect:\n  - run: Unrelated\n",
			`t.yaml:6:10: run: unknown task "Unrelated": no registration has that name; registered: A`),
		Entry("unknown task in unregister, with a hint", minimal+"timeline:\n  - at: 1m\n    unregister: {task: AA}\n",
			`t.yaml:7:24: unregister: unknown task "AA": no registration has that name (did you mean "A"?)`),
		Entry("signal to a task without an application trigger", minimal+"timeline:\n  - at: 1m\n    signal: {task: A}\n",
			`t.yaml:7:20: signal: task "A" has no application trigger registration`),
		Entry("socket activity to a task without a socket_activity trigger", minimal+"timeline:\n  - at: 1m\n    socket_activity: {task: A, socket: s, reason: SocketActivity}\n",
			`t.yaml:7:29: socket_activity: task "A" has no socket_activity trigger registration`),
		Entry("socket activity with an unknown reason, with a hint", minimal+"timeline:\n  - at: 1m\n    socket_activity: {task: A, socket: s, reason: SocketClose}\n",
			`t.yaml:7:51: reason: unknown SocketActivityTriggerReason "SocketClose" (did you mean "SocketClosed"?)`),
		Entry("socket activity without a reason", minimal+"timeline:\n  - at: 1m\n    socket_activity: {task: A, socket: s}\n",
			`t.yaml:7:22: socket_activity: missing reason; want one of: SocketActivity, ConnectionAccepted, KeepAliveTimerExpired, SocketClosed`),
		Entry("socket activity on an empty socket id", minimal+"timeline:\n  - at: 1m\n    socket_activity: {task: A, socket: '', reason: SocketActivity}\n",
			`t.yaml:7:40: socket: expected a socket id, got an empty string`),
		Entry("a key the socket_activity trigger does not take", "name: x\nregistrations:\n  - name: A\n    trigger: {type: socket_activity, id: x}\n",
			`t.yaml:4:38: unknown key "id" in socket_activity trigger; want one of: type`),
		Entry("unknown trigger class, with a hint", "name: x\nregistrations:\n  - name: A\n    trigger: {type: generic, class: ToastNotificationActionTriger}\n",
			`t.yaml:4:37: class: unknown trigger class "ToastNotificationActionTriger" (did you mean "ToastNotificationActionTrigger"?)`),
		Entry("trigger event for a class without its Trigger suffix", minimal+"timeline:\n  - at: 1m\n    trigger_event: {class: GeovisitTrigge}\n",
			`t.yaml:7:28: class: unknown trigger class "GeovisitTrigge" (did you mean "GeovisitTrigger"?)`),
		Entry("trigger event without a class", minimal+"timeline:\n  - at: 1m\n    trigger_event: {details: {a: 1}}\n",
			`t.yaml:7:20: trigger_event: missing class`),
		Entry("trigger event details that are not a mapping", minimal+"timeline:\n  - at: 1m\n    trigger_event: {class: GeovisitTrigger, details: [1]}\n",
			`t.yaml:7:54: details: expected a mapping, got a list`),
		Entry("geofence without a state", minimal+"timeline:\n  - at: 1m\n    geofence: {id: home}\n",
			`t.yaml:7:15: geofence: missing state; want Entered or Exited`),
		Entry("geofence with an unknown state, with a hint", minimal+"timeline:\n  - at: 1m\n    geofence: {id: home, state: entered}\n",
			`t.yaml:7:33: state: unknown GeofenceState "entered" (did you mean "Entered"?)`),
		Entry("location trigger with an unknown type", "name: x\nregistrations:\n  - name: A\n    trigger: {type: location, location_type: Geofense}\n",
			`t.yaml:4:46: location_type: unknown LocationTriggerType "Geofense" (did you mean "Geofence"?)`),
		Entry("control channel event without an event", minimal+"timeline:\n  - at: 1m\n    control_channel: {channel_id: c}\n",
			`t.yaml:7:22: control_channel: missing event; want push or keep_alive`),
		Entry("control channel event with an unknown event, with a hint", minimal+"timeline:\n  - at: 1m\n    control_channel: {channel_id: c, event: keepalive}\n",
			`t.yaml:7:45: event: unknown control channel event "keepalive" (did you mean "keep_alive"?)`),
		Entry("clsid that is not a GUID", "name: x\nregistrations:\n  - name: A\n    clsid: not-a-guid\n",
			`t.yaml:4:12: clsid: cannot parse GUID "not-a-guid": want 8-4-4-4-12 hex digits`),
		Entry("entry point without behaviour", "name: x\nregistrations:\n  - name: A\n    entry_point: Tasks.A\n",
			`t.yaml:4:18: entry_point "Tasks.A" has no behaviour: add it under tasks with a script or a fixture`),
		Entry("missing manifest file", "name: x\nmanifest:\n  file: nope.appxmanifest\n",
			`t.yaml:3:9: cannot read manifest "nope.appxmanifest": no such file or directory`),
		Entry("filter that does not apply", minimal+"expect:\n  - run: A\n    reason: Abort\n",
			`t.yaml:7:5: filter reason does not apply to run; it applies to: canceled`),
		Entry("deferral completed but never taken", "name: x\ntasks:\n  T.A:\n    script:\n      - complete_deferral: d\n",
			`t.yaml:5:9: complete_deferral: deferral "d" is never taken (take_deferral: d)`),
		Entry("unknown fixture", "name: x\ntasks:\n  T.A:\n    fixture: sample\n",
			`t.yaml:4:14: fixture: unknown fixture "sample"; want one of: example_background_task, forgets_deferral, ignores_cancellation, never_completes, panics, sample_background_task, servicing_complete`),
		Entry("YAML syntax", "name: x\nb: [1,\n",
			`t.yaml:3:1: invalid YAML: did not find expected node content`),
		Entry("system event that follows device state", "name: x\ntimeline:\n  - at: 1m\n    system_event: UserAway\n",
			`t.yaml:4:19: system_event: UserAway follows device state: use its device action (time_zone, user, network, ...) instead`),
		Entry("timeline after until", minimal+"until: 1m\ntimeline:\n  - at: 2m\n    user: away\n",
			`t.yaml:7:5: timeline entry at 2m0s is after until (1m0s): it would never run`),
	)

	It("keeps the manifest's own file:line:col for a broken manifest", func() {
		_, err := scenarios.ParseFile("testdata/manifest/uses_broken.yaml")
		Expect(err).To(MatchError(`testdata/manifest/broken.appxmanifest:8:13: unknown task type "timr" (did you mean "timer"?)`))
	})

	It("reports every error of a file, in file order", func() {
		_, err := scenarios.Parse("t.yaml", []byte("name: x\nseed: a\ndevice: {power: acc}\n"))
		Expect(scenarios.AsParseErrors(err)).To(HaveLen(2))
		Expect(err.Error()).To(Equal("t.yaml:2:7: seed: expected a whole number, got a string\n" +
			`t.yaml:3:17: power: unknown power source "acc" (did you mean "ac"?)`))
	})
})

var _ = DescribeTable("ParseDuration",
	func(in string, want time.Duration, ok bool) {
		got, err := scenarios.ParseDuration(in)
		if !ok {
			Expect(err).To(HaveOccurred())
			return
		}
		Expect(err).NotTo(HaveOccurred())
		Expect(got).To(Equal(want))
	},
	Entry("seconds", "90s", 90*time.Second, true),
	Entry("hours and minutes", "1h30m", 90*time.Minute, true),
	Entry("days", "2d", 48*time.Hour, true),
	Entry("days then hours", "2d6h", 54*time.Hour, true),
	Entry("negative", "-1s", time.Duration(0), false),
	Entry("days alone after", "6h2d", time.Duration(0), false),
	Entry("empty", "", time.Duration(0), false),
	Entry("the longest duration, in days", "106751d23h47m16.854775807s", time.Duration(math.MaxInt64), true),
	Entry("more days than a duration holds", "106752d", time.Duration(0), false),
	Entry("days plus hours past the longest duration", "100000d2562047h", time.Duration(0), false),
)
