package simulator

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/bgsim/bgsim/simulator/internal/tzdb"
)

// DeviceState is the simulated device. The zero value of each field means its default.
type DeviceState struct {
	TimeZone     string       // IANA name; default "UTC"
	Network      NetworkLevel // default NetworkInternet
	NetworkCost  NetworkCost  // default CostFree
	Power        PowerSource  // default PowerAC
	BatterySaver bool         // Battery Saver on
	Standby      bool         // connected (modern) standby: the screen is off
	User         UserPresence // default UserPresent
	Session      SessionState // default SessionConnected
	LockScreen   bool         // the app's tile is on the lock screen
	// MaintenanceWindow limits when maintenance tasks may start; zero means any time on AC.
	MaintenanceWindow MaintenanceWindow
	// StandbyTasks says whether the device runs background tasks in modern standby
	// (IsRunningTaskInStandbySupported); default StandbyTasksSupported.
	StandbyTasks StandbyTaskSupport
	// BatteryLevel is the battery's charge in percent, 1 to 100; 0 means 100 (a full battery).
	// DeviceServicingTrigger reads it (docs/windows-model.md#device-triggers).
	BatteryLevel uint8
}

// WithDefaults returns d with every zero field set to its default (the values listed on
// DeviceState), as New applies them; an invalid field is an error. Code that models the device
// beside the engine (bgsim explore's perturbations) starts from it, so there is one list of
// defaults.
func (d DeviceState) WithDefaults() (DeviceState, error) { return d.withDefaults() }

func (d DeviceState) withDefaults() (DeviceState, error) {
	if d.TimeZone == "" {
		d.TimeZone = "UTC" // so Device() reports the zone in force, as it does after SetTimeZone
	}
	if d.Network == NetworkInvalid {
		d.Network = NetworkInternet
	}
	if d.NetworkCost == CostInvalid {
		d.NetworkCost = CostFree
	}
	if d.Power == PowerInvalid {
		d.Power = PowerAC
	}
	if d.User == UserInvalid {
		d.User = UserPresent
	}
	if d.Session == SessionInvalid {
		d.Session = SessionConnected
	}
	if d.StandbyTasks == StandbyTasksInvalid {
		d.StandbyTasks = StandbyTasksSupported
	}
	if d.BatteryLevel == 0 {
		d.BatteryLevel = 100
	}
	switch {
	case !networkLevels.valid(d.Network):
		return d, fmt.Errorf("invalid network level %v", d.Network)
	case !networkCosts.valid(d.NetworkCost):
		return d, fmt.Errorf("invalid network cost %v", d.NetworkCost)
	case !powerSources.valid(d.Power):
		return d, fmt.Errorf("invalid power source %v", d.Power)
	case !userPresences.valid(d.User):
		return d, fmt.Errorf("invalid user presence %v", d.User)
	case !sessionStates.valid(d.Session):
		return d, fmt.Errorf("invalid session state %v", d.Session)
	case !standbyTaskSupports.valid(d.StandbyTasks):
		return d, fmt.Errorf("invalid standby task support %v", d.StandbyTasks)
	case d.BatteryLevel > 100:
		return d, fmt.Errorf("invalid battery level %d%%, want 1 to 100", d.BatteryLevel)
	case !d.MaintenanceWindow.valid():
		return d, fmt.Errorf("invalid maintenance window %+v", d.MaintenanceWindow)
	}
	return d, nil
}

// WorkCost is BackgroundWorkCost.CurrentBackgroundWorkCost, per the table of docs/windows-model.md#background-work-cost:
// Low on AC, High on battery with the screen off (connected standby), Medium on battery otherwise.
func (d DeviceState) WorkCost() WorkCost {
	switch {
	case d.Power == PowerAC:
		return WorkCostLow
	case d.Standby:
		return WorkCostHigh
	}
	return WorkCostMedium
}

// UTCOffset returns the current UTC offset of the device's time zone.
func (e *Engine) UTCOffset() time.Duration {
	_, off := e.Now().In(e.loc).Zone()
	return time.Duration(off) * time.Second
}

