package scenarios

import (
	"time"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// Pos is a 1-based line and column in the scenario file.
type Pos struct{ Line, Col int }

// Scenario is a parsed, validated scenario file. Every element keeps the position of its key or
// entry, so later errors (an unsupported action, a failed expectation) point into the file.
type Scenario struct {
	File          string // the path it was read from, as given
	Name          string
	Description   string
	Seed          uint64        // default 1
	Start         time.Time     // default simulator.DefaultStart
	Until         time.Duration // 0 when absent: last timeline entry + 1h
	UntilSet      bool
	Policy        Policy
	Device        Device
	App           App
	Manifest      *manifest.Manifest // nil when the file has no manifest
	ManifestFile  string             // the manifest's file: value as written; "" for inline declarations
	ManifestPos   Pos
	Tasks         []TaskBehaviour // in file order
	Registrations []Registration
	Timeline      []Entry
	Expect        []Expectation
	Properties    []Property    // checked on the whole trace by Run and Explore
	Explore       *ExploreBlock // nil when the file has no explore block: Explore's defaults
	Trace         *TraceBlock   // nil when the file has no trace block
}

// Policy is the policy block: the engine's knobs (zero fields take the engine's defaults).
type Policy struct {
	simulator.Policy
}

// Device is the device block.
type Device struct {
	simulator.DeviceState
	BatterySaverPos Pos // the battery_saver value, for the check that it is on only on battery
}

// App is the app block.
type App struct {
	State  simulator.AppState     // default foreground
	Access simulator.AccessStatus // default AllowedSubjectToSystemPolicy
	// OnBackgroundActivated runs in-process tasks (registrations without an entry point); nil:
	// the activation returns at once. Its EntryPoint is "on_background_activated".
	OnBackgroundActivated *TaskBehaviour
}

// TaskBehaviour is how one entry point behaves when Run is called: a script or a Go fixture.
type TaskBehaviour struct {
	Pos        Pos
	EntryPoint string
	Fixture    string // a name from fixtures/tasks; "" for a script
	Script     []Step
	// OnCanceled runs when the instance is canceled. Nil (the key absent) means the default: stop
	// the script's pending steps and complete every open deferral at once.
	OnCanceled []Step
	// OnCanceledSet says the key was present (an empty list means "ignore the cancellation").
	OnCanceledSet bool
}

// StepKind is what a script step does.
type StepKind uint8

// The script steps.
const (
	StepInvalid          StepKind = iota
	StepTakeDeferral              // take_deferral: NAME
	StepCompleteDeferral          // complete_deferral: NAME
	StepProgress                  // progress: N
	StepLog                       // log: TEXT
	StepPanic                     // panic: TEXT (the task code throws)
	StepCall                      // signal, register, unregister, request_access, remove_access, transfer_ownership: Call
)

// Step is one script step. Steps without `at` (or at 0) run inside Run, in order; the others are
// scheduled with Instance.AfterFunc relative to the instant Run (or the cancellation) started.
type Step struct {
	Pos   Pos
	At    time.Duration
	Kind  StepKind
	Name  string  // deferral name, log or panic text
	Value uint32  // progress
	Call  *Action // StepCall: the API call task code makes, read as the timeline action (access request|remove)
}

// Registration is one registration: the fields of a BackgroundTaskBuilder.
type Registration struct {
	Pos           Pos
	Name          string
	EntryPoint    string // "" for an in-process task
	EntryPointPos Pos
	// Clsid is SetTaskEntryPointClsid's COM class (zero: none); its behaviour is the tasks entry
	// named simulator.ClsidEntryPoint(Clsid), "{clsid}" in lower case.
	Clsid                 simulator.GUID
	ClsidPos              Pos
	Trigger               *Trigger // nil: no SetTrigger (Register fails with NoTrigger)
	Conditions            []simulator.SystemConditionType
	CancelOnConditionLoss bool
	NetworkRequested      bool
	// RegisterWithName registers with Register(name), which replaces same-name registrations and
	// does not run the task in modern standby unless AllowRunningInStandby.
	RegisterWithName      bool
	AllowRunningInStandby bool
	Group                 *Group
}

// Group is a registration's task group.
type Group struct {
	ID, Name string
}

// Trigger is a registration's trigger; Type selects which other fields apply.
type Trigger struct {
	Pos        Pos
	Type       string // system | time | maintenance | application | custom_system_event | socket_activity | push_notification | location | control_channel | device_use | device_servicing | generic
	Event      simulator.SystemTriggerType
	OneShot    bool
	Freshness  time.Duration
	ID         string
	Recurrence simulator.CustomSystemEventRecurrence
	Class      string // generic: a class of simulator.TriggerClasses
	// LocationType is location's LocationTriggerType.
	LocationType simulator.LocationTriggerType
	// KeepAlive and HardwareSlot are control_channel's server keep-alive (minutes) and slot; its
	// channel id is ID.
	KeepAlive    uint32
	HardwareSlot bool
}

// Entry is one timeline entry: an offset and exactly one action.
type Entry struct {
	Pos    Pos
	At     time.Duration
	Action Action
}

// Action is a timeline action. Kind is its key; the field that matches Kind holds the value.
type Action struct {
	Kind         string
	Pos          Pos
	Text         string // time_zone, app, access, system_event name, custom_system_event id, socket_activity and transfer_ownership socket, raw_notification content, trigger_event class
	Bool         bool   // battery_saver, standby, lock_screen (true = added)
	Network      simulator.NetworkLevel
	Cost         simulator.NetworkCost
	Power        simulator.PowerSource
	User         simulator.UserPresence
	Session      simulator.SessionState
	Event        simulator.SystemTriggerType
	Task         string            // signal, media_processing, unregister, fault
	TaskPos      Pos               // position of the task name
	Arguments    map[string]string // signal and media_processing arguments, trigger_event details
	Cancel       bool              // unregister
	Fault        string            // fault kind
	Reason       simulator.CancellationReason
	Socket       simulator.SocketActivityTriggerReason // socket_activity
	Geofence     simulator.GeofenceState               // geofence (Text is its id)
	Channel      simulator.ControlChannelEvent         // control_channel (Text is its channel id)
	Level        uint8                                 // battery_level
	DeviceArgs   string                                // device_trigger arguments (Task names the registration, Text the device)
	DeniedByUser bool                                  // device_trigger denied_by_user
	Register     *Registration
}

// Expectation is one entry of expect: a record kind and task, plus filters.
type Expectation struct {
	Pos      Pos
	Kind     simulator.RecordKind
	Task     string
	TaskPos  Pos
	At       *time.Duration
	Between  *[2]time.Duration
	Count    *int
	Reason   simulator.CancellationReason
	Result   simulator.Result
	Signal   simulator.ApplicationTriggerResult
	Value    *uint32
	Error    simulator.RegisterErrorCode
	Instance int
	// Waiting is the latched filter waiting: the record's waiting= field.
	Waiting string
	// Fields are the key=value fields a device expectation's record must all have.
	Fields []string
	// Arguments is the run filter arguments (non-nil when given; empty: none).
	Arguments map[string]string
	// Registered is set for a registered expectation: Kind is KindRegister, and it counts the
	// registrations of Task listed at At (in Group's AllTasks, or the app's when Group is "").
	Registered bool
	Group      string
}

// TraceBlock is the recorded trace and where it sits in the file.
type TraceBlock struct {
	Pos  Pos // the trace key
	Text string
	// Pending is set for a trace key with no value ("trace:"): nothing is recorded yet, the
	// replay is checked against the expectations only, and Update records the trace there.
	Pending bool
}
