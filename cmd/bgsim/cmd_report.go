package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/bgsim/bgsim/report"
	"github.com/bgsim/bgsim/scenarios"
)

// reportCommand is "bgsim report --html OUT PATH...": replay the files and write the HTML
// timeline report. The report is written whatever the scenarios gave (failures and file errors
// are part of it); the exit code is run's: 0 all passed, 1 one failed, 2 a file error or bad
// usage, 3 an internal error or a report that could not be written.
func reportCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	out := fs.String("html", "", "write the report to `OUT.html` (required)")
	seed := fs.Uint64("seed", 0, "replay with seed `N` instead of each file's seed")
	paths, err := parseArgs(fs, args, stdout, stderr)
	if err != nil {
		return exitFor(err)
	}
	if *out == "" {
		fmt.Fprintln(stderr, "bgsim report: --html OUT.html is required; run \"bgsim help report\"")
		return exitUsage
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "bgsim report: no PATH given; run \"bgsim help report\"")
		return exitUsage
	}
	files, err := scenarios.Collect(paths...)
	if err != nil {
		fmt.Fprintf(stderr, "bgsim report: %v\n", err)
		return exitUsage
	}
	code := exitOK // the worst of the files': internal, then file errors, then failures
	items := make([]report.Scenario, 0, len(files))
	failed := 0
	for _, file := range files {
		item, c := replayForReport(file, *seed, stderr)
		code = max(code, c)
		if !item.Passed() {
			failed++
		}
		items = append(items, item)
	}
	if err := writeReport(*out, items); err != nil {
		fmt.Fprintf(stderr, "bgsim report: %v\n", err)
		return exitInternal
	}
	fmt.Fprintf(stdout, "wrote %s: %d passed, %d failed\n", *out, len(items)-failed, failed)
	return code
}

// replayForReport replays one file and prints its problems as file:line:col lines.
func replayForReport(file string, seed uint64, stderr io.Writer) (report.Scenario, int) {
	s, err := scenarios.ParseFile(file)
	var rep *scenarios.Report
	if err == nil {
		rep, err = scenarios.Run(s, scenarios.Options{Seed: seed})
	}
	if err != nil {
		pes := scenarios.AsParseErrors(err)
		for _, pe := range pes {
			fmt.Fprintln(stderr, oneLine(pe.Error()))
		}
		if pes == nil {
			fmt.Fprintf(stderr, "%s: internal error: %s\n", file, oneLine(err.Error()))
			return report.FromError(file, err), exitInternal
		}
		return report.FromError(file, err), exitUsage
	}
	item := report.FromReport(rep)
	if rep.Passed() {
		return item, exitOK
	}
	for _, f := range rep.Failures {
		fmt.Fprintln(stderr, f.File+":"+strconv.Itoa(f.Line)+":"+strconv.Itoa(f.Col)+": "+f.Msg)
	}
	return item, exitFailed
}

// writeReport writes the report to a temporary file beside path and renames it into place, so
// that path is either the old file or the whole new report.
func writeReport(path string, items []report.Scenario) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := report.HTML(tmp, items); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