// SetTimeZone changes the device's time zone. TimeZoneChange fires only when the UTC offset
// actually changes (docs/windows-model.md#system-triggers [documented]).
func (e *Engine) SetTimeZone(name string) error {
	defer e.disown(e.own("Engine.SetTimeZone"))
	if name == "" {
		return errors.New("cannot set time zone: empty name, want an IANA name such as Europe/Berlin (or UTC)")
	}
	loc, err := tzdb.Load(name)
	if err != nil {
		return fmt.Errorf("cannot set time zone: %w", err)
	}
	before := e.UTCOffset()
	e.device.TimeZone, e.loc = loc.String(), loc
	after := e.UTCOffset()
	e.armZoneBoundary()
	e.armMaintenanceWindow()
	var c change
	if after != before {
		c.fire(SystemTriggerTimeZoneChange)
	}
	e.deviceChanged("time_zone="+loc.String()+" offset="+formatUTCOffset(after), c)
	return nil
}

// SetNetwork changes the connectivity: NetworkStateChange on any change, and InternetAvailable
// on the way to internet (docs/windows-model.md#system-triggers; edge-triggered [bgsim's choice]).
func (e *Engine) SetNetwork(n NetworkLevel) {
	defer e.disown(e.own("Engine.SetNetwork"))
	mustValid(networkLevels.valid(n), "network level", n)
	if n == e.device.Network {
		return
	}
	e.device.Network = n
	var c change
	c.fire(SystemTriggerNetworkStateChange)
	if n == NetworkInternet {
		c.fire(SystemTriggerInternetAvailable)
	}
	e.deviceChanged("network="+n.String(), c)
}

// SetNetworkCost changes the cost of the current network: NetworkStateChange (docs/windows-model.md#system-triggers "cost or
// connectivity").
func (e *Engine) SetNetworkCost(cost NetworkCost) {
	defer e.disown(e.own("Engine.SetNetworkCost"))
	mustValid(networkCosts.valid(cost), "network cost", cost)
	if cost == e.device.NetworkCost {
		return
	}
	e.device.NetworkCost = cost
	var c change
	c.fire(SystemTriggerNetworkStateChange)
	e.deviceChanged("network_cost="+cost.String(), c)
}

// SetPower changes the power source: PowerStateChange, and BackgroundWorkCostChange when the work
// cost changes. Going to battery cancels running maintenance tasks with Abort (docs/windows-model.md#maintenance-triggers [documented]).
// Going to AC ends Battery Saver unless Policy.EnergySaverOnAC: a second device record,
// "battery_saver=false cause=power", follows the power one, and the tasks it held start as when
// the user turns it off (docs/windows-model.md#battery-saver-and-power).
func (e *Engine) SetPower(p PowerSource) {
	defer e.disown(e.own("Engine.SetPower"))
	mustValid(powerSources.valid(p), "power source", p)
	if p == e.device.Power {
		return
	}
	cost := e.device.WorkCost()
	e.device.Power = p
	var c change
	c.fire(SystemTriggerPowerStateChange)
	e.costChange(&c, cost)
	if p == PowerAC && e.device.BatterySaver && !e.policy.EnergySaverOnAC {
		e.device.BatterySaver = false
		c.also = "battery_saver=false cause=power"
	}
	e.deviceChanged("power="+p.String(), c)
}

// ErrBatterySaverOnAC is what SetBatterySaver returns when asked to turn Battery Saver on while
// the device is on AC power and Policy.EnergySaverOnAC is off.
var ErrBatterySaverOnAC = errors.New("cannot turn Battery Saver on: the device is on AC power (Battery Saver exists only on battery; Policy.EnergySaverOnAC lifts this)")

