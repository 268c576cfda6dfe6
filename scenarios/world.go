package scenarios

import (
	"fmt"
	"slices"

	"github.com/bgsim/bgsim/simulator"
)

// world applies registrations and timeline actions to one engine.
type world struct {
	file   string
	e      *simulator.Engine
	regs   []*simulator.Registration // successful registrations, in order
	groups map[string]*simulator.TaskGroup
	err    error
}

func (w *world) register(r *Registration) {
	b := w.e.NewBackgroundTaskBuilder()
	configure(b, r, func(id, name string) *simulator.TaskGroup {
		g := w.groups[id]
		if g == nil {
			g = simulator.NewTaskGroup(id, name)
			w.groups[id] = g
		}
		return g
	})
	register := b.Register
	if r.RegisterWithName {
		register = func() (*simulator.Registration, error) { return b.RegisterWithName(r.Name) }
	}
	if reg, err := register(); err == nil {
		w.regs = append(w.regs, reg)
	}
}

// configure sets b from a registration of the file; group returns the task group of an id.
func configure(b *simulator.BackgroundTaskBuilder, r *Registration, group func(id, name string) *simulator.TaskGroup) {
	b.Name = r.Name
	b.TaskEntryPoint = r.EntryPoint
	if !r.Clsid.IsZero() {
		b.SetTaskEntryPointClsid(r.Clsid)
	}
	b.CancelOnConditionLoss = r.CancelOnConditionLoss
	b.IsNetworkRequested = r.NetworkRequested
	b.AllowRunningTaskInStandby = r.AllowRunningInStandby
	if r.Trigger != nil {
		b.SetTrigger(r.Trigger.build())
	}
	for _, c := range r.Conditions {
		b.AddCondition(c)
	}
	if r.Group != nil {
		b.TaskGroup = group(r.Group.ID, r.Group.Name)
	}
}

// live returns the registrations an unregister action looks at, in registration order: the
// file's, then any that task code registered.
func (w *world) live() []*simulator.Registration {
	out := w.regs
	known := make(map[*simulator.Registration]bool, len(w.regs))
	for _, r := range w.regs {
		known[r] = true
	}
	var more []*simulator.Registration
	for _, r := range registrations(w.e.AllTasks(), w.e.AllTaskGroups()) {
		if !known[r] {
			more = append(more, r)
		}
	}
	if len(more) == 0 {
		return out
	}
	return append(slices.Clip(out), more...)
}

// registrations lists the app's registrations and those of its groups, in registration order.
func registrations(all []*simulator.Registration, groups []*simulator.TaskGroup) []*simulator.Registration {
	out := slices.Clone(all)
	for _, g := range groups {
		out = append(out, g.AllTasks()...)
	}
	slices.SortFunc(out, func(a, b *simulator.Registration) int { return a.Number() - b.Number() })
	return out
}

// act runs one timeline action. The switch is sorted by action name; update doc.go when it
// changes.
func (w *world) act(a Action) {
	e := w.e
	switch a.Kind {
	case "access":
		if a.Text == "request" {
			e.RequestAccess()
		} else {
			e.RemoveAccess()
		}
	case "app":
		w.app(a.Text)
	case "battery_level":
		w.fail(a, e.SetBatteryLevel(a.Level))
	case "battery_saver":
		_ = e.SetBatterySaver(a.Bool) // refused on AC power: a device record, not a file error
	case "control_channel":
		w.fail(a, e.DeliverControlChannel(a.Text, a.Channel))
	case "custom_system_event":
		e.RaiseCustomSystemEvent(a.Text)
	case "device_trigger":
		e.RequestDeviceTrigger(simulator.DeviceTriggerRequest{Task: a.Task, DeviceID: a.Text, Arguments: a.DeviceArgs, DeniedByUser: a.DeniedByUser})
	case "fault":
		kind, err := simulator.ParseFaultKind(a.Fault)
		if err == nil {
			_, err = e.InjectFault(simulator.Fault{Kind: kind, Task: a.Task, Reason: a.Reason})
		}
		w.fail(a, err)
	case "geofence":
		w.fail(a, e.ReportGeofence(a.Text, a.Geofence))
	case "lock_screen":
		e.SetLockScreen(a.Bool)
	case "network":
		e.SetNetwork(a.Network)
	case "network_cost":
		e.SetNetworkCost(a.Cost)
	case "power":
		e.SetPower(a.Power)
	case "raw_notification":
		e.DeliverRawNotification(a.Text)
	case "register":
		w.register(a.Register)
	case "session":
		e.SetSession(a.Session)
	case "signal":
		e.RequestApplicationTrigger(a.Arguments)
	case "media_processing":
		e.RequestMediaProcessing(a.Task, a.Arguments)
	case "socket_activity":
		w.fail(a, e.DeliverSocketActivity(a.Task, a.Text, a.Socket))
	case "standby":
		e.SetStandby(a.Bool)
	case "system_event":
		w.fail(a, e.RaiseSystemEvent(a.Event))
	case "time_zone":
		w.fail(a, e.SetTimeZone(a.Text))
	case "trigger_event":
		w.fail(a, e.RaiseTriggerEvent(a.Text, a.Arguments))
	case "unregister":
		for _, r := range w.live() {
			if r.Name() == a.Task && !r.Unregistered() {
				r.Unregister(a.Cancel)
			}
		}
	case "user":
		e.SetUser(a.User)
	default:
		w.fail(a, fmt.Errorf("timeline action %q has no engine operation", a.Kind))
	}
}

func (w *world) app(op string) {
	switch op {
	case "launch":
		w.e.LaunchApp()
	case "resume":
		w.e.ResumeApp()
	case "suspend":
		w.e.SuspendApp()
	case "terminate":
		w.e.TerminateApp()
	case "update":
		w.e.UpdateApp()
	}
}

// fail keeps the first error an action returned; the replay reports it as a file error.
func (w *world) fail(a Action, err error) {
	if err != nil && w.err == nil {
		w.err = &ParseError{File: w.file, Line: a.Pos.Line, Col: a.Pos.Col, Msg: err.Error(), err: err}
	}
}
