package harness

import (
	"context"
	"errors"
	"fmt"

	"github.com/benbjohnson/clock"

	"github.com/bgsim/bgsim/simulator"
)

// GoTaskFunc is task code written the way Go is written: a blocking function that returns when
// the work is done, watching ctx for a cancel. It is the Go shape of a C# async Run that holds a
// deferral: [WithGoTask] runs it on its own goroutine, inside a testing/synctest bubble, on
// virtual time.
type GoTaskFunc func(ctx context.Context, in *simulator.Instance) error

// WithGoTask runs entryPoint as a goroutine task. For each instance, Run takes a deferral and
// starts run on a new goroutine; the deferral completes when run returns:
//
//   - nil completes the instance with result ok;
//   - an error, or a panic, completes it with result error, as a task that throws: a task_error
//     record with the text ("panic in Run: ..." for a panic), and CheckResult in Completed
//     wraps both simulator.ErrTaskFailed and the returned error (errors.Is finds either). The
//     process never goes down;
//   - after a cancel, an error that is ctx's (errors.Is(err, context.Canceled)) is a clean exit:
//     result ok, as the simulator counts any exit after a cancel.
//
// Every cancellation cancels ctx; [CancelReason] says why. The instance's methods may be called
// from run's goroutine and from goroutines it starts. [ClockFrom](ctx) (or the simulation's
// [Simulation.Clock]) is a benbjohnson/clock Clock whose Sleep, Timer, Ticker, After and the
// rest wait on virtual time. The simulation must run inside synctest.Test: outside a bubble the
// instance fails at once with an error that says so. The package doc's "Goroutine tasks" section
// has the rules.
func WithGoTask(entryPoint string, run GoTaskFunc) Option {
	return func(s *settings) error {
		if entryPoint == "" || run == nil {
			return fmt.Errorf("WithGoTask(%q): an entry point and a function are required", entryPoint)
		}
		return WithTask(entryPoint, s.sched.factory(entryPoint, run))(s)
	}
}

// WithGoTaskClock is [WithGoTask] for task code that takes its clock when it is built, as code
// written against benbjohnson/clock usually does: build is called once, at once, with the
// simulation's [Clock] (the one [Simulation.Clock] returns), and what it returns runs as the
// goroutine task. So a constructor such as fixtures/tasks.SampleBackgroundTaskGo plugs in as it
// is: WithGoTaskClock("Tasks.SampleBackgroundTask", tasks.SampleBackgroundTaskGo).
func WithGoTaskClock(entryPoint string, build func(clock.Clock) func(context.Context, *simulator.Instance) error) Option {
	return func(s *settings) error {
		if build == nil {
			return fmt.Errorf("WithGoTaskClock(%q): a build function is required", entryPoint)
		}
		run := build(s.sched.clock)
		if run == nil {
			return fmt.Errorf("WithGoTaskClock(%q): build returned nil", entryPoint)
		}
		return WithGoTask(entryPoint, run)(s)
	}
}

// WithGoBackgroundActivated is [WithGoTask] for in-process tasks: it sets
// Application.OnBackgroundActivated to run run as a goroutine task. Terminating an in-process
// task takes the app process down, with every in-process instance, as for callback tasks.
func WithGoBackgroundActivated(run GoTaskFunc) Option {
	return func(s *settings) error {
		if run == nil {
			return fmt.Errorf("WithGoBackgroundActivated: a function is required")
		}
		s.cfg.App.OnBackgroundActivated = s.sched.start("", run)
		return nil
	}
}

// GoActivated returns a handler that runs run as a goroutine task, for a TaskGroup's
// BackgroundActivated.
func (s *Simulation) GoActivated(run GoTaskFunc) func(*simulator.Instance) {
	return s.sched.start("", run)
}

// goTask is one instance of a goroutine task.
type goTask struct {
	s        *scheduler
	in       *simulator.Instance
	name     string // the entry point, or "in-process NAME"
	run      GoTaskFunc
	ctx      context.Context
	cancel   context.CancelCauseFunc
	deferral *simulator.Deferral
	done     bool      // the instance has finished: wake-ups do nothing, Sleep ends the goroutine
	exited   bool      // the run goroutine has ended
	sleepers []*wakeup // goroutines parked in Sleep, in the order they parked
}

// factory returns the TaskFactory of a goroutine task.
func (s *scheduler) factory(entryPoint string, run GoTaskFunc) simulator.TaskFactory {
	task := simulator.TaskFunc(s.start(entryPoint, run))
	return func() simulator.Task { return task }
}

