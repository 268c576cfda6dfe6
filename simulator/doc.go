// Package simulator is bgsim's deterministic core: a virtual clock, a simulated device and app,
// and a background-task broker that follows the Windows background-task model
// (Windows.ApplicationModel.Background). It imports only the standard library, starts no
// goroutine, and never reads the wall clock, the environment or the file system.
//
// # Determinism
//
// One goroutine owns an [Engine]: every method, and every handler the engine calls (task code,
// Canceled, Progress and Completed handlers, scheduled actions), runs on it, inline. Methods that
// change state check it, best-effort as Go's check for concurrent map writes is: one that finds
// another goroutine inside the engine panics with a [*ConcurrentUseError] rather than make the
// trace depend on the Go scheduler (see [Engine]). Work is
// queued in (virtual instant, sequence number) order, so events at the same instant run in the
// order they were scheduled (a binary heap of per-instant FIFO buckets, queue.go). Time moves only when the engine moves it,
// straight to the next due event: [Engine.RunFor] over a year drops nothing and never sleeps.
// GUIDs come from PCG streams seeded from [Config.Seed], one stream per subsystem. Lists that
// decide an order (registrations, running instances) are slices in creation order; no map is
// iterated where order matters. Time zones come from a zone database compiled into the binary,
// not the host's. Same Config, same calls ⇒ byte-identical trace.
//
// # Ordering rules
//
//   - Same-instant events run in insertion order (queue sequence number).
//   - A device change runs, in order: its device record; cancellations of running instances
//     that lost a condition (creation order); each system event it causes, every matching
//     registration in registration order; then latched registrations that may now start, in
//     registration order. A registration made during a dispatch does not see that event.
//   - One change can cause several events, in this order: PowerStateChange then
//     BackgroundWorkCostChange; NetworkStateChange then InternetAvailable.
//
// # The model (docs/windows-model.md)
//
//   - docs/windows-model.md#task-builder [BackgroundTaskBuilder] and docs/windows-model.md#registration-rules validation: [RegisterError] codes NoTrigger,
//     ClassNotRegistered (REGDB_E_CLASSNOTREG), InvalidFreshness and InvalidOneShot
//     (E_INVALIDARG), DuplicateApplicationTrigger, AccessDenied, InvalidTrigger,
//     DuplicateTrigger (a second LocationTrigger or MediaProcessingTrigger). Duplicate names
//     are allowed and each runs; RegisterWithName replaces same-name registrations.
//   - docs/windows-model.md#com-entry-points [BackgroundTaskBuilder.SetTaskEntryPointClsid]: a COM
//     class the manifest declares ([ClsidEntryPoint] names its code), else ClassNotRegistered;
//     [BackgroundTaskBuilder.Validate] runs Register's checks without registering.
//   - docs/windows-model.md#standby-opt-in: a RegisterWithName registration waits out connected
//     standby unless [BackgroundTaskBuilder].AllowRunningTaskInStandby and
//     [Engine.IsRunningTaskInStandbySupported] ([DeviceState].StandbyTasks).
//   - docs/windows-model.md#registrations, #task-groups [Registration], [Engine.AllTasks] (ungrouped only, registration order),
//     [TaskGroup], [Engine.GetTaskGroup] (nil for an unknown id), [Registration.Unregister].
//   - docs/windows-model.md#system-triggers [SystemTrigger]: events are edge-triggered; TimeZoneChange only when the UTC offset
//     changes (DST transitions of the current zone included); InternetAvailable on the way to
//     internet; BackgroundWorkCostChange when the docs/windows-model.md#background-work-cost cost changes.
//   - docs/windows-model.md#time-triggers, #maintenance-triggers [TimeTrigger], [MaintenanceTrigger]: a 15-minute tick grid counted from the
//     start; first run at the first tick at or after registration + freshness; recurring ones
//     re-arm at the first tick at or after the last run + freshness; a fired one-shot stays
//     listed and is inert. Maintenance runs only on AC: on battery it latches, and a running one
//     is canceled with Abort when power leaves AC.
//   - docs/windows-model.md#application-triggers [ApplicationTrigger]: [Engine.RequestApplicationTrigger] answers Allowed,
//     CurrentlyRunning, DisabledByPolicy or UnknownError; arguments reach
//     [ApplicationTriggerDetails]. It is refused (DisabledByPolicy with a cause) from task code
//     and while the app is not in the foreground, and under Battery Saver for an app not
//     AlwaysAllowed; one application-triggered task of the app runs at a time, whatever
//     registration started it (docs/windows-model.md#application-trigger-requests).
//   - docs/windows-model.md#custom-system-event-triggers [CustomSystemEventTrigger]: Once (once per session) or Always.
//   - docs/windows-model.md#socket-activity-triggers [SocketActivityTrigger]:
//     [Engine.DeliverSocketActivity] runs the task with [SocketActivityTriggerDetails] (a
//     [SocketActivityTriggerReason] and the socket); the task then owns the socket, and further
//     activity on it is not delivered (an event record says not_delivered=owned_by_task) until
//     it calls [Instance.TransferOwnership].
//   - docs/windows-model.md#push-notification-triggers [PushNotificationTrigger]:
//     [Engine.DeliverRawNotification] runs every push registration with a [RawNotification].
//   - docs/windows-model.md#control-channel-triggers [ControlChannelTrigger]: channel id of at
//     most 64 characters, keep-alive 15 to 1439 minutes; a software slot by default, a hardware
//     slot on request, PolicyError past the slot limits; [Engine.DeliverControlChannel] runs it,
//     and in connected standby only through a hardware slot.
//   - docs/windows-model.md#device-triggers [DeviceUseTrigger], [DeviceServicingTrigger]: no
//     conditions, out of process only; [Engine.RequestDeviceTrigger] answers a
//     [DeviceTriggerResult] (foreground only, one at a time, servicing needs more than 33 %
//     battery or AC: [DeviceState].BatteryLevel).
//   - docs/windows-model.md#location-triggers [LocationTrigger]: one per app (a second Register
//     fails with DuplicateTrigger); [Engine.ReportGeofence] runs it with a [GeofenceReport].
//   - docs/windows-model.md#other-trigger-classes [GenericTrigger]: the other classes of
//     [TriggerClasses] by name, each with the manifest task types it needs
//     ([TriggerClassTaskTypes]); [Engine.RaiseTriggerEvent] fires a class with
//     [TriggerEventDetails].
//   - docs/windows-model.md#conditions conditions: checked when the trigger fires; unmet means latched until all hold; firings
//     while latched coalesce ([Policy].LatchedFirings); contradictory conditions never run.
//   - docs/windows-model.md#task-instances, #delivery execution: [Instance] mirrors IBackgroundTaskInstance; it completes when Run has
//     returned and every [Deferral] is complete; work queued with [Instance.AfterFunc] after the
//     host is gone never runs (a work_lost record). A panic completes the instance with an error
//     ([CompletedEventArgs.CheckResult]) and the engine goes on.
//   - docs/windows-model.md#cancellation cancellation: Canceled handlers get the reason; an instance not finished
//     [Policy].CancelGrace later is terminated. Unregister(true) cancels with Abort;
//     CancelOnConditionLoss with ConditionLoss; an app update with ServicingUpdate; the wall
//     clock with ExecutionTimeExceeded; the idle watchdog with IdleTask; Battery Saver with
//     EnergySaver; [Engine.InjectFault] with Terminating, LoggingOff, Uninstall, SystemPolicy,
//     ResourceRevocation or QuietHoursEntered (policy_cancel), or kills a host without Canceled
//     (kill_host, low_memory_kill). An in-process task's host is the app: when one has to be
//     terminated, the app process is, with every in-process instance; [Engine.TerminateApp]
//     ends them too.
//   - docs/windows-model.md#wall-clock-limits limits: a wall-clock limit per trigger class, counted from Run, not extended by
//     deferrals; the extendedBackgroundTaskTime capability of the manifest lifts it and the idle
//     watchdog once Run took a deferral. Battery Saver holds every task of an app that is not
//     AlwaysAllowed (time triggers included; they start once it ends). It exists only on
//     battery: plugging in ends it, and turning it on while on AC is refused with a device
//     record and [ErrBatterySaverOnAC] (docs/windows-model.md#battery-saver-and-power). A
//     [DeviceState].MaintenanceWindow, in local time, limits when maintenance tasks start.
//   - docs/windows-model.md#background-access access: [Engine.RequestAccess], [Engine.RemoveAccess], [Engine.AccessStatus]. Denied
//     and Unspecified apps run nothing and their RequestAsync answers DisabledByPolicy; an app
//     that never requested access runs no time or application trigger. An update resets access.
//   - Hosts: out-of-process tasks whose manifest declarations name the same ResourceGroup share
//     one host; when it ends (grace period over, kill_host, low_memory_kill) every instance in
//     it is terminated, and their run records name it (docs/windows-model.md#resource-groups).
//   - Task code calls the API through [Instance]: RequestApplicationTrigger (always refused),
//     RequestAccess, RemoveAccess, Register, Unregister (docs/windows-model.md#calls-from-task-code).
//   - docs/windows-model.md#completion delivery: Completed at once in the foreground, queued while suspended and delivered on
//     resume, dropped when terminated ([Policy].DeliverAfterRelaunch); Progress only in the
//     foreground, never queued.
//
// # Policy knobs
//
// Every rule the documentation leaves open is a field of [Policy] with its default (scenario
// key in brackets): WallClockLimit 30s [wall_clock_limit], ApplicationWallClockLimit 10m,
// MaintenanceWallClockLimit 10m, CancelGrace 5s, IdleWatchdog off, LatchedFirings coalesce,
// Overlap start_new, DeliverAfterRelaunch false, KeepRunningOnEnergySaver false
// [energy_saver_cancels_running: true], EnergySaverOnAC false [energy_saver_on_ac],
// HoldCriticalOnBatterySaver false [hold_critical_on_battery_saver],
// RegisterWithoutAccess false, KeepAccessOnUpdate false
// [reset_access_on_update: true], RequestAccessResult AllowedSubjectToSystemPolicy. A zero field
// takes its default.
// Other [bgsim's choice] choices are fixed and documented where they apply: the tick grid starts at
// [Config.Start]; FreeNetworkAvailable holds on any unmetered connected network; the default
// access status is AllowedSubjectToSystemPolicy, and an app that never requested access
// (not_requested) cannot register (docs/windows-model.md#background-access).
//
// # Trace
//
// Every observable step is a [Record] handed to the [Sink] ([TraceBuffer] by default). Its text
// form ([Record.AppendText]) is one line: the offset from the start (+HH:MM:SS.mmm, with +Nd in
// front from one day on), the kind padded to 9 columns, the task name (Go-quoted when it has a
// space, a double quote or an unprintable character), then key=value fields in a fixed order;
// unprintable characters in the fields are escaped, so a record is always exactly one line.
// Instances and registrations are numbered from 1; GUIDs appear in the JSON form
// ([Record.AppendJSON]) only. A streaming sink ([TextSink], [CountingSink]) keeps a year-long run
// in bounded memory.
//
// Not modelled: CPU and network quotas (SuspendedCount and throttle counts are always 0), the
// memory cap, and the triggers of docs/windows-model.md#not-modelled-yet.
package simulator
