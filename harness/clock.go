package harness

import (
	"context"
	"fmt"
	"time"

	"github.com/benbjohnson/clock"

	"github.com/bgsim/bgsim/simulator"
)

// Clock is a github.com/benbjohnson/clock Clock (v1.3.5) for code under test that reads time,
// backed by a simulation's virtual clock. Call it only on the goroutine that owns the
// simulation: from task code, handlers, scheduled actions, or the spec between runs.
//
// # What is deterministic through it
//
//   - Now, Since and Until read the virtual clock.
//   - AfterFunc schedules f on the engine's queue: it runs on the engine goroutine at now+d,
//     after whatever was queued earlier for that instant, and its effects land in the trace at
//     that offset. Stop on the returned timer prevents the call and reports true once, as
//     time.Timer does; Stop after the call reports false.
//   - WithTimeout and WithDeadline return a context whose Deadline is the virtual instant and
//     which is canceled with context.DeadlineExceeded by an AfterFunc at that instant; Err and
//     a non-blocking select on Done are deterministic on the engine goroutine.
//
// # What is not
//
//   - Reset on a timer from AfterFunc does not move the call: clock.Timer is a concrete type
//     whose Reset the bridge cannot see. Stop it and call AfterFunc again instead.
//   - Sleep, After, Timer, Tick and Ticker panic with a message saying so. Sleep would block the
//     goroutine that moves virtual time, so it could never wake; the channels of the others could
//     only be drained by another goroutine, which wakes at a wall-clock moment the trace cannot
//     fix. Inside task code the engine contains the panic like any other: the instance completes
//     with an error and the trace shows a task_error line naming the method.
//   - A goroutine waiting on a context's Done channel wakes whenever the Go scheduler runs it.
//
// Why not clock.Mock: it sleeps 1 ms of real time after every timer it fires, runs AfterFunc
// callbacks on new goroutines and orders same-instant timers arbitrarily. The bridge keeps one
// Mock only as the owner of the timers it returns (so their Stop works) and never advances it.
type Clock struct {
	e      *simulator.Engine
	timers *clock.Mock // owns the returned timers; its own time never moves
}

var _ clock.Clock = (*Clock)(nil)

// NewClock returns a clock that reads e's virtual time.
func NewClock(e *simulator.Engine) *Clock { return &Clock{e: e, timers: clock.NewMock()} }

// Clock returns a clock bridge for the simulation's virtual time.
func (s *Simulation) Clock() *Clock { return NewClock(s.e) }

// Now returns the current virtual instant.
func (c *Clock) Now() time.Time { return c.e.Now() }

// Since returns the virtual time elapsed since t.
func (c *Clock) Since(t time.Time) time.Duration { return c.e.Now().Sub(t) }

// Until returns the virtual time until t.
func (c *Clock) Until(t time.Time) time.Duration { return t.Sub(c.e.Now()) }

// AfterFunc runs f on the engine goroutine d of virtual time from now (d < 0 counts as 0). The
// timer's Stop prevents the call; its Reset does not move it (see the type's doc).
func (c *Clock) AfterFunc(d time.Duration, f func()) *clock.Timer {
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

// Sleep panics: it would block the goroutine that moves virtual time.
func (c *Clock) Sleep(time.Duration) {
	panic(unsupported("Sleep", "it would block the goroutine that moves virtual time, so it could never wake"))
}

// After panics: see the type's doc.
func (c *Clock) After(time.Duration) <-chan time.Time { panic(unsupported("After", channelReason)) }

// Timer panics: see the type's doc.
func (c *Clock) Timer(time.Duration) *clock.Timer { panic(unsupported("Timer", channelReason)) }

// Tick panics: see the type's doc.
func (c *Clock) Tick(time.Duration) <-chan time.Time { panic(unsupported("Tick", channelReason)) }

// Ticker panics: see the type's doc.
func (c *Clock) Ticker(time.Duration) *clock.Ticker { panic(unsupported("Ticker", channelReason)) }

const channelReason = "its channel could only be drained by another goroutine, which wakes at a wall-clock moment the trace cannot fix"

func unsupported(method, why string) string {
	return fmt.Sprintf("harness: Clock.%s is not supported on virtual time: %s; use AfterFunc, which runs on the engine goroutine at the virtual instant", method, why)
}
