// Package invariants is the list of rules every bgsim simulation keeps, whatever its input: the
// engine's built-in invariants. One [Checker] serves the simulator's FuzzEngine and the
// scenarios package's explore, so a rule added here is checked by both.
//
// A Checker is a simulator.Sink: give it to simulator.Config.Sink (or tee the records to it),
// then [Checker.Attach] the engine so that the rules that need the engine's state at a record
// (the device, the app, background access, the registrations) can ask for it through the public
// API. The rules, each a [Rule]:
//
//   - trace time never goes backwards;
//   - instances are numbered 1, 2, … in the order of their run records;
//   - no run of a registration after its unregister record;
//   - every record about an instance comes after its run and, but for delivered and dropped,
//     before its completed record; an instance completes (ends) at most once, with an error when
//     its host was terminated;
//   - every ended instance is delivered or dropped at most once, with its completed result,
//     delivered only while the app is in the foreground and dropped only while it is not running;
//     at the end of a run every ended instance was handed over, unless the app's state still
//     holds it back (suspended, or not running under deliver_after_relaunch);
//   - no run starts while one of its conditions does not hold, while background access forbids
//     it, while Battery Saver holds the app back, or, for a maintenance trigger, off AC power;
//   - nothing runs longer than its wall-clock limit plus the cancel grace (unless the package's
//     extendedBackgroundTaskTime capability lifts the limit for an instance that took a deferral
//     in Run);
//   - a one-shot trigger runs at most once;
//   - RequestAsync never answers Allowed to task code, nor to an app that is not in the
//     foreground; one application-triggered instance of the app runs at a time;
//   - with [Options].Render, every record renders to a text line and to valid JSON.
//
// [Checker.CheckEngine] adds the rules that look at the engine between steps: its clock is not
// behind the last record, the running instances the records imply are the ones the
// registrations report, every instance that ran in a shared host (a resource group) before it
// ended has ended too, and Battery Saver is on only on battery (unless the policy's
// EnergySaverOnAC). [Checker.Final] adds the end-of-run rules.
//
// The package imports only the standard library and the simulator.
package invariants
