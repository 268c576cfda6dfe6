package simulator

import (
	"fmt"
	"time"
)

// MaintenanceWindow is the local time of day during which MaintenanceTrigger tasks may start
// (scenario key maintenance_window, "02:00-04:00"). It follows the device's time zone, so a zone
// change moves it. A window whose To is before its From wraps past midnight. The zero value means
// no window: maintenance may start any time on AC power. docs/windows-model.md#maintenance-triggers [documented] limits maintenance to AC;
// the window itself is a bgsim knob [bgsim's choice].
type MaintenanceWindow struct {
	From, To time.Duration // offsets from local midnight, under 24h
}

// IsZero reports whether no window is set.
func (w MaintenanceWindow) IsZero() bool { return w == MaintenanceWindow{} }

// String returns "HH:MM-HH:MM", or "" for no window.
func (w MaintenanceWindow) String() string {
	if w.IsZero() {
		return ""
	}
	return clockTime(w.From) + "-" + clockTime(w.To)
}

func clockTime(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// ParseMaintenanceWindow parses "HH:MM-HH:MM" (24-hour local times, From and To different).
func ParseMaintenanceWindow(s string) (MaintenanceWindow, error) {
	fh, fm, okFrom := parseClock(s, 0)
	th, tm, okTo := parseClock(s, 6)
	if len(s) != len("00:00-00:00") || s[5] != '-' || !okFrom || !okTo {
		return MaintenanceWindow{}, fmt.Errorf("maintenance window %q is not HH:MM-HH:MM", s)
	}
	if fh > 23 || th > 23 || fm > 59 || tm > 59 {
		return MaintenanceWindow{}, fmt.Errorf("maintenance window %q has a time outside 00:00-23:59", s)
	}
	w := MaintenanceWindow{
		From: time.Duration(fh)*time.Hour + time.Duration(fm)*time.Minute,
		To:   time.Duration(th)*time.Hour + time.Duration(tm)*time.Minute,
	}
	if w.From == w.To {
		return MaintenanceWindow{}, fmt.Errorf("maintenance window %q is empty: its start and end are the same", s)
	}
	return w, nil
}

// parseClock reads "HH:MM" at s[i:], exactly two digits each side of the colon.
func parseClock(s string, i int) (hour, minute int, ok bool) {
	if len(s) < i+5 || s[i+2] != ':' {
		return 0, 0, false
	}
	var d [4]int
	for j, k := range [4]int{i, i + 1, i + 3, i + 4} {
		if s[k] < '0' || s[k] > '9' {
			return 0, 0, false
		}
		d[j] = int(s[k] - '0')
	}
	return d[0]*10 + d[1], d[2]*10 + d[3], true
}

func (w MaintenanceWindow) valid() bool {
	const day = 24 * time.Hour
	return w.IsZero() || (w.From >= 0 && w.To >= 0 && w.From < day && w.To < day && w.From != w.To)
}

// contains reports whether the local time of day tod is inside the window.
func (w MaintenanceWindow) contains(tod time.Duration) bool {
	if w.From < w.To {
		return tod >= w.From && tod < w.To
	}
	return tod >= w.From || tod < w.To
}

// inMaintenanceWindow reports whether maintenance tasks may start now.
func (e *Engine) inMaintenanceWindow() bool {
	w := e.device.MaintenanceWindow
	if w.IsZero() {
		return true
	}
	t := e.Now().In(e.loc)
	y, m, d := t.Date()
	return w.contains(t.Sub(time.Date(y, m, d, 0, 0, 0, 0, e.loc)))
}

// armMaintenanceWindow schedules the next opening of the window in the current zone, replacing any
// earlier one (a zone change moves the opening).
func (e *Engine) armMaintenanceWindow() {
	w := e.device.MaintenanceWindow
	if w.IsZero() {
		return
	}
	e.windowGen++
	now := e.Now().In(e.loc)
	y, m, d := now.Date()
	open := time.Date(y, m, d, 0, 0, 0, 0, e.loc).Add(w.From)
	for !open.After(now) {
		d++
		open = time.Date(y, m, d, 0, 0, 0, 0, e.loc).Add(w.From)
	}
	e.q.push(event{at: open.Sub(e.start), kind: evWindowOpen, gen: e.windowGen})
}

// onWindowOpen records the opening and starts the maintenance tasks latched outside the window.
func (e *Engine) onWindowOpen(gen uint32) bool {
	if gen != e.windowGen {
		return false
	}
	e.armMaintenanceWindow()
	e.deviceChanged("maintenance_window=open", change{})
	return true
}
