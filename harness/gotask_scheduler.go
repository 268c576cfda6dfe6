package harness

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing/synctest"
	"time"
	"weak"

	"github.com/benbjohnson/clock"

	"github.com/bgsim/bgsim/simulator"
)

// The scheduler runs a simulation's goroutine tasks inside a testing/synctest bubble, one
// wake-up at a time: the engine goroutine (the spec's) wakes one task goroutine, calls
// synctest.Wait, which returns once every goroutine of the bubble is durably blocked again, then
// goes on with the next event. Only then does it read what the goroutines did (Stop and Reset on
// clock objects, a run that returned) and act on it, in a fixed order.

// Modes of the scheduler: who may run.
const (
	modeEngine int32 = iota // the engine goroutine runs; task goroutines are all blocked
	modeTasks               // the engine goroutine waits; task goroutines run, serialised by the gate
)

// scheduler is the goroutine-task machinery of one simulation.
type scheduler struct {
	e     *simulator.Engine
	mode  atomic.Int32
	gate  gate
	clock *Clock

	startErr error         // the first goroutine task that could not start outside a bubble, for the next run call
	bubble   bool          // a synctest bubble was found (the gate's channel exists)
	offset   time.Duration // the bubble's clock minus the virtual clock, fixed when the bubble is found
	current  *goTask       // the task whose goroutine this settle woke; nil when none
	todo     []func()      // work for the engine goroutine after the settle, in order
	draining bool
	tasks    []*goTask // goroutine tasks started, in start order (those that ended are dropped now and then)
	watched  []*wakeup // Timer, Ticker and AfterFunc objects of goroutine tasks, for Stop and Reset
	closed   bool      // Close was called: nothing completes any more
	closeErr error     // what the first Close reported
}

// newScheduler returns a scheduler whose engine is set later (the engine needs its gate first).
func newScheduler() *scheduler {
	s := &scheduler{}
	s.gate.s = s
	s.clock = &Clock{s: s, timers: clock.NewMock()}
	return s
}

// setEngine completes the set-up once the engine exists.
func (s *scheduler) setEngine(e *simulator.Engine) {
	s.e = e
	s.clock.e = e
}

// gate is simulator.Config.Gate: every Instance, Deferral and Timer method locks it. It does
// nothing while the engine goroutine runs (task goroutines are all blocked then), and is a lock
// while task goroutines run. The lock is a channel made inside the bubble, so a goroutine waiting
// for it is durably blocked: a goroutine that blocks while holding it shows as a stuck goroutine,
// never as a hang. It is not reentrant.
type gate struct {
	s    *scheduler
	ch   chan struct{}
	pass atomic.Bool // the holder runs a goroutine task's Run inline: let its own calls through
}

// Lock implements sync.Locker.
func (g *gate) Lock() {
	if g.s.mode.Load() == modeTasks && !g.pass.Load() {
		g.ch <- struct{}{}
	}
}

// Unlock implements sync.Locker.
func (g *gate) Unlock() {
	if g.s.mode.Load() == modeTasks && !g.pass.Load() {
		<-g.ch
	}
}

// onTaskGoroutine reports whether the caller is a task goroutine: the engine goroutine is blocked
// whenever any of them runs.
func (s *scheduler) onTaskGoroutine() bool { return s != nil && s.mode.Load() == modeTasks }

// findBubble reports whether the engine goroutine runs inside a synctest bubble, and sets the
// bubble up the first time: the gate's channel, and the offset between the two clocks. Called on
// the engine goroutine only.
func (s *scheduler) findBubble() bool {
	if s.bubble {
		return true
	}
	if !inBubble() {
		return false
	}
	s.bubble = true
	s.gate.ch = make(chan struct{}, 1)
	if now := time.Now(); now.After(s.e.Now()) {
		s.offset = now.Sub(s.e.Now())
	}
	return true
}

// inBubble reports whether the caller runs inside a synctest bubble: synctest.Wait panics
// outside one, at once.
func inBubble() (in bool) {
	defer func() {
		if p := recover(); p != nil {
			if !strings.Contains(fmt.Sprint(p), "not in a bubble") {
				panic(p)
			}
			in = false
		}
	}()
	synctest.Wait()
	return true
}

// wake runs f, which makes task goroutines runnable (a send, a close, a go statement), on behalf
// of task t, then lets them run until every one is blocked again. Called from a task goroutine
// (inside a settle already), it only runs f.
func (s *scheduler) wake(t *goTask, f func()) {
	if s.mode.Load() == modeTasks {
		f()
		return
	}
	s.syncTime()
	s.current = t
	s.mode.Store(modeTasks)
	f()
	s.settle()
	s.drain()
}

// settle is the engine goroutine's wait for the task goroutines, in modeTasks; it returns in
// modeEngine with what they did to clock objects applied.
func (s *scheduler) settle() {
	synctest.Wait()
	s.mode.Store(modeEngine)
	s.current = nil
	if len(s.gate.ch) != 0 {
		panic("harness: a task goroutine blocked while holding the instance gate: code that a gated Instance call runs " +
			"inline (the app's Progress or Completed handler, an OnFinished callback) called an Instance method or a " +
			"blocking Clock method; such code runs with the gate held")
	}
	s.syncTimers()
}

// syncTime moves the bubble's clock to the virtual instant (plus the offset found with the
// bubble), so that time.Now() in task code reads virtual time. Goroutines whose time.Sleep or
// time.Timer falls due meanwhile run at their own bubble instant, before the engine goes on.
func (s *scheduler) syncTime() {
	if !s.bubble {
		return
	}
	d := time.Until(s.e.Now().Add(s.offset))
	if d <= 0 {
		return
	}
	s.mode.Store(modeTasks)
	time.Sleep(d)
	s.settle()
	s.drain()
}

// post queues f for the engine goroutine: at once when called there (outside a drain), else
// after the current settle.
func (s *scheduler) post(f func()) {
	s.todo = append(s.todo, f)
	if s.mode.Load() == modeEngine {
		s.drain()
	}
}

// drain runs the queued work in order; work that wakes goroutines queues more, run in turn.
func (s *scheduler) drain() {
	if s.draining {
		return
	}
	s.draining = true
	for len(s.todo) > 0 {
		f := s.todo[0]
		s.todo[0] = nil
		s.todo = s.todo[1:]
		f()
	}
	s.todo = nil
	s.draining = false
}

// syncTimers applies what the last settle did to Timer, Ticker and AfterFunc objects: a Stop
// disarms the wake-up, a Reset moves it. Objects in creation order; a collected object was
// stopped or had fired (its Mock keeps it alive otherwise), and is dropped.
func (s *scheduler) syncTimers() {
	live := s.watched[:0]
	for _, w := range s.watched {
		if w.sync() {
			live = append(live, w)
		}
	}
	clear(s.watched[len(live):])
	s.watched = live
}

// watch adds w to the objects syncTimers reads. Called with the gate held, or on the engine
// goroutine.
func (s *scheduler) watch(w *wakeup) { s.watched = append(s.watched, w) }

// weakTimer and weakTicker let the harness watch a clock object without keeping it alive.
type (
	weakTimer  = weak.Pointer[clock.Timer]
	weakTicker = weak.Pointer[clock.Ticker]
)
