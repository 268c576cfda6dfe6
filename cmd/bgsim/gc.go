package main

import (
	"os"
	"runtime/debug"
)

// gcPercent is the garbage collector's target while bgsim runs: the heap may grow to five times
// what is live before a collection (Go's default, 100, lets it double). A replay keeps a small
// live heap (an engine, its registrations and queue: about 1 MB for a busy device) and allocates
// one short-lived Instance per task run, so with the default the collector runs every few
// megabytes, scanning the same live megabyte again each time. At 400 it runs a quarter as often;
// the process stays small (tens of MB) and exits soon anyway. BENCHMARKS.md has the figures.
const gcPercent = 400

// tuneGC sets the GC target for bgsim's short-lived, small-heap work (see gcPercent), unless the
// user chose one: with GOGC or GOMEMLIMIT set in the environment it changes nothing. It reports
// whether it changed the target. main calls it once, before any work. The simulator and harness
// packages never touch GC settings: a program that embeds them keeps its own.
func tuneGC() bool {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return false
	}
	debug.SetGCPercent(gcPercent)
	return true
}
