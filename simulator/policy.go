package simulator

import (
	"fmt"
	"time"
)

// Policy holds the knobs for the rules that Windows leaves undocumented (the [I] rules of the
// spec). A zero field takes its default, written beside it; every default is bgsim's choice and
// is shown in the scenario schema too.
type Policy struct {
	// CancelGrace is how long a canceled instance has to finish before its host is terminated and
	// its completion reports an error. Default 5s. Spec §4 "Grace period": stated for idle tasks on
	// Windows 8.x, applied to every reason [I].
	CancelGrace time.Duration

	// LatchedFirings says what several firings of a trigger do while its conditions do not hold.
	// Default LatchCoalesce: they collapse into one pending run. Spec §3 [I].
	LatchedFirings LatchMode

	// Overlap says what a firing does while an instance of the same registration is running.
	// Default OverlapStartNew: a second instance starts. Spec §7 "Concurrent instances" [I].
	// ApplicationTrigger is not subject to it: RequestAsync answers CurrentlyRunning (§2.4 [D]).
	Overlap OverlapMode

	// DeliverAfterRelaunch delivers a completion that happened while the app was terminated or not
	// running when the app is next launched, instead of dropping it. Default false, following
	// BackgroundTaskCompletedEventHandler; spec §7 notes the two Microsoft pages disagree [I].
	DeliverAfterRelaunch bool
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
