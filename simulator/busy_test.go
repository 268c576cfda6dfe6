package simulator_test

import (
	"math/rand/v2"
	"time"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// busyTask takes a deferral, reports progress twice and completes a few seconds later: the
// shape of most real tasks.
type busyTask struct{}

func (busyTask) Run(in *simulator.Instance) {
	d := in.GetDeferral()
	in.AfterFunc(time.Second, func() { in.SetProgress(50) })
	in.AfterFunc(3*time.Second, func() {
		in.SetProgress(100)
		d.Complete()
	})
}

var busySystemEvents = []simulator.SystemTriggerType{
	simulator.SystemTriggerTimeZoneChange, simulator.SystemTriggerInternetAvailable,
	simulator.SystemTriggerNetworkStateChange, simulator.SystemTriggerUserPresent,
	simulator.SystemTriggerUserAway, simulator.SystemTriggerPowerStateChange,
	simulator.SystemTriggerBackgroundWorkCostChange, simulator.SystemTriggerSessionConnected,
}

var busyZones = []string{"Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London", "UTC"}

// newBusyDevice builds a device with nTime time triggers (freshness 15, 16, … minutes), one
// system trigger per event type of busySystemEvents, a maintenance trigger, and a scripted day
// that repeats with seeded jitter: standby, power, presence, network drops and cost changes, and
// a time zone change every third day.
func newBusyDevice(seed uint64, sink simulator.Sink, nTime int) *simulator.Engine {
	m, err := manifest.New("busy", manifest.Declaration{EntryPoint: "Tasks.Busy",
		TaskTypes: []manifest.TaskType{manifest.SystemEvent, manifest.Timer, manifest.General}})
	if err != nil {
		panic(err)
	}
	e, err := simulator.New(simulator.Config{
		Seed:     seed,
		Start:    time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Device:   simulator.DeviceState{TimeZone: "Europe/Berlin"},
		Manifest: m,
		Tasks:    map[string]simulator.TaskFactory{"Tasks.Busy": func() simulator.Task { return busyTask{} }},
		Sink:     sink,
	})
	if err != nil {
		panic(err)
	}
	register := func(name string, t simulator.Trigger, conds ...simulator.SystemConditionType) {
		b := e.NewBackgroundTaskBuilder()
		b.Name, b.TaskEntryPoint = name, "Tasks.Busy"
		b.SetTrigger(t)
		for _, c := range conds {
			b.AddCondition(c)
		}
		b.CancelOnConditionLoss = len(conds) > 0
		b.MustRegister()
	}
	for i := 0; i < nTime; i++ {
		var conds []simulator.SystemConditionType
		if i%4 == 1 {
			conds = append(conds, simulator.ConditionInternetAvailable)
		}
		register("time", simulator.NewTimeTrigger(uint32(15+i), false), conds...)
	}
	for _, ev := range busySystemEvents {
		register(ev.String(), simulator.NewSystemTrigger(ev, false), simulator.ConditionUserPresent)
	}
	register("maintenance", simulator.NewMaintenanceTrigger(60, false))

	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	day := 0
	var scriptDay func()
	scriptDay = func() {
		base := time.Duration(day) * 24 * time.Hour
		jitter := func() time.Duration { return time.Duration(rng.IntN(30)) * time.Minute }
		at := func(h int, f func()) { e.At(base+time.Duration(h)*time.Hour+jitter(), f) }
		at(7, func() { e.SetStandby(false); e.SetPower(simulator.PowerBattery) })
		at(8, func() { e.SetUser(simulator.UserPresent) })
		at(10, func() { e.SetNetwork(simulator.NetworkNone) })
		at(11, func() { e.SetNetwork(simulator.NetworkInternet) })
		at(12, func() { e.SetPower(simulator.PowerAC) })
		at(13, func() { e.SetUser(simulator.UserAway) })
		at(15, func() { e.SetNetworkCost(simulator.CostMetered) })
		at(17, func() { e.SetNetworkCost(simulator.CostFree); e.SetUser(simulator.UserPresent) })
		at(20, func() { e.SetNetwork(simulator.NetworkLocal) })
		at(21, func() { e.SetNetwork(simulator.NetworkInternet) })
		at(22, func() { e.SetUser(simulator.UserAway); e.SetStandby(true) })
		if day%3 == 2 {
			zone := busyZones[rng.IntN(len(busyZones))]
			at(23, func() { _ = e.SetTimeZone(zone) })
		}
		day++
		e.At(base+24*time.Hour, scriptDay)
	}
	scriptDay()
	return e
}
