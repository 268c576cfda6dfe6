package simulator_test

import (
	"fmt"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// fuzzOp decodes its arguments from the input and returns the action that performs it, with a
// line for the script FuzzEngine prints on failure. Decoding and acting are apart so that an op
// can also run later, inside an event ("later").
type fuzzOp struct {
	name   string
	decode func(w *fuzzWorld) (act func(), args string)
}

// opSlots is how many values the op byte selects among: bytes past the end of fuzzOps mean
// run_for. Adding an op is one row at the end of fuzzOps, and changes the meaning of only the
// byte that named run_for before.
const opSlots = 32

// fuzzOps is the index of every operation FuzzEngine performs; laterOps are the ones "later" may
// schedule (all but run_for and later). Keep new rows at the end. Both are filled in init because
// "later" decodes another op from them.
var fuzzOps, laterOps []fuzzOp

func init() {
	fuzzOps = []fuzzOp{
		{"run_for", decodeRunFor},
		{"register", decodeRegister},
		{"unregister", decodeUnregister},
		{"set_time_zone", func(w *fuzzWorld) (func(), string) {
			z := fuzzZones[w.in.pick(len(fuzzZones))]
			return func() { _ = w.e.SetTimeZone(z) }, z
		}},
		{"set_network", func(w *fuzzWorld) (func(), string) {
			v := simulator.NetworkLevel(1 + w.in.pick(3))
			return func() { w.e.SetNetwork(v) }, v.String()
		}},
		{"set_network_cost", func(w *fuzzWorld) (func(), string) {
			v := simulator.NetworkCost(1 + w.in.pick(2))
			return func() { w.e.SetNetworkCost(v) }, v.String()
		}},
		{"set_power", func(w *fuzzWorld) (func(), string) {
			v := simulator.PowerSource(1 + w.in.pick(2))
			return func() { w.e.SetPower(v) }, v.String()
		}},
		{"set_battery_saver", func(w *fuzzWorld) (func(), string) {
			v := w.in.flag()
			return func() { w.e.SetBatterySaver(v) }, fmt.Sprint(v)
		}},
		{"set_standby", func(w *fuzzWorld) (func(), string) {
			v := w.in.flag()
			return func() { w.e.SetStandby(v) }, fmt.Sprint(v)
		}},
		{"set_user", func(w *fuzzWorld) (func(), string) {
			v := simulator.UserPresence(1 + w.in.pick(2))
			return func() { w.e.SetUser(v) }, v.String()
		}},
		{"set_session", func(w *fuzzWorld) (func(), string) {
			v := simulator.SessionState(1 + w.in.pick(2))
			return func() { w.e.SetSession(v) }, v.String()
		}},
		{"set_lock_screen", func(w *fuzzWorld) (func(), string) {
			v := w.in.flag()
			return func() { w.e.SetLockScreen(v) }, fmt.Sprint(v)
		}},
		{"raise_system_event", func(w *fuzzWorld) (func(), string) {
			t := simulator.SystemTriggerType(w.in.pick(17)) // invalid and stateful ones are refused
			return func() { _ = w.e.RaiseSystemEvent(t) }, fmt.Sprint(uint8(t))
		}},
		{"raise_custom_event", func(w *fuzzWorld) (func(), string) {
			id := fuzzEventIDs[w.in.pick(len(fuzzEventIDs))]
			return func() { w.e.RaiseCustomSystemEvent(id) }, fmt.Sprintf("%q", id)
		}},
		{"signal", func(w *fuzzWorld) (func(), string) {
			var args map[string]string
			if w.in.flag() {
				args = map[string]string{"k": "v w", "a": "1"}
			}
			return func() { w.e.RequestApplicationTrigger(args) }, fmt.Sprint(len(args))
		}},
		{"launch", func(w *fuzzWorld) (func(), string) { return w.launch, "" }},
		{"suspend", func(w *fuzzWorld) (func(), string) { return w.e.SuspendApp, "" }},
		{"resume", func(w *fuzzWorld) (func(), string) { return w.e.ResumeApp, "" }},
		{"terminate", func(w *fuzzWorld) (func(), string) { return w.e.TerminateApp, "" }},
		{"update", func(w *fuzzWorld) (func(), string) { return w.e.UpdateApp, "" }},
		{"later", decodeLater},
		{"request_access", func(w *fuzzWorld) (func(), string) { return func() { w.e.RequestAccess() }, "" }},
		{"remove_access", func(w *fuzzWorld) (func(), string) { return w.e.RemoveAccess, "" }},
		{"fault", decodeFault},
		{"socket_activity", decodeSocketActivity},
		{"trigger_event", func(w *fuzzWorld) (func(), string) {
			class := fuzzClasses[w.in.pick(len(fuzzClasses))]
			var details map[string]string
			if w.in.flag() {
				details = map[string]string{"state": "Entered", "k": "v w"}
			}
			return func() { _ = w.e.RaiseTriggerEvent(class, details) }, fmt.Sprintf("%s %d", class, len(details))
		}},
		{"geofence", func(w *fuzzWorld) (func(), string) {
			id := fuzzSockets[w.in.pick(len(fuzzSockets))] // "" is refused
			state := simulator.GeofenceState(w.in.pick(4)) // 0 and 3 are invalid
			return func() { _ = w.e.ReportGeofence(id, state) }, fmt.Sprintf("%q %d", id, state)
		}},
		{"control_channel", func(w *fuzzWorld) (func(), string) {
			id := fuzzSockets[w.in.pick(len(fuzzSockets))]    // "" is refused
			ev := simulator.ControlChannelEvent(w.in.pick(4)) // 0 and 3 are invalid
			return func() { _ = w.e.DeliverControlChannel(id, ev) }, fmt.Sprintf("%q %d", id, ev)
		}},
		{"device_trigger", func(w *fuzzWorld) (func(), string) {
			i, denied := w.in.byte(), w.in.flag()
			return func() {
				name := "nobody"
				if len(w.regs) > 0 {
					name = w.regs[int(i)%len(w.regs)].Name()
				}
				w.e.RequestDeviceTrigger(simulator.DeviceTriggerRequest{Task: name, DeviceID: "d", DeniedByUser: denied})
			}, fmt.Sprintf("#%d denied=%v", i, denied)
		}},
		{"battery_level", func(w *fuzzWorld) (func(), string) {
			v := []uint8{0, 20, 33, 34, 100, 101}[w.in.pick(6)] // 0 and 101 are refused
			return func() { _ = w.e.SetBatteryLevel(v) }, fmt.Sprint(v)
		}},
		{"raw_notification", func(w *fuzzWorld) (func(), string) {
			c := fuzzContents[w.in.pick(len(fuzzContents))]
			return func() { w.e.DeliverRawNotification(c) }, fmt.Sprintf("%q", c)
		}},
		{"media_processing", func(w *fuzzWorld) (func(), string) {
			i := w.in.byte()
			return func() {
				name := "nobody"
				if len(w.regs) > 0 {
					name = w.regs[int(i)%len(w.regs)].Name()
				}
				w.e.RequestMediaProcessing(name, map[string]string{"pass": "1"})
			}, fmt.Sprintf("#%d", i)
		}},
	}
	for _, op := range fuzzOps {
		if op.name != "run_for" && op.name != "later" {
			laterOps = append(laterOps, op)
		}
	}
}

var (
	fuzzZones    = []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "No/Such_Zone"}
	fuzzEventIDs = []string{"", "sync", "backup"}
	fuzzSockets  = []string{"", "s1", "s2"} // "" is refused
	fuzzContents = []string{"", "x", "new mail"}
	// fuzzClasses are trigger classes: bluetooth, once per app, general or systemEvent, and unknown.
	fuzzClasses = []string{"BluetoothLEAdvertisementWatcherTrigger", "MediaProcessingTrigger", "ContentPrefetchTrigger", "NoSuchTrigger"}
	// fuzzSteps are the spans run_for advances by: the same instant, around the cancel grace and
	// the work delays, and past ticks and days.
	fuzzSteps = [...]time.Duration{0, time.Second, 4 * time.Second, 5 * time.Second, 30 * time.Second,
		time.Minute, 15 * time.Minute, time.Hour, 6 * time.Hour, 24 * time.Hour}
)

