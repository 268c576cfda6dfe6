package simulator

// IsCritical reports whether t is one of the triggers Windows calls critical, with a guaranteed
// CPU quota: PushNotificationTrigger and ControlChannelTrigger
// (docs/windows-model.md#critical-triggers). Battery Saver neither holds nor cancels them unless
// Policy.HoldCriticalOnBatterySaver.
func IsCritical(t Trigger) bool {
	switch t.(type) {
	case *PushNotificationTrigger, *ControlChannelTrigger:
		return true
	}
	return false
}

// BatterySaverHolds reports whether Battery Saver keeps a task of an app with access status a
// and trigger t from running, under policy p: Battery Saver is on, the app is not AlwaysAllowed,
// and the trigger is not critical (or the policy holds critical ones too). The engine and the
// invariants package share this one rule.
func BatterySaverHolds(d DeviceState, a AccessStatus, p Policy, t Trigger) bool {
	return d.BatterySaver && !a.exemptFromBatterySaver() && (p.HoldCriticalOnBatterySaver || !IsCritical(t))
}
