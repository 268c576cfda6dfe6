package simulator

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/bgsim/bgsim/simulator/internal/tzdb"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// DefaultStart is the virtual instant a simulation starts at when Config.Start is zero, the same
// epoch testing/synctest uses.
var DefaultStart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Task is the Go side of IBackgroundTask: Run is called on the engine goroutine when the task's
// trigger fires and its conditions hold.
type Task interface {
	Run(instance *Instance)
}

// TaskFunc adapts a function to Task.
type TaskFunc func(instance *Instance)

// Run implements Task.
func (f TaskFunc) Run(instance *Instance) { f(instance) }

// TaskFactory makes a fresh Task for each instance, as the host activates a new object for each
// run of an entry point.
type TaskFactory func() Task

// AppConfig is the state of the app that owns the tasks when the simulation starts.
type AppConfig struct {
	// State is the lifecycle state. Default AppForeground.
	State AppState
	// Access is the background access status. Default AccessAllowedSubjectToSystemPolicy, the
	// status Windows 10 grants on RequestAccessAsync [bgsim's choice].
	Access AccessStatus
	// OnBackgroundActivated plays Application.OnBackgroundActivated: it runs in-process tasks
	// (registrations without an entry point) that are not in a group with its own handler. When
	// nil, an in-process activation does nothing and completes at once.
	OnBackgroundActivated func(instance *Instance)
}

// Config is everything a simulation starts from. The zero Config is a valid, empty world: UTC,
// Internet on a free network, AC power, the user present, the app in the foreground.
type Config struct {
	// Seed selects the random streams (GUIDs). Default 1.
	Seed uint64
	// Start is the virtual instant the simulation begins at. Default DefaultStart.
	Start time.Time
	// Device is the initial device state; zero fields take the defaults listed on DeviceState.
	Device DeviceState
	// App is the initial app state.
	App AppConfig
	// Manifest holds the package's background-task declarations. Nil means none: only in-process
	// registrations can succeed.
	Manifest *manifest.Manifest
	// Tasks maps entry points to the Go code that runs them.
	Tasks map[string]TaskFactory
	// Policy sets the knobs of the undocumented rules.
	Policy Policy
	// Sink receives every record. Nil means an in-memory TraceBuffer, available from Trace.
	Sink Sink
	// Gate, when set, is locked around every method of Instance, Deferral and Timer. It lets task
	// code run on goroutines other than the engine's, as the harness's goroutine tasks do: the
	// owner of such goroutines keeps them from running while the engine runs, and the gate
	// serialises them among themselves. The engine never locks it for its own work, so a Gate
	// that is a no-op while the engine runs costs nothing there. Code that a gated call runs
	// inline (the app's Progress and Completed handlers, OnFinished callbacks) runs with the gate
	// held. Nil (the default) means every call comes from the engine goroutine.
	Gate sync.Locker
}

// Engine is one simulated device, app and background-task broker. It is single-threaded: every
// method must be called from the goroutine that owns it, and handlers it calls (task code, event
// handlers, scheduled actions) run inline on that goroutine. Every method that changes state,
// and every method of Instance, Deferral and Timer, checks this on the way in and on the way out
// (owner.go): a call that finds another goroutine inside the engine panics with a
// *ConcurrentUseError before doing anything, and a return that finds the state changed under it
// panics after. Like Go's check for concurrent map writes, it is best-effort: a second goroutine
// that calls in while the owner is between calls, or is running user code (task code, a handler,
// a function scheduled with At), goes unseen; the race detector, under -race, reports it. A
// ConcurrentUseError raised inside task code or a handler is contained like any panic there: it
// becomes the task's error (a task_error record).
type Engine struct {
	policy  Policy
	start   time.Time
	now     time.Duration
	q       queue
	regRNG  *rand.Rand
	instRNG *rand.Rand
	sink    Sink
	buffer  *TraceBuffer
	gate    sync.Locker
	owner   int32 // who is inside the engine: the owner check of owner.go

	device  DeviceState
	loc     *time.Location
	zoneGen uint32
	// windowGen invalidates a queued maintenance-window opening when the zone changes.
	windowGen uint32
	// lanes track wall-clock deadlines per trigger class (limits.go).
	lanes [laneCount]limitLane

	app                   AppState
	access                AccessStatus
	onBackgroundActivated func(*Instance)
	undelivered           []*Instance   // completions waiting for the app (suspended, or relaunch policy)
	updateTask            *Registration // the update task's, made at its first run (update_task.go)
	holdReleases          int           // > 0 while UpdateApp cancels: finishing instances start no latched run

	manifest *manifest.Manifest
	tasks    map[string]TaskFactory

	regs           []*Registration // registrations in registration order, unregistered ones until compacted
	regsDead       int             // unregistered registrations still in regs
	groups         map[string]*TaskGroup
	running        []*Instance   // started instances in creation order, finished ones until compacted
	runDead        int           // finished instances still in running
	appTriggerLive *Registration // the app's one ApplicationTrigger registration, if any
	nextReg        int
	nextInst       int
	events         uint64            // live events dispatched
	depth          int               // nesting of event dispatch; lists are compacted only at depth 0
	taskCode       int               // nesting of task code (Run, Canceled handlers, AfterFunc work) on the engine goroutine
	hosts          map[string]string // entry point -> the ResourceGroup its host is shared by (host.go)
	rec            Record            // scratch record handed to the sink; avoids an allocation per record
}

