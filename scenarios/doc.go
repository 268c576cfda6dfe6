// Package scenarios reads, checks, replays and records bgsim scenario files: YAML files that
// hold the world before, what happens, what must be seen, and the recorded trace. The format
// is a contract that suites are written against; this comment is its reference.
//
// # Using it
//
//	s, err := scenarios.ParseFile("scenarios/library/quickstart/time_zone_change.yaml")
//	rep, err := scenarios.Run(s, scenarios.Options{})   // rep.Passed(), rep.Failures, rep.Trace
//	rep, err = scenarios.Update(path, scenarios.Options{}) // re-record the trace block in place
//	text, err := scenarios.Format(s) // canonical YAML that parses back to an equal model
//	ex, err := scenarios.Explore(ctx, []*scenarios.Scenario{s}, scenarios.ExploreOptions{Runs: 1000, Out: "cx"})
//	// ex.Counterexamples (shrunk, written to cx/), ex.Coverage; see Exploration below
//
// Every file error is a [*ParseError] printing "file:line:col: msg" ([ParseErrors] when a file
// has several; [AsParseErrors] gets them all): YAML syntax, an unknown key (with "did you
// mean"), a wrong type, an unknown enum value, a duplicate key, a timeline entry or step with
// zero or two actions, a bad duration, an unknown task name, an entry point without a
// behaviour, a manifest file that is missing or does not parse (its errors keep the manifest's
// own file:line:col), a file that is not UTF-8 (a UTF-16 or UTF-32 byte-order mark; a UTF-8 one
// is fine), a second YAML document, aliases that expand the file by more than
// [MaxAliasExpansion] nodes or name a node they are inside, an offset or duration past its
// bound (below), an empty mapping {} where keys are needed (an expectation, a property, a
// timeline entry, a registration, a step, an action's body), a timeline entry after until, a
// complete_deferral of a deferral the behaviour never takes, an empty maintenance window (start
// equal to end), and YAML merge keys (<<), which the format does not take. A scenario or manifest path must be a regular file of at most [MaxFileSize]
// (64 MiB): a folder, a FIFO or a device such as /dev/zero is a file error, never a hang. Nothing
// runs for a file with errors. A registration Windows would refuse is not a file error: it
// fails at its instant and is a register_failed record.
//
// At most [MaxErrors] (50) errors are listed per file, then one "... and N more errors" line at
// the first one left out. An error met again through a YAML alias is listed once. An unknown
// task error lists at most 10 registered names, then "(and N more)".
//
// # Top-level keys (defaults in brackets)
//
//	name, description   strings
//	seed                 whole number [1]
//	start                RFC 3339 instant [2000-01-01T00:00:00Z]
//	until                duration: how long to run [last timeline entry + 1h]
//	policy               the knobs of simulator.Policy, each a rule Windows leaves open:
//	                     wall_clock_limit [30s]; application_wall_clock_limit [10m];
//	                     maintenance_wall_clock_limit [10m]; cancel_grace [5s];
//	                     idle_watchdog (duration; off when absent) [off];
//	                     latched_firings coalesce|each_firing [coalesce];
//	                     overlap start_new|latch [start_new]; deliver_after_relaunch [false];
//	                     energy_saver_cancels_running [true]; energy_saver_on_ac [false]
//	                     (Battery Saver may be on while on AC power);
//	                     hold_critical_on_battery_saver [false] (Battery Saver holds control
//	                     channel triggers too); register_without_access [false];
//	                     reset_access_on_update [true]; request_access_result: AlwaysAllowed|
//	                     AllowedSubjectToSystemPolicy|DeniedBySystemPolicy|DeniedByUser
//	                     [AllowedSubjectToSystemPolicy]. Durations must be above zero.
//	device               time_zone (IANA) [UTC]; network none|local|internet [internet];
//	                     network_cost free|metered [free]; power ac|battery [ac];
//	                     battery_saver, standby, lock_screen bool [false]; battery_saver
//	                     true needs power: battery (or policy energy_saver_on_ac);
//	                     user present|away [present]; session connected|disconnected
//	                     [connected]; maintenance_window "HH:MM-HH:MM" local time, when
//	                     maintenance tasks may start [none: any time on AC]; battery_level
//	                     1 to 100 percent [100]; standby_tasks supported|unsupported
//	                     [supported]
//	app                  state foreground|suspended|terminated|not_running [foreground];
//	                     access: a BackgroundAccessStatus member or not_requested
//	                     [AllowedSubjectToSystemPolicy]; on_background_activated: a behaviour
//	                     ({script, on_canceled} or {fixture}) for in-process tasks [returns at
//	                     once]
//	manifest             file: a Package.appxmanifest relative to this file's folder (or
//	                     absolute; see Manifest paths below), or
//	                     declarations: [{entry_point, task_types, executable, resource_group,
//	                     supports_multiple_instances}] with optional capabilities: [names, such
//	                     as extendedBackgroundTaskTime] and update_task: the entry point of the
//	                     package's update task (docs/windows-model.md#the-update-task) [none:
//	                     only in-process tasks register]
//	tasks                entry point -> {script, on_canceled} or {fixture: NAME}
//	registrations        list of registrations, made at time 0 in file order
//	timeline             list of {at, one action}
//	expect               list of expectations
//	properties           list of properties, checked on the whole trace (see Properties)
//	explore              how bgsim explore perturbs the file (see Exploration) [the defaults]
//	trace                literal block: the recorded canonical trace text; an empty key
//	                     ("trace:") means "not recorded yet": checked against the
//	                     expectations only, and --update records it there
//
// Durations are Go durations with an optional leading whole-day part: 90s, 1h30m, 2d, 2d6h; a
// bare 0 is zero. Where a string is wanted, an unquoted date (2026-01-01), which YAML reads as a
// timestamp, is taken as its text.
// So that no instant the engine computes can overflow, an offset from the start (until, a
// timeline entry's at) is at most [MaxOffset] (40000d, about 109 years) and every other
// duration (a policy knob, a freshness, a step's at) at most [MaxSpan] (20000d); a larger value
// is a file error at its position. Expectation offsets (at, between) are only compared and
// take any duration.
//
// # Manifest paths
//
// manifest.file is read relative to the scenario file's folder, and may leave that folder's
// tree ("../../../fixtures/manifests/sample.appxmanifest", as the library does) or be absolute.
// bgsim is a test tool that runs files its user chose, so it reads the manifest a scenario
// names wherever it is, as a compiler reads an include path; it only reads it, never writes or
// runs it, and the usual limits apply (a regular file, at most 64 MiB). Do not replay scenario
// files you do not trust on a machine whose files they could name and echo in error messages.
// Enum values are the simulator's spellings (simulator.Parse* functions).
//
// # Task behaviour
//
// A script is a list of steps, each with one action and an optional at (offset from the
// instant Run was called): take_deferral NAME, complete_deferral NAME, progress N, log TEXT,
// panic TEXT. Steps without at (or at 0) run inside Run, in order; the others are scheduled
// with Instance.AfterFunc, same offsets in file order. on_canceled is a list of steps played
// when the instance is canceled (at counts from the cancellation); an empty list ignores the
// cancellation. Without on_canceled, a cancellation stops the script's pending steps and
// completes every open deferral at once, in the order they were taken. A fixture names a Go
// task of package fixtures/tasks (sample_background_task, servicing_complete,
// example_background_task, ignores_cancellation, never_completes, forgets_deferral, panics). An entry point used by a
// registration must have a behaviour; a registration without entry_point is in-process: it runs
// app.on_background_activated, or completes at once without one.
//
// Task code may call the background-task API, as the update flow does from a ServicingComplete
// task (docs/windows-model.md#calls-from-task-code): signal {task, arguments} (Windows refuses
// it from a task: a signal_result DisabledByPolicy cause=from_task record), register (a
// registration, as in registrations), unregister {task, cancel} (every live registration of
// that name), request_access {} and remove_access {}, and transfer_ownership SOCKET
// (StreamSocket.TransferOwnership: a socket_activity task gives its socket back to the broker). The task names are checked as the
// timeline's are: a signal step naming a registration without an application trigger is a file
// error. What Windows answers (a refusal, a register_failed) is a trace record, never a file
// error.
//
// # Registrations
//
// Keys: name (required), entry_point, clsid (SetTaskEntryPointClsid: a COM class of the
// manifest's windows.comServer extension; its behaviour is the tasks entry "{clsid}" in lower
// case, docs/windows-model.md#com-entry-points), trigger, conditions (SystemConditionType members),
// cancel_on_condition_loss [false], network_requested [false], group {id, name},
// register_with_name [false] (Register(taskName): replaces same-name registrations and holds the
// task in modern standby) and allow_running_in_standby [false] (its opt-in,
// docs/windows-model.md#standby-opt-in). Registrations
// with the same group id share one group. trigger.type selects the other trigger keys:
//
//	system               event (SystemTriggerType member), one_shot [false]
//	time, maintenance    freshness (duration), one_shot [false]
//	application          none
//	custom_system_event  id, recurrence Once|Always
//	socket_activity      none (manifest type systemEvent)
//	push_notification    none (manifest type pushNotification)
//	location             location_type Geofence (manifest type location; one per app)
//	control_channel      channel_id (1 to 64 characters), keep_alive (minutes, 15 to 1439),
//	                     hardware_slot [false] (manifest type controlChannel)
//	device_use,          none (manifest type deviceUse or deviceServicing; no conditions, out of
//	device_servicing     process only)
//	generic              class: a Windows trigger class name (simulator.TriggerClasses), such as
//	                     BluetoothLEAdvertisementWatcherTrigger; an unknown one is a file error
//	                     with the closest name (docs/windows-model.md#other-trigger-classes)
//
// A missing trigger, event or freshness is passed on as is, so Register fails as Windows would.
//
// # Timeline actions
//
// Each entry has at and exactly one of: time_zone, network, network_cost, power,
// battery_saver, standby, user, session, lock_screen (added|removed), app
// (launch|suspend|resume|terminate|update), system_event (an event with no device state:
// SmsReceived, ControlChannelReset, OnlineIdConnectedStateChange, DefaultSignInAccountChange),
// custom_system_event ID (bgsim's addition: raises the custom event), signal {task, arguments}
// (the task must have an application trigger), register (a registration), unregister {task,
// cancel} (every registration of that name), access (request|remove) and fault {kind:
// kill_host|low_memory_kill|policy_cancel, task, reason} (reason only for policy_cancel, one of
// Terminating, LoggingOff, Uninstall, SystemPolicy, ResourceRevocation, QuietHoursEntered),
// socket_activity {task, socket, reason} (all required; the task must have a socket_activity
// trigger; reason SocketActivity|ConnectionAccepted|KeepAliveTimerExpired|SocketClosed; not
// delivered while a task it activated still owns the socket,
// docs/windows-model.md#socket-activity-triggers) and raw_notification CONTENT (every
// push_notification registration runs with it, docs/windows-model.md#push-notification-triggers)
// and trigger_event {class, details} (the event of a generic trigger class: every generic
// registration of that class runs, the details, a mapping of scalars, as its TriggerDetails) and
// geofence {id, state: Entered|Exited} (the app's location registration runs,
// docs/windows-model.md#location-triggers) and control_channel {channel_id, event: push|keep_alive}
// (its control_channel registrations run, docs/windows-model.md#control-channel-triggers),
// battery_level N (1 to 100 percent) and device_trigger {task, device, arguments, denied_by_user}
// (RequestAsync of a device trigger: an event record with its DeviceTriggerResult,
// docs/windows-model.md#device-triggers) and media_processing {task, arguments} (RequestAsync of
// the app's MediaProcessingTrigger, a generic registration of that class: an event record with
// its MediaProcessingTriggerResult, docs/windows-model.md#media-processing-requests).
// Entries at the same instant run in file order, after the registrations.
//
// # Expectations
//
// One kind key whose value is a registration name: run, latched, progress,
// deferral_completed, canceled, completed, terminated, delivered, dropped,
// progress_delivered, register_failed, signal_result, and also register, unregister,
// deferral, work_lost, log, task_error. Filters: at (exact offset), between [from, to]
// (inclusive), count (exact; without it at least one; 0 says never), instance (the run's
// instance= number, counted from 1 across every registration of the file in the order instances
// start; absent or 0: any), and by kind:
// reason (canceled), result (completed, delivered, dropped: ok|error; signal_result: an
// ApplicationTriggerResult member), value (progress, progress_delivered, work_lost), error
// (register_failed: a RegisterErrorCode), waiting (latched: the record's waiting= field, such
// as InternetAvailable, access or battery_saver), arguments (run: exactly the ApplicationTrigger
// or MediaProcessingTrigger arguments Run received, {} for none; device_trigger's arguments are
// RequestAsync's one string, shown in the run record, not a mapping). The answers of device and
// media processing requests are event records, which no expectation kind matches: assert on
// the run that follows, or read the trace. A signal_result record that names no task (no
// ApplicationTrigger registration) matches any signal_result expectation. The update task has
// no registration: expectations name it by its entry point, the name its records carry
// (docs/windows-model.md#the-update-task).
//
// Two kinds name no record of a task. device: FIELDS matches a device record that has every
// key=value field given ("battery_saver=false cause=power", "refused=battery_saver"). registered:
// NAME with at (required, no between) counts the registrations of that name listed at that
// offset, after every record at or before it: in the app's AllTasks, or with group: ID in that
// group's AllTasks; count says how many (0: not listed). A fired one-shot stays listed; a
// grouped registration is in its group, not in AllTasks.
//
// # Properties
//
// properties is a list; each item has one quantifier key, whose value is an expectation body
// (one kind key and its filters as under Expectations, but no count):
//
//	never: BODY          no record may match BODY
//	eventually: BODY     at least one record matches BODY by the end of the run
//	always:              every record that matches when is followed, within that duration
//	  {when: BODY, then: BODY, within: DURATION}
//	                     of it (at the same instant counts, later in the trace), by a record
//	                     that matches then; when both bodies name the same task, by a record
//	                     of the same registration (task=). A when record whose deadline is
//	                     not before the end of the run is not judged.
//
// Run checks properties on the file's own timeline: a property that does not hold is a failure
// at its list item ("property never canceled T: violated by <record>"), after the expectations
// and before the trace check. Run also checks the engine's built-in invariants (package
// simulator/invariants), a broken one being a failure at 1:1; Explore checks both on every
// perturbed run.
//
// # Exploration
//
// [Explore] ("bgsim explore") replays seeded perturbations of a file and checks each against
// its properties and the built-in invariants. The explore block says how to perturb; every key
// is optional and the block itself too ([DefaultExplore]):
//
//	vary      list of network, network_cost, power, battery_saver, standby, user, session,
//	          lock_screen, app, faults: what inserted events may change
//	          [every one but faults]
//	events    whole number, at most 1000: at most this many events inserted per run [4]
//	jitter    duration: each timeline entry is moved by up to ± this (not before 0) [0s]
//	seeds     bool: vary the scenario seed too [false]
//
// An inserted event is physically possible where it lands, given the file's device and app and
// every entry before it: it changes a value (never sets what already holds); Battery Saver
// turns on only on battery, and power goes to AC only with Battery Saver off; standby starts
// only while the user is away, and the user comes back only out of standby; the app is
// suspended or terminated only when in the foreground, resumed only when suspended, launched
// only when terminated or not running; a fault names a registration of the file. A perturbed
// run lasts as long as the file (until, or its last entry + 1h, before perturbation).
//
// A run whose properties or invariants fail is a counterexample. [Shrink] reduces it by delta
// debugging: drop timeline entries (register entries stay: other parts name their tasks), move
// jittered entries back toward their original instant, round moved and inserted instants to a
// whole minute or second, restore the file's seed. Each step is taken only when it makes the
// timeline smaller (fewer entries, then nearer the file's instants, then the file's seed, then
// rounder instants), so shrinking always ends; it stops when no single step keeps the same
// failure. The result is an ordinary scenario file: the perturbed timeline written out, explicit until, the explore
// block removed, the violated property kept (with the others), the file's expectations left
// out (they describe the unperturbed timeline), a header comment naming the source file, seed,
// run index and property, and the trace recorded. Run on it fails with that property; the same
// seed writes the same bytes. It is named NAME.seedS.runR.yaml after the file NAME.yaml (after
// its path, separators turned into "_", when two files of the campaign share NAME), and its
// manifest file: reference is rewritten to be read from the folder it is written to.
//
// # Rule coverage
//
// Explore and "bgsim run --coverage FILE.json" record which rule points of the model a run
// exercised ([Coverage]): trigger types fired, conditions latched, held (a run with the
// condition) and lost (a ConditionLoss cancellation), each cancellation reason, delivery
// outcomes, registration errors, ApplicationTrigger results, and the policy knobs that applied.
// [CoveragePoints] lists every point; a coverage file is JSON, and merging files adds counts.
// Explore prefers perturbations that reach points its block of runs has not hit yet.
//
// # Sharding
//
// A campaign of N runs per file is cut into blocks of [ShardBlock] runs; shard i of n (from 1)
// takes the blocks whose number, counted over every file in order, is i-1 modulo n, and the
// guidance toward unhit points restarts at each block. So n machines run exactly the runs of
// one machine, and their merged coverage equals a single-machine run. "bgsim run --shard i/n"
// takes the files whose index, in the order collected, is i-1 modulo n.
//
// # JSON Schema
//
// [JSONSchema] returns a JSON Schema (draft 2020-12) of this format, generated from a document
// model that mirrors the keys above: every key, every enum value (from the simulator's own
// tables), the defaults, and the one-action rules. scenarios/scenario.schema.json is its output
// and "bgsim schema" prints it; regenerate the file with
//
//	go run ./cmd/bgsim schema > scenarios/scenario.schema.json
//
// The schema is for editors and other tools; the parser stays the authority and gives the
// file:line:col errors. An editor with yaml-language-server (VS Code's YAML extension, among
// others) validates and completes a scenario whose first line names the schema, relative to
// the file. Every file of scenarios/library, two folders below scenarios/, starts with:
//
//	# yaml-language-server: $schema=../../scenario.schema.json
//
// # Trace
//
// The trace block is compared with simulator.FormatText of the replay as records are made
// ([RunContext] keeps neither the records nor the text, so memory does not grow with the length
// of the run; [Run] keeps both for callers that want them); a mismatch reports the first
// diverging line with context.
//
// [Update] rewrites only that block (from its key's line through its last indented line, lines
// counted as YAML counts them: LF, CRLF, CR, NEL, LS and PS) and keeps every other byte,
// comments included; a file without one gets "trace: |" appended. An anchor and a comment on
// the key's line stay, the trace lines use the file's line breaks (LF, CRLF or CR), and a UTF-8
// byte-order mark stays. Before replacing the file it parses the new bytes and refuses (a file
// error, the file untouched) unless they hold the same document with only the trace changed;
// so a top-level flow mapping ({name: x, trace: ...}), a trace key not at column 1 or given
// twice, or an alias of the trace value elsewhere, are refused. It writes atomically (a
// temporary file in the same folder, then a rename) with the file's permissions, through a
// symbolic link to its target (the link stays), and only when the bytes change. It refuses a
// read-only file (no write permission bit), a file whose bytes, size or modification time
// changed while it was replayed ([ErrFileChanged]: the edit is kept), and, unless
// [Options].Force, a replay that fails an expectation. A trace that would make the file larger
// than 64 MiB is an error, not a file error. A file without a trace block is checked against
// its expectations only.
package scenarios
