package harness

import (
	"context"
	"fmt"
	"time"

	"github.com/benbjohnson/clock"

	"github.com/bgsim/bgsim/simulator"
)

// Clock is a github.com/benbjohnson/clock Clock (v1.3.5) on a simulation's virtual time. What it
// does depends on the goroutine that calls it.
//
// # In goroutine tasks
//
// On the goroutines of a goroutine task ([WithGoTask]), inside a testing/synctest bubble, the
// whole interface works, and every wake-up is an engine event at its virtual instant:
//
//   - Now, Since and Until read the virtual clock.
//   - Sleep parks the goroutine until its instant. After and Tick return a channel, Timer and
//     Ticker a *clock.Timer or *clock.Ticker whose C receives the virtual instant then. Stop and
//     Reset work on both (Timer's report as time.Timer's do). A Ticker ticks once per period,
//     none dropped nor doubled: a 1 s Ticker ticks exactly 10 times in 10 virtual seconds. A
//     tick that finds the previous one unread is dropped, as with time.Ticker. Ticker(d <= 0)
//     panics as time.NewTicker does; Tick(d <= 0) returns nil.
//   - AfterFunc runs f on a new goroutine of the task at the instant (as time.AfterFunc does),
//     where f may block on the clock too; a panic in f fails the instance ("panic in AfterFunc:
//     ..."). It is the instance's scheduled work: once the instance has finished it never runs,
//     and a work_lost record counts it.
//   - WithTimeout and WithDeadline return a context canceled with context.DeadlineExceeded at the
//     virtual instant.
//   - Wake-ups due at the same instant happen in the engine queue's order: by instant, then in
//     the order they were scheduled (Sleep called, timer created or Reset, ticker re-armed at its
//     previous tick), whichever task scheduled them. The harness wakes one, waits until every
//     task goroutine is blocked again, then goes on with the next event.
//   - The wake-ups of a finished instance do nothing: its host is gone.
//
// A value already in C survives Stop and Reset, as with time.Timer before Go 1.23: drain C
// after a Stop if the timer may have fired unread. A Stop or Reset takes effect when the
// goroutines settle, which is before any later event: a Reset to a shorter time from now is
// never late.
//
// # On the engine goroutine
//
// Callback tasks, handlers, scheduled actions and the spec itself run on the goroutine that
// owns the simulation. There:
//
//   - Now, Since and Until read the virtual clock.
//   - AfterFunc schedules f on the engine's queue: it runs on the engine goroutine at now+d,
//     after whatever was queued earlier for that instant. Stop prevents the call and reports true
//     once, as time.Timer does; Stop after the call reports false. Reset does not move the call
//     (nothing there can see it): Stop it and call AfterFunc again.
//   - WithTimeout and WithDeadline return a context whose Deadline is the virtual instant and
//     which is canceled with context.DeadlineExceeded by an AfterFunc at that instant.
//   - Sleep, After, Timer, Tick and Ticker panic with a message naming goroutine tasks as the
//     way: time moves only when the engine goroutine returns, so it can never wait for it. In
//     callback task code the engine contains the panic: the instance completes with an error and
//     a task_error line names the method.
//
// Why not clock.Mock: it sleeps 1 ms of real time after every timer it fires, runs AfterFunc
// callbacks on new goroutines at no fixed moment and orders same-instant timers arbitrarily.
// The harness uses private Mocks only as owners of the Timer and Ticker values it returns (so
// that their Stop and Reset work) and never advances them.
type Clock struct {
	e      *simulator.Engine
	s      *scheduler  // nil for a Clock made by NewClock: no goroutine tasks
	timers *clock.Mock // owns the engine-goroutine AfterFunc timers; its own time never moves
}

var _ clock.Clock = (*Clock)(nil)

// NewClock returns a clock that reads e's virtual time, for an engine used without a
// Simulation: only its engine-goroutine form is available (no goroutine tasks).
func NewClock(e *simulator.Engine) *Clock { return &Clock{e: e, timers: clock.NewMock()} }

// Clock returns the simulation's clock (always the same one).
func (s *Simulation) Clock() *Clock { return s.sched.clock }

// Now returns the current virtual instant.
func (c *Clock) Now() time.Time {
	if c.s != nil {
		c.s.mode.Load() // orders the engine's last move of the clock before this read
	}
	return c.e.Now()
}