func decodeRunFor(w *fuzzWorld) (func(), string) {
	d := fuzzSteps[w.in.pick(len(fuzzSteps))]
	return func() {
		if w.spent+d <= fuzzVirtualBudget {
			w.spent += d
			w.e.RunFor(d)
		}
	}, d.String()
}

func decodeUnregister(w *fuzzWorld) (func(), string) {
	i, cancel := w.in.byte(), w.in.flag()
	return func() {
		if len(w.regs) > 0 {
			w.regs[int(i)%len(w.regs)].Unregister(cancel)
		}
	}, fmt.Sprintf("#%d cancel=%v", i, cancel)
}

// decodeFault injects a fault of any kind (the invalid one too) into a registration's name,
// with any policy_cancel reason or none; the engine refuses the malformed ones.
func decodeFault(w *fuzzWorld) (func(), string) {
	kind := simulator.FaultKind(w.in.pick(4))
	reasons := simulator.PolicyCancelReasons()
	var reason simulator.CancellationReason
	if r := w.in.pick(len(reasons) + 2); r < len(reasons) {
		reason = reasons[r]
	} else if r == len(reasons) {
		reason = simulator.ReasonAbort // owned by another rule: refused
	}
	i := w.in.byte()
	return func() {
		name := "nobody"
		if len(w.regs) > 0 {
			name = w.regs[int(i)%len(w.regs)].Name()
		}
		_, _ = w.e.InjectFault(simulator.Fault{Kind: kind, Task: name, Reason: reason})
	}, fmt.Sprintf("%d #%d reason=%v", kind, i, reason)
}

