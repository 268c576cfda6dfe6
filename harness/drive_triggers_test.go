package harness_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/fixtures/manifests"
	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

var _ = Describe("Trigger delivery drivers", func() {
	newWorld := func(run func(*simulator.Instance)) *Simulation {
		sim, err := New(
			WithDeclarations(
				manifest.Declaration{EntryPoint: "Tasks.Socket", TaskTypes: []manifest.TaskType{manifest.SystemEvent}},
				manifest.Declaration{EntryPoint: "Tasks.Push", TaskTypes: []manifest.TaskType{manifest.PushNotification}},
			),
			WithTaskFunc("Tasks.Socket", run),
			WithTaskFunc("Tasks.Push", run),
		)
		Expect(err).NotTo(HaveOccurred())
		return sim
	}

	It("delivers socket activity until the task keeps the socket, and again once it transfers it back", func() {
		var held []*simulator.Instance
		sim := newWorld(func(in *simulator.Instance) {
			d := in.GetDeferral()
			held = append(held, in)
			in.AfterFunc(10*time.Second, func() {
				if len(held) == 1 {
					in.TransferOwnership("s1")
				}
				d.Complete()
			})
		})
		registerOn(sim, "Sock", "Tasks.Socket", simulator.NewSocketActivityTrigger())
		sim.At(time.Minute, SocketActivity("Sock", "s1", simulator.SocketReasonActivity))
		sim.At(time.Minute+time.Second, SocketActivity("Sock", "s1", simulator.SocketReasonActivity))
		sim.At(2*time.Minute, SocketActivity("Sock", "s1", simulator.SocketReasonClosed))
		sim.At(3*time.Minute, SocketActivity("Sock", "s1", simulator.SocketReasonActivity))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(sim).To(HaveRun("Sock").Times(2))
		text := sim.Text()
		for _, line := range []string{
			"+00:01:01.000 event     Sock task=1 socket_activity=s1 reason=SocketActivity not_delivered=owned_by_task",
			"+00:01:10.000 event     Sock task=1 instance=1 transfer_ownership=s1",
			"+00:02:00.000 run       Sock task=1 instance=2 trigger=SocketActivity reason=SocketClosed socket=s1",
			"+00:03:00.000 event     Sock task=1 socket_activity=s1 reason=SocketActivity not_delivered=owned_by_task",
		} {
			Expect(text).To(ContainSubstring(line))
		}
	})

	It("refuses socket activity without a socket id or a reason", func() {
		sim := newWorld(func(*simulator.Instance) {})
		Expect(sim.Do(SocketActivity("Sock", "", simulator.SocketReasonActivity))).To(MatchError(ContainSubstring("cannot apply socket_activity Sock")))
		Expect(sim.Do(SocketActivity("Sock", "s1", simulator.SocketReasonInvalid))).To(MatchError(ContainSubstring("SocketActivityTriggerReason(0)")))
	})

	It("raises the event of a trigger class, and refuses an unknown class with the closest name", func() {
		var got *simulator.TriggerEventDetails
		sim, err := New(
			WithDeclarations(manifest.Declaration{EntryPoint: "Tasks.Ble", TaskTypes: []manifest.TaskType{manifest.Bluetooth}}),
			WithTaskFunc("Tasks.Ble", func(in *simulator.Instance) { got = in.TriggerDetails().(*simulator.TriggerEventDetails) }),
		)
		Expect(err).NotTo(HaveOccurred())
		t, err := simulator.NewGenericTrigger("BluetoothLEAdvertisementWatcherTrigger")
		Expect(err).NotTo(HaveOccurred())
		registerOn(sim, "Watcher", "Tasks.Ble", t)
		sim.At(time.Minute, TriggerEvent("BluetoothLEAdvertisementWatcherTrigger", map[string]string{"rssi": "-60"}))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(sim).To(HaveRun("Watcher").At(time.Minute).Times(1))
		Expect(got.Details).To(Equal(map[string]string{"rssi": "-60"}))
		Expect(sim.Do(TriggerEvent("BluetoothLEAdvertisementWatcher", nil))).To(MatchError(ContainSubstring(`did you mean "BluetoothLEAdvertisementWatcherTrigger"?`)))
	})

	It("reports a geofence to the app's location registration", func() {
		var got *simulator.GeofenceReport
		sim, err := New(
			WithDeclarations(manifest.Declaration{EntryPoint: "Tasks.Geo", TaskTypes: []manifest.TaskType{manifest.Location}}),
			WithTaskFunc("Tasks.Geo", func(in *simulator.Instance) { got = in.TriggerDetails().(*simulator.GeofenceReport) }),
		)
		Expect(err).NotTo(HaveOccurred())
		registerOn(sim, "Fence", "Tasks.Geo", simulator.NewLocationTrigger(simulator.LocationTriggerGeofence))
		sim.At(time.Minute, Geofence("home", simulator.GeofenceExited))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(sim).To(HaveRun("Fence").At(time.Minute).Times(1))
		Expect(got).To(Equal(&simulator.GeofenceReport{Geofence: "home", NewState: simulator.GeofenceExited}))
		Expect(sim.Do(Geofence("", simulator.GeofenceEntered))).To(MatchError(ContainSubstring("cannot apply geofence")))
	})

	It("delivers on a control channel, through a hardware slot only in connected standby", func() {
		sim, err := New(
			WithDeclarations(manifest.Declaration{EntryPoint: "Tasks.Rtc", TaskTypes: []manifest.TaskType{manifest.ControlChannel}}),
			WithTaskFunc("Tasks.Rtc", func(*simulator.Instance) {}),
		)
		Expect(err).NotTo(HaveOccurred())
		soft, err := simulator.NewControlChannelTrigger("soft", 15, simulator.RequestSoftwareSlot)
		Expect(err).NotTo(HaveOccurred())
		hard, err := simulator.NewControlChannelTrigger("hard", 30, simulator.RequestHardwareSlot)
		Expect(err).NotTo(HaveOccurred())
		registerOn(sim, "Soft", "Tasks.Rtc", soft)
		registerOn(sim, "Hard", "Tasks.Rtc", hard)
		sim.At(time.Minute, Standby(true), ControlChannel("soft", simulator.ControlChannelPush), ControlChannel("hard", simulator.ControlChannelKeepAlive))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(sim).To(HaveRun("Hard").At(time.Minute).Times(1))
		Expect(sim).To(HaveRun("Soft").Times(0))
		Expect(sim.Do(ControlChannel("soft", simulator.ControlChannelEventInvalid))).To(MatchError(ContainSubstring("cannot apply control_channel soft")))
	})

	It("asks for a device servicing trigger, refused on a low battery", func() {
		sim, err := New(
			WithDeclarations(manifest.Declaration{EntryPoint: "Tasks.Fw", TaskTypes: []manifest.TaskType{manifest.DeviceServicing}}),
			WithTaskFunc("Tasks.Fw", func(*simulator.Instance) {}),
			WithDevice(simulator.DeviceState{Power: simulator.PowerBattery}),
		)
		Expect(err).NotTo(HaveOccurred())
		registerOn(sim, "Firmware", "Tasks.Fw", simulator.NewDeviceServicingTrigger())
		req := simulator.DeviceTriggerRequest{Task: "Firmware", DeviceID: "dock"}
		sim.At(time.Minute, BatteryLevel(20), DeviceTrigger(req))
		sim.At(2*time.Minute, BatteryLevel(80), DeviceTrigger(req))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(sim).To(HaveRun("Firmware").At(2 * time.Minute).Times(1))
		Expect(sim.Text()).To(ContainSubstring("+00:01:00.000 event     Firmware task=1 device_trigger=dock result=LowBattery"))
		Expect(sim.Do(BatteryLevel(0))).To(MatchError(ContainSubstring("cannot apply battery_level 0")))
	})

	It("asks for the app's media processing task with arguments, refused while it runs", func() {
		var got map[string]string
		sim, err := New(
			WithDeclarations(manifest.Declaration{EntryPoint: "Tasks.Transcode", TaskTypes: []manifest.TaskType{manifest.MediaProcessing}}),
			WithTaskFunc("Tasks.Transcode", func(in *simulator.Instance) {
				got = in.TriggerDetails().(*simulator.MediaProcessingTriggerDetails).Arguments
				d := in.GetDeferral()
				in.AfterFunc(20*time.Second, d.Complete)
			}),
		)
		Expect(err).NotTo(HaveOccurred())
		registerOn(sim, "Transcode", "Tasks.Transcode", &simulator.GenericTrigger{Class: "MediaProcessingTrigger"})
		sim.At(time.Minute, MediaProcessing("Transcode", map[string]string{"file": "a.mp4"}))
		sim.At(time.Minute+10*time.Second, MediaProcessing("Transcode", nil))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(sim).To(HaveRun("Transcode").At(time.Minute).Times(1))
		Expect(got).To(Equal(map[string]string{"file": "a.mp4"}))
		Expect(sim.Text()).To(ContainSubstring("+00:01:10.000 event     Transcode task=1 request=media_processing result=CurrentlyRunning"))
	})

	It("registers a COM entry point the manifest declares, and validates without registering", func() {
		m, err := manifests.Load(manifests.ComServer)
		Expect(err).NotTo(HaveOccurred())
		clsid, err := simulator.ParseGUID("6C4A8E2F-91B3-4D57-A0E6-3F2B9C1D7E40")
		Expect(err).NotTo(HaveOccurred())
		ran := 0
		sim, err := New(WithManifest(m), WithTaskFunc(simulator.ClsidEntryPoint(clsid), func(*simulator.Instance) { ran++ }))
		Expect(err).NotTo(HaveOccurred())
		b := sim.NewBuilder()
		b.Name = "Com"
		b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerSmsReceived, false))
		b.SetTaskEntryPointClsid(clsid)
		Expect(b.Validate()).To(BeTrue())
		Expect(sim.Registrations()).To(BeEmpty())
		Expect(sim.Do(Register(b), SystemEvent(simulator.SystemTriggerSmsReceived))).To(Succeed())
		Expect(ran).To(Equal(1))
		other, err := simulator.ParseGUID("{00000000-0000-4000-8000-000000000000}")
		Expect(err).NotTo(HaveOccurred())
		b.SetTaskEntryPointClsid(other)
		Expect(b.Validate()).To(BeFalse())
	})

	It("delivers a raw notification to the push registrations", func() {
		var content string
		sim := newWorld(func(in *simulator.Instance) { content = in.TriggerDetails().(*simulator.RawNotification).Content })
		registerOn(sim, "Push", "Tasks.Push", simulator.NewPushNotificationTrigger())
		sim.At(time.Minute, RawNotification("hello"))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(sim).To(HaveRun("Push").At(time.Minute).Times(1))
		Expect(content).To(Equal("hello"))
	})
})
