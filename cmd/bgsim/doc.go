// Command bgsim is the command-line face of bgsim: it replays scenario files (see package
// github.com/bgsim/bgsim/scenarios for the format), checks their expectations and recorded
// traces, records traces in place, prints traces (as text, JSON lines or Trace Event Format JSON
// for Perfetto's UI), and writes the HTML timeline report of package
// github.com/bgsim/bgsim/report. "bgsim schema" prints the JSON Schema of the scenario format
// (the bytes of scenarios/scenario.schema.json).
//
// # Contract
//
//   - main only maps run(ctx, args, stdout, stderr) to the process exit code, and turns Ctrl-C
//     into the end of ctx.
//   - Exit codes: 0 every scenario passed; 1 a scenario failed (an expectation or the trace);
//     2 bad input or usage (a file error, an unknown flag, a path that cannot be read or a
//     folder with no scenario file in it, a --junit file that cannot be created); 3 an internal
//     error, output that cannot be written (stdout, --json, --junit: a full disk, a closed
//     pipe), or a recorded trace that would pass the 64 MiB a scenario file may hold; 130
//     interrupted by Ctrl-C. A panic is caught and reported on one line, never as a stack trace.
//   - Ctrl-C (SIGINT): the first one starts no further file and stops the running ones at
//     their next engine event; the results of the files that finished are printed, then
//     "interrupted: N of M files did not finish" on stderr, and the exit code is 130. A file
//     being recorded is left as it was (it is replaced by one rename, or not at all); the
//     --junit and --html reports, and the page of "bgsim report", show the files that finished.
//     A second Ctrl-C exits with 130 at once.
//   - "bgsim help COMMAND", "bgsim COMMAND -h" and "bgsim COMMAND --help" print the command's
//     help and every flag of its FlagSet on stdout, exit 0. An unknown flag or command is exit 2
//     with the closest valid one as a did-you-mean hint.
//   - --json writes machine output to stdout only; everything for humans goes to stderr then.
//   - --junit FILE and --html FILE are opened for writing before any scenario runs (a FIFO
//     is not: that would wait for its reader), so an unwritable path fails before --update
//     rewrites anything. The JUnit report has one
//     testsuite per folder and one testcase per scenario (named by its name, classname its
//     path), failures and errors as file:line:col, the trace (up to 1 MiB) in system-out; it
//     validates against testdata/junit.xsd, the shape CI servers read. The HTML report is the
//     one "bgsim report" writes; it replaces a regular file atomically (through a symlink, the
//     file the link names, and the link stays) and is written straight into a device or a FIFO
//     (/dev/stdout, a pipe), never replacing it.
//   - Results are printed in the order of the input paths, whatever -j is. Folders are walked
//     recursively for *.yaml and *.yml files, in lexical order, skipping the folders below them
//     named testdata or starting with "." or "_" (as the go tool does). A file named twice (by
//     its cleaned absolute path, given twice or also found in a folder) is run once, where it
//     first comes. A path or subfolder that cannot be read, or a folder with no scenario file,
//     is reported on stderr when found, the other files still run, and the exit code is at
//     least 2; --json, --junit and --html (and the page of "bgsim report") list it first, as a
//     file error with its message.
//   - Names and messages printed for humans have their control characters (ESC, CR, the other
//     C0 and C1 codes, the bidirectional-text controls) escaped as \x1b or \u202e; newlines keep
//     their layout role. "bgsim trace" escapes them too when stdout is a terminal, and writes the
//     canonical bytes to a pipe or file. It streams: records are printed as they are made, so
//     memory stays flat however long the run.
//   - NO_COLOR (any non-empty value) turns colour off; colour is used only on a terminal.
//   - GITHUB_ACTIONS=true adds "::error file=F,line=L,col=C::msg" lines for failures.
//   - The last line is "N passed, M failed" (file errors and paths that cannot be read count
//     as failed); for validate, which
//     prints OK for a valid file, "N valid, M invalid".
//
// The usage text (bgsim help) lists the subcommands and flags with examples.
package main