// decodeSocketActivity delivers socket activity, with any reason (the invalid one too) on any
// socket ("" too), to a registration's name; the engine refuses the malformed ones.
func decodeSocketActivity(w *fuzzWorld) (func(), string) {
	i := w.in.byte()
	socket := fuzzSockets[w.in.pick(len(fuzzSockets))]
	reason := simulator.SocketActivityTriggerReason(w.in.pick(6)) // 0 and 5 are invalid
	return func() {
		name := "nobody"
		if len(w.regs) > 0 {
			name = w.regs[int(i)%len(w.regs)].Name()
		}
		_ = w.e.DeliverSocketActivity(name, socket, reason)
	}, fmt.Sprintf("#%d %q %d", i, socket, reason)
}

// decodeLater schedules the next op (run_for and later excepted) to run inside an event, so that
// every operation is also tried from a handler.
func decodeLater(w *fuzzWorld) (func(), string) {
	d := fuzzSteps[w.in.pick(7)]
	op := laterOps[w.in.pick(len(laterOps))]
	act, args := op.decode(w)
	return func() { w.e.AfterFunc(d, act) }, fmt.Sprintf("%v: %s %s", d, op.name, args)
}

// fuzzEntryPoints are the entry points a registration may name: declared with every task type,
// timer only, general only, declared without Go code, declared with a factory returning nil,
// undeclared, and "" (in-process).
var fuzzEntryPoints = []string{"Tasks.All", "Tasks.Timer", "Tasks.General", "Tasks.NoFactory",
	"Tasks.Nil", "Tasks.Undeclared", "", fuzzComClass, "{00000000-0000-4000-8000-000000000000}"}

// fuzzComClass is the COM class the fuzz manifest declares; an entry point in braces is set
// with SetTaskEntryPointClsid (the other one is undeclared).
const fuzzComClass = "{6c4a8e2f-91b3-4d57-a0e6-3f2b9c1d7e40}"

func decodeRegister(w *fuzzWorld) (func(), string) {
	in := w.in
	trig, tdesc := decodeTrigger(in)
	name := fmt.Sprintf("t%d", in.pick(4))
	ep := fuzzEntryPoints[in.pick(len(fuzzEntryPoints))]
	flags := in.byte()
	var conds []simulator.SystemConditionType
	for range flags & 3 {
		conds = append(conds, simulator.SystemConditionType(in.pick(10))) // 0 and 9 are invalid
	}
	beh := decodeBehaviour(in)
	act := func() {
		if len(w.regs) >= fuzzMaxRegistrations {
			return
		}
		b := w.e.NewBackgroundTaskBuilder()
		if g, err := simulator.ParseGUID(ep); err == nil {
			b.Name = name
			b.SetTaskEntryPointClsid(g)
		} else {
			b.Name, b.TaskEntryPoint = name, ep
		}
		b.CancelOnConditionLoss = flags&4 != 0
		b.IsNetworkRequested = flags&8 != 0
		b.AllowRunningTaskInStandby = flags&128 != 0
		if flags&16 != 0 {
			b.TaskGroup = w.groups[flags>>5&1]
		}
		if trig != nil {
			b.SetTrigger(trig())
		}
		for _, c := range conds {
			b.AddCondition(c)
		}
		register := b.Register
		if flags&64 != 0 {
			register = func() (*simulator.Registration, error) { return b.RegisterWithName(name) }
		}
		r, err := register()
		if err != nil {
			return
		}
		w.regs = append(w.regs, r)
		w.behaviours[r] = beh
		w.attachHandlers(r)
	}
	return act, fmt.Sprintf("%s %s ep=%q flags=%#x conds=%v %+v", name, tdesc, ep, flags, conds, beh)
}

