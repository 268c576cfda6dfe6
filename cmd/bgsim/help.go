package main

import (
	"fmt"
	"io"
)

// version is the bgsim version; release builds set it with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `bgsim - deterministic simulator of the Windows background-task model

Usage:
  bgsim run [flags] PATH...       replay scenario files and check them
  bgsim validate [flags] PATH...  parse and check scenario files without running them
  bgsim trace [flags] FILE        replay one scenario and print its trace
  bgsim report --html OUT PATH... replay scenario files and write an HTML timeline report
  bgsim explore [flags] PATH...   search perturbed histories for a broken property or invariant
  bgsim coverage FILE.json...     merge rule-coverage files: every point, its count, those never hit
  bgsim schema                    print the JSON Schema of the scenario format
  bgsim version                   print the version
  bgsim help [COMMAND]            print this help, or a command's help and flags

"bgsim help COMMAND", "bgsim COMMAND -h" and "bgsim COMMAND --help" print a command's flags.

` + pathHelp + `

Flags of run:
  --update       record: rewrite only the trace block of each file (comments kept);
                 refused for a file whose expectations fail (unless --force), and
                 refused for a read-only file, a file edited during the replay, or one
                 it cannot rewrite safely
  --force        with --update, record even when expectations fail
  --seed N       replay with seed N instead of the file's seed
  --json         print results as JSON on stdout (human text goes to stderr)
  -j N           replay N files at a time (default: number of CPUs); output keeps input order
  --junit FILE   also write a JUnit XML report to FILE
  --html FILE    also write the HTML timeline report (as bgsim report does) to FILE
  --coverage FILE.json
                 also write the rule points the replays exercised (see bgsim coverage)
  --shard i/n    run only shard i of n: the files whose index modulo n is i-1

Flags of validate:  --json
Flags of trace:     --format text|json|chrome (default text), --json (= --format json), --seed N
Flags of report:    --html OUT (required: the file to write), --seed N
Flags of explore:   --runs N (1000), --seed S (1), --shard i/n (blocks of 64 runs),
                    --out DIR (counterexamples), -j N (CPUs), --json, --coverage FILE.json
Flags of coverage:  --json (print the merged coverage file)

The report is one self-contained HTML file (no network access): a timeline per scenario with
device and app state, one bar per task instance, triggers, latches, cancellations, deliveries
and failed expectations; failing scenarios first. Its exit status is that of run.

"bgsim trace --format chrome" writes Trace Event Format JSON on virtual time, which Perfetto's
UI (ui.perfetto.dev) and chrome://tracing open.

Exit status:
  0  every scenario passed
  1  a scenario failed (an expectation, or the trace differs from its recording)
  2  bad input or usage (a file error: unknown key, bad value, missing task or manifest)
  3  internal error, or output that cannot be written (a full disk, a closed pipe)
  130 interrupted by Ctrl-C (a second Ctrl-C exits at once)

Environment:
  NO_COLOR=1            no colour
  GITHUB_ACTIONS=true   also print ::error annotations for failures

Examples:
  bgsim run scenarios/library                   replay the whole library
  bgsim run -j 8 --junit junit.xml scenarios/   in CI, with a JUnit report
  bgsim run --update scenarios/library/triggers/time_one_shot.yaml
                                                record its trace; then read the diff
  bgsim validate my-scenario.yaml               check a file while writing it
  bgsim trace --json my-scenario.yaml           the trace as JSON lines
  bgsim trace --format chrome my-scenario.yaml > trace.json
                                                open it in Perfetto's UI
  bgsim report --html report.html scenarios/library
                                                see the library on a timeline
`

// pathHelp says what a PATH is, in the help of the commands that take folders.
const pathHelp = `PATH is a scenario file or a folder, searched recursively for *.yaml and *.yml. The search
skips folders named testdata or starting with . or _ (as the go tool does: deliberately broken
files live there); a folder given as PATH is searched whatever its name. A file named twice,
or also found in a folder, is taken once, where it comes first.`

// commandHelp is the text of "bgsim help COMMAND" before its generated flag list: the synopsis
// and what the command does.
var commandHelp = map[string]string{
	"run": `Usage: bgsim run [flags] PATH...

Replay scenario files and check their expectations and recorded traces. Results are printed
in the order of the paths; the last line is "N passed, M failed".

` + pathHelp + `

--update records: it rewrites only the trace block of each file (comments kept), atomically.
It is refused for a file whose expectations fail (unless --force), and it is
refused for a read-only file, a file edited during the replay, or one it cannot rewrite safely.

Exit status: 0 every scenario passed, 1 a scenario failed, 2 bad input or usage, 3 internal
error or output that cannot be written, 130 interrupted by Ctrl-C.
`,
	"validate": `Usage: bgsim validate [flags] PATH...

Parse and check scenario files (keys, values, references to tasks and the manifest) without
running them: OK for a valid file. The last line is "N valid, M invalid".

` + pathHelp + `

Exit status: 0 every file is valid, 2 a file error or bad usage, 3 internal error.
`,
	"trace": `Usage: bgsim trace [flags] FILE

Replay one scenario and print its trace as it is made (memory stays flat however long the
run): canonical text lines (text), JSON lines (json), or Trace Event Format JSON on virtual
time in microseconds (chrome), which Perfetto's UI and chrome://tracing open.

Exit status: 0 printed, 2 bad input or usage, 3 internal error or output that cannot be
written, 130 interrupted by Ctrl-C.
`,
	"report": `Usage: bgsim report --html OUT.html PATH...

Replay scenario files and write one self-contained HTML page (no network access): a timeline
per scenario with device and app state lanes, one bar per task instance coloured by outcome,
marks for triggers, latches, cancellations and deliveries, and failed expectations at their
time; failing scenarios first. The page is written whatever the scenarios gave; a path that
cannot be read is on it as a file error.

` + pathHelp + `

Exit status: that of run.
`,
	"explore": `Usage: bgsim explore [flags] PATH...

Search perturbed histories of each scenario file (its explore: block says what may vary) for
one that breaks a property of the file or a built-in invariant of the engine, and shrink the
first one found to an ordinary scenario file in --out: a regression test once committed.
The same --seed finds and writes the same files, byte for byte.

` + pathHelp + `

Exit status: 0 no counterexample in the runs, 1 a counterexample was found and written,
2 bad input or usage, 3 internal error, 130 interrupted by Ctrl-C.
`,
	"coverage": `Usage: bgsim coverage [--json] FILE.json...

Merge rule-coverage files written by "bgsim run --coverage" or "bgsim explore --coverage"
(counts add up) and print every rule point of the model with its count, then the points never
hit; --json prints the merged file instead.

Exit status: 0 printed, 2 a file that cannot be read or is not a coverage file, 3 output that
cannot be written.
`,
	"schema": `Usage: bgsim schema

Print the JSON Schema (draft 2020-12) of the scenario format: the bytes of
scenarios/scenario.schema.json.
`,
	"version": `Usage: bgsim version

Print the version.
`,
	"help": `Usage: bgsim help [COMMAND]

Print the overview, or the help and flags of COMMAND.
`,
}

// commands lists the command names, for help and did-you-mean hints.
var commands = []string{"run", "validate", "trace", "report", "explore", "coverage", "schema", "version", "help"}

func printUsage(w io.Writer) { fmt.Fprint(w, usage) }
