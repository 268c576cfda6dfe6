package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#device-triggers DeviceUseTrigger and DeviceServicingTrigger", func() {
	var s *sim
	BeforeEach(func() { s = newSim(simulator.Config{}) })
	request := func(task string) simulator.DeviceTriggerResult {
		return s.RequestDeviceTrigger(simulator.DeviceTriggerRequest{Task: task, DeviceID: "usb#1"})
	}

	It("runs the task when the app in the foreground asks, with the device as TriggerDetails", func() {
		var got *simulator.DeviceTriggerDetails
		s.behave["Sync"] = func(in *simulator.Instance) { got = in.TriggerDetails().(*simulator.DeviceTriggerDetails) }
		s.register("Sync", simulator.NewDeviceUseTrigger())
		Expect(s.RequestDeviceTrigger(simulator.DeviceTriggerRequest{Task: "Sync", DeviceID: "usb#1", Arguments: "full"})).
			To(Equal(simulator.DeviceTriggerAllowed))
		Expect(s.lines(simulator.KindEvent, simulator.KindRun)).To(Equal([]string{
			`+00:00:00.000 event     Sync task=1 device_trigger=usb#1 result=Allowed`,
			`+00:00:00.000 run       Sync task=1 instance=1 trigger=DeviceUse device=usb#1 arguments=full`,
		}))
		Expect(got).To(Equal(&simulator.DeviceTriggerDetails{DeviceID: "usb#1", Arguments: "full"}))
	})

	It("is denied by the system when the app is not in the foreground, from task code, without a registration, and while one of its type runs", func() {
		s.hanging("Sync")
		s.hanging("Update")
		s.register("Sync", simulator.NewDeviceUseTrigger())
		s.register("Update", simulator.NewDeviceServicingTrigger())
		Expect(request("Nobody")).To(Equal(simulator.DeviceTriggerDeniedBySystem))
		Expect(request("Sync")).To(Equal(simulator.DeviceTriggerAllowed))
		Expect(request("Sync")).To(Equal(simulator.DeviceTriggerDeniedBySystem), "one DeviceUse task at a time")
		Expect(request("Update")).To(Equal(simulator.DeviceTriggerAllowed), "a running use task does not hold servicing back")
		Expect(request("Update")).To(Equal(simulator.DeviceTriggerDeniedBySystem), "one DeviceServicing task at a time")
		s.SuspendApp()
		Expect(request("Sync")).To(Equal(simulator.DeviceTriggerDeniedBySystem))
		Expect(s.lines(simulator.KindEvent)).To(Equal([]string{
			"+00:00:00.000 event     Nobody device_trigger=usb#1 result=DeniedBySystem cause=no_registration",
			"+00:00:00.000 event     Sync task=1 device_trigger=usb#1 result=Allowed",
			"+00:00:00.000 event     Sync task=1 device_trigger=usb#1 result=DeniedBySystem cause=currently_running",
			"+00:00:00.000 event     Update task=2 device_trigger=usb#1 result=Allowed",
			"+00:00:00.000 event     Update task=2 device_trigger=usb#1 result=DeniedBySystem cause=currently_running",
			"+00:00:00.000 event     Sync task=1 device_trigger=usb#1 result=DeniedBySystem cause=app_suspended",
		}))
	})

	It("lets an app register one DeviceUseTrigger: a second fails with DuplicateTrigger", func() {
		s.register("Sync", simulator.NewDeviceUseTrigger())
		_, err := s.builder("Sync2", simulator.NewDeviceUseTrigger()).Register()
		Expect(err).To(MatchError(simulator.ErrDuplicateTrigger))
		Expect(err).To(MatchError(ContainSubstring(`the app already has a DeviceUseTrigger registration "Sync" (task=1)`)))
		s.register("Update", simulator.NewDeviceServicingTrigger())
		s.register("Update2", simulator.NewDeviceServicingTrigger()) // servicing is not limited so
	})

	It("answers DeniedBySystem to task code", func() {
		var got simulator.DeviceTriggerResult
		s.behave["T"] = func(*simulator.Instance) { got = request("Sync") }
		s.register("Sync", simulator.NewDeviceUseTrigger())
		s.register("T", simulator.NewCustomSystemEventTrigger("go", simulator.RecurrenceAlways))
		s.RaiseCustomSystemEvent("go")
		Expect(got).To(Equal(simulator.DeviceTriggerDeniedBySystem))
		Expect(s.lines(simulator.KindEvent)).To(ContainElement(ContainSubstring("cause=from_task")))
	})

	It("servicing needs more than 33% battery, or AC power, and the user's consent", func() {
		s = newSim(simulator.Config{Device: simulator.DeviceState{Power: simulator.PowerBattery, BatteryLevel: 33}})
		s.register("Update", simulator.NewDeviceServicingTrigger())
		s.register("Sync", simulator.NewDeviceUseTrigger())
		Expect(request("Update")).To(Equal(simulator.DeviceTriggerLowBattery))
		Expect(request("Sync")).To(Equal(simulator.DeviceTriggerAllowed), "use does not need the battery")
		Expect(s.SetBatteryLevel(34)).To(Succeed())
		Expect(s.RequestDeviceTrigger(simulator.DeviceTriggerRequest{Task: "Update", DeviceID: "d", DeniedByUser: true})).
			To(Equal(simulator.DeviceTriggerDeniedByUser))
		Expect(request("Update")).To(Equal(simulator.DeviceTriggerAllowed))
		Expect(s.SetBatteryLevel(10)).To(Succeed())
		s.SetPower(simulator.PowerAC)
		Expect(request("Update")).To(Equal(simulator.DeviceTriggerAllowed), "on AC the battery level does not matter")
		Expect(s.lines(simulator.KindDevice)).To(ContainElement("+00:00:00.000 device    battery_level=34"))
	})

	It("refuses conditions and an in-process task at Register, and needs its own manifest task type", func() {
		_, err := s.builder("Sync", simulator.NewDeviceUseTrigger(), simulator.ConditionInternetAvailable).Register()
		Expect(err).To(MatchError(simulator.ErrInvalidTrigger))
		Expect(err).To(MatchError(ContainSubstring("a DeviceUse takes no conditions")))
		b := s.builder("Sync", simulator.NewDeviceServicingTrigger())
		b.TaskEntryPoint = ""
		_, err = b.Register()
		Expect(err).To(MatchError(ContainSubstring("runs out of process only")))
		b.TaskEntryPoint = epSystem
		_, err = b.Register()
		Expect(err).To(MatchError(ContainSubstring("does not declare task type deviceServicing")))
	})

	It("gives a servicing task 30 minutes, a use task 10 minutes, before ExecutionTimeExceeded", func() {
		s.hanging("Update")
		s.hanging("Sync")
		s.register("Update", simulator.NewDeviceServicingTrigger())
		s.register("Sync", simulator.NewDeviceUseTrigger())
		Expect(request("Update")).To(Equal(simulator.DeviceTriggerAllowed))
		s.RunFor(29*time.Minute + 59*time.Second)
		Expect(s.count(simulator.KindCanceled, "Update")).To(Equal(0))
		s.RunFor(time.Second)
		Expect(s.lines(simulator.KindCanceled)).To(Equal([]string{
			`+00:30:00.000 canceled  Update task=1 instance=1 reason=ExecutionTimeExceeded`}))
		s.RunFor(time.Hour)
		Expect(request("Sync")).To(Equal(simulator.DeviceTriggerAllowed))
		s.RunFor(9*time.Minute + 59*time.Second)
		Expect(s.count(simulator.KindCanceled, "Sync")).To(Equal(0))
		s.RunFor(time.Second)
		Expect(s.count(simulator.KindCanceled, "Sync")).To(Equal(1))
		Expect(s.Policy().LimitFor(simulator.NewDeviceServicingTrigger())).To(Equal(simulator.DeviceServicingWallClockLimit))
		Expect(s.Policy().LimitFor(simulator.NewDeviceUseTrigger())).To(Equal(simulator.DeviceUseWallClockLimit))
		Expect(simulator.DeviceUseWallClockLimit).To(Equal(10 * time.Minute))
	})

	It("keeps the battery level from 1 to 100 percent, 100 by default", func() {
		Expect(s.Device().BatteryLevel).To(Equal(uint8(100)))
		Expect(s.SetBatteryLevel(0)).To(MatchError(ContainSubstring("want 1 to 100")))
		Expect(s.SetBatteryLevel(101)).To(HaveOccurred())
		Expect(s.SetBatteryLevel(100)).To(Succeed())
		Expect(s.lines()).To(BeEmpty(), "no change, no record")
		_, err := simulator.New(simulator.Config{Device: simulator.DeviceState{BatteryLevel: 101}})
		Expect(err).To(MatchError(ContainSubstring("invalid battery level 101%")))
	})
})
