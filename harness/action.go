package harness

import (
	"fmt"
	"math"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// Action is one timeline action of the scenario format (package scenarios documents it), as a
// value: apply it now with [Simulation.Do], or at an offset with [Simulation.At]. The constructors are
// named after the scenario keys: [TimeZone], [Network], [Power], [User], [LaunchApp], [Signal],
// [Unregister] and so on.
type Action struct {
	name  string // what the action is, for error messages: "time_zone America/New_York"
	apply func(*Simulation) error
}

// String names the action, as in the scenario format.
func (a Action) String() string { return a.name }

// Do applies actions now, in order, and returns the first error (an unknown time zone, an invalid
// enum value, an unknown task to unregister). Called from callback task code or a handler, it
// applies them at once, inside the event that runs; from a goroutine task it is an error.
func (s *Simulation) Do(actions ...Action) error {
	if s.sched.onTaskGoroutine() {
		return fmt.Errorf("cannot Do from a task goroutine: only the goroutine that owns the simulation applies actions")
	}
	for _, a := range actions {
		if err := s.apply(a); err != nil {
			return err
		}
	}
	return nil
}

// At schedules actions at the given offset from the simulation start (an offset already past
// runs at the current instant, after what is queued for it). Actions at the same instant run in
// the order they were scheduled. An error of a scheduled action is returned by the RunFor or
// RunUntil call during which it ran; the run goes on.
func (s *Simulation) At(offset time.Duration, actions ...Action) {
	for _, a := range actions {
		s.e.At(offset, func() {
			if err := s.apply(a); err != nil && s.actErr == nil {
				s.actErr = fmt.Errorf("at %v: %w", offset, err)
			}
		})
	}
}

// apply runs one action, turning the engine's panics on invalid values into errors.
func (s *Simulation) apply(a Action) (err error) {
	if a.apply == nil {
		return fmt.Errorf("cannot apply the zero Action: build actions with the harness constructors")
	}
	defer func() {
		if p := recover(); p != nil {
			if misuse, ok := p.(*simulator.ConcurrentUseError); ok {
				panic(misuse) // two goroutines on one simulation: a bug in the spec, not bad input
			}
			err = fmt.Errorf("cannot apply %s: %v", a.name, p)
		}
	}()
	if err := a.apply(s); err != nil {
		return fmt.Errorf("cannot apply %s: %w", a.name, err)
	}
	return nil
}

// RunFor runs every event due within d of the current instant, then leaves the clock at now+d.
// It returns the first error of an action that ran meanwhile (else that of a goroutine task that
// could not start outside a testing/synctest bubble), or an error for a negative d or one that
// would take the offset past the largest time.Duration (about 292 years).
func (s *Simulation) RunFor(d time.Duration) error {
	if d < 0 {
		return fmt.Errorf("cannot RunFor(%v): negative duration", d)
	}
	if d > math.MaxInt64-s.e.Elapsed() {
		return fmt.Errorf("cannot RunFor(%v): the clock would pass the last offset a time.Duration holds (%v)", d, time.Duration(math.MaxInt64))
	}
	if err := s.mayRun("RunFor"); err != nil {
		return err
	}
	s.e.RunFor(d)
	s.sched.syncTime()
	return s.takeActErr()
}

// RunUntil runs every event due at or before the offset from the simulation start, then leaves
// the clock there. Offsets, not instants, because the trace, the scenario format and the matchers
// all speak in offsets. An offset before the current one is an error.
func (s *Simulation) RunUntil(offset time.Duration) error {
	if offset < s.e.Elapsed() {
		return fmt.Errorf("cannot RunUntil(%v): the clock is already at %v", offset, s.e.Elapsed())
	}
	if err := s.mayRun("RunUntil"); err != nil {
		return err
	}
	s.e.RunFor(offset - s.e.Elapsed())
	s.sched.syncTime()
	return s.takeActErr()
}

// mayRun refuses to move time from a task goroutine, from callback task code or a handler, or
// after Close.
func (s *Simulation) mayRun(what string) error {
	if s.sched.onTaskGoroutine() {
		return fmt.Errorf("cannot %s from a task goroutine: only the goroutine that owns the simulation moves time", what)
	}
	if s.e.Dispatching() {
		return fmt.Errorf("cannot %s from task code or a handler: time moves only between events (schedule the work with At, or with the instance's AfterFunc)", what)
	}
	if s.sched.closed {
		return fmt.Errorf("cannot %s: the simulation is closed", what)
	}
	return nil
}

func (s *Simulation) takeActErr() error {
	err := s.actErr
	s.actErr = nil
	if err == nil {
		err, s.sched.startErr = s.sched.startErr, nil
	}
	return err
}