// Since returns the virtual time elapsed since t.
func (c *Clock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }

// Until returns the virtual time until t.
func (c *Clock) Until(t time.Time) time.Duration { return t.Sub(c.Now()) }

// AfterFunc calls f d of virtual time from now (d < 0 counts as 0): in a goroutine task, on a new
// goroutine; on the engine goroutine, inline there (see the type's doc).
func (c *Clock) AfterFunc(d time.Duration, f func()) *clock.Timer {
	if c.s.onTaskGoroutine() {
		return c.goTimer(d, wakeFunc, f)
	}
	t := c.timers.AfterFunc(d, func() {}) // never fired by the Mock: it only keeps Stop's state
	c.e.AfterFunc(d, func() {
		if t.Stop() { // true: nobody stopped it, and from now on Stop reports false
			f()
		}
	})
	return t
}

// WithDeadline returns a copy of parent canceled with context.DeadlineExceeded at the virtual
// instant d (at once when d is not after now), or when cancel is called.
func (c *Clock) WithDeadline(parent context.Context, d time.Time) (context.Context, context.CancelFunc) {
	if c.s.onTaskGoroutine() {
		return c.goWithDeadline(parent, d)
	}
	ctx, cancelCause := context.WithCancelCause(parent)
	vc := &virtualDeadline{Context: ctx, deadline: d}
	if pd, ok := parent.Deadline(); ok && pd.Before(d) {
		vc.deadline = pd
	}
	if !d.After(c.Now()) {
		cancelCause(context.DeadlineExceeded)
		return vc, func() { cancelCause(context.Canceled) }
	}
	t := c.AfterFunc(d.Sub(c.Now()), func() { cancelCause(context.DeadlineExceeded) })
	return vc, func() {
		t.Stop()
		cancelCause(context.Canceled)
	}
}

// WithTimeout is WithDeadline(parent, Now().Add(d)).
func (c *Clock) WithTimeout(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return c.WithDeadline(parent, c.Now().Add(d))
}

// virtualDeadline reports a virtual deadline, and DeadlineExceeded when that is why it ended.
type virtualDeadline struct {
	context.Context
	deadline time.Time
}

func (v *virtualDeadline) Deadline() (time.Time, bool) { return v.deadline, true }

func (v *virtualDeadline) Err() error {
	if err := v.Context.Err(); err == nil || context.Cause(v.Context) != context.DeadlineExceeded {
		return err
	}
	return context.DeadlineExceeded
}

// Sleep blocks a goroutine task's goroutine for d of virtual time; on the engine goroutine it
// panics (see the type's doc).
func (c *Clock) Sleep(d time.Duration) {
	c.mustBeTask("Sleep")
	c.goSleep(d)
}

// After returns a channel that receives the virtual instant d from now, in a goroutine task; on
// the engine goroutine it panics.
func (c *Clock) After(d time.Duration) <-chan time.Time {
	c.mustBeTask("After")
	return c.goAfter(d)
}

// Timer returns a timer whose C receives the virtual instant d from now, in a goroutine task; on
// the engine goroutine it panics.
func (c *Clock) Timer(d time.Duration) *clock.Timer {
	c.mustBeTask("Timer")
	return c.goTimer(d, wakeTimer, nil)
}

// Tick returns a channel that receives the virtual instant every d, in a goroutine task; on the
// engine goroutine it panics.
func (c *Clock) Tick(d time.Duration) <-chan time.Time {
	c.mustBeTask("Tick")
	return c.goTick(d)
}

// Ticker returns a ticker whose C receives the virtual instant every d, in a goroutine task; on
// the engine goroutine it panics.
func (c *Clock) Ticker(d time.Duration) *clock.Ticker {
	c.mustBeTask("Ticker")
	return c.goTicker(d)
}

// mustBeTask refuses a blocking method on the engine goroutine.
func (c *Clock) mustBeTask(method string) {
	if !c.s.onTaskGoroutine() {
		panic(fmt.Sprintf("harness: Clock.%s cannot wait on the engine goroutine, where callback tasks, handlers, "+
			"scheduled actions and the spec run: virtual time moves only when that goroutine returns, so nothing there "+
			"can wait for it. Run the code as a goroutine task (harness.WithGoTask, the simulation inside "+
			"synctest.Test), where Clock.%s waits on virtual time; or use AfterFunc", method, method))
	}
}
