package scenarios

import (
	"time"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// The document model below mirrors the scenario format for the JSON Schema only: nothing parses
// into it (the parser walks yaml nodes). Its yaml tags are the keys, its jsonschema tags the
// defaults and descriptions; a field of type ref[T] is a $defs entry built from the simulator's
// own enum table for T (see schemaDefs), so the allowed values cannot drift from the parser's.
// schema_test.go checks that every key here is a key the parser reads, and the reverse.

// ref[T] is a value whose schema is the $defs entry registered for T in schemaDefs.
type ref[T any] string

// Marker types for the $defs entries that are not simulator enums.
type (
	fixtureName             struct{} // a fixture of package fixtures/tasks
	appAction               struct{} // timeline app
	accessAction            struct{} // timeline access
	lockScreenAction        struct{} // timeline lock_screen
	faultKind               struct{} // timeline fault kind
	policyCancelReason      struct{} // the CancellationReason members a policy_cancel fault may inject
	triggerType             struct{} // trigger type
	triggerClass            struct{} // generic trigger class
	controlChannelEventName struct{} // control channel event
	stateless               struct{} // the SystemTriggerType members system_event may raise
	requestAccessResult     struct{} // the BackgroundAccessStatus members RequestAccessAsync answers
	maintenanceWindow       struct{} // "HH:MM-HH:MM"
	scalarValue             struct{} // a signal argument
	expectResult            struct{} // a Result or an ApplicationTriggerResult
	varyName                struct{} // explore vary
)

type schemaScenario struct {
	Name          string                `yaml:"name" jsonschema_description:"What the scenario shows, in one line."`
	Description   string                `yaml:"description" jsonschema_description:"Why: the rule it exercises and where docs/windows-model.md describes it."`
	Seed          uint64                `yaml:"seed" jsonschema:"default=1" jsonschema_description:"Seed of the simulation's random streams (GUIDs)."`
	Start         string                `yaml:"start" jsonschema:"format=date-time,default=2000-01-01T00:00:00Z" jsonschema_description:"The virtual clock's first instant, RFC 3339. Every at: is an offset from it."`
	Until         ref[time.Duration]    `yaml:"until" jsonschema_description:"How long to run. Default: the last timeline entry + 1h."`
	Policy        *schemaPolicy         `yaml:"policy" jsonschema_description:"Knobs for the rules Windows leaves undocumented; every default is bgsim's choice."`
	Device        *schemaDevice         `yaml:"device" jsonschema_description:"The device before the timeline starts."`
	App           *schemaApp            `yaml:"app" jsonschema_description:"The app before the timeline starts."`
	Manifest      *schemaManifest       `yaml:"manifest" jsonschema_description:"The package manifest: a Package.appxmanifest file, or inline declarations. Without it only in-process tasks register."`
	Tasks         map[string]schemaTask `yaml:"tasks" jsonschema_description:"How each entry point (Namespace.Class) behaves when Run is called."`
	Registrations []schemaRegistration  `yaml:"registrations" jsonschema_description:"Registrations made at time 0, in file order."`
	Timeline      []schemaTimelineEntry `yaml:"timeline" jsonschema_description:"What happens, at offsets from start; entries at the same instant run in file order, after the registrations."`
	Expect        []schemaExpectation   `yaml:"expect" jsonschema_description:"What the trace must show."`
	Properties    []schemaProperty      `yaml:"properties" jsonschema_description:"Statements about the whole trace, checked by bgsim run and on every run of bgsim explore."`
	Explore       *schemaExplore        `yaml:"explore" jsonschema_description:"How bgsim explore perturbs this file. Default: vary every device action and the app, at most 4 inserted events, no jitter, the file's seed."`
	Trace         string                `yaml:"trace" jsonschema_description:"The recorded canonical trace; bgsim run --update writes it."`
}

type schemaPolicy struct {
	WallClockLimit             ref[time.Duration]         `yaml:"wall_clock_limit" jsonschema_extras:"default=30s" jsonschema_description:"Run time allowed to an instance of a trigger other than application and maintenance before it is canceled (ExecutionTimeExceeded)."`
	ApplicationWallClockLimit  ref[time.Duration]         `yaml:"application_wall_clock_limit" jsonschema_extras:"default=10m" jsonschema_description:"Run time allowed to an ApplicationTrigger instance."`
	MaintenanceWallClockLimit  ref[time.Duration]         `yaml:"maintenance_wall_clock_limit" jsonschema_extras:"default=10m" jsonschema_description:"Run time allowed to a MaintenanceTrigger instance."`
	CancelGrace                ref[time.Duration]         `yaml:"cancel_grace" jsonschema_extras:"default=5s" jsonschema_description:"How long a canceled instance has to finish before its host is terminated."`
	LatchedFirings             ref[simulator.LatchMode]   `yaml:"latched_firings" jsonschema_extras:"default=coalesce" jsonschema_description:"What several firings do while a condition does not hold: coalesce into one pending run, or each become a run."`
	Overlap                    ref[simulator.OverlapMode] `yaml:"overlap" jsonschema_extras:"default=start_new" jsonschema_description:"What a firing does while an instance of the same registration runs: start another, or latch until it finishes."`
	DeliverAfterRelaunch       bool                       `yaml:"deliver_after_relaunch" jsonschema:"default=false" jsonschema_description:"Deliver a completion that happened while the app was not running at its next launch, instead of dropping it."`
	IdleWatchdog               ref[time.Duration]         `yaml:"idle_watchdog" jsonschema_description:"Cancel an instance (IdleTask) that makes no progress and completes no deferral for this long; a duration above zero. Without the key the watchdog is off."`
	EnergySaverCancelsRunning  bool                       `yaml:"energy_saver_cancels_running" jsonschema:"default=true" jsonschema_description:"Battery Saver turning on cancels running instances of apps not AlwaysAllowed (EnergySaver)."`
	EnergySaverOnAC            bool                       `yaml:"energy_saver_on_ac" jsonschema:"default=false" jsonschema_description:"Battery Saver may be on while the device is on AC power, as Windows 11's Energy Saver can: plugging in does not end it and battery_saver: true on AC is not refused."`
	HoldCriticalOnBatterySaver bool                       `yaml:"hold_critical_on_battery_saver" jsonschema:"default=false" jsonschema_description:"Battery Saver holds and cancels control channel triggers too, which otherwise run under it (push notifications are not received under Battery Saver either way)."`
	RegisterWithoutAccess      bool                       `yaml:"register_without_access" jsonschema:"default=false" jsonschema_description:"Register succeeds although the app never requested background access (not_requested)."`
	ResetAccessOnUpdate        bool                       `yaml:"reset_access_on_update" jsonschema:"default=true" jsonschema_description:"A servicing update (app: update) resets background access to not_requested."`
	RequestAccessResult        ref[requestAccessResult]   `yaml:"request_access_result" jsonschema_extras:"default=AllowedSubjectToSystemPolicy" jsonschema_description:"What RequestAccessAsync (timeline access: request) answers."`
}

type schemaDevice struct {
	TimeZone          string                            `yaml:"time_zone" jsonschema:"default=UTC" jsonschema_description:"IANA time zone name, such as Europe/Berlin."`
	Network           ref[simulator.NetworkLevel]       `yaml:"network" jsonschema_extras:"default=internet" jsonschema_description:"Network connectivity."`
	NetworkCost       ref[simulator.NetworkCost]        `yaml:"network_cost" jsonschema_extras:"default=free" jsonschema_description:"Whether the network is metered."`
	Power             ref[simulator.PowerSource]        `yaml:"power" jsonschema_extras:"default=ac" jsonschema_description:"Power source."`
	BatterySaver      bool                              `yaml:"battery_saver" jsonschema:"default=false" jsonschema_description:"Battery Saver on."`
	Standby           bool                              `yaml:"standby" jsonschema:"default=false" jsonschema_description:"Connected (modern) standby: the screen is off."`
	User              ref[simulator.UserPresence]       `yaml:"user" jsonschema_extras:"default=present" jsonschema_description:"User presence."`
	Session           ref[simulator.SessionState]       `yaml:"session" jsonschema_extras:"default=connected" jsonschema_description:"User session state."`
	LockScreen        bool                              `yaml:"lock_screen" jsonschema:"default=false" jsonschema_description:"The app is on the lock screen."`
	StandbyTasks      ref[simulator.StandbyTaskSupport] `yaml:"standby_tasks" jsonschema_extras:"default=supported" jsonschema_description:"Whether the device runs background tasks in modern standby (IsRunningTaskInStandbySupported)."`
	BatteryLevel      uint8                             `yaml:"battery_level" jsonschema:"minimum=1,maximum=100,default=100" jsonschema_description:"The battery's charge in percent; DeviceServicingTrigger needs more than 33 on battery."`
	MaintenanceWindow ref[maintenanceWindow]            `yaml:"maintenance_window" jsonschema_description:"When maintenance work may start, HH:MM-HH:MM in local time. Default: at any time on AC power."`
}

type schemaApp struct {
	State  ref[simulator.AppState]     `yaml:"state" jsonschema_extras:"default=foreground" jsonschema_description:"The app's lifecycle state."`
	Access ref[simulator.AccessStatus] `yaml:"access" jsonschema_extras:"default=AllowedSubjectToSystemPolicy" jsonschema_description:"Background access: a BackgroundAccessStatus member, or not_requested."`
	// OnBackgroundActivated is how Application.OnBackgroundActivated runs in-process tasks.
	OnBackgroundActivated *schemaTask `yaml:"on_background_activated" jsonschema_description:"How the app's OnBackgroundActivated runs in-process tasks (registrations without entry_point): a script or a fixture. Default: it returns at once, so the instance completes."`
}

type schemaManifest struct {
	File         string              `yaml:"file" jsonschema_description:"A Package.appxmanifest, relative to this scenario file's folder (or absolute)."`
	Declarations []schemaDeclaration `yaml:"declarations" jsonschema_description:"Inline background-task declarations, instead of a file."`
	Capabilities []string            `yaml:"capabilities" jsonschema_description:"Inline restricted capabilities, beside declarations (extendedBackgroundTaskTime, ...)."`
	UpdateTask   string              `yaml:"update_task" jsonschema_description:"The entry point of the package's update task (a windows.updateTask extension), beside declarations: it runs after every app update, without a registration."`
}

type schemaDeclaration struct {
	EntryPoint                string                   `yaml:"entry_point" jsonschema_description:"The task's Namespace.Class."`
	TaskTypes                 []ref[manifest.TaskType] `yaml:"task_types" jsonschema:"minItems=1" jsonschema_description:"The declared task types, as spelled in a manifest."`
	Executable                string                   `yaml:"executable" jsonschema_description:"The host executable."`
	ResourceGroup             string                   `yaml:"resource_group" jsonschema_description:"The host resource group."`
	SupportsMultipleInstances bool                     `yaml:"supports_multiple_instances" jsonschema:"default=false" jsonschema_description:"SupportsMultipleInstances of the declaration."`
}

type schemaTask struct {
	Script     []schemaStep     `yaml:"script" jsonschema_description:"Steps played when Run is called."`
	OnCanceled []schemaStep     `yaml:"on_canceled" jsonschema_description:"Steps played when the instance is canceled; an empty list ignores the cancellation. Default: complete every open deferral at once."`
	Fixture    ref[fixtureName] `yaml:"fixture" jsonschema_description:"A Go task of package fixtures/tasks, instead of a script."`
}

type schemaStep struct {
	At                ref[time.Duration]  `yaml:"at" jsonschema_description:"Offset from the instant Run (or the cancellation) started; without it the step runs inside Run."`
	TakeDeferral      string              `yaml:"take_deferral" jsonschema_description:"Take a deferral and name it."`
	CompleteDeferral  string              `yaml:"complete_deferral" jsonschema_description:"Complete the deferral of that name."`
	Progress          uint32              `yaml:"progress" jsonschema:"minimum=0" jsonschema_description:"Set the task's progress."`
	Log               string              `yaml:"log" jsonschema_description:"Write a log record."`
	Panic             string              `yaml:"panic" jsonschema_description:"The task code throws with this message."`
	Signal            *schemaSignal       `yaml:"signal" jsonschema_description:"ApplicationTrigger.RequestAsync from task code: Windows refuses it (signal_result DisabledByPolicy cause=from_task)."`
	Register          *schemaRegistration `yaml:"register" jsonschema_description:"Register from task code."`
	Unregister        *schemaUnregister   `yaml:"unregister" jsonschema_description:"Unregister(cancel) every live registration of that name, from task code."`
	RequestAccess     *schemaNoValue      `yaml:"request_access" jsonschema_description:"BackgroundExecutionManager.RequestAccessAsync from task code; its value is {}."`
	RemoveAccess      *schemaNoValue      `yaml:"remove_access" jsonschema_description:"BackgroundExecutionManager.RemoveAccess from task code; its value is {}."`
	TransferOwnership string              `yaml:"transfer_ownership" jsonschema_description:"StreamSocket.TransferOwnership(socketId) from task code: the socket goes back to the broker, which delivers its next activity again."`
}

// schemaNoValue is the empty mapping a step without arguments takes.
type schemaNoValue struct{}

type schemaRegistration struct {
	Name                  string                               `yaml:"name" jsonschema:"required" jsonschema_description:"BackgroundTaskBuilder.Name; expectations and actions refer to it."`
	EntryPoint            string                               `yaml:"entry_point" jsonschema_description:"BackgroundTaskBuilder.TaskEntryPoint; omit for an in-process task."`
	Clsid                 string                               `yaml:"clsid" jsonschema:"pattern=^\\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}?$" jsonschema_description:"SetTaskEntryPointClsid: a COM class the manifest declares (windows.comServer); its behaviour is the tasks entry {clsid} in lower case."`
	Trigger               *schemaTrigger                       `yaml:"trigger" jsonschema_description:"SetTrigger; without it Register fails with NoTrigger."`
	Conditions            []ref[simulator.SystemConditionType] `yaml:"conditions" jsonschema_description:"AddCondition, in order."`
	CancelOnConditionLoss bool                                 `yaml:"cancel_on_condition_loss" jsonschema:"default=false" jsonschema_description:"BackgroundTaskBuilder.CancelOnConditionLoss."`
	NetworkRequested      bool                                 `yaml:"network_requested" jsonschema:"default=false" jsonschema_description:"BackgroundTaskBuilder.IsNetworkRequested."`
	RegisterWithName      bool                                 `yaml:"register_with_name" jsonschema:"default=false" jsonschema_description:"Register(taskName): replace same-name registrations; the task does not run in modern standby unless allow_running_in_standby."`
	AllowRunningInStandby bool                                 `yaml:"allow_running_in_standby" jsonschema:"default=false" jsonschema_description:"BackgroundTaskBuilder.AllowRunningTaskInStandby: with register_with_name, run in modern standby where the device supports it."`
	Group                 *schemaGroup                         `yaml:"group" jsonschema_description:"BackgroundTaskBuilder.TaskGroup; registrations with the same id share one group."`
}

type schemaGroup struct {
	ID   string `yaml:"id" jsonschema:"required" jsonschema_description:"The group id."`
	Name string `yaml:"name" jsonschema_description:"The group's display name."`
}

type schemaTrigger struct {
	Type         ref[triggerType]                           `yaml:"type" jsonschema:"required" jsonschema_description:"The trigger class; it selects the other keys."`
	Event        ref[simulator.SystemTriggerType]           `yaml:"event" jsonschema_description:"system: the SystemTriggerType."`
	OneShot      bool                                       `yaml:"one_shot" jsonschema:"default=false" jsonschema_description:"system, time, maintenance: fire once only."`
	Freshness    ref[time.Duration]                         `yaml:"freshness" jsonschema_description:"time, maintenance: FreshnessTime. Windows refuses less than 15m or a part minute (register_failed InvalidFreshness)."`
	ID           string                                     `yaml:"id" jsonschema_description:"custom_system_event: the event's id. socket_activity and push_notification take no other key."`
	Recurrence   ref[simulator.CustomSystemEventRecurrence] `yaml:"recurrence" jsonschema_description:"custom_system_event: Once or Always."`
	ChannelID    string                                     `yaml:"channel_id" jsonschema_description:"control_channel: the channel id, 1 to 64 characters (more: register_failed InvalidTrigger)."`
	KeepAlive    uint32                                     `yaml:"keep_alive" jsonschema:"minimum=0" jsonschema_description:"control_channel: the server keep-alive interval in minutes, 15 to 1439 (else register_failed InvalidTrigger)."`
	HardwareSlot bool                                       `yaml:"hardware_slot" jsonschema:"default=false" jsonschema_description:"control_channel: ask for a hardware slot (delivers in connected standby) instead of a software slot."`
	LocationType ref[simulator.LocationTriggerType]         `yaml:"location_type" jsonschema_description:"location: the LocationTriggerType (Geofence)."`
	Class        ref[triggerClass]                          `yaml:"class" jsonschema_description:"generic: the Windows trigger class name; Register checks the manifest task type it needs."`
}

type schemaTimelineEntry struct {
	At                ref[time.Duration]          `yaml:"at" jsonschema:"required" jsonschema_description:"Offset from start."`
	TimeZone          string                      `yaml:"time_zone" jsonschema_description:"Change the time zone (IANA name); TimeZoneChange fires only if the UTC offset changes."`
	Network           ref[simulator.NetworkLevel] `yaml:"network" jsonschema_description:"Change connectivity: NetworkStateChange, and InternetAvailable on the way to internet."`
	NetworkCost       ref[simulator.NetworkCost]  `yaml:"network_cost" jsonschema_description:"Change the network cost: NetworkStateChange."`
	Power             ref[simulator.PowerSource]  `yaml:"power" jsonschema_description:"Change the power source: PowerStateChange."`
	BatterySaver      bool                        `yaml:"battery_saver" jsonschema_description:"Turn Battery Saver on or off."`
	Standby           bool                        `yaml:"standby" jsonschema_description:"Enter or leave connected standby."`
	User              ref[simulator.UserPresence] `yaml:"user" jsonschema_description:"UserPresent or UserAway."`
	Session           ref[simulator.SessionState] `yaml:"session" jsonschema_description:"Connect or disconnect the session: SessionConnected on connect."`
	LockScreen        ref[lockScreenAction]       `yaml:"lock_screen" jsonschema_description:"LockScreenApplicationAdded or LockScreenApplicationRemoved."`
	App               ref[appAction]              `yaml:"app" jsonschema_description:"App lifecycle; update is a servicing update (ServicingComplete)."`
	SystemEvent       ref[stateless]              `yaml:"system_event" jsonschema_description:"Raise a system event that has no device state."`
	CustomSystemEvent string                      `yaml:"custom_system_event" jsonschema_description:"Raise the custom system event with this id (bgsim's addition)."`
	Signal            *schemaSignal               `yaml:"signal" jsonschema_description:"ApplicationTrigger.RequestAsync; the result is a signal_result record."`
	Register          *schemaRegistration         `yaml:"register" jsonschema_description:"Register at this instant."`
	Unregister        *schemaUnregister           `yaml:"unregister" jsonschema_description:"Unregister(cancel) every registration of that name."`
	Access            ref[accessAction]           `yaml:"access" jsonschema_description:"RequestAccessAsync (request) or RemoveAccess (remove)."`
	Fault             *schemaFault                `yaml:"fault" jsonschema_description:"An injected fault."`
	SocketActivity    *schemaSocketActivity       `yaml:"socket_activity" jsonschema_description:"The socket broker sees activity on a socket transferred for the socket_activity registration task (not delivered while a task it activated still owns the socket)."`
	BatteryLevel      uint8                       `yaml:"battery_level" jsonschema:"minimum=1,maximum=100" jsonschema_description:"Set the battery's charge in percent (a device record, no system event)."`
	DeviceTrigger     *schemaDeviceTrigger        `yaml:"device_trigger" jsonschema_description:"DeviceUseTrigger or DeviceServicingTrigger RequestAsync from the app; the answer is an event record with a DeviceTriggerResult."`
	ControlChannel    *schemaControlChannel       `yaml:"control_channel" jsonschema_description:"Data arrives on a control channel (push) or its keep-alive timer expires (keep_alive): its control_channel registrations run."`
	Geofence          *schemaGeofence             `yaml:"geofence" jsonschema_description:"The device enters or leaves a geofence of the app: its location registration runs."`
	TriggerEvent      *schemaTriggerEvent         `yaml:"trigger_event" jsonschema_description:"The event of a generic trigger class: every generic registration of that class runs, with the details as TriggerDetails."`
	RawNotification   string                      `yaml:"raw_notification" jsonschema_description:"A raw push notification with this content: every push_notification registration runs, with it as TriggerDetails."`
	MediaProcessing   *schemaMediaProcessing      `yaml:"media_processing" jsonschema_description:"MediaProcessingTrigger.RequestAsync from the app; the answer is an event record with a MediaProcessingTriggerResult."`
}

type schemaMediaProcessing struct {
	Task      string                      `yaml:"task" jsonschema:"required" jsonschema_description:"A registration with a generic MediaProcessingTrigger."`
	Arguments map[string]ref[scalarValue] `yaml:"arguments" jsonschema_description:"The ValueSet passed to RequestAsync; the task reads it as MediaProcessingTriggerDetails."`
}

type schemaDeviceTrigger struct {
	Task         string `yaml:"task" jsonschema:"required" jsonschema_description:"A registration with a device_use or device_servicing trigger."`
	Device       string `yaml:"device" jsonschema:"required" jsonschema_description:"The device id."`
	Arguments    string `yaml:"arguments" jsonschema_description:"RequestAsync's arguments."`
	DeniedByUser bool   `yaml:"denied_by_user" jsonschema:"default=false" jsonschema_description:"The user refuses the consent prompt: DeniedByUser."`
}

type schemaControlChannel struct {
	ChannelID string                       `yaml:"channel_id" jsonschema:"required,minLength=1" jsonschema_description:"The channel id."`
	Event     ref[controlChannelEventName] `yaml:"event" jsonschema:"required" jsonschema_description:"push or keep_alive."`
}

type schemaGeofence struct {
	ID    string                       `yaml:"id" jsonschema:"required,minLength=1" jsonschema_description:"The geofence's id."`
	State ref[simulator.GeofenceState] `yaml:"state" jsonschema:"required" jsonschema_description:"Entered or Exited."`
}

type schemaTriggerEvent struct {
	Class   ref[triggerClass]           `yaml:"class" jsonschema:"required" jsonschema_description:"A trigger class name, such as BluetoothLEAdvertisementWatcherTrigger."`
	Details map[string]ref[scalarValue] `yaml:"details" jsonschema_description:"What the event carries; the run record's details= field."`
}

type schemaSocketActivity struct {
	Task   string                                     `yaml:"task" jsonschema:"required" jsonschema_description:"A registration with a socket_activity trigger."`
	Socket string                                     `yaml:"socket" jsonschema:"required,minLength=1" jsonschema_description:"The socket's id."`
	Reason ref[simulator.SocketActivityTriggerReason] `yaml:"reason" jsonschema:"required" jsonschema_description:"Why the broker activates the task."`
}

type schemaSignal struct {
	Task      string                      `yaml:"task" jsonschema:"required" jsonschema_description:"A registration with an application trigger."`
	Arguments map[string]ref[scalarValue] `yaml:"arguments" jsonschema_description:"The ValueSet passed to RequestAsync."`
}

type schemaUnregister struct {
	Task   string `yaml:"task" jsonschema:"required" jsonschema_description:"The registration name."`
	Cancel bool   `yaml:"cancel" jsonschema:"default=false" jsonschema_description:"Unregister(true): cancel running instances (Abort)."`
}

type schemaFault struct {
	Kind   ref[faultKind]          `yaml:"kind" jsonschema:"required" jsonschema_description:"kill_host: the host process dies; low_memory_kill: the system reclaims it; policy_cancel: the system cancels the instance."`
	Task   string                  `yaml:"task" jsonschema:"required" jsonschema_description:"The registration name."`
	Reason ref[policyCancelReason] `yaml:"reason" jsonschema_description:"policy_cancel only: the cancellation reason."`
}

type schemaExpectation struct {
	Run               string                            `yaml:"run" jsonschema_description:"Run was called."`
	Latched           string                            `yaml:"latched" jsonschema_description:"The trigger fired while a condition did not hold."`
	Progress          string                            `yaml:"progress" jsonschema_description:"The task set progress (value)."`
	DeferralCompleted string                            `yaml:"deferral_completed" jsonschema_description:"A deferral was completed."`
	Canceled          string                            `yaml:"canceled" jsonschema_description:"The instance was canceled (reason)."`
	Completed         string                            `yaml:"completed" jsonschema_description:"The instance finished (result)."`
	Terminated        string                            `yaml:"terminated" jsonschema_description:"The host was killed (grace period over, or a fault)."`
	Delivered         string                            `yaml:"delivered" jsonschema_description:"Completed reached the app (result)."`
	Dropped           string                            `yaml:"dropped" jsonschema_description:"Completed was never delivered (app terminated)."`
	ProgressDelivered string                            `yaml:"progress_delivered" jsonschema_description:"Progress reached the app (value)."`
	RegisterFailed    string                            `yaml:"register_failed" jsonschema_description:"Register failed (error)."`
	SignalResult      string                            `yaml:"signal_result" jsonschema_description:"RequestAsync answered (result: an ApplicationTriggerResult member)."`
	Register          string                            `yaml:"register" jsonschema_description:"A registration succeeded."`
	Unregister        string                            `yaml:"unregister" jsonschema_description:"Unregister(cancel) was called."`
	Deferral          string                            `yaml:"deferral" jsonschema_description:"A deferral was taken."`
	WorkLost          string                            `yaml:"work_lost" jsonschema_description:"Async work was pending when the host went away (value: how many callbacks)."`
	Log               string                            `yaml:"log" jsonschema_description:"Task code logged a line."`
	TaskError         string                            `yaml:"task_error" jsonschema_description:"Task or handler code panicked."`
	Device            string                            `yaml:"device" jsonschema_description:"A device record: its value is key=value fields (such as battery_saver=false cause=power) that the record must all have; it names no task."`
	Registered        string                            `yaml:"registered" jsonschema_description:"The registration is listed at the offset at: in AllTasks, or with group in that group's AllTasks (count: how many of that name)."`
	At                ref[time.Duration]                `yaml:"at" jsonschema_description:"Exact offset from start."`
	Between           [2]ref[time.Duration]             `yaml:"between" jsonschema_description:"[from, to]: offsets from start, inclusive."`
	Count             uint32                            `yaml:"count" jsonschema:"minimum=0,maximum=2147483647" jsonschema_description:"Exactly this many; without it at least one; 0 says never."`
	Reason            ref[simulator.CancellationReason] `yaml:"reason" jsonschema_description:"canceled: the cancellation reason."`
	Result            ref[expectResult]                 `yaml:"result" jsonschema_description:"completed, delivered, dropped: ok or error; signal_result: an ApplicationTriggerResult member."`
	Value             uint32                            `yaml:"value" jsonschema:"minimum=0" jsonschema_description:"progress, progress_delivered, work_lost: the value."`
	Error             ref[simulator.RegisterErrorCode]  `yaml:"error" jsonschema_description:"register_failed: why."`
	Waiting           string                            `yaml:"waiting" jsonschema_description:"latched: what the activation waits for, as the record's waiting= field (a condition, access, battery_saver, power, maintenance_window, ...)."`
	Arguments         map[string]ref[scalarValue]       `yaml:"arguments" jsonschema_description:"run: exactly the ApplicationTrigger arguments Run received; {} for none."`
	Group             string                            `yaml:"group" jsonschema_description:"registered: the task group id the registration must be in; without it, the app-wide AllTasks (no group)."`
	Instance          uint32                            `yaml:"instance" jsonschema:"minimum=0,maximum=2147483647" jsonschema_description:"The instance number (from 1, in order of creation)."`
}
