package simulator_test

import (
	"slices"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

var _ = Describe("docs/windows-model.md#other-trigger-classes GenericTrigger", func() {
	var s *sim
	BeforeEach(func() {
		m, err := manifest.New("classes.appxmanifest",
			manifest.Declaration{EntryPoint: "Tasks.Ble", TaskTypes: []manifest.TaskType{manifest.Bluetooth}},
			manifest.Declaration{EntryPoint: "Tasks.Toast", TaskTypes: []manifest.TaskType{manifest.SystemEvent}},
			manifest.Declaration{EntryPoint: "Tasks.Any", TaskTypes: []manifest.TaskType{manifest.General}},
		)
		Expect(err).NotTo(HaveOccurred())
		factory := func() simulator.Task { return simulator.TaskFunc(s.run) }
		s = newSim(simulator.Config{Manifest: m, Tasks: map[string]simulator.TaskFactory{
			"Tasks.Ble": factory, "Tasks.Toast": factory, "Tasks.Any": factory}})
	})

	register := func(name, entryPoint, class string) (*simulator.Registration, error) {
		t, err := simulator.NewGenericTrigger(class)
		Expect(err).NotTo(HaveOccurred())
		b := s.NewBackgroundTaskBuilder()
		b.Name, b.TaskEntryPoint = name, entryPoint
		b.SetTrigger(t)
		return b.Register()
	}

	It("fires every registration of the class, in registration order, with the event's details", func() {
		var got []*simulator.TriggerEventDetails
		s.behave["W"] = func(in *simulator.Instance) {
			got = append(got, in.TriggerDetails().(*simulator.TriggerEventDetails))
		}
		_, err := register("W", "Tasks.Ble", "BluetoothLEAdvertisementWatcherTrigger")
		Expect(err).NotTo(HaveOccurred())
		_, err = register("P", "Tasks.Ble", "BluetoothLEAdvertisementPublisherTrigger")
		Expect(err).NotTo(HaveOccurred())
		_, err = register("W2", "Tasks.Ble", "BluetoothLEAdvertisementWatcherTrigger")
		Expect(err).NotTo(HaveOccurred())
		details := map[string]string{"rssi": "-60", "name": "beacon 1"}
		Expect(s.RaiseTriggerEvent("BluetoothLEAdvertisementWatcherTrigger", details)).To(Succeed())
		details["rssi"] = "changed after the call"
		Expect(s.RaiseTriggerEvent("BluetoothLEAdvertisementPublisherTrigger", nil)).To(Succeed())
		Expect(s.lines(simulator.KindEvent, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 event     trigger_event=BluetoothLEAdvertisementWatcherTrigger",
			`+00:00:00.000 run       W task=1 instance=1 trigger=BluetoothLEAdvertisementWatcher details="name:beacon 1,rssi:-60"`,
			`+00:00:00.000 run       W2 task=3 instance=2 trigger=BluetoothLEAdvertisementWatcher details="name:beacon 1,rssi:-60"`,
			"+00:00:00.000 event     trigger_event=BluetoothLEAdvertisementPublisherTrigger",
			"+00:00:00.000 run       P task=2 instance=3 trigger=BluetoothLEAdvertisementPublisher",
		}))
		Expect(got).To(HaveLen(1))
		Expect(got[0]).To(Equal(&simulator.TriggerEventDetails{Class: "BluetoothLEAdvertisementWatcherTrigger",
			Details: map[string]string{"rssi": "-60", "name": "beacon 1"}}))
	})

	DescribeTable("needs the manifest task type its class requires",
		func(class, good, bad string) {
			_, err := register("T", bad, class)
			Expect(err).To(MatchError(simulator.ErrClassNotRegistered))
			_, err = register("T", good, class)
			Expect(err).NotTo(HaveOccurred())
		},
		Entry("bluetooth for a Bluetooth LE watcher", "BluetoothLEAdvertisementWatcherTrigger", "Tasks.Ble", "Tasks.Toast"),
		Entry("systemEvent for a toast action", "ToastNotificationActionTrigger", "Tasks.Toast", "Tasks.Ble"),
		Entry("general for an activity sensor", "ActivitySensorTrigger", "Tasks.Any", "Tasks.Toast"),
		Entry("general or systemEvent where no page gives the type", "StorageLibraryContentChangedTrigger", "Tasks.Toast", "Tasks.Ble"),
	)

	It("refuses an unknown class with the closest name, when made and when raised", func() {
		_, err := simulator.NewGenericTrigger("BluetoothLEAdvertisementWatcher")
		Expect(err).To(MatchError(`cannot make a trigger: unknown trigger class "BluetoothLEAdvertisementWatcher" (did you mean "BluetoothLEAdvertisementWatcherTrigger"?)`))
		Expect(s.RaiseTriggerEvent("ToastNotificationActionTriger", nil)).To(MatchError(ContainSubstring(`did you mean "ToastNotificationActionTrigger"?`)))
		b := s.NewBackgroundTaskBuilder()
		b.Name, b.TaskEntryPoint = "X", "Tasks.Any"
		b.SetTrigger(&simulator.GenericTrigger{Class: "NoSuchTrigger"})
		_, err = b.Register()
		Expect(err).To(MatchError(simulator.ErrInvalidTrigger))
		Expect(s.lines(simulator.KindEvent)).To(BeEmpty())
	})

	It("lists its classes sorted and once each, each with a task type, without the classes played elsewhere", func() {
		classes := simulator.TriggerClasses()
		Expect(slices.IsSorted(classes)).To(BeTrue())
		Expect(slices.Compact(slices.Clone(classes))).To(Equal(classes))
		for _, c := range classes {
			Expect(c).To(HaveSuffix("Trigger"))
			types, err := simulator.TriggerClassTaskTypes(c)
			Expect(err).NotTo(HaveOccurred())
			Expect(types).NotTo(BeEmpty(), c)
		}
		for _, own := range []string{"SystemTrigger", "TimeTrigger", "MaintenanceTrigger", "ApplicationTrigger",
			"CustomSystemEventTrigger", "SocketActivityTrigger", "PushNotificationTrigger", "LocationTrigger"} {
			Expect(classes).NotTo(ContainElement(own))
		}
	})
})