// start returns the Run of a goroutine task: take a deferral, attach the cancel and finish hooks,
// then start run on a new goroutine and let it run until it blocks.
func (s *scheduler) start(entryPoint string, run GoTaskFunc) func(*simulator.Instance) {
	return func(in *simulator.Instance) {
		name := entryPoint
		if name == "" {
			name = "in-process " + in.Task().Name()
		}
		onEngine := s.mode.Load() == modeEngine
		if onEngine && !s.findBubble() {
			err := fmt.Errorf("harness: goroutine task %s cannot run outside a testing/synctest bubble: run the simulation "+
				"inside synctest.Test(t, func(t *testing.T) { ... }) (in a Ginkgo spec, keep the suite's *testing.T in a "+
				"package variable and call synctest.Test from the It)", name)
			if s.startErr == nil {
				s.startErr = err // RunFor or RunUntil returns it, so that a spec cannot pass unaware
			}
			in.Fail(err)
			return
		}
		if s.closed {
			in.Fail(fmt.Errorf("harness: goroutine task %s: %w", name, ErrSimulationClosed))
			return
		}
		// Run is called inside a gated call when task code started it (a task goroutine that
		// completed an instance released a latched one, say): the gate is held by this goroutine.
		if !onEngine && len(s.gate.ch) != 0 {
			s.gate.pass.Store(true)
			defer s.gate.pass.Store(false)
		}
		t := &goTask{s: s, in: in, name: name, run: run}
		t.ctx, t.cancel = context.WithCancelCause(context.WithValue(context.Background(), clockKey{}, s.clock))
		t.deferral = in.GetDeferral()
		in.OnCanceled(func(_ *simulator.Instance, r simulator.CancellationReason) {
			s.wake(t, func() { t.cancel(&CanceledError{Reason: r}) })
		})
		in.OnFinished(func(*simulator.Instance) { s.finished(t) })
		s.addTask(t)
		s.post(func() {
			if t.done { // finished before its goroutine could start (its host was killed meanwhile)
				t.exited = true
				return
			}
			s.wake(t, func() { go t.main() })
		})
	}
}

// addTask remembers t for Close, dropping tasks whose goroutine has ended.
func (s *scheduler) addTask(t *goTask) {
	if len(s.tasks) == cap(s.tasks) {
		live := s.tasks[:0]
		for _, o := range s.tasks {
			if !o.exited {
				live = append(live, o)
			}
		}
		clear(s.tasks[len(live):])
		s.tasks = live
	}
	s.tasks = append(s.tasks, t)
}

// main is the task goroutine: run, then tell the engine goroutine how it ended.
func (t *goTask) main() {
	var (
		err      error
		panicked bool
		returned bool
	)
	defer func() { // after a return, a recovered panic, or runtime.Goexit
		s := t.s
		s.gate.Lock()
		t.exited = true
		s.todo = append(s.todo, func() { s.returned(t, err, panicked, !returned) })
		s.gate.Unlock()
	}()
	err, panicked = t.call()
	returned = true
}

// call runs run, turning a panic into an error with the engine's text for a panic in Run.
func (t *goTask) call() (err error, panicked bool) {
	defer func() {
		if p := recover(); p != nil {
			err, panicked = fmt.Errorf("panic in Run: %v", p), true
		}
	}()
	return t.run(t.ctx, t.in), false
}

// returned completes the instance once run has ended, on the engine goroutine.
func (s *scheduler) returned(t *goTask, err error, panicked, goexit bool) {
	if s.closed || t.done {
		return
	}
	switch {
	case goexit:
		t.in.Fail(fmt.Errorf("goroutine task %s: run called runtime.Goexit (t.FailNow?) instead of returning", t.name))
	case panicked:
		t.in.Fail(err)
	case err == nil, t.in.Canceled() != simulator.ReasonInvalid && errors.Is(err, context.Canceled):
		t.deferral.Complete()
	default:
		t.in.Fail(err)
	}
}

// finished is the instance's OnFinished hook, run on whatever goroutine finished it, with the
// gate held: the host is gone, so ctx is canceled, and goroutines parked in Sleep are ended with
// runtime.Goexit once the current settle is over.
func (s *scheduler) finished(t *goTask) {
	t.done = true
	s.wake(t, func() { t.cancel(ErrInstanceFinished) })
	s.post(func() { s.endSleepers(t) })
}

// endSleepers ends, one settle each, in the order they parked, the goroutines of t parked in
// Sleep: their Sleep calls runtime.Goexit, so their deferred calls run.
func (s *scheduler) endSleepers(t *goTask) {
	for len(t.sleepers) > 0 {
		w := t.sleepers[0]
		t.sleepers[0] = nil
		t.sleepers = t.sleepers[1:]
		s.wake(t, func() { w.sleep <- false })
	}
}

// removeSleeper forgets a sleeper woken by its wake-up.
func (t *goTask) removeSleeper(w *wakeup) {
	for i, o := range t.sleepers {
		if o == w {
			t.sleepers = append(t.sleepers[:i], t.sleepers[i+1:]...)
			return
		}
	}
}