// SetBatterySaver turns Battery Saver on or off. No system trigger fires for it. Turning it on
// while on AC power is refused unless Policy.EnergySaverOnAC: the state does not change, a
// device record "refused=battery_saver power=ac" says so, and the error is
// ErrBatterySaverOnAC (docs/windows-model.md#battery-saver-and-power).
func (e *Engine) SetBatterySaver(on bool) error {
	defer e.disown(e.own("Engine.SetBatterySaver"))
	if on == e.device.BatterySaver {
		return nil
	}
	if on && e.device.Power == PowerAC && !e.policy.EnergySaverOnAC {
		defer e.enter()()
		e.emit(Record{Kind: KindDevice, Detail: "refused=battery_saver power=" + e.device.Power.String()})
		return ErrBatterySaverOnAC
	}
	e.device.BatterySaver = on
	e.deviceChanged(fmt.Sprintf("battery_saver=%t", on), change{})
	return nil
}

// SetStandby enters or leaves connected standby (the screen off): BackgroundWorkCostChange when
// the work cost changes (docs/windows-model.md#background-work-cost).
func (e *Engine) SetStandby(on bool) {
	defer e.disown(e.own("Engine.SetStandby"))
	if on == e.device.Standby {
		return
	}
	cost := e.device.WorkCost()
	e.device.Standby = on
	var c change
	e.costChange(&c, cost)
	e.deviceChanged(fmt.Sprintf("standby=%t", on), c)
}

// SetUser changes user presence: UserPresent or UserAway.
func (e *Engine) SetUser(u UserPresence) {
	defer e.disown(e.own("Engine.SetUser"))
	mustValid(userPresences.valid(u), "user presence", u)
	if u == e.device.User {
		return
	}
	e.device.User = u
	var c change
	if u == UserPresent {
		c.fire(SystemTriggerUserPresent)
	} else {
		c.fire(SystemTriggerUserAway)
	}
	e.deviceChanged("user="+u.String(), c)
}

// SetSession connects or disconnects the user session: SessionConnected on connect. A connect
// starts a new session for CustomSystemEventTrigger's Once recurrence.
func (e *Engine) SetSession(s SessionState) {
	defer e.disown(e.own("Engine.SetSession"))
	mustValid(sessionStates.valid(s), "session state", s)
	if s == e.device.Session {
		return
	}
	e.device.Session = s
	var c change
	if s == SessionConnected {
		c.fire(SystemTriggerSessionConnected)
		for _, r := range e.regs {
			r.firedThisSession = false
		}
	}
	e.deviceChanged("session="+s.String(), c)
}

// SetLockScreen adds the app's tile to the lock screen or removes it:
// LockScreenApplicationAdded or LockScreenApplicationRemoved.
func (e *Engine) SetLockScreen(added bool) {
	defer e.disown(e.own("Engine.SetLockScreen"))
	if added == e.device.LockScreen {
		return
	}
	e.device.LockScreen = added
	var c change
	if added {
		c.fire(SystemTriggerLockScreenApplicationAdded)
	} else {
		c.fire(SystemTriggerLockScreenApplicationRemoved)
	}
	e.deviceChanged(fmt.Sprintf("lock_screen=%t", added), c)
}

// SetBatteryLevel sets the battery's charge, 1 to 100 percent: a device record
// "battery_level=N" when it changes, and no system event. Another value is an error and changes
// nothing.
func (e *Engine) SetBatteryLevel(percent uint8) error {
	defer e.disown(e.own("Engine.SetBatteryLevel"))
	if percent < 1 || percent > 100 {
		return fmt.Errorf("cannot set the battery level to %d%%: want 1 to 100", percent)
	}
	if percent == e.device.BatteryLevel {
		return nil
	}
	e.device.BatteryLevel = percent
	e.deviceChanged("battery_level="+strconv.Itoa(int(percent)), change{})
	return nil
}

// RaiseSystemEvent fires a system event that carries no device state: SmsReceived,
// ControlChannelReset, OnlineIdConnectedStateChange or DefaultSignInAccountChange. Events that
// follow device state (UserPresent, TimeZoneChange, ...) come only from their setters, so the
// state and its triggers never disagree.
func (e *Engine) RaiseSystemEvent(t SystemTriggerType) error {
	defer e.disown(e.own("Engine.RaiseSystemEvent"))
	if !t.stateless() {
		return fmt.Errorf("cannot raise %v: it follows device state; change the state instead", t)
	}
	var c change
	c.fire(t)
	e.deviceChanged("", c)
	return nil
}

