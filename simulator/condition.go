package simulator

// conditionHolds evaluates one condition for a registration against the device (docs/windows-model.md#conditions). The
// network a registration sees is the device's, except in connected standby without
// IsNetworkRequested, where it sees none (docs/windows-model.md#task-builder, #connected-standby [documented]).
func (e *Engine) conditionHolds(r *Registration, c SystemConditionType) bool {
	d := &e.device
	switch c {
	case ConditionUserPresent:
		return d.User == UserPresent
	case ConditionUserNotPresent:
		return d.User == UserAway
	case ConditionInternetAvailable:
		return e.networkFor(r) == NetworkInternet
	case ConditionInternetNotAvailable:
		return e.networkFor(r) != NetworkInternet
	case ConditionSessionConnected:
		return d.Session == SessionConnected
	case ConditionSessionDisconnected:
		return d.Session == SessionDisconnected
	case ConditionFreeNetworkAvailable:
		// Any connected network that is not metered [bgsim's choice]: Windows says "a free (non-metered)
		// network connection is available".
		return e.networkFor(r) != NetworkNone && d.NetworkCost == CostFree
	case ConditionBackgroundWorkCostNotHigh:
		return d.WorkCost() != WorkCostHigh
	}
	return false
}

// networkFor is the connectivity a registration's task sees.
func (e *Engine) networkFor(r *Registration) NetworkLevel {
	if e.device.Standby && !r.networkRequested {
		return NetworkNone
	}
	return e.device.Network
}

// unmet returns the first condition of r that does not hold, or ConditionInvalid when all hold.
func (e *Engine) unmet(r *Registration) SystemConditionType {
	for _, c := range r.conditions {
		if !e.conditionHolds(r, c) {
			return c
		}
	}
	return ConditionInvalid
}

// blocker says why r may not start now, as the latched record's "waiting=" value, or "" when it
// may start. The checks, first match wins: its conditions (docs/windows-model.md#conditions); MaintenanceTrigger's AC power
// (docs/windows-model.md#maintenance-triggers [documented]) and maintenance window (docs/windows-model.md#maintenance-window, [bgsim's choice] window); background access (docs/windows-model.md#background-access [bgsim's choice]); Battery Saver
// (docs/windows-model.md#limits-and-policy [documented]).
func (e *Engine) blocker(r *Registration) string {
	if c := e.unmet(r); c != ConditionInvalid {
		return c.String()
	}
	if _, ok := r.trigger.(*MaintenanceTrigger); ok {
		if e.device.Power != PowerAC {
			return "ac_power"
		}
		if !e.inMaintenanceWindow() {
			return "maintenance_window"
		}
	}
	if r.heldInStandby && e.device.Standby {
		return "standby"
	}
	if e.accessBlocks(r) {
		return "access"
	}
	if BatterySaverHolds(e.device, e.access, e.policy, r.trigger) {
		return "battery_saver"
	}
	return ""
}
