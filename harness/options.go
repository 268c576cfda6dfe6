package harness

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/bgsim/bgsim/fixtures/tasks"
	"github.com/bgsim/bgsim/internal/suggest"
	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// Option sets up a simulation built by [New]. Options apply in the order given; a later one
// overrides an earlier one for the same setting, except the task options, which add up (a later
// task for the same entry point replaces the earlier one).
type Option func(*settings) error

// settings is what the options build: a simulator.Config in the making, and the scheduler of
// the goroutine tasks (its gate is the Config's).
type settings struct {
	cfg   simulator.Config
	sched *scheduler
	named []string // entry points a task option named one by one, checked against the manifest
}

// WithManifest uses an already parsed manifest.
func WithManifest(m *manifest.Manifest) Option {
	return func(s *settings) error {
		if m == nil {
			return fmt.Errorf("WithManifest: nil manifest")
		}
		s.cfg.Manifest = m
		return nil
	}
}

// WithManifestFile reads and parses a Package.appxmanifest file (a path relative to the working
// directory, which is the package folder under go test).
func WithManifestFile(path string) Option {
	return func(s *settings) error {
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("cannot read manifest: %w", err)
		}
		m, err := manifest.Parse(path, data)
		if err != nil {
			return fmt.Errorf("cannot parse manifest: %w", err)
		}
		s.cfg.Manifest = m
		return nil
	}
}

// WithDeclarations builds the manifest inline from background-task declarations, as a
// scenario's manifest.declarations does.
func WithDeclarations(decls ...manifest.Declaration) Option {
	return func(s *settings) error {
		m, err := manifest.New("inline", decls...)
		if err != nil {
			return fmt.Errorf("cannot build inline manifest: %w", err)
		}
		s.cfg.Manifest = m
		return nil
	}
}

// WithTask runs entryPoint with the factory: a fresh Task for each instance.
func WithTask(entryPoint string, factory simulator.TaskFactory) Option {
	return func(s *settings) error {
		if entryPoint == "" || factory == nil {
			return fmt.Errorf("WithTask(%q): an entry point and a factory are required", entryPoint)
		}
		if s.cfg.Tasks == nil {
			s.cfg.Tasks = map[string]simulator.TaskFactory{}
		}
		s.cfg.Tasks[entryPoint] = factory
		s.named = append(s.named, entryPoint)
		return nil
	}
}

// checkNamed refuses an entry point a task option named that the manifest does not declare
// (as a background task, the update task or a COM class): a misspelt one would otherwise show
// only when the task runs, as a task_error. WithFixtureEntryPoints adds every fixture, declared
// or not, and is not checked.
func (s *settings) checkNamed() error {
	m := s.cfg.Manifest
	if m == nil {
		return nil
	}
	var declared []string
	for _, d := range m.Declarations {
		declared = append(declared, d.EntryPoint)
	}
	if m.UpdateTask != nil {
		declared = append(declared, m.UpdateTask.EntryPoint)
	}
	for _, ep := range s.named {
		if slices.Contains(declared, ep) {
			continue
		}
		if g, err := simulator.ParseGUID(strings.Trim(ep, "{}")); err == nil && m.DeclaresComClass(g.String()) {
			continue
		}
		return fmt.Errorf("task for entry point %q: the manifest %s declares no such entry point%s", ep, m.Name, suggest.Hint(ep, declared))
	}
	return nil
}

// WithTaskFunc runs entryPoint with a function, the same for every instance.
func WithTaskFunc(entryPoint string, run func(*simulator.Instance)) Option {
	if run == nil {
		return WithTask(entryPoint, nil)
	}
	return WithTask(entryPoint, tasks.Func(run))
}

// WithFixture runs entryPoint with the Go fixture of that name (package fixtures/tasks, the names
// scenario files use: "sample_background_task", ...).
func WithFixture(entryPoint, fixture string) Option {
	return func(s *settings) error {
		f, ok := tasks.Lookup(fixture)
		if !ok {
			return fmt.Errorf("WithFixture(%q, %q): no such fixture (have %v)", entryPoint, fixture, tasks.Names())
		}
		return WithTask(entryPoint, f)(s)
	}
}

// WithFixtureEntryPoints runs every fixture under the entry point its manifest declares
// ("Tasks.SampleBackgroundTask", ...), as fixtures/manifests expects.
func WithFixtureEntryPoints() Option {
	return func(s *settings) error {
		named := len(s.named)
		for ep, f := range tasks.EntryPoints() { // order does not matter: distinct keys into a map
			if err := WithTask(ep, f)(s); err != nil {
				return err
			}
		}
		s.named = s.named[:named] // every fixture, declared or not: not checked
		return nil
	}
}

// WithDevice sets the initial device state; zero fields take the simulator's defaults.
func WithDevice(d simulator.DeviceState) Option {
	return func(s *settings) error { s.cfg.Device = d; return nil }
}

// WithApp sets the app's initial lifecycle state.
func WithApp(state simulator.AppState) Option {
	return func(s *settings) error { s.cfg.App.State = state; return nil }
}

// WithAccess sets the app's initial background access status.
func WithAccess(a simulator.AccessStatus) Option {
	return func(s *settings) error { s.cfg.App.Access = a; return nil }
}

// WithBackgroundActivated sets Application.OnBackgroundActivated, which runs in-process tasks.
func WithBackgroundActivated(f func(*simulator.Instance)) Option {
	return func(s *settings) error { s.cfg.App.OnBackgroundActivated = f; return nil }
}

// WithPolicy sets the policy knobs; zero fields keep their defaults.
func WithPolicy(p simulator.Policy) Option {
	return func(s *settings) error { s.cfg.Policy = p; return nil }
}

// WithSeed sets the seed of the random streams (GUIDs). Default 1.
func WithSeed(seed uint64) Option {
	return func(s *settings) error { s.cfg.Seed = seed; return nil }
}

// WithStart sets the virtual instant the simulation starts at. Default simulator.DefaultStart.
func WithStart(t time.Time) Option {
	return func(s *settings) error { s.cfg.Start = t; return nil }
}

// WithSink sends every record to sink as well as to the simulation's own trace buffer (the
// matchers read the buffer, so it is always kept).
func WithSink(sink simulator.Sink) Option {
	return func(s *settings) error {
		if sink == nil {
			return fmt.Errorf("WithSink: nil sink")
		}
		s.cfg.Sink = sink
		return nil
	}
}
