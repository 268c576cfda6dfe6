package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// day is the length of the leading day part.
const day = 24 * time.Hour

// Bounds on the durations of a scenario, so that no sum the engine makes (an offset plus a
// limit, a grace period and a step) can overflow time.Duration (about 106751 days): an offset
// (until, a timeline entry's at) is at most MaxOffset, about 109 years, and any other duration
// (a policy knob, a freshness, a step's at) at most MaxSpan, about 54 years.
const (
	MaxOffset = 40000 * day
	MaxSpan   = 20000 * day
)

// ParseDuration parses a Go duration string with an optional leading whole-day part: "90s",
// "1h30m", "2d", "2d6h". Negative durations, and durations past the longest time.Duration
// (about 106751 days), are refused.
func ParseDuration(s string) (time.Duration, error) {
	rest := s
	var days time.Duration
	if i := strings.IndexByte(rest, 'd'); i > 0 && allDigits(rest[:i]) {
		n, err := strconv.ParseInt(rest[:i], 10, 64)
		if err != nil || n > int64(math.MaxInt64/day) {
			return 0, fmt.Errorf("invalid duration %q: too many days", s)
		}
		days = time.Duration(n) * day
		rest = rest[i+1:]
		if rest == "" {
			return days, nil
		}
	}
	d, err := time.ParseDuration(rest)
	if err != nil || rest == "" {
		return 0, fmt.Errorf("invalid duration %q: want a Go duration such as 90s or 1h30m, optionally after whole days (2d, 2d6h)", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("invalid duration %q: must not be negative", s)
	}
	if d > math.MaxInt64-days {
		return 0, fmt.Errorf("invalid duration %q: too long; the longest is %s", s, FormatDuration(math.MaxInt64))
	}
	return days + d, nil
}

// FormatDuration renders d the way ParseDuration reads it, with whole days first ("2d6h0m0s").
func FormatDuration(d time.Duration) string {
	if d >= day {
		days := d / day
		if rest := d % day; rest != 0 {
			return strconv.FormatInt(int64(days), 10) + "d" + rest.String()
		}
		return strconv.FormatInt(int64(days), 10) + "d"
	}
	return d.String()
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
