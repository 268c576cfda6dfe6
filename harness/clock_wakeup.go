package harness

import (
	"context"
	"fmt"
	"runtime"
	"time"
	"weak"

	"github.com/benbjohnson/clock"

	"github.com/bgsim/bgsim/simulator"
)

// wakeKind is what a wake-up does when its engine event fires.
type wakeKind uint8

const (
	wakeInvalid  wakeKind = iota
	wakeSleep             // resume a goroutine parked in Sleep
	wakeAfter             // send on an After channel
	wakeTimer             // send on a Timer's C, unless it was stopped
	wakeTicker            // send on a Ticker's C and re-arm, unless it was stopped
	wakeTick              // send on a Tick channel and re-arm
	wakeFunc              // start an AfterFunc's f on a new goroutine, unless it was stopped
	wakeDeadline          // cancel a WithDeadline context
)

// wakeup is one pending wake-up of goroutine-task code: an engine event at its virtual instant.
// Its fields are written by the engine goroutine, or by a task goroutine holding the gate.
type wakeup struct {
	s      *scheduler
	t      *goTask // the task the goroutine that made it belonged to; nil when none
	kind   wakeKind
	ch     chan time.Time // After, Timer, Ticker, Tick
	sleep  chan bool      // Sleep: true to resume, false to end the goroutine
	fn     func()         // AfterFunc's f; WithDeadline's cancel
	mock   *clock.Mock    // owns the Timer or Ticker (keeps it alive while it runs); never advanced
	timer  weakTimer      // Timer, AfterFunc
	ticker weakTicker     // Ticker
	period time.Duration  // Ticker, Tick
	ev     *simulator.Timer
	gen    uint64 // bumped by every arm and disarm: an event of an older generation does nothing
	armed  bool
}

// arm queues the wake-up d from now. AfterFunc of a task is the instance's scheduled work (it
// never runs once the instance has finished, and a work_lost record counts it then); every other
// wake-up is an engine action that does nothing once the task has finished. Called without the
// gate held.
func (w *wakeup) arm(d time.Duration) {
	s := w.s
	s.gate.Lock()
	w.gen++
	g := w.gen
	w.armed = true
	fire := func() {
		if w.gen == g {
			w.armed = false
			w.fire()
		}
	}
	if w.kind == wakeFunc && w.t != nil {
		s.gate.Unlock()
		ev := w.t.in.AfterFunc(d, fire) // gated itself
		s.gate.Lock()
		w.ev = ev
		s.gate.Unlock()
		return
	}
	s.e.AfterFunc(d, fire)
	s.gate.Unlock()
}

// disarm cancels the pending wake-up, if any. Called without the gate held.
func (w *wakeup) disarm() {
	s := w.s
	s.gate.Lock()
	ev := w.ev
	w.ev = nil
	w.gen++
	w.armed = false
	s.gate.Unlock()
	if ev != nil {
		ev.Stop()
	}
}

// send delivers now on the wake-up's channel without blocking: a value still unread stays, and
// a tick that finds it there is dropped, as the time package does.
func (w *wakeup) send(now time.Time) {
	select {
	case w.ch <- now:
	default:
	}
}

// fire runs on the engine goroutine at the wake-up's instant.
func (w *wakeup) fire() {
	s := w.s
	if w.t != nil && w.t.done {
		return
	}
	now := s.e.Now()
	switch w.kind {
	case wakeSleep:
		if w.t != nil {
			w.t.removeSleeper(w)
		}
		s.wake(w.t, func() { w.sleep <- true })
	case wakeAfter:
		s.wake(w.t, func() { w.send(now) })
	case wakeTick:
		w.arm(w.period)
		s.wake(w.t, func() { w.send(now) })
	case wakeTimer, wakeFunc:
		tm := w.timer.Value()
		if tm == nil || !tm.Stop() { // Stop: later Stops report false, as after a time.Timer fired
			return
		}
		if w.kind == wakeTimer {
			s.wake(w.t, func() { w.send(now) })
			return
		}
		s.wake(w.t, func() { go s.runFunc(w.t, w.fn) })
	case wakeTicker:
		tk := w.ticker.Value()
		if tk == nil {
			return
		}
		if _, stopped, _ := tickerState(w.mock, tk); stopped {
			return
		}
		w.arm(w.period)
		s.wake(w.t, func() { w.send(now) })
	case wakeDeadline:
		s.wake(w.t, w.fn)
	}
}

