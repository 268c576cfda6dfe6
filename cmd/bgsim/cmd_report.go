package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/bgsim/bgsim/report"
	"github.com/bgsim/bgsim/scenarios"
)

// reportCommand is "bgsim report --html OUT PATH...": replay the files and write the HTML
// timeline report. The report is written whatever the scenarios gave (failures and file errors
// are part of it); the exit code is run's: 0 all passed, 1 one failed, 2 a file error or bad
// usage, 3 an internal error or a report that could not be written, 130 interrupted by Ctrl-C
// (ctx ended): no further file starts, and the page shows the files that finished.
func reportCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
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
	files, collectErr := scenarios.Collect(paths...)
	code := exitOK // the worst of the files': internal, then file errors, then failures
	items := make([]report.Scenario, 0, len(files))
	failed := 0
	// A path that cannot be read is on the page too, as a file error, and the other files run.
	for _, r := range pathResults(collectErr) {
		fmt.Fprintf(stderr, "bgsim report: %s\n", clean(r.Problems[0].Msg))
		items = append(items, *r.Item)
		failed++
		code = exitUsage
	}
	replayed := 0
	for _, file := range files {
		item, c := replayForReport(ctx, file, *seed, stderr)
		if c == exitInterrupted {
			break
		}
		replayed++
		code = max(code, c)
		if !item.Passed() {
			failed++
		}
		items = append(items, item)
	}
	if err := writeReport(*out, items); err != nil {
		fmt.Fprintf(stderr, "bgsim report: cannot write %s: %s\n", clean(*out), clean(err.Error()))
		return exitInternal
	}
	fmt.Fprintf(stdout, "wrote %s: %d passed, %d failed\n", clean(*out), len(items)-failed, failed)
	if replayed < len(files) {
		fmt.Fprintf(stderr, "bgsim report: interrupted: %d of %s did not finish\n", len(files)-replayed, count(len(files), "file", "files"))
		return exitInterrupted
	}
	return code
}

// replayForReport replays one file and prints its problems as file:line:col lines. Its code is
// exitInterrupted, with no item, when ctx ended first.
func replayForReport(ctx context.Context, file string, seed uint64, stderr io.Writer) (report.Scenario, int) {
	if ctx.Err() != nil {
		return report.Scenario{}, exitInterrupted
	}
	s, err := scenarios.ParseFile(file)
	var rep *scenarios.Report
	if err == nil {
		rep, err = runUntilDone(ctx, s, scenarios.Options{Seed: seed})
	}
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		return report.Scenario{}, exitInterrupted
	}
	if err != nil {
		pes := scenarios.AsParseErrors(err)
		for _, pe := range pes {
			fmt.Fprintln(stderr, clean(oneLine(pe.Error())))
		}
		if pes == nil {
			fmt.Fprintf(stderr, "%s: internal error: %s\n", clean(file), clean(oneLine(err.Error())))
			return report.FromError(file, err), exitInternal
		}
		return report.FromError(file, err), exitUsage
	}
	item := report.FromReport(rep)
	if rep.Passed() {
		return item, exitOK
	}
	for _, f := range rep.Failures {
		fmt.Fprintln(stderr, clean(f.File+":"+strconv.Itoa(f.Line)+":"+strconv.Itoa(f.Col)+": "+f.Msg))
	}
	return item, exitFailed
}

// runUntilDone is scenarios.Run, which keeps the records the page draws (and stops with an
// error past 64 MiB of trace, so it is bounded), but it returns ctx's error as soon as ctx ends.
// Run cannot be stopped: its replay is left to end on its own while the command exits.
func runUntilDone(ctx context.Context, s *scenarios.Scenario, opts scenarios.Options) (*scenarios.Report, error) {
	type outcome struct {
		rep *scenarios.Report
		err error
	}
	done := make(chan outcome, 1) // buffered: a replay left behind does not block
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{nil, errors.New(oneLine(fmt.Sprint(p)))}
			}
		}()
		rep, err := scenarios.Run(s, opts)
		done <- outcome{rep, err}
	}()
	select {
	case o := <-done:
		return o.rep, o.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// writeReport writes the report to path, as the other outputs are written: through a symlink
// to the file it names (the link stays), and to an existing device or FIFO (/dev/stdout, a
// pipe) directly. A regular file, or a new one, is replaced atomically: the report goes to a
// temporary file beside it, renamed into place, so the file is either the old one or the whole
// new report. The error is the reason alone; the caller names path.
func writeReport(path string, items []report.Scenario) error {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return errors.New("is a directory")
		}
		return writeReportTo(path, items)
	}
	target, err := linkTarget(path)
	if err != nil {
		return err
	}
	dir, base := splitPath(target)
	tmp, err := os.CreateTemp(dir, "."+base+".*")
	if err != nil {
		return reasonOf(err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = report.HTML(tmp, items)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), target)
	}
	return reasonOf(err)
}

// writeReportTo writes the report straight into path, a device or a FIFO that exists.
func writeReportTo(path string, items []report.Scenario) error {
	fh, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return reasonOf(err)
	}
	err = report.HTML(fh, items)
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	return reasonOf(err)
}

// linkTarget follows path through symlinks to the file they end at, which need not exist yet.
func linkTarget(path string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			return path, nil // not a link (an error, if any, comes when the file is written)
		}
		to, err := os.Readlink(path)
		if err != nil {
			return "", reasonOf(err)
		}
		if !filepath.IsAbs(to) {
			dir, _ := splitPath(path)
			to = dir + to // not cleaned: the kernel resolves a ".." after a linked folder
		}
		path = to
	}
	return "", errors.New("too many levels of symbolic links")
}

// splitPath splits path after its last separator, without cleaning it (filepath.Dir would
// resolve "link/.." lexically, not as the kernel does): "a/b" is "a/" and "b", "b" is "./"
// and "b".
func splitPath(path string) (dir, base string) {
	i := strings.LastIndexAny(path, "/"+string(filepath.Separator))
	if i < 0 {
		return "." + string(filepath.Separator), path
	}
	return path[:i+1], path[i+1:]
}

// reasonOf is the reason of an error from the os package, without the operation and path it
// names (a temporary file's, say): callers name the path the user gave.
func reasonOf(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
