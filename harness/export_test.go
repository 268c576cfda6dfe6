package harness

import "reflect"

// CheckClockLayout is the check the package runs when it loads.
var CheckClockLayout = checkClockLayout

// TimerLayoutOf checks t against clock.Timer's v1.3.5 fields, as the load-time check does.
func TimerLayoutOf(t reflect.Type) error {
	_, err := offsets(t, timerFields())
	return err
}
