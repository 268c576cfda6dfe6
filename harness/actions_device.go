package harness

import (
	"fmt"

	"github.com/bgsim/bgsim/simulator"
)

// TimeZone changes the device's time zone (scenario key time_zone): TimeZoneChange fires when
// the UTC offset changes.
func TimeZone(name string) Action {
	return Action{"time_zone " + name, func(s *Simulation) error { return s.e.SetTimeZone(name) }}
}

// Network changes connectivity (network).
func Network(n simulator.NetworkLevel) Action {
	return Action{"network " + n.String(), func(s *Simulation) error { s.e.SetNetwork(n); return nil }}
}

// NetworkCost changes the cost of the current network (network_cost).
func NetworkCost(c simulator.NetworkCost) Action {
	return Action{"network_cost " + c.String(), func(s *Simulation) error { s.e.SetNetworkCost(c); return nil }}
}

// Power changes the power source (power).
func Power(p simulator.PowerSource) Action {
	return Action{"power " + p.String(), func(s *Simulation) error { s.e.SetPower(p); return nil }}
}

// BatterySaver turns Battery Saver on or off (battery_saver). Turning it on while the device is
// on AC power is refused unless the policy sets EnergySaverOnAC: the trace has a device record
// "refused=battery_saver power=ac" and the action fails with simulator.ErrBatterySaverOnAC.
func BatterySaver(on bool) Action {
	return Action{fmt.Sprintf("battery_saver %t", on), func(s *Simulation) error { return s.e.SetBatterySaver(on) }}
}

// Standby enters or leaves connected standby (standby).
func Standby(on bool) Action {
	return Action{fmt.Sprintf("standby %t", on), func(s *Simulation) error { s.e.SetStandby(on); return nil }}
}

// User changes user presence (user).
func User(u simulator.UserPresence) Action {
	return Action{"user " + u.String(), func(s *Simulation) error { s.e.SetUser(u); return nil }}
}

// Session connects or disconnects the session (session).
func Session(st simulator.SessionState) Action {
	return Action{"session " + st.String(), func(s *Simulation) error { s.e.SetSession(st); return nil }}
}

// LockScreen adds the app to the lock screen or removes it (lock_screen added|removed).
func LockScreen(added bool) Action {
	return Action{fmt.Sprintf("lock_screen %t", added), func(s *Simulation) error { s.e.SetLockScreen(added); return nil }}
}

// SystemEvent raises a system event that carries no device state (system_event): SmsReceived,
// ControlChannelReset, OnlineIdConnectedStateChange, DefaultSignInAccountChange.
func SystemEvent(t simulator.SystemTriggerType) Action {
	return Action{"system_event " + t.String(), func(s *Simulation) error { return s.e.RaiseSystemEvent(t) }}
}

// CustomSystemEvent raises the custom system event with that id (custom_system_event).
func CustomSystemEvent(id string) Action {
	return Action{"custom_system_event " + id, func(s *Simulation) error {
		if id == "" {
			return fmt.Errorf("empty trigger id: a CustomSystemEventTrigger has one")
		}
		s.e.RaiseCustomSystemEvent(id)
		return nil
	}}
}
