package simulator

import (
	"math"
	"time"
)

// maxInstant is the latest virtual offset from the start that the engine represents, about 292
// years. Offsets that would pass it saturate there instead of wrapping around into the past: At
// with a larger offset, AfterFunc and RunFor with a duration reaching beyond it, a timer, limit
// or grace period due after it. Events queued at maxInstant still run, in the order they were
// scheduled, when the clock gets there.
const maxInstant = time.Duration(math.MaxInt64)

// addSat returns at+d saturated at maxInstant; a negative d counts as 0.
func addSat(at, d time.Duration) time.Duration {
	switch {
	case d <= 0:
		return at
	case d > maxInstant-at:
		return maxInstant
	}
	return at + d
}
