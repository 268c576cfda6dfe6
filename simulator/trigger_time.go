package simulator

import (
	"fmt"
	"time"

	"github.com/bgsim/bgsim/simulator/manifest"
)

// Timing limits of TimeTrigger and MaintenanceTrigger (docs/windows-model.md#time-triggers, #maintenance-triggers).
const (
	// TickInterval is the system timer's period: time and maintenance triggers fire only on this
	// grid, counted from the simulation start (docs/windows-model.md#time-triggers simulator model [bgsim's choice]).
	TickInterval = 15 * time.Minute
	// MinFreshness is the smallest freshness Register accepts (docs/windows-model.md#time-triggers [documented]).
	MinFreshness = 15 * time.Minute
	// MaxMaintenanceFreshness is the largest maintenance freshness Register accepts (docs/windows-model.md#maintenance-triggers:
	// "above 30 days may throw"; bgsim always throws).
	MaxMaintenanceFreshness = 30 * 24 * time.Hour
)

// TimeTrigger mirrors Windows' TimeTrigger(freshnessTime, oneShot) (docs/windows-model.md#time-triggers). Freshness is a
// duration; Windows takes whole minutes, so anything else fails Register with InvalidFreshness.
type TimeTrigger struct {
	Freshness time.Duration
	OneShot   bool
}

// NewTimeTrigger returns a TimeTrigger for the given freshness in whole minutes, as its Windows
// constructor TimeTrigger(UInt32 freshnessTime, Boolean oneShot) takes it. The struct literal
// takes a time.Duration instead; the two lines below build the same trigger:
//
//	simulator.NewTimeTrigger(15, false)
//	&simulator.TimeTrigger{Freshness: 15 * time.Minute}
func NewTimeTrigger(freshnessMinutes uint32, oneShot bool) *TimeTrigger {
	return &TimeTrigger{Freshness: time.Duration(freshnessMinutes) * time.Minute, OneShot: oneShot}
}

// String implements Trigger.
func (t *TimeTrigger) String() string {
	return "Time(" + formatMinutes(t.Freshness) + oneShotSuffix(t.OneShot) + ")"
}

// A TimeTrigger needs the timer task type (docs/windows-model.md#manifest-task-types table).
func (t *TimeTrigger) taskTypes() []manifest.TaskType { return timerTypes }

var timerTypes = []manifest.TaskType{manifest.Timer}

func (t *TimeTrigger) validate(task string) *RegisterError {
	return validateFreshness(task, "TimeTrigger", t.Freshness, 0)
}

func (t *TimeTrigger) isOneShot() bool { return t.OneShot }

// MaintenanceTrigger mirrors Windows' MaintenanceTrigger(freshnessTime, oneShot) (docs/windows-model.md#maintenance-triggers): the
// timing of a TimeTrigger, but it runs only on AC power.
type MaintenanceTrigger struct {
	Freshness time.Duration
	OneShot   bool
}

// NewMaintenanceTrigger returns a MaintenanceTrigger for the given freshness in whole minutes,
// as its Windows constructor takes it; &MaintenanceTrigger{Freshness: d} takes a time.Duration.
func NewMaintenanceTrigger(freshnessMinutes uint32, oneShot bool) *MaintenanceTrigger {
	return &MaintenanceTrigger{Freshness: time.Duration(freshnessMinutes) * time.Minute, OneShot: oneShot}
}

// String implements Trigger.
func (t *MaintenanceTrigger) String() string {
	return "Maintenance(" + formatMinutes(t.Freshness) + oneShotSuffix(t.OneShot) + ")"
}

// A MaintenanceTrigger is declared as general (Microsoft Learn: "Declare background tasks in the application manifest") or, in the 8.x schema, systemEvent:
// docs/windows-model.md#manifest-task-types table, "[bgsim's choice] accept either".
func (t *MaintenanceTrigger) taskTypes() []manifest.TaskType { return generalOrSystemEvent }

var generalOrSystemEvent = []manifest.TaskType{manifest.General, manifest.SystemEvent}

func (t *MaintenanceTrigger) validate(task string) *RegisterError {
	return validateFreshness(task, "MaintenanceTrigger", t.Freshness, MaxMaintenanceFreshness)
}

func (t *MaintenanceTrigger) isOneShot() bool { return t.OneShot }

func validateFreshness(task, class string, f, maxF time.Duration) *RegisterError {
	switch {
	case f%time.Minute != 0:
		return registerError(InvalidFreshness, task, "%s freshness %v is not a whole number of minutes", class, f)
	case f < MinFreshness:
		return registerError(InvalidFreshness, task, "%s freshness %s is under the 15-minute minimum", class, formatMinutes(f))
	case maxF > 0 && f > maxF:
		return registerError(InvalidFreshness, task, "%s freshness %s is over the 30-day maximum", class, formatMinutes(f))
	}
	return nil
}

// formatMinutes renders a freshness as whole minutes ("15m", "1440m"), or as a Go duration when
// it is not whole minutes.
func formatMinutes(d time.Duration) string {
	if d%time.Minute == 0 {
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

// nextTick returns the first tick of the system timer grid at or after offset, or the largest
// representable offset when that tick would pass it.
func nextTick(offset time.Duration) time.Duration {
	if r := offset % TickInterval; r != 0 {
		return addSat(offset-r, TickInterval)
	}
	return offset
}
