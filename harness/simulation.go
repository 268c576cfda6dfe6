package harness

import (
	"fmt"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// Simulation is one simulated device, app and broker, with the trace the matchers read. Like the
// engine it wraps, it is owned by one goroutine: call its methods from the spec that built it,
// never from task code or another goroutine. A simulation with goroutine tasks ([WithGoTask])
// runs inside a testing/synctest bubble and ends with [Simulation.Close].
type Simulation struct {
	e      *simulator.Engine
	sched  *scheduler // goroutine tasks
	trace  *simulator.TraceBuffer
	regs   []*simulator.Registration // registrations made through the harness, in order
	actErr error                     // the first error of a scheduled action, reported by the next run
}

// New builds a simulation from options. It fails on a bad option (an unreadable manifest, an
// unknown fixture) or a configuration the engine refuses (an unknown time zone, an invalid enum).
func New(opts ...Option) (*Simulation, error) {
	s := settings{sched: newScheduler()}
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("cannot build simulation: option %d is nil", i)
		}
		if err := o(&s); err != nil {
			return nil, fmt.Errorf("cannot build simulation: %w", err)
		}
	}
	if err := s.checkNamed(); err != nil {
		return nil, fmt.Errorf("cannot build simulation: %w", err)
	}
	var trace *simulator.TraceBuffer
	if s.cfg.Sink != nil { // keep a buffer for the matchers beside the caller's sink
		trace = &simulator.TraceBuffer{}
		s.cfg.Sink = simulator.Tee{trace, s.cfg.Sink}
	}
	s.cfg.Gate = &s.sched.gate
	e, err := simulator.New(s.cfg)
	if err != nil {
		return nil, fmt.Errorf("cannot build simulation: %w", err)
	}
	s.sched.setEngine(e)
	s.sched.findBubble() // inside a bubble, time.Now() follows virtual time from the start
	s.sched.syncTime()
	if trace == nil {
		trace = e.Trace()
	}
	return &Simulation{e: e, sched: s.sched, trace: trace}, nil
}

// MustNew is New for spec set-up: it panics on a bad option, which Ginkgo reports as a failure of
// the node that called it.
func MustNew(opts ...Option) *Simulation {
	s, err := New(opts...)
	if err != nil {
		panic("harness: " + err.Error())
	}
	return s
}

// Engine returns the engine, for what the harness does not wrap.
func (s *Simulation) Engine() *simulator.Engine { return s.e }

// Trace returns the trace buffer: every record so far.
func (s *Simulation) Trace() *simulator.TraceBuffer { return s.trace }

// Records returns the records so far (the buffer's own slice: do not modify it).
func (s *Simulation) Records() []simulator.Record { return s.trace.Records() }

// Text returns the canonical trace text so far.
func (s *Simulation) Text() string { return s.trace.Text() }

// Now returns the current virtual instant.
func (s *Simulation) Now() time.Time { return s.e.Now() }

// Elapsed returns the virtual time since the start: the offset the trace prints.
func (s *Simulation) Elapsed() time.Duration { return s.e.Elapsed() }

// Registrations returns the registrations made through the harness (Builder, the Register
// action), in the order they were made, unregistered ones included.
func (s *Simulation) Registrations() []*simulator.Registration {
	return append([]*simulator.Registration(nil), s.regs...)
}

// Registration returns the first live registration with that name, or nil.
func (s *Simulation) Registration(name string) *simulator.Registration {
	for _, r := range s.liveRegistrations() {
		if r.Name() == name {
			return r
		}
	}
	return nil
}

// knownName reports whether a live registration, or one the harness made, has that name.
func (s *Simulation) knownName(name string) bool {
	if s.Registration(name) != nil {
		return true
	}
	for _, r := range s.regs {
		if r.Name() == name {
			return true
		}
	}
	return false
}

// liveRegistrations returns every live registration, grouped or not, however it was made, in
// registration order (the trace's task= number).
func (s *Simulation) liveRegistrations() []*simulator.Registration {
	out := s.e.AllTasks()
	for _, g := range s.e.AllTaskGroups() {
		out = append(out, g.AllTasks()...)
	}
	sortByNumber(out)
	return out
}

func sortByNumber(rs []*simulator.Registration) {
	for i := 1; i < len(rs); i++ { // insertion sort: short lists, stable
		for j := i; j > 0 && rs[j].Number() < rs[j-1].Number(); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}
