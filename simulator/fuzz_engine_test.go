package simulator_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// Bounds that keep one fuzz input fast.
const (
	fuzzMaxOps           = 256
	fuzzMaxRegistrations = 24
	fuzzVirtualBudget    = 10 * 24 * time.Hour // the most virtual time run_for ops may add up to
	// fuzzDrain is how long the final phase runs after unregistering everything: longer than the
	// last work of any fuzzed task (2 × the longest delay) and any cancel grace.
	fuzzDrain = 5 * time.Hour
)

// FuzzEngine decodes a sequence of operations from its input (registrations with every kind of
// trigger, valid or not, conditions and task behaviours; device changes; app lifecycle;
// ApplicationTrigger signals; unregisters; RunFor steps; any of them also from inside an event)
// and checks the engine's invariants after every step: those invariantSink watches on the
// records, plus that virtual time never goes back, that the running instances the records imply
// match Registration.Running, and that no instance runs when the queue is empty. At the end it
// unregisters everything with cancel, drains, and requires every instance to have completed and
// its completion to have been delivered or dropped exactly once. The input is then replayed and
// must give the same trace, byte for byte.
//
// On failure it prints the decoded script. Seed corpus: testdata/fuzz/FuzzEngine.
func FuzzEngine(f *testing.F) {
	for _, seed := range fuzzSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		first := playFuzz(data)
		if first.err != "" {
			t.Fatalf("%s\nscript:\n%s", first.err, first.script.String())
		}
		second := playFuzz(data)
		if !bytes.Equal(first.inv.text, second.inv.text) {
			t.Fatalf("two replays of one input differ\nscript:\n%s", first.script.String())
		}
	})
}

// fuzzInput hands out the input's bytes; past the end it gives zeros.
type fuzzInput struct {
	b []byte
	i int
}

func (in *fuzzInput) more() bool { return in.i < len(in.b) }

func (in *fuzzInput) byte() byte {
	if in.i >= len(in.b) {
		return 0
	}
	in.i++
	return in.b[in.i-1]
}

func (in *fuzzInput) pick(n int) int { return int(in.byte()) % n }
func (in *fuzzInput) flag() bool     { return in.byte()&1 != 0 }

// fuzzWorld is one fuzzed engine and what the ops know about it.
type fuzzWorld struct {
	e          *simulator.Engine
	in         *fuzzInput
	inv        *invariantSink
	regs       []*simulator.Registration // successful registrations, in order
	behaviours map[*simulator.Registration]taskBehaviour
	groups     [2]*simulator.TaskGroup // one with its own BackgroundActivated, one without
	spent      time.Duration           // virtual time added by run_for ops
	script     strings.Builder
	err        string
}

// playFuzz runs one input to the end and returns the world, err set at the first broken rule.
func playFuzz(data []byte) *fuzzWorld {
	w := newFuzzWorld(&fuzzInput{b: data})
	for n := 0; n < fuzzMaxOps && w.in.more() && w.err == ""; n++ {
		b := int(w.in.byte()) % opSlots
		op := fuzzOps[0] // run_for
		if b < len(fuzzOps) {
			op = fuzzOps[b]
		}
		act, args := op.decode(w)
		fmt.Fprintf(&w.script, "  %s %s\n", op.name, args)
		act()
		w.check()
	}
	if w.err == "" {
		w.finish()
	}
	return w
}

// fuzzStarts are the instants a fuzzed simulation may start at: the default epoch, and the end of
// leap years and a DST change, where the zone database's edges are (golang/go#81583).
var fuzzStarts = [4]time.Time{{}, time.Date(2028, 12, 30, 0, 0, 0, 0, time.UTC),
	time.Date(2040, 12, 30, 12, 0, 0, 0, time.UTC), time.Date(2029, 3, 24, 0, 0, 0, 0, time.UTC)}