// sync applies a Stop or Reset done on the wake-up's Timer or Ticker since the last settle, and
// reports whether to keep watching it. On the engine goroutine, after a settle.
func (w *wakeup) sync() bool {
	if w.t != nil && w.t.done {
		return false
	}
	switch w.kind {
	case wakeTimer, wakeFunc:
		tm := w.timer.Value()
		if tm == nil { // collected: stopped or fired, as a running one is held by its Mock
			if w.armed {
				w.disarm()
			}
			return false
		}
		d, stopped, reset := timerState(w.mock, tm)
		switch {
		case reset:
			w.disarm()
			if !stopped {
				w.arm(max(d, 0))
			}
		case stopped && w.armed:
			w.disarm()
		}
	case wakeTicker:
		tk := w.ticker.Value()
		if tk == nil {
			if w.armed {
				w.disarm()
			}
			return false
		}
		d, stopped, reset := tickerState(w.mock, tk)
		switch {
		case reset && d <= 0:
			w.disarm()
			if t := w.t; t != nil {
				w.s.todo = append(w.s.todo, func() {
					t.in.Fail(fmt.Errorf("panic in Run: non-positive interval for Ticker.Reset (%v)", d))
				})
			}
		case reset:
			w.disarm()
			w.period = d
			if !stopped {
				w.arm(d)
			}
		case stopped && w.armed:
			w.disarm()
		}
	}
	return true
}

// runFunc is the goroutine of an AfterFunc's f in a goroutine task: a panic fails the instance
// ("panic in AfterFunc: ...") instead of taking the process down.
func (s *scheduler) runFunc(t *goTask, f func()) {
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		if t == nil {
			panic(p)
		}
		s.gate.Lock()
		s.todo = append(s.todo, func() {
			if !s.closed && !t.done {
				t.in.Fail(fmt.Errorf("panic in AfterFunc: %v", p))
			}
		})
		s.gate.Unlock()
	}()
	f()
}

// owner returns the task whose goroutine calls the clock: the one the current settle woke.
func (s *scheduler) owner() *goTask {
	s.gate.Lock()
	defer s.gate.Unlock()
	return s.current
}

// The goroutine-task forms of the Clock's methods. They run on task goroutines only.

func (c *Clock) goSleep(d time.Duration) {
	s := c.s
	s.gate.Lock()
	t := s.current
	if t != nil && t.done {
		s.gate.Unlock()
		runtime.Goexit()
	}
	if d <= 0 {
		s.gate.Unlock()
		return
	}
	w := &wakeup{s: s, t: t, kind: wakeSleep, sleep: make(chan bool, 1)}
	if t != nil {
		t.sleepers = append(t.sleepers, w)
	}
	s.gate.Unlock()
	w.arm(d)
	if !<-w.sleep {
		runtime.Goexit()
	}
}

func (c *Clock) goAfter(d time.Duration) <-chan time.Time {
	w := &wakeup{s: c.s, t: c.s.owner(), kind: wakeAfter, ch: make(chan time.Time, 1)}
	if w.t == nil || !w.t.done {
		w.arm(max(d, 0))
	}
	return w.ch
}

func (c *Clock) goTick(d time.Duration) <-chan time.Time {
	if d <= 0 {
		return nil // as time.Tick
	}
	w := &wakeup{s: c.s, t: c.s.owner(), kind: wakeTick, ch: make(chan time.Time, 1), period: d}
	if w.t == nil || !w.t.done {
		w.arm(d)
	}
	return w.ch
}

func (c *Clock) goTimer(d time.Duration, kind wakeKind, f func()) *clock.Timer {
	m := clock.NewMock()
	tm := m.AfterFunc(time.Hour, f) // never fired: the Mock's time never moves
	clearTimerNext(m, tm)
	w := &wakeup{s: c.s, t: c.s.owner(), kind: kind, mock: m, timer: weak.Make(tm), fn: f}
	if kind == wakeTimer {
		w.ch = make(chan time.Time, 1)
		tm.C = w.ch
	}
	if w.t != nil && w.t.done {
		tm.Stop()
		return tm
	}
	w.arm(max(d, 0))
	c.s.gate.Lock()
	c.s.watch(w)
	c.s.gate.Unlock()
	return tm
}

func (c *Clock) goTicker(d time.Duration) *clock.Ticker {
	if d <= 0 {
		panic("non-positive interval for NewTicker")
	}
	m := clock.NewMock()
	tk := m.Ticker(d) // never fired: the Mock's time never moves
	clearTickerNext(m, tk)
	w := &wakeup{s: c.s, t: c.s.owner(), kind: wakeTicker, mock: m, ticker: weak.Make(tk),
		ch: make(chan time.Time, 1), period: d}
	tk.C = w.ch
	if w.t != nil && w.t.done {
		tk.Stop()
		return tk
	}
	w.arm(d)
	c.s.gate.Lock()
	c.s.watch(w)
	c.s.gate.Unlock()
	return tk
}

func (c *Clock) goWithDeadline(parent context.Context, d time.Time) (context.Context, context.CancelFunc) {
	ctx, cancelCause := context.WithCancelCause(parent)
	vc := &virtualDeadline{Context: ctx, deadline: d}
	if pd, ok := parent.Deadline(); ok && pd.Before(d) {
		vc.deadline = pd
	}
	now := c.Now()
	if !d.After(now) {
		cancelCause(context.DeadlineExceeded)
		return vc, func() { cancelCause(context.Canceled) }
	}
	w := &wakeup{s: c.s, t: c.s.owner(), kind: wakeDeadline, fn: func() { cancelCause(context.DeadlineExceeded) }}
	w.arm(d.Sub(now))
	return vc, func() {
		w.disarm()
		cancelCause(context.Canceled)
	}
}
