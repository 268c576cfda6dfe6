package simulator

// IsCritical reports whether t is one of the triggers Windows calls critical, with a guaranteed
// CPU quota: PushNotificationTrigger and ControlChannelTrigger
// (docs/windows-model.md#critical-triggers). Battery Saver neither holds nor cancels a
// ControlChannelTrigger task unless Policy.HoldCriticalOnBatterySaver; push notifications are not
// received at all while Battery Saver holds the app back, so it cancels push tasks like any other.
func IsCritical(t Trigger) bool {
	switch t.(type) {
	case *PushNotificationTrigger, *ControlChannelTrigger:
		return true
	}
	return false
}

// BatterySaverHolds reports whether Battery Saver keeps a task of an app with access status a
// and trigger t from running, under policy p: Battery Saver is on, the app is not AlwaysAllowed,
// and the trigger is not a control channel (or the policy holds those too). The engine and the
// invariants package share this one rule.
func BatterySaverHolds(d DeviceState, a AccessStatus, p Policy, t Trigger) bool {
	return d.BatterySaver && !a.exemptFromBatterySaver() && !batterySaverSpares(p, t)
}

// batterySaverSpares reports whether Battery Saver leaves a task of trigger t alone under policy
// p: a control channel, unless Policy.HoldCriticalOnBatterySaver.
func batterySaverSpares(p Policy, t Trigger) bool {
	_, channel := t.(*ControlChannelTrigger)
	return channel && !p.HoldCriticalOnBatterySaver
}
