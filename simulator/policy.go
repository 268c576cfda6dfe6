package simulator

import (
	"fmt"
	"time"
)

// Policy holds the knobs for the rules that Windows leaves undocumented (the [bgsim's choice] rules
// of docs/windows-model.md, listed under #policy-knobs). A zero field takes its default, written beside it; every default is bgsim's choice and
// is shown in the scenario schema too.
type Policy struct {
	// CancelGrace is how long a canceled instance has to finish before its host is terminated and
	// its completion reports an error. Default 5s. docs/windows-model.md#grace-period: stated for idle tasks on
	// Windows 8.x, applied to every reason [bgsim's choice].
	CancelGrace time.Duration

	// LatchedFirings says what several firings of a trigger do while its conditions do not hold.
	// Default LatchCoalesce: they collapse into one pending run. docs/windows-model.md#latched-activations [bgsim's choice].
	LatchedFirings LatchMode

	// Overlap says what a firing does while an instance of the same registration is running.
	// Default OverlapStartNew: a second instance starts. docs/windows-model.md#concurrent-instances [bgsim's choice].
	// ApplicationTrigger is not subject to it: RequestAsync answers CurrentlyRunning (docs/windows-model.md#application-triggers [documented]).
	Overlap OverlapMode

	// DeliverAfterRelaunch delivers a completion that happened while the app was terminated or not
	// running when the app is next launched, instead of dropping it. Default false, following
	// BackgroundTaskCompletedEventHandler; docs/windows-model.md#completion notes the two Microsoft pages disagree [bgsim's choice].
	DeliverAfterRelaunch bool

	// WallClockLimit is how long an instance may run before it is canceled with
	// ExecutionTimeExceeded, for every trigger not listed below. Default 30s. docs/windows-model.md#wall-clock-limits:
	// 30 s is documented; the reason and the cancel-then-terminate path are [bgsim's choice].
	// Deferrals do not extend it [documented].
	WallClockLimit time.Duration
	// ApplicationWallClockLimit is the limit for ApplicationTrigger tasks. Default 10m (docs/windows-model.md#wall-clock-limits
	// [documented] "about 10 minutes", [bgsim's choice] value).
	ApplicationWallClockLimit time.Duration
	// MaintenanceWallClockLimit is the limit for MaintenanceTrigger tasks. Default 10m (docs/windows-model.md#wall-clock-limits:
	// "longer" [documented], [bgsim's choice] value).
	MaintenanceWallClockLimit time.Duration

	// IdleWatchdog cancels an instance with IdleTask when it has done nothing for this long
	// (docs/windows-model.md#idle-watchdog [documented]; the reason and the measure are [bgsim's choice]). Default 0: off. Doing
	// something is: Run, a Canceled handler or AfterFunc work running, SetProgress, GetDeferral,
	// Deferral.Complete, or Log.
	IdleWatchdog time.Duration

	// KeepRunningOnEnergySaver leaves running instances alone when Battery Saver turns on.
	// Default false: instances of apps subject to system policy are canceled with EnergySaver
	// (docs/windows-model.md#battery-saver: the reason is [documented], linking it to Battery Saver is [bgsim's choice]). Scenario
	// key energy_saver_cancels_running (default true) is its negation.
	KeepRunningOnEnergySaver bool

	// EnergySaverOnAC lets Battery Saver stay on, and be turned on, while the device is on AC
	// power, as Windows 11's Energy Saver can. Default false: Battery Saver exists only on
	// battery, so plugging in turns it off and turning it on while plugged in is refused
	// (docs/windows-model.md#battery-saver-and-power). Scenario key energy_saver_on_ac.
	EnergySaverOnAC bool

	// HoldCriticalOnBatterySaver makes Battery Saver hold, and cancel, ControlChannelTrigger tasks
	// too (a critical trigger, which Windows runs with a guaranteed CPU quota, and about which no
	// page says what Battery Saver does). Default false: a control channel runs under Battery
	// Saver (docs/windows-model.md#critical-triggers [bgsim's choice]). Push notifications, the
	// other critical trigger, are not received under Battery Saver whatever the knob
	// [documented]. Scenario key hold_critical_on_battery_saver.
	HoldCriticalOnBatterySaver bool

	// RegisterWithoutAccess lets Register succeed for an app that never requested access or whose
	// access is denied; the tasks still never run (denied), and time and application triggers
	// never run for an app that never requested access. Default false: Register fails with
	// AccessDenied (docs/windows-model.md#background-access [bgsim's choice] "Access model").
	RegisterWithoutAccess bool

	// KeepAccessOnUpdate keeps the access status across an app update. Default false: UpdateApp
	// resets it to NotRequested until the app calls RequestAccess again (docs/windows-model.md#access-after-an-update
	// [documented], applied by the system [bgsim's choice]). Scenario key reset_access_on_update (default true) is its
	// negation.
	KeepAccessOnUpdate bool

	// RequestAccessResult is what RequestAccess grants an app that has not been answered yet
	// (NotRequested or Unspecified). Default AccessAllowedSubjectToSystemPolicy, what Windows 10
	// grants without a prompt (docs/windows-model.md#background-access [documented]); set a Denied* member to play a user or system that
	// says no. A status already set (allowed or denied) is kept.
	RequestAccessResult AccessStatus
}