// newFuzzWorld decodes the configuration from the first bytes: seed, policy, app and access,
// device state, zone and start.
func newFuzzWorld(in *fuzzInput) *fuzzWorld {
	w := &fuzzWorld{in: in, inv: newInvariantSink(), behaviours: map[*simulator.Registration]taskBehaviour{}}
	seed, pol, app, dev := in.byte(), in.byte(), in.byte(), in.byte()
	zb := in.byte()
	zone := fuzzZones[int(zb)%(len(fuzzZones)-1)] // the last one is unknown
	cfg := simulator.Config{
		Seed:  uint64(seed),
		Start: fuzzStarts[zb>>4&3],
		Policy: simulator.Policy{
			CancelGrace:          [...]time.Duration{0, time.Second, 5 * time.Second, time.Minute}[pol&3],
			LatchedFirings:       simulator.LatchMode(pol >> 2 % 3),
			Overlap:              simulator.OverlapMode(pol >> 4 % 3),
			DeliverAfterRelaunch: pol&0x80 != 0,
			// Bit 6 of the policy byte: Battery Saver holds critical triggers too.
			HoldCriticalOnBatterySaver: pol&0x40 != 0,
			// The seed byte doubles as the rest of the knobs.
			IdleWatchdog:             [...]time.Duration{0, 0, 10 * time.Second, time.Minute}[seed&3],
			KeepRunningOnEnergySaver: seed&4 != 0,
			RegisterWithoutAccess:    seed&8 != 0,
			KeepAccessOnUpdate:       seed&16 != 0,
			EnergySaverOnAC:          seed&0x80 != 0,
			RequestAccessResult: [...]simulator.AccessStatus{simulator.AccessAllowedSubjectToSystemPolicy,
				simulator.AccessAlwaysAllowed, simulator.AccessDeniedBySystemPolicy, simulator.AccessDeniedByUser}[seed>>5&3],
		},
		App: simulator.AppConfig{
			State:  simulator.AppState(1 + app%4),
			Access: simulator.AccessStatus(1 + app>>2%9),
		},
		Device: simulator.DeviceState{
			TimeZone:    zone,
			Network:     simulator.NetworkLevel(3 - dev%3), // 0: internet, the default
			NetworkCost: simulator.NetworkCost(1 + dev>>2&1),
			Power:       simulator.PowerSource(1 + dev>>3&1),
			User:        simulator.UserPresence(1 + dev>>4&1),
			Session:     simulator.SessionState(1 + dev>>5&1),
			Standby:     dev&0x40 != 0,
			// Battery Saver starts on only on battery, or on AC where Energy Saver may stay on.
			BatterySaver: dev&0x80 != 0 && app&0x80 != 0 && (dev&0x08 != 0 || seed&0x80 != 0),
			LockScreen:   app&0x40 != 0,
		},
		Manifest: fuzzManifest,
		Tasks: map[string]simulator.TaskFactory{
			"Tasks.All":     w.factory,
			"Tasks.Timer":   w.factory,
			"Tasks.General": w.factory,
			"Tasks.Nil":     func() simulator.Task { return nil },
			fuzzComClass:    w.factory,
		},
		Sink: w.inv,
	}
	if app&0x80 == 0 {
		cfg.App.OnBackgroundActivated = w.run
	}
	if zb&0x40 != 0 {
		cfg.Device.MaintenanceWindow, _ = simulator.ParseMaintenanceWindow("02:00-04:00")
	}
	fmt.Fprintf(&w.script, "  config seed=%d start=%v policy=%+v app=%v access=%v device=%+v\n",
		seed, cfg.Start, cfg.Policy, cfg.App.State, cfg.App.Access, cfg.Device)
	e, err := simulator.New(cfg)
	if err != nil {
		panic(err) // every decoded configuration is valid
	}
	w.e = e
	w.inv.Attach(e)
	w.groups[0] = simulator.NewTaskGroup("group-with-handler", "G1")
	w.groups[0].BackgroundActivated = w.run
	w.groups[1] = simulator.NewTaskGroup("group-without-handler", "G2")
	return w
}

func (w *fuzzWorld) factory() simulator.Task { return simulator.TaskFunc(w.run) }

// launch launches the app and, as an app does in OnLaunched, attaches its handlers again.
func (w *fuzzWorld) launch() {
	w.e.LaunchApp()
	for _, r := range w.regs {
		w.attachHandlers(r)
	}
}

var fuzzManifest = func() *manifest.Manifest {
	all := []manifest.TaskType{manifest.General, manifest.SystemEvent, manifest.Timer, manifest.PushNotification,
		manifest.Bluetooth, manifest.Location, manifest.MediaProcessing, manifest.ControlChannel,
		manifest.DeviceUse, manifest.DeviceServicing}
	m, err := manifest.New("fuzz",
		manifest.Declaration{EntryPoint: "Tasks.All", TaskTypes: all},
		// Tasks.Timer and Tasks.General share a host (a resource group).
		manifest.Declaration{EntryPoint: "Tasks.Timer", TaskTypes: []manifest.TaskType{manifest.Timer}, ResourceGroup: "shared"},
		manifest.Declaration{EntryPoint: "Tasks.General", TaskTypes: []manifest.TaskType{manifest.General}, ResourceGroup: "shared"},
		manifest.Declaration{EntryPoint: "Tasks.NoFactory", TaskTypes: all},
		manifest.Declaration{EntryPoint: "Tasks.Nil", TaskTypes: all},
	)
	if err != nil {
		panic(err)
	}
	m.ComClasses = []string{fuzzComClass}                        // a COM server class for SetTaskEntryPointClsid
	m.UpdateTask = &manifest.UpdateTask{EntryPoint: "Tasks.All"} // runs on every update
	return m
}()

// check runs the rules that look at the engine between steps (package invariants): the clock is
// not behind the trace, the running instances agree with the registrations, and, since every
// fuzzed deferral is completed by queued work, a running instance has an event queued.
func (w *fuzzWorld) check() {
	if v := w.inv.CheckEngine(); v != nil {
		w.err = v.Error()
		return
	}
	if v := w.inv.CheckQueue(); v != nil {
		w.err = v.Error()
	}
}

// finish unregisters every registration with cancel, lets the work drain, brings the app to the
// foreground, and checks that every instance completed and was handed to the app once.
func (w *fuzzWorld) finish() {
	w.script.WriteString("  finish: unregister all (cancel), run_for drain, launch\n")
	for range 2 { // twice: ops scheduled with "later" may still register during the first hour
		for _, r := range w.regs {
			r.Unregister(true)
		}
		w.e.RunFor(time.Hour)
	}
	w.e.RunFor(fuzzDrain)
	w.check()
	if w.err != "" {
		return
	}
	w.launch()
	w.e.RunFor(0)
	w.check()
	if v := w.inv.Final(true); w.err == "" && v != nil {
		w.err = v.Error()
	}
}
