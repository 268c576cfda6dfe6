// Package harness is what a Go test author imports: a simulated Windows background-task world
// in a few lines of a Ginkgo spec, and Gomega matchers named after the task contract.
//
// # Contract
//
//   - One goroutine owns a [Simulation]: the spec that built it (the engine goroutine). Callback
//     task code, handlers and scheduled actions run on it, inline, inside [Simulation.RunFor] and
//     [Simulation.RunUntil]. The harness reads no wall clock; it starts goroutines only for
//     goroutine tasks, and runs them one wake-up at a time (see "Goroutine tasks"). A second
//     goroutine that drives the simulation (or reaches its engine some other way) while the
//     first is inside it makes the engine panic with a *simulator.ConcurrentUseError that says
//     so: the harness passes it on from Do, RunFor and RunUntil rather than make it an action's
//     error, and inside task code it fails the task like any panic there. The check is
//     best-effort, as Go's check for concurrent map writes is; under -race the race detector
//     catches the rest.
//   - Time is virtual and moves only in RunFor and RunUntil. Assert after they return; never with
//     Eventually, which polls the wall clock.
//   - Same options, same calls ⇒ the same trace, byte for byte (the simulator's determinism
//     contract, which the harness adds nothing to).
//   - Bad input is an error, never a panic: [New] for options, [Simulation.Do] and the run calls
//     for actions (an unknown time zone, an invalid enum, an unknown task). [MustNew] is the one
//     panicking helper, for set-up. A registration Windows would refuse is not an error of the
//     harness: it is a register_failed record, as in scenario files.
//
// # Building a simulation
//
// [New] takes options: the manifest ([WithManifestFile], [WithManifest], or inline with
// [WithDeclarations]), task code ([WithTask], [WithTaskFunc], [WithFixture],
// [WithFixtureEntryPoints], and the goroutine tasks [WithGoTask] and
// [WithGoBackgroundActivated]), device and app state ([WithDevice], [WithApp], [WithAccess],
// [WithBackgroundActivated]), policy knobs ([WithPolicy]), [WithSeed], [WithStart] and
// [WithSink]. [Simulation.NewBuilder] returns a [Builder] that mirrors BackgroundTaskBuilder.
//
// # Driving the timeline
//
// Every timeline action of the scenario format is an [Action] value, named after its key:
// [TimeZone], [Network], [NetworkCost], [Power], [BatterySaver], [Standby], [User], [Session],
// [LockScreen], [LaunchApp], [SuspendApp], [ResumeApp], [TerminateApp], [UpdateApp],
// [SystemEvent], [CustomSystemEvent], [Signal], [Register], [Unregister], [RequestAccess],
// [RemoveAccess], the trigger deliveries [SocketActivity], [RawNotification], [ControlChannel], [Geofence],
// [DeviceTrigger] and [TriggerEvent], [BatteryLevel], and
// the faults
// [KillHost], [LowMemoryKill] and [PolicyCancel]. Apply actions
// now with [Simulation.Do] or at an offset with [Simulation.At]; same-offset actions run in the
// order scheduled.
// [BatterySaver] fails with simulator.ErrBatterySaverOnAC while the device is on AC power (the
// trace has refused=battery_saver), unless the policy sets EnergySaverOnAC.
//
// # Matchers
//
// Every matcher accepts the same actual values ([RecordsOf]): a *Simulation, a
// *simulator.Engine, a *simulator.TraceBuffer, a []simulator.Record or a *scenarios.Report.
// Anything else makes Match return an error (Gomega fails the assertion with it) rather than
// false. Times are offsets from the simulation start, as the trace prints them.
//
// Every record matcher takes the registration's name first; what is specific to its kind is a
// With refinement; every one has .Times(n) .At(d) .Within(a, b) .Instance(n) .Task(name):
//
//	HaveRun(task)                 run records: Run was called
//	HaveLatched(task)             latched records: a trigger waited for its conditions
//	HaveCompletedDeferral(task)   deferral_completed records
//	HaveBeenCanceled(task)        canceled records                  .WithReason(simulator.CancellationReason)
//	HaveCompleted(task)           completed records                 .WithResult(simulator.Result)
//	HaveDelivered(task)           delivered records                 .WithResult(simulator.Result)
//	HaveDropped(task)             dropped records                   .WithResult(simulator.Result)
//	HaveFailedToRegister(task)    register_failed records           .WithError(simulator.ErrClassNotRegistered, ...)
//	HaveSignalResult(task)        signal_result records             .WithResult(simulator.ApplicationTriggerResult)
//	HaveTaskError(task)           task_error records                .WithMessage(substring)
//	HaveDeliveredProgress(v...)   the exact sequence of progress_delivered values   .Task .Instance
//	MatchGoldenTrace(path)        the canonical text equals a golden file (BGSIM_UPDATE=1 rewrites it)
//
// An empty task name matches any registration. A signal_result record that names no task (no
// ApplicationTrigger registration to signal) matches any task, as in scenario files; a
// task_error record of the app's Completed or Progress handler names no task.
//
// Deprecated forms, kept so that older specs compile: HaveBeenCanceled(reason),
// HaveCompleted(result) and HaveFailedToRegister(err) match any task's records with that reason,
// result or code (narrow them with .Task(name)); they are HaveBeenCanceled("").WithReason(reason)
// and so on. HaveBeenCanceled and HaveCompleted are generic over the name or the old argument;
// HaveFailedToRegister takes any, a string or an error. DeliveryMatcher is the old name of
// ResultMatcher.
//
// Without Times a record matcher needs at least one matching record; Times(n) needs exactly n, so
// Times(0) says "never". A failure message states the expectation, the records found, and the
// trace lines that matter (those of the named task, else of the record kind) with their virtual
// times.
//
// # Scenario files as specs
//
// [ReplayScenario] replays a scenario file inside an It: on failure it attaches the replayed
// trace to the spec report (shown on failure and written to JUnit reports) and fails with every
// failed expectation (file:line:col) and a go-cmp diff of the trace lines against their
// recording, with the lines around the first difference and their virtual times.
// [CheckScenario] is the same as a function returning an error.
//
// # Virtual time for code under test
//
// [Simulation.Clock] is a github.com/benbjohnson/clock Clock on virtual time. Code under test
// that takes a clock.Clock gets it, and it behaves as the goroutine calling it allows (its type
// doc lists exactly what holds):
//
//   - on the engine goroutine (callback tasks, handlers, the spec), Now, Since, Until, AfterFunc
//     (with Stop) and context deadlines are deterministic; Sleep, After, Timer, Tick and Ticker
//     panic with a message naming goroutine tasks as the way, since nothing there can wait for
//     time that moves only when it returns;
//   - in goroutine tasks, the whole interface works: Sleep, After, Timer and Ticker (with Stop and
//     Reset), Tick, AfterFunc, WithTimeout and WithDeadline, every wake-up an engine event at its
//     virtual instant.
//
// # Goroutine tasks
//
// A C# background task is an async Run that holds a deferral; its Go shape is a blocking
// function with a context, [GoTaskFunc]. [WithGoTask] (and [WithGoBackgroundActivated] for
// in-process tasks, [Simulation.GoActivated] for a TaskGroup) runs one: Run takes a deferral and
// starts the function on a new goroutine; the deferral completes when it returns. nil is result
// ok; an error or a panic is result error with the text in a task_error record, as a task that
// throws ("panic in Run: ..." for a panic), and the process never goes down. Every cancellation
// cancels ctx ([CancelReason] says why, context.Cause is a *[CanceledError]); after a cancel, a
// return of ctx's error (errors.Is(err, context.Canceled)) is a clean exit, result ok, by the
// simulator's rule that any exit after a cancel is success. [ClockFrom](ctx) is the simulation's
// Clock.
//
// Goroutine tasks run inside a testing/synctest bubble (Go 1.25+): the spec calls synctest.Test
// and builds and drives the simulation inside it. A Ginkgo suite keeps its *testing.T in a
// package variable and calls synctest.Test from an It, with GinkgoRecover deferred at the top of
// the bubble's function (it runs on a goroutine of its own):
//
//	var suiteT *testing.T // set in the suite's Test function: suiteT = t
//
//	It("syncs every minute until canceled", func() {
//		synctest.Test(suiteT, func(t *testing.T) {
//			defer GinkgoRecover()
//			sim := harness.MustNew(..., harness.WithGoTask("Tasks.Sync", func(ctx context.Context, in *simulator.Instance) error {
//				return syncer.Run(ctx, harness.ClockFrom(ctx), in)
//			}))
//			defer func() { Expect(sim.Close()).To(Succeed()) }()
//			...
//			Expect(sim.RunFor(time.Hour)).To(Succeed())
//			Expect(sim).To(harness.HaveDeliveredProgress(10, 20, 30))
//		})
//	})
//
// Task code that takes its clock when it is built (a func(clock.Clock) returning the task
// function, as code written against benbjohnson/clock usually is) plugs in with
// [WithGoTaskClock], which builds it with the simulation's Clock.
//
// Outside a bubble a goroutine task fails at once, with an error saying this (and the next RunFor
// returns it); nothing hangs.
//
// How it runs: while the engine goroutine runs, every task goroutine is blocked. To wake one (a
// Sleep ends, a Ticker ticks, ctx is canceled, a task starts), the engine goroutine sends on the
// channel it waits on and calls synctest.Wait, which returns once every goroutine of the bubble
// is durably blocked again; then it applies what they did (a Timer Stopped or Reset, a run that
// returned) and goes on with the next event. Meanwhile the instance's methods (Config.Gate)
// and the Clock serialise the task goroutines among themselves.
//
// Ordering guarantees:
//
//   - Wake-ups come in the engine queue's order: by virtual instant, then by when they were
//     scheduled (Sleep called, timer made or Reset, a ticker re-armed at its previous tick,
//     ctx canceled by the engine), across tasks and callback work alike. One wake-up per settle:
//     the goroutine it wakes runs alone until it blocks (a cancel wakes together every goroutine
//     of the task waiting on ctx.Done()). Two tasks' same-instant tickers therefore tick in the
//     order the tickers were made, every run.
//   - A task's worker goroutines are deterministic as long as each is woken only by the harness
//     (the Clock, the task starting): make a worker's timer before starting it, and the workers
//     tick in that order. What goroutines do between two harness wake-ups is up to the Go
//     scheduler: goroutines started by one go statement each, or woken by one channel send or
//     close of their own (ctx.Done() wakes every goroutine selecting on it), run concurrently
//     until they block; their Instance calls are serialised but their order, and that of the
//     timers they make, is not fixed. Keep trace-visible work on one goroutine per wake-up (join
//     workers, then log) where the order matters.
//   - A Clock call belongs to the task whose goroutine the current wake-up woke (goroutines that
//     task starts inherit it): its wake-ups end with that instance. A goroutine woken by the
//     time package belongs to no task: its wake-ups outlive instances.
//   - Code that a gated call runs inline (the app's Progress and Completed handlers, OnFinished
//     callbacks) runs with the gate held when a task goroutine made the call: it must not call
//     Instance methods or blocking Clock methods (the gate is not reentrant); the harness reports
//     that as a goroutine stuck holding the gate. Registration and Engine methods are not gated:
//     call them from a task goroutine only while no other task goroutine runs.
//
// Cancel, termination and the end:
//
//   - After a cancel, a goroutine that ignores ctx is terminated after the grace exactly as a
//     callback task is: same records. Once the instance has finished, by any path, its host is
//     gone: ctx is canceled, its timers never fire, and its goroutines parked in Clock.Sleep are
//     ended with runtime.Goexit, one settle each, in the order they parked. Their deferred calls
//     run: Instance methods there record nothing (the instance has finished), a Sleep ends the
//     goroutine at once, new timers never fire. A goroutine blocked elsewhere (a channel of its
//     own, ticker.C of a finished task) cannot be ended: [Simulation.Close] reports it by entry
//     point, and nothing waits on it. A goroutine that never blocks keeps synctest.Wait from
//     returning: the spec hangs until go test's -timeout.
//   - AfterFunc callbacks of a goroutine task are the instance's scheduled work: a work_lost
//     record counts those still pending when it finishes, and their running is activity for the
//     idle watchdog. Sleeps and channel timers are neither: a goroutine task shows activity
//     through its Instance calls (SetProgress, Log, ...), as the watchdog counts it.
//   - [Simulation.Close] ends the simulation: every goroutine task still running has its ctx
//     canceled (cause [ErrSimulationClosed]) and runs until it blocks, sleepers are ended, and
//     nothing completes any more. Call it inside the bubble (defer it): synctest.Test fails when
//     goroutines are left blocked.
//
// The time package inside the bubble: synctest's fake clock starts at 2000-01-01T00:00:00Z,
// simulator.DefaultStart. The harness moves it with virtual time (the engine goroutine sleeps up
// to the virtual instant before every wake-up and at the end of RunFor and RunUntil), so
// time.Now() equals Clock.Now() in goroutine tasks and in the spec between runs, for a
// simulation built in the bubble at the default start or a later one (an earlier start keeps a
// constant offset). time.Sleep, time.Timer and time.Ticker do wake at their bubble instants, but
// the engine sees them only at its next wake-up or the end of the run: what such a goroutine does
// is stamped with the engine's instant then, and its order against engine events is not that of
// the trace. Deterministic order, and wake-ups at the virtual instant, hold only through the
// Clock.
//
// example_test.go shows all of this in use, and the README's "Writing Go specs with the harness"
// puts the Go beside the C# quickstart.
package harness