// New builds an engine from cfg. It fails only on an invalid configuration (an unknown time zone,
// an out-of-range enum, a bad policy value).
func New(cfg Config) (*Engine, error) {
	pol, err := cfg.Policy.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("cannot create engine: %w", err)
	}
	dev, err := cfg.Device.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("cannot create engine: %w", err)
	}
	if dev.BatterySaver && dev.Power == PowerAC && !pol.EnergySaverOnAC {
		return nil, errors.New("cannot create engine: Battery Saver is on while the device is on AC power; it exists only on battery (set Power to battery, or Policy.EnergySaverOnAC for Windows 11's Energy Saver)")
	}
	loc, err := tzdb.Load(dev.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("cannot create engine: %w", err)
	}
	app, access := cfg.App.State, cfg.App.Access
	if app == AppInvalid {
		app = AppForeground
	}
	if access == AccessInvalid {
		access = AccessAllowedSubjectToSystemPolicy
	}
	if !appStates.valid(app) {
		return nil, errors.New("cannot create engine: invalid app state")
	}
	if !accessStatuses.valid(access) {
		return nil, errors.New("cannot create engine: invalid access status")
	}
	seed := cfg.Seed
	if seed == 0 {
		seed = 1
	}
	start := cfg.Start
	if start.IsZero() {
		start = DefaultStart
	}
	rng := rngSource{seed}
	e := &Engine{
		policy:                pol,
		start:                 start.UTC(),
		regRNG:                rng.fork(streamRegistrations),
		instRNG:               rng.fork(streamInstances),
		sink:                  cfg.Sink,
		gate:                  cfg.Gate,
		device:                dev,
		loc:                   loc,
		app:                   app,
		access:                access,
		onBackgroundActivated: cfg.App.OnBackgroundActivated,
		manifest:              cfg.Manifest,
		hosts:                 resourceGroups(cfg.Manifest),
		tasks:                 cfg.Tasks,
		groups:                map[string]*TaskGroup{},
	}
	if e.sink == nil {
		e.buffer = &TraceBuffer{}
		e.sink = e.buffer
	}
	e.lanes[laneDefault].limit = pol.WallClockLimit
	e.lanes[laneApplication].limit = pol.ApplicationWallClockLimit
	e.lanes[laneMaintenance].limit = pol.MaintenanceWallClockLimit
	e.lanes[laneDeviceServicing].limit = DeviceServicingWallClockLimit
	e.lanes[laneDeviceUse].limit = DeviceUseWallClockLimit
	e.armZoneBoundary()
	e.armMaintenanceWindow()
	return e, nil
}

// Trace returns the in-memory trace, or nil when Config.Sink was set.
func (e *Engine) Trace() *TraceBuffer { return e.buffer }

// Policy returns the policy in force, defaults filled in.
func (e *Engine) Policy() Policy { return e.policy }

// Device returns the current device state.
func (e *Engine) Device() DeviceState { return e.device }

// AppState returns the app's lifecycle state.
func (e *Engine) AppState() AppState { return e.app }

// AccessStatus returns the app's background access status (GetAccessStatus).
func (e *Engine) AccessStatus() AccessStatus { return e.access }

// emit hands r to the sink, stamped with the current instant, through the scratch record.
func (e *Engine) emit(r Record) {
	e.rec = r
	e.rec.At = e.now
	e.sink.Record(&e.rec)
}

// flush hands the scratch record, filled in place (Instance.record), to the sink.
func (e *Engine) flush() { e.sink.Record(&e.rec) }