// LatchMode is the Policy.LatchedFirings knob. Zero means the default.
type LatchMode uint8

// The LatchedFirings settings.
const (
	LatchDefault    LatchMode = iota // LatchCoalesce
	LatchCoalesce                    // firings while latched collapse into one pending run
	LatchEachFiring                  // every firing while latched becomes its own run
)

var latchModes = enumTable[LatchMode]{"latch mode", []string{"", "coalesce", "each_firing"}}

// String returns the name used in scenario files.
func (m LatchMode) String() string { return latchModes.str(m) }

// ParseLatchMode parses "coalesce" or "each_firing".
func ParseLatchMode(s string) (LatchMode, error) { return latchModes.parse(s) }

// OverlapMode is the Policy.Overlap knob. Zero means the default.
type OverlapMode uint8

// The Overlap settings.
const (
	OverlapDefault  OverlapMode = iota // OverlapStartNew
	OverlapStartNew                    // a firing during a run starts another instance
	OverlapLatch                       // a firing during a run waits until the running instance finishes
)

var overlapModes = enumTable[OverlapMode]{"overlap mode", []string{"", "start_new", "latch"}}

// String returns the name used in scenario files.
func (m OverlapMode) String() string { return overlapModes.str(m) }

// ParseOverlapMode parses "start_new" or "latch".
func ParseOverlapMode(s string) (OverlapMode, error) { return overlapModes.parse(s) }

// DefaultPolicy returns the policy with every knob at its default.
func DefaultPolicy() Policy {
	return Policy{
		CancelGrace:    5 * time.Second,
		LatchedFirings: LatchCoalesce,
		Overlap:        OverlapStartNew,

		WallClockLimit:            30 * time.Second,
		ApplicationWallClockLimit: 10 * time.Minute,
		MaintenanceWallClockLimit: 10 * time.Minute,
		RequestAccessResult:       AccessAllowedSubjectToSystemPolicy,
	}
}

// withDefaults fills zero fields and checks the rest.
func (p Policy) withDefaults() (Policy, error) {
	d := DefaultPolicy()
	if p.CancelGrace == 0 {
		p.CancelGrace = d.CancelGrace
	}
	if p.CancelGrace < 0 {
		return p, fmt.Errorf("policy cancel_grace %v is negative", p.CancelGrace)
	}
	for _, l := range []struct {
		v    *time.Duration
		def  time.Duration
		name string
	}{
		{&p.WallClockLimit, d.WallClockLimit, "wall_clock_limit"},
		{&p.ApplicationWallClockLimit, d.ApplicationWallClockLimit, "application_wall_clock_limit"},
		{&p.MaintenanceWallClockLimit, d.MaintenanceWallClockLimit, "maintenance_wall_clock_limit"},
	} {
		if *l.v == 0 {
			*l.v = l.def
		}
		if *l.v < 0 {
			return p, fmt.Errorf("policy %s %v is negative", l.name, *l.v)
		}
	}
	if p.IdleWatchdog < 0 {
		return p, fmt.Errorf("policy idle_watchdog %v is negative", p.IdleWatchdog)
	}
	switch p.RequestAccessResult {
	case AccessInvalid:
		p.RequestAccessResult = d.RequestAccessResult
	case AccessAlwaysAllowed, AccessAllowedSubjectToSystemPolicy, AccessDeniedBySystemPolicy, AccessDeniedByUser:
	default:
		return p, fmt.Errorf("policy request_access_result: %v is not an answer RequestAccessAsync gives on Windows 10, expected AlwaysAllowed, AllowedSubjectToSystemPolicy, DeniedBySystemPolicy or DeniedByUser", p.RequestAccessResult)
	}
	if p.LatchedFirings == LatchDefault {
		p.LatchedFirings = d.LatchedFirings
	} else if !latchModes.valid(p.LatchedFirings) {
		return p, fmt.Errorf("policy latched_firings: %v is not a latch mode", p.LatchedFirings)
	}
	if p.Overlap == OverlapDefault {
		p.Overlap = d.Overlap
	} else if !overlapModes.valid(p.Overlap) {
		return p, fmt.Errorf("policy overlap: %v is not an overlap mode", p.Overlap)
	}
	return p, nil
}
