// Package harness is what a Go test author imports: a simulated Windows background-task world
// in a few lines of a Ginkgo spec, and Gomega matchers named after the task contract.
//
// # Contract
//
//   - One goroutine owns a [Simulation]: the spec that built it. Task code, handlers and
//     scheduled actions run on it, inline, inside [Simulation.RunFor] and [Simulation.RunUntil].
//     The harness starts no goroutine and reads no wall clock.
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
// [WithFixtureEntryPoints]), device and app state ([WithDevice], [WithApp], [WithAccess],
// [WithBackgroundActivated]), policy knobs ([WithPolicy]), [WithSeed], [WithStart] and
// [WithSink]. [Simulation.NewBuilder] returns a [Builder] that mirrors BackgroundTaskBuilder.
//
// # Driving the timeline
//
// Every timeline action of the scenario format is an [Action] value, named after its key:
// [TimeZone], [Network], [NetworkCost], [Power], [BatterySaver], [Standby], [User], [Session],
// [LockScreen], [LaunchApp], [SuspendApp], [ResumeApp], [TerminateApp], [UpdateApp],
// [SystemEvent], [CustomSystemEvent], [Signal], [Register], [Unregister], [RequestAccess],
// [RemoveAccess], and the faults [KillHost], [LowMemoryKill] and [PolicyCancel]. Apply actions
// now with [Simulation.Do] or at an offset with [Simulation.At]; same-offset actions run in the
// order scheduled.
//
// # Matchers
//
// Every matcher accepts the same actual values ([RecordsOf]): a *Simulation, a
// *simulator.Engine, a *simulator.TraceBuffer, a []simulator.Record or a *scenarios.Report.
// Anything else makes Match return an error (Gomega fails the assertion with it) rather than
// false. Times are offsets from the simulation start, as the trace prints them.
//
//	HaveRun(task)                 run records: Run was called   .Times(n) .At(d) .Within(a, b) .Instance(n)
//	HaveLatched(task)             latched records (spec §3)     same refinements
//	HaveCompletedDeferral(task)   deferral_completed records    same refinements
//	HaveBeenCanceled(reason)      canceled records (§4)         same, plus .Task(name)
//	HaveCompleted(result)         completed records             same, plus .Task(name)
//	HaveDelivered(task)           delivered records (§7)        same, plus .WithResult(r)
//	HaveDropped(task)             dropped records (§7)          same, plus .WithResult(r)
//	HaveDeliveredProgress(v...)   the exact sequence of progress_delivered values   .Task .Instance
//	HaveFailedToRegister(err)     register_failed with err's code (§6)              .Task and the rest
//	MatchGoldenTrace(path)        the canonical text equals a golden file (BGSIM_UPDATE=1 rewrites it)
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
// failed expectation (file:line:col) and a go-cmp diff of the trace against its recording.
// [CheckScenario] is the same as a function returning an error.
//
// # Virtual time for code under test
//
// [Clock] is a github.com/benbjohnson/clock Clock backed by the engine: Now, Since, Until,
// AfterFunc (with Stop) and context deadlines are deterministic; Sleep, After, Timer, Tick and
// Ticker panic with a message saying why. Its type doc lists exactly what holds.
//
// example_test.go shows all of this in use, and the README's "Writing Go specs with the harness"
// puts the Go beside the C# quickstart.
package harness
