package simulator

import (
	"time"

	"github.com/bgsim/bgsim/simulator/manifest"
)

// Run-time limits (docs/windows-model.md#wall-clock-limits): every instance is canceled with ExecutionTimeExceeded when its
// trigger class's wall-clock limit runs out, deferrals or not, and terminated CancelGrace later if
// it has not finished by then (docs/windows-model.md#cancellation). With Policy.IdleWatchdog set, an instance that does nothing for
// that long is canceled with IdleTask. The extendedBackgroundTaskTime capability lifts both once
// the instance took a deferral in Run (docs/windows-model.md#extended-run-time [documented]).

// limitLane holds the instances of one trigger class in start order. Their limit is the same, so
// their deadlines come in that order too: one queued event, for the oldest instance still due,
// serves the whole lane, and an instance that finishes early costs no heap operation.
type limitLane struct {
	limit time.Duration
	due   []*Instance // from head on: started, deadline not yet handled
	head  int
	armed bool // an evWallClock for this lane is queued
}

// DeviceServicingWallClockLimit is how long a DeviceServicingTrigger instance may run: 30 minutes,
// the figure Windows documents for it (docs/windows-model.md#device-triggers).
const DeviceServicingWallClockLimit = 30 * time.Minute

// DeviceUseWallClockLimit is how long a DeviceUseTrigger instance may run: 10 minutes, the figure
// Windows documents for it on the desktop device family (docs/windows-model.md#device-triggers).
const DeviceUseWallClockLimit = 10 * time.Minute

// The lanes, one per limit: those of Policy, and the documented ones of the device triggers.
const (
	laneDefault = iota
	laneApplication
	laneMaintenance
	laneDeviceServicing
	laneDeviceUse
	laneCount
)

// lane returns the lane of r's trigger class.
func (e *Engine) lane(r *Registration) int {
	switch r.trigger.(type) {
	case *ApplicationTrigger:
		return laneApplication
	case *MaintenanceTrigger:
		return laneMaintenance
	case *DeviceServicingTrigger:
		return laneDeviceServicing
	case *DeviceUseTrigger:
		return laneDeviceUse
	}
	return laneDefault
}

// LimitFor is the wall-clock limit of an instance of trigger t under policy p: that of the lane
// it runs in. The invariants package checks instances against it.
func (p Policy) LimitFor(t Trigger) time.Duration {
	switch t.(type) {
	case *ApplicationTrigger:
		return p.ApplicationWallClockLimit
	case *MaintenanceTrigger:
		return p.MaintenanceWallClockLimit
	case *DeviceServicingTrigger:
		return DeviceServicingWallClockLimit
	case *DeviceUseTrigger:
		return DeviceUseWallClockLimit
	}
	return p.WallClockLimit
}

// armLimits queues the wall-clock limit and the first idle check of a new instance.
func (e *Engine) armLimits(in *Instance) {
	in.lastActive = e.now
	lane := e.lane(in.reg)
	l := &e.lanes[lane]
	in.deadline = addSat(e.now, l.limit)
	l.due = append(l.due, in)
	if !l.armed {
		l.armed = true
		e.q.push(event{at: in.deadline, kind: evWallClock, gen: uint32(lane)})
	}
	if e.policy.IdleWatchdog > 0 {
		e.q.push(event{at: addSat(e.now, e.policy.IdleWatchdog), kind: evIdleCheck, target: in})
	}
}

// unlimited reports whether the extendedBackgroundTaskTime capability lifts in's limits: the
// package declares it and Run took a deferral.
func (e *Engine) unlimited(in *Instance) bool {
	return in.deferralInRun && e.manifest.HasCapability(manifest.ExtendedBackgroundTaskTime)
}

// onWallClock cancels, in start order, the lane's instances whose deadline has come and that are
// still running, uncanceled and not exempt; then it queues the lane's next deadline.
func (e *Engine) onWallClock(lane uint32) bool {
	l := &e.lanes[lane]
	l.armed = false
	live := false
	for l.head < len(l.due) {
		in := l.due[l.head]
		if in.deadline > e.now {
			l.armed = true
			e.q.push(event{at: in.deadline, kind: evWallClock, gen: lane})
			break
		}
		l.due[l.head] = nil
		l.head++
		if !in.finished && in.canceled == ReasonInvalid && !e.unlimited(in) {
			e.cancel(in, ReasonExecutionTimeExceeded) // may start instances: they join the lane's tail
			live = true
		}
	}
	if l.head > 64 && l.head*2 > len(l.due) {
		n := copy(l.due, l.due[l.head:])
		clear(l.due[n:])
		l.due, l.head = l.due[:n], 0
	}
	return live
}

// touch notes that in did something, for the idle watchdog.
func (in *Instance) touch() { in.lastActive = in.reg.engine.now }

func (e *Engine) onIdleCheck(in *Instance) bool {
	if in.finished || in.canceled != ReasonInvalid || e.unlimited(in) {
		return false
	}
	if due := addSat(in.lastActive, e.policy.IdleWatchdog); due > e.now {
		e.q.push(event{at: due, kind: evIdleCheck, target: in})
		return false
	}
	e.cancel(in, ReasonIdleTask)
	return true
}
