package simulator

import "time"

// armTimer queues the next tick of a time or maintenance trigger: the first tick of the 15-minute
// grid at or after due (docs/windows-model.md#time-triggers simulator model [bgsim's choice]).
func (e *Engine) armTimer(r *Registration, due time.Duration) {
	r.timerGen++
	e.q.push(event{at: nextTick(due), kind: evTimeTrigger, target: r, gen: r.timerGen})
}

// onTimerTick fires a time or maintenance trigger and, when it recurs, re-arms it for the tick at
// or after this one plus the freshness.
func (e *Engine) onTimerTick(r *Registration, gen uint32) bool {
	if gen != r.timerGen || r.unregistered || r.inert {
		return false
	}
	// At the largest representable instant the next tick cannot come: the trigger stops there
	// rather than firing again at the same saturated instant forever.
	if due := addSat(e.now, r.freshness); !r.oneShot && due > e.now {
		e.armTimer(r, due)
	}
	e.fire(r, nil)
	return true
}
