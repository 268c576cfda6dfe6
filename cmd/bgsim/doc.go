// Command bgsim is the command-line face of bgsim: it replays scenario files (see package
// github.com/bgsim/bgsim/scenarios for the format), checks their expectations and recorded
// traces, records traces in place, and prints traces. "bgsim schema" prints the JSON Schema of
// the scenario format (the bytes of scenarios/scenario.schema.json).
//
// # Contract
//
//   - main only maps run(ctx, args, stdout, stderr) to the process exit code.
//   - Exit codes: 0 every scenario passed; 1 a scenario failed (an expectation or the trace);
//     2 bad input or usage (a file error, an unknown flag); 3 an internal error. A panic is
//     caught and reported on one line, never as a stack trace.
//   - --json writes machine output to stdout only; everything for humans goes to stderr then.
//   - Results are printed in the order of the input paths, whatever -j is. Folders are walked
//     recursively for *.yaml files, in lexical order.
//   - NO_COLOR (any non-empty value) turns colour off; colour is used only on a terminal.
//   - GITHUB_ACTIONS=true adds "::error file=F,line=L,col=C::msg" lines for failures.
//   - The last line is "N passed, M failed" (file errors count as failed).
//
// The usage text (bgsim help) lists the subcommands and flags with examples.
package main
