package report

import (
	"strconv"
	"strings"

	"github.com/bgsim/bgsim/simulator"
)

// deviceLanes are the state lanes, in drawing order: the key of a device record's first field,
// and "app" for the app's lifecycle state. The first alwaysDrawn are drawn for every scenario;
// the others only when the trace changes them.
var deviceLanes = []string{"power", "network", "user", "standby", "battery_saver", "app",
	"network_cost", "session", "lock_screen", "time_zone"}

const alwaysDrawn = 6

// laneIndex returns the index of a lane key in deviceLanes, or -1.
func laneIndex(key string) int {
	for i, k := range deviceLanes {
		if k == key {
			return i
		}
	}
	return -1
}

// initialState is the value of each lane of deviceLanes before the first record, with the
// engine's defaults for zero fields.
func initialState(d simulator.DeviceState, app simulator.AppState) []string {
	or := func(zero bool, v, def string) string {
		if zero {
			return def
		}
		return v
	}
	return []string{
		or(d.Power == simulator.PowerInvalid, d.Power.String(), "ac"),
		or(d.Network == simulator.NetworkInvalid, d.Network.String(), "internet"),
		or(d.User == simulator.UserInvalid, d.User.String(), "present"),
		strconv.FormatBool(d.Standby),
		strconv.FormatBool(d.BatterySaver),
		or(app == simulator.AppInvalid, app.String(), "foreground"),
		or(d.NetworkCost == simulator.CostInvalid, d.NetworkCost.String(), "free"),
		or(d.Session == simulator.SessionInvalid, d.Session.String(), "connected"),
		strconv.FormatBool(d.LockScreen),
		or(d.TimeZone == "", d.TimeZone, "UTC"),
	}
}

// stateChange reads a device or app record: the lane it changes and the new value. A device
// record that changes no state (the maintenance window opening) gives ok false.
func stateChange(r *simulator.Record) (lane int, value string, ok bool) {
	switch r.Kind {
	case simulator.KindDevice:
		first, _, _ := strings.Cut(r.Detail, " ")
		key, val, found := strings.Cut(first, "=")
		lane = laneIndex(key)
		if !found || lane < 0 || key == "app" {
			return 0, "", false
		}
		return lane, val, true
	case simulator.KindApp:
		for _, f := range strings.Fields(r.Detail) {
			if v, found := strings.CutPrefix(f, "state="); found {
				return laneIndex("app"), v, true
			}
		}
	}
	return 0, "", false
}
