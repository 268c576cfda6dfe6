package invariants

import (
	"github.com/bgsim/bgsim/simulator"
)

// ConditionHolds evaluates a SystemConditionType against the device, as Windows does for a
// registration: the network a task sees is none in connected standby unless it asked for the
// network (networkRequested).
func ConditionHolds(d simulator.DeviceState, networkRequested bool, c simulator.SystemConditionType) bool {
	net := d.Network
	if d.Standby && !networkRequested {
		net = simulator.NetworkNone
	}
	switch c {
	case simulator.ConditionUserPresent:
		return d.User == simulator.UserPresent
	case simulator.ConditionUserNotPresent:
		return d.User == simulator.UserAway
	case simulator.ConditionInternetAvailable:
		return net == simulator.NetworkInternet
	case simulator.ConditionInternetNotAvailable:
		return net != simulator.NetworkInternet
	case simulator.ConditionSessionConnected:
		return d.Session == simulator.SessionConnected
	case simulator.ConditionSessionDisconnected:
		return d.Session == simulator.SessionDisconnected
	case simulator.ConditionFreeNetworkAvailable:
		return net != simulator.NetworkNone && d.NetworkCost == simulator.CostFree
	case simulator.ConditionBackgroundWorkCostNotHigh:
		return d.WorkCost() != simulator.WorkCostHigh
	}
	return false
}

// OneShot reports whether t fires at most once.
func OneShot(t simulator.Trigger) bool {
	switch t := t.(type) {
	case *simulator.SystemTrigger:
		return t.OneShot
	case *simulator.TimeTrigger:
		return t.OneShot
	case *simulator.MaintenanceTrigger:
		return t.OneShot
	}
	return false
}

// Blocker says what keeps r from starting on e now, or "" when nothing does: an unmet
// condition (its name), a maintenance trigger off AC power ("ac_power"), background access
// ("access"), or Battery Saver ("battery_saver"). It reads the engine's public state only, so
// it is an independent statement of the rules the engine's own check follows. The network a
// condition sees assumes no IsNetworkRequested; see BlockerFor.
func Blocker(e *simulator.Engine, r *simulator.Registration) string {
	return BlockerFor(e, r, false)
}

// BlockerFor is Blocker for a registration that may have asked for the network in standby.
func BlockerFor(e *simulator.Engine, r *simulator.Registration, networkRequested bool) string {
	d := e.Device()
	for _, c := range r.Conditions() {
		if !ConditionHolds(d, networkRequested, c) {
			return c.String()
		}
	}
	if _, ok := r.Trigger().(*simulator.MaintenanceTrigger); ok && d.Power != simulator.PowerAC {
		return "ac_power"
	}
	a := e.AccessStatus()
	switch {
	case a.Denied() || a == simulator.AccessUnspecified:
		return "access"
	case a == simulator.AccessNotRequested:
		switch r.Trigger().(type) {
		case *simulator.TimeTrigger, *simulator.ApplicationTrigger:
			return "access"
		}
	}
	if simulator.BatterySaverHolds(d, a, e.Policy(), r.Trigger()) {
		return "battery_saver"
	}
	return ""
}
