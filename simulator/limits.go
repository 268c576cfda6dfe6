package simulator

import (
	"time"

	"github.com/bgsim/bgsim/simulator/manifest"
)

// Run-time limits (spec §5): every instance is canceled with ExecutionTimeExceeded when its
// trigger class's wall-clock limit runs out, deferrals or not, and terminated CancelGrace later if
// it has not finished by then (§4). With Policy.IdleWatchdog set, an instance that does nothing for
// that long is canceled with IdleTask. The extendedBackgroundTaskTime capability lifts both once
// the instance took a deferral in Run (§5 [D] INDEF).

// wallClockLimit returns the limit for r's trigger class.
func (e *Engine) wallClockLimit(r *Registration) time.Duration {
	switch r.trigger.(type) {
	case *ApplicationTrigger:
		return e.policy.ApplicationWallClockLimit
	case *MaintenanceTrigger:
		return e.policy.MaintenanceWallClockLimit
	}
	return e.policy.WallClockLimit
}

// armLimits queues the wall-clock limit and the first idle check of a new instance.
func (e *Engine) armLimits(in *Instance) {
	in.lastActive = e.now
	e.q.push(event{at: e.now + e.wallClockLimit(in.reg), kind: evWallClock, inst: in})
	if e.policy.IdleWatchdog > 0 {
		e.q.push(event{at: e.now + e.policy.IdleWatchdog, kind: evIdleCheck, inst: in})
	}
}

// unlimited reports whether the extendedBackgroundTaskTime capability lifts in's limits: the
// package declares it and Run took a deferral.
func (e *Engine) unlimited(in *Instance) bool {
	return in.deferralInRun && e.manifest.HasCapability(manifest.ExtendedBackgroundTaskTime)
}

func (e *Engine) onWallClock(in *Instance) bool {
	if in.finished || in.canceled != ReasonInvalid || e.unlimited(in) {
		return false
	}
	e.cancel(in, ReasonExecutionTimeExceeded)
	return true
}

// touch notes that in did something, for the idle watchdog.
func (in *Instance) touch() { in.lastActive = in.engine.now }

func (e *Engine) onIdleCheck(in *Instance) bool {
	if in.finished || in.canceled != ReasonInvalid || e.unlimited(in) {
		return false
	}
	if due := in.lastActive + e.policy.IdleWatchdog; due > e.now {
		e.q.push(event{at: due, kind: evIdleCheck, inst: in})
		return false
	}
	e.cancel(in, ReasonIdleTask)
	return true
}
