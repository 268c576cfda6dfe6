package simulator_test

import (
	"math/rand/v2"
	"time"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// busyTask takes a deferral, reports progress twice and completes a few seconds later: the
// shape of most real tasks. Its per-run state holds the two callbacks, bound once, and goes back
// to its pool after the run's last callback, so in steady state the task code allocates nothing
// and the benchmarks' allocation counts are the engine's own. A run whose host dies before its
// last callback simply leaves its state to the garbage collector.
type busyTask struct {
	pool        *busyPool
	in          *simulator.Instance
	d           *simulator.Deferral
	half, whole func()
}

func (t *busyTask) Run(in *simulator.Instance) {
	t.in = in
	t.d = in.GetDeferral()
	in.AfterFunc(time.Second, t.half)
	in.AfterFunc(3*time.Second, t.whole)
}

// busyPool recycles busyTask states; each engine has its own, used on its goroutine only.
type busyPool struct{ free []*busyTask }

func (p *busyPool) get() simulator.Task {
	if n := len(p.free); n > 0 {
		t := p.free[n-1]
		p.free = p.free[:n-1]
		return t
	}
	t := &busyTask{pool: p}
	t.half = func() { t.in.SetProgress(50) }
	t.whole = func() {
		t.in.SetProgress(100)
		t.d.Complete()
		t.in, t.d = nil, nil
		p.free = append(p.free, t)
	}
	return t
}

var busySystemEvents = []simulator.SystemTriggerType{
	simulator.SystemTriggerTimeZoneChange, simulator.SystemTriggerInternetAvailable,
	simulator.SystemTriggerNetworkStateChange, simulator.SystemTriggerUserPresent,
	simulator.SystemTriggerUserAway, simulator.SystemTriggerPowerStateChange,
	simulator.SystemTriggerBackgroundWorkCostChange, simulator.SystemTriggerSessionConnected,
}

var busyZones = []string{"Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London", "UTC"}

// newBusyDevice builds a device with nTime time triggers (freshness 15, 16, … 114 minutes, then
// again from 15: every hundred triggers repeat the same pattern), one
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
		Tasks:    map[string]simulator.TaskFactory{"Tasks.Busy": (&busyPool{}).get},
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
		register("time", simulator.NewTimeTrigger(uint32(15+i%100), false), conds...)
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