// change collects the system triggers one device change fires, in firing order, and the detail
// of a second device record when the change brings another with it (plugging in ends Battery
// Saver).
type change struct {
	events [3]SystemTriggerType
	n      int
	also   string
}

func (c *change) fire(t SystemTriggerType) {
	c.events[c.n] = t
	c.n++
}

func (e *Engine) costChange(c *change, before WorkCost) {
	if e.device.WorkCost() != before {
		c.fire(SystemTriggerBackgroundWorkCostChange)
	}
}

// deviceChanged is the one path every device change takes, in this documented order:
//  1. a device record (when detail is set);
//  2. running instances that lost what they need are canceled, in creation order
//     (ConditionLoss with CancelOnConditionLoss; Abort for maintenance on battery);
//  3. each system event fires, in the order the change lists them: an event record, then every
//     matching registration in registration order;
//  4. latched registrations whose conditions now hold start, in registration order.
func (e *Engine) deviceChanged(detail string, c change) {
	defer e.enter()()
	if detail != "" {
		e.emit(Record{Kind: KindDevice, Detail: detail})
	}
	if c.also != "" {
		e.emit(Record{Kind: KindDevice, Detail: c.also})
	}
	e.cancelForLostConditions()
	for i := 0; i < c.n; i++ {
		e.publish(c.events[i])
	}
	e.releaseLatched()
}

// publish records a system event and fires every live registration whose SystemTrigger matches.
// Registrations made by handlers during the dispatch do not see this event.
func (e *Engine) publish(t SystemTriggerType) {
	e.emit(Record{Kind: KindEvent, Event: t})
	n := len(e.regs)
	for i := 0; i < n; i++ {
		r := e.regs[i]
		if st, ok := r.trigger.(*SystemTrigger); ok && st.TriggerType == t {
			e.fire(r, nil)
		}
	}
}

// armZoneBoundary schedules a check at the end of the current zone period (a DST change, or
// any other transition of the zone's rules), so TimeZoneChange fires for DST adjustments
// (docs/windows-model.md#system-triggers "including DST adjustment").
func (e *Engine) armZoneBoundary() {
	e.zoneGen++
	now := e.Now()
	_, end := now.In(e.loc).ZoneBounds()
	if !end.IsZero() && !end.After(now) {
		// golang/go#81583: on the last UTC day of a leap year ruled by a zone's TZ footer, ZoneBounds
		// reports an end at or before the instant asked about (the year end one day early). Queued,
		// it would run the clock back or re-arm at the same instant forever. Ask a day later: the
		// boundary is the start of that period if it began after now, else its end.
		start, next := now.Add(24 * time.Hour).In(e.loc).ZoneBounds()
		end = next
		if start.After(now) {
			end = start
		}
	}
	if end.IsZero() || !end.After(now) {
		return
	}
	e.q.push(event{at: end.Sub(e.start), kind: evZoneBoundary, gen: e.zoneGen})
}

func (e *Engine) onZoneBoundary(gen uint32) bool {
	if gen != e.zoneGen {
		return false
	}
	after := e.UTCOffset()
	_, off := e.Now().Add(-time.Nanosecond).In(e.loc).Zone()
	e.armZoneBoundary()
	if time.Duration(off)*time.Second == after {
		return true // the zone's name or rules changed, not its offset
	}
	var c change
	c.fire(SystemTriggerTimeZoneChange)
	e.deviceChanged("time_zone="+e.loc.String()+" offset="+formatUTCOffset(after)+" dst_transition=true", c)
	return true
}

func formatUTCOffset(d time.Duration) string {
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	return fmt.Sprintf("%s%02d:%02d", sign, int(d/time.Hour), int(d%time.Hour/time.Minute))
}

func mustValid(ok bool, what string, v fmt.Stringer) {
	if !ok {
		panic(fmt.Sprintf("simulator: invalid %s %d: not one of its constants", what, v)) // %d: String would repeat what
	}
}
