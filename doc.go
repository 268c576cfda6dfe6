// Package bgsim is a deterministic test harness and trigger simulator for the Windows
// background-task model (BackgroundTaskBuilder, triggers, conditions, IBackgroundTask.Run,
// deferrals, cancellation, Completed and Progress delivery).
//
// The packages:
//
//   - simulator: the deterministic core (virtual clock, device, broker, trace); standard
//     library only.
//   - simulator/manifest: reads the background-task declarations of a Package.appxmanifest.
//   - scenarios: the YAML scenario format, replay, and in-place trace recording.
//   - cmd/bgsim: the command-line tool that replays scenario files.
//
// Same scenario and seed give a byte-identical trace on every run; see the simulator package
// documentation for the contract and README.md for a tour.
package bgsim
