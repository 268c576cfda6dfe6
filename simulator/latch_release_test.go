package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

// Releasing several latched runs at once: each is checked as it starts, against what the runs
// before it changed (docs/windows-model.md#latched-activations).
var _ = Describe("docs/windows-model.md#latched-activations releasing latched runs", func() {
	each := simulator.Policy{LatchedFirings: simulator.LatchEachFiring}

	It("checks each run's conditions and access again as it starts: one run may block the next", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{Network: simulator.NetworkNone}, Policy: each})
		s.behave["T"] = func(in *simulator.Instance) { in.RemoveAccess() }
		s.register("T", simulator.NewTimeTrigger(15, false), simulator.ConditionInternetAvailable)
		s.RunFor(50 * time.Minute)
		s.SetNetwork(simulator.NetworkInternet)
		Expect(s.runAt("T")).To(Equal([]time.Duration{50 * time.Minute}))
		Expect(s.lines(simulator.KindLatched)).To(ContainElement("+00:50:00.000 latched   T task=1 waiting=access pending=2"))
	})

	It("starts latched device runs one of each type at a time", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{Power: simulator.PowerBattery, BatterySaver: true}, Policy: each})
		s.deferring("Use", 10*time.Second)
		s.register("Use", simulator.NewDeviceUseTrigger())
		for _, d := range []string{"d1", "d2"} {
			Expect(s.RequestDeviceTrigger(simulator.DeviceTriggerRequest{Task: "Use", DeviceID: d})).To(Equal(simulator.DeviceTriggerAllowed))
		}
		Expect(s.SetBatterySaver(false)).To(Succeed())
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 run       Use task=1 instance=1 trigger=DeviceUse device=d1",
			"+00:00:10.000 run       Use task=1 instance=2 trigger=DeviceUse device=d2",
		}))
	})

	It("starts latched media processing runs one at a time, and a trigger event for the class latches while one runs", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{Network: simulator.NetworkNone}, Policy: each})
		s.deferring("M", 10*time.Second)
		s.register("M", &simulator.GenericTrigger{Class: "MediaProcessingTrigger"}, simulator.ConditionInternetAvailable)
		Expect(s.RequestMediaProcessing("M", map[string]string{"n": "1"})).To(Equal(simulator.MediaProcessingAllowed))
		Expect(s.RequestMediaProcessing("M", map[string]string{"n": "2"})).To(Equal(simulator.MediaProcessingAllowed))
		s.SetNetwork(simulator.NetworkInternet)
		Expect(s.RaiseTriggerEvent("MediaProcessingTrigger", nil)).To(Succeed())
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 run       M task=1 instance=1 trigger=MediaProcessing arguments=n:1",
			"+00:00:10.000 run       M task=1 instance=2 trigger=MediaProcessing arguments=n:2",
			"+00:00:20.000 run       M task=1 instance=3 trigger=MediaProcessing",
		}))
	})

	It("starts no latched run while UpdateApp cancels: a Canceled handler that completes its instance frees nothing mid-update", func() {
		s := newSim(simulator.Config{Policy: each, Device: simulator.DeviceState{User: simulator.UserAway}})
		s.behave["A"] = func(in *simulator.Instance) {
			d := in.GetDeferral()
			in.OnCanceled(func(*simulator.Instance, simulator.CancellationReason) { d.Complete() })
		}
		s.register("A", simulator.NewApplicationTrigger(), simulator.ConditionUserPresent)
		for _, n := range []string{"1", "2"} {
			Expect(s.RequestApplicationTrigger(map[string]string{"n": n})).To(Equal(simulator.SignalAllowed))
		}
		s.SetUser(simulator.UserPresent)
		s.UpdateApp()
		Expect(s.lines(simulator.KindRun, simulator.KindCanceled, simulator.KindLatched)).To(Equal([]string{
			"+00:00:00.000 latched   A task=1 waiting=UserPresent pending=1",
			"+00:00:00.000 latched   A task=1 waiting=UserPresent pending=2",
			"+00:00:00.000 run       A task=1 instance=1 trigger=Application arguments=n:1",
			"+00:00:00.000 latched   A task=1 waiting=running_instance pending=1",
			"+00:00:00.000 canceled  A task=1 instance=1 reason=ServicingUpdate",
		}), "the second run waits: access was reset by the update")
		s.RequestAccess()
		Expect(s.runAt("A")).To(Equal([]time.Duration{0, 0}))
	})
})

var _ = It("Registration.Trigger returns a copy: changing it changes nothing", func() {
	s := newSim(simulator.Config{})
	r := s.register("C", simulator.NewCustomSystemEventTrigger("a", simulator.RecurrenceAlways))
	r.Trigger().(*simulator.CustomSystemEventTrigger).TriggerID = "b"
	s.RaiseCustomSystemEvent("b")
	s.RaiseCustomSystemEvent("a")
	Expect(s.lines(simulator.KindRun)).To(Equal([]string{"+00:00:00.000 run       C task=1 instance=1 trigger=CustomSystemEvent(a,Always)"}))
	Expect(r.Trigger().(*simulator.CustomSystemEventTrigger).TriggerID).To(Equal("a"))
})
