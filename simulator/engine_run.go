package simulator

import (
	"fmt"
	"time"
)

// Now returns the current virtual instant.
func (e *Engine) Now() time.Time { return e.start.Add(e.now) }

// Elapsed returns the virtual time since the simulation start.
func (e *Engine) Elapsed() time.Duration { return e.now }

// Start returns the virtual instant the simulation started at.
func (e *Engine) Start() time.Time { return e.start }

// EventsRun returns how many live events the engine has dispatched: timeline actions, timer
// ticks, task work, grace expiries and zone transitions (stale queue entries not counted).
func (e *Engine) EventsRun() uint64 { return e.events }

// InstancesStarted returns how many instances have been started (the last "instance=" number).
func (e *Engine) InstancesStarted() int { return e.nextInst }

// Pending returns how many events are queued, stale ones included.
func (e *Engine) Pending() int { return e.q.len() }

// At schedules f to run on the engine goroutine at the given offset from the simulation start
// (not before the current instant). Events at the same instant run in the order they were
// scheduled, whoever scheduled them. Offsets are at most about 292 years (the largest
// time.Duration): none can be larger, and sums that would pass it saturate there (see AfterFunc).
func (e *Engine) At(offset time.Duration, f func()) {
	defer e.disown(e.own("Engine.At"))
	e.at(offset, f)
}

// at is At and AfterFunc without the owner check.
func (e *Engine) at(offset time.Duration, f func()) {
	e.q.push(event{at: max(offset, e.now), kind: evAction, target: f})
}

// later schedules the engine's own work f at the current instant, after what is already queued
// for it. Unlike At's functions, f runs as engine code for the owner check.
func (e *Engine) later(f func()) {
	e.q.push(event{at: e.now, kind: evEngineWork, target: f})
}

// AfterFunc schedules f to run d after the current instant (d < 0 counts as 0). When now+d would
// pass the largest representable offset, f runs at that offset instead.
func (e *Engine) AfterFunc(d time.Duration, f func()) {
	defer e.disown(e.own("Engine.AfterFunc"))
	e.at(addSat(e.now, d), f)
}

// Step runs the next live event, first moving the clock to its instant. It returns false, and
// does nothing, when no live event is queued.
func (e *Engine) Step() bool {
	defer e.disown(e.own("Engine.Step"))
	e.mustBeOutside("Step")
	for e.q.len() > 0 {
		ev := e.q.pop()
		e.now = ev.at
		if e.dispatch(&ev) {
			e.events++
			return true
		}
	}
	return false
}

// RunFor runs every event due within d of the current instant, in (time, sequence) order, then
// leaves the clock at exactly now+d. Nothing is dropped however long d is, and it never sleeps.
// A negative d counts as 0: it runs what is due now. When now+d would pass the largest
// representable offset (about 292 years), the clock stops there.
func (e *Engine) RunFor(d time.Duration) {
	defer e.disown(e.own("Engine.RunFor"))
	e.runTo(addSat(e.now, d))
}

// RunUntil runs every event due at or before t, then leaves the clock at t. A t before the
// current instant runs nothing; t equal to it runs what is due now, as RunFor(0) does.
func (e *Engine) RunUntil(t time.Time) {
	defer e.disown(e.own("Engine.RunUntil"))
	if to := t.Sub(e.start); to >= e.now {
		e.runTo(to)
	}
}

func (e *Engine) runTo(to time.Duration) {
	e.mustBeOutside("RunFor/RunUntil")
	for e.q.len() > 0 && e.q.peekAt() <= to {
		ev := e.q.pop()
		e.now = ev.at
		if e.dispatch(&ev) {
			e.events++
		}
	}
	e.now = to
}

// Dispatching reports whether the engine is running code on a caller's behalf: true in task
// code, handlers and functions scheduled with At (inside RunFor, RunUntil and Step, or a call
// that runs task code), false between calls. RunFor, RunUntil and Step panic when it is true:
// time moves only between events.
func (e *Engine) Dispatching() bool { return e.depth > 0 }

// mustBeOutside panics when the clock is driven from inside a handler: time moves only between
// events, from the goroutine that owns the engine, or the queue order would break.
func (e *Engine) mustBeOutside(what string) {
	if e.depth > 0 {
		panic("simulator: " + what + " called from inside an event handler; schedule work with At or AfterFunc instead")
	}
}

// dispatch runs one event and reports whether it was live (did anything). The lists are compacted
// when it returns, through the same enter/leave path the public mutators use.
func (e *Engine) dispatch(ev *event) bool {
	defer e.enter()()
	switch ev.kind {
	case evAction:
		e.runAction(ev.target.(func()))
		return true
	case evEngineWork:
		ev.target.(func())()
		return true
	case evTimeTrigger:
		return e.onTimerTick(ev.target.(*Registration), ev.gen)
	case evInstanceWork:
		t := ev.target.(*Timer)
		return e.onInstanceWork(t.in, t)
	case evGraceExpired:
		return e.onGraceExpired(ev.target.(*Instance))
	case evZoneBoundary:
		return e.onZoneBoundary(ev.gen)
	case evWindowOpen:
		return e.onWindowOpen(ev.gen)
	case evWallClock:
		return e.onWallClock(ev.gen)
	case evIdleCheck:
		return e.onIdleCheck(ev.target.(*Instance))
	}
	panic(fmt.Sprintf("simulator: unknown event kind %d", ev.kind))
}

// runAction runs a function scheduled with At or AfterFunc: user code, run as a call out of the
// engine.
func (e *Engine) runAction(f func()) {
	defer e.fromUser(e.toUser())
	f()
}

// enter marks the start of a public call that walks the engine's ordered lists or runs code that
// may call back into the engine (task code unregistering its own registration, say); the returned
// func ends it. The lists are compacted when the outermost call or event is over, never while one
// of them is being walked, so a caller driving the engine between RunFor calls does not grow them.
// Use it as: defer e.enter()().
func (e *Engine) enter() func() {
	e.depth++
	return e.leave
}

func (e *Engine) leave() {
	e.depth--
	if e.depth == 0 {
		e.compact()
	}
}

// compact drops unregistered registrations and finished instances from the engine's ordered
// lists. It runs between events, never while a list is being walked. A list is rewritten only
// once at least half of it is dead: every walk skips dead entries anyway, and rewriting a long
// list each time one of its entries dies would make a burst of N completions cost N² (10,000
// instances finishing one by one). So each death costs O(1) amortised, and a list is never more
// than twice as long as its live part.
func (e *Engine) compact() {
	if e.regsDead > 0 && 2*e.regsDead >= len(e.regs) {
		live := e.regs[:0]
		for _, r := range e.regs {
			if !r.unregistered {
				live = append(live, r)
			}
		}
		clear(e.regs[len(live):])
		e.regs = live
		e.regsDead = 0
	}
	if e.runDead > 0 && 2*e.runDead >= len(e.running) {
		live := e.running[:0]
		for _, in := range e.running {
			if !in.finished {
				live = append(live, in)
			}
		}
		clear(e.running[len(live):])
		e.running = live
		e.runDead = 0
	}
}
