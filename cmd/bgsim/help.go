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
  bgsim schema                    print the JSON Schema of the scenario format
  bgsim version                   print the version
  bgsim help                      print this help

PATH is a scenario file or a folder, searched recursively for *.yaml.

Flags of run:
  --update       record: rewrite only the trace block of each file (comments kept);
                 refused for a file whose expectations fail, unless --force
  --force        with --update, record even when expectations fail
  --seed N       replay with seed N instead of the file's seed
  --json         print results as JSON on stdout (human text goes to stderr)
  -j N           replay N files at a time (default: number of CPUs); output keeps input order
  --junit FILE   also write a JUnit XML report to FILE

Flags of validate:  --json
Flags of trace:     --json (JSON lines instead of text), --seed N
Flags of report:    --html OUT (required: the file to write), --seed N

The report is one self-contained HTML file (no network access): a timeline per scenario with
device and app state, one bar per task instance, triggers, latches, cancellations, deliveries
and failed expectations; failing scenarios first. Its exit status is that of run.

Exit status:
  0  every scenario passed
  1  a scenario failed (an expectation, or the trace differs from its recording)
  2  bad input or usage (a file error: unknown key, bad value, missing task or manifest)
  3  internal error

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
  bgsim report --html report.html scenarios/library
                                                see the library on a timeline
`

func printUsage(w io.Writer) { fmt.Fprint(w, usage) }