// decodeTrigger returns a trigger maker (nil: no trigger), valid or not. A maker, because a
// trigger value belongs to the one registration it is set on.
func decodeTrigger(in *fuzzInput) (func() simulator.Trigger, string) {
	kind, a, b := in.pick(14), in.byte(), in.flag()
	switch kind {
	case 1:
		t := simulator.SystemTriggerType(a % 17) // 0 and 16 are invalid
		return func() simulator.Trigger { return simulator.NewSystemTrigger(t, b) }, fmt.Sprintf("system(%d,%v)", t, b)
	case 2:
		f := freshness(a)
		return func() simulator.Trigger { return &simulator.TimeTrigger{Freshness: f, OneShot: b} }, fmt.Sprintf("time(%v,%v)", f, b)
	case 3:
		f := freshness(a)
		if a&1 != 0 {
			f += 30 * 24 * time.Hour // past the maintenance limit
		}
		return func() simulator.Trigger { return &simulator.MaintenanceTrigger{Freshness: f, OneShot: b} }, fmt.Sprintf("maintenance(%v,%v)", f, b)
	case 4, 5:
		return func() simulator.Trigger { return simulator.NewApplicationTrigger() }, "application"
	case 6:
		id := fuzzEventIDs[a%3]
		r := simulator.CustomSystemEventRecurrence(a >> 2 % 4) // 0 and 3 are invalid
		return func() simulator.Trigger { return simulator.NewCustomSystemEventTrigger(id, r) }, fmt.Sprintf("custom(%q,%d)", id, r)
	case 7:
		return func() simulator.Trigger { return simulator.NewSocketActivityTrigger() }, "socket_activity"
	case 8:
		return func() simulator.Trigger { return simulator.NewPushNotificationTrigger() }, "push_notification"
	case 9:
		class := fuzzClasses[a%4] // NoSuchTrigger fails Register
		return func() simulator.Trigger { return &simulator.GenericTrigger{Class: class} }, "generic(" + class + ")"
	case 10:
		t := simulator.LocationTriggerType(a % 3) // 0 and 2 are invalid
		return func() simulator.Trigger { return simulator.NewLocationTrigger(t) }, fmt.Sprintf("location(%d)", t)
	case 11:
		// Channels s1 and s2, a keep-alive valid or not, either slot (or an invalid one).
		id := fuzzSockets[1+int(a&1)]
		keepAlive := []uint32{15, 1439, 14, 1440}[a>>1&3]
		resource := simulator.ControlChannelResourceType(a >> 3 % 4) // 0 and 3 are invalid
		return func() simulator.Trigger {
				return &simulator.ControlChannelTrigger{ChannelID: id, ServerKeepAlive: keepAlive, Resource: resource}
			}, fmt.Sprintf("control_channel(%s,%d,%d)", id, keepAlive,
				resource)
	case 12:
		return func() simulator.Trigger { return simulator.NewDeviceUseTrigger() }, "device_use"
	case 13:
		return func() simulator.Trigger { return simulator.NewDeviceServicingTrigger() }, "device_servicing"
	}
	return nil, "no_trigger"
}

// freshness is 10 to 73 minutes (below 15 is invalid), now and then with a stray second.
func freshness(a byte) time.Duration {
	f := time.Duration(10+a%64) * time.Minute
	if a >= 0xf0 {
		f += time.Second // not whole minutes: invalid
	}
	return f
}
