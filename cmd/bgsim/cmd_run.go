package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/bgsim/bgsim/report"
	"github.com/bgsim/bgsim/scenarios"
	"github.com/bgsim/bgsim/simulator"
)

// Statuses of one file.
const (
	statusPass        = "pass"
	statusFail        = "fail"
	statusError       = "error"       // a file error: exit 2
	statusInternal    = "internal"    // exit 3
	statusInterrupted = "interrupted" // stopped by Ctrl-C before it finished: not printed
)

// exitInterrupted is the exit code after Ctrl-C (SIGINT): 128 + 2, as shells report it.
const exitInterrupted = 130

// problem is one located message of a result.
type problem struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
	Msg  string `json:"message"`
}

// result is what one file gave.
type result struct {
	File     string        `json:"file"`
	Name     string        `json:"name,omitempty"`
	Status   string        `json:"status"`
	Updated  bool          `json:"updated,omitempty"`
	Problems []problem     `json:"problems,omitempty"`
	Elapsed  time.Duration `json:"-"`
	// Trace is the replayed trace text, kept for --junit (its system-out); Item is the file as
	// the HTML report shows it, kept for --html.
	Trace string           `json:"-"`
	Item  *report.Scenario `json:"-"`
	// announced is a path error printed on stderr when it was found: counted, not listed again.
	announced bool
}

type runFlags struct {
	update, force, json bool
	seed                uint64
	jobs                int
	junit, html         string
	coverage, shard     string
}

// runCommand is "bgsim run" and, with validateOnly, "bgsim validate".
func runCommand(ctx context.Context, args []string, stdout, stderr io.Writer, validateOnly bool) int {
	name := "run"
	if validateOnly {
		name = "validate"
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var f runFlags
	fs.BoolVar(&f.json, "json", false, "print results as JSON on stdout (human text goes to stderr)")
	if !validateOnly {
		fs.BoolVar(&f.update, "update", false, "record: rewrite only the trace block of each file (comments kept)")
		fs.BoolVar(&f.force, "force", false, "with --update, record even when expectations fail")
		fs.Uint64Var(&f.seed, "seed", 0, "replay with seed `N` instead of each file's seed")
		fs.IntVar(&f.jobs, "j", runtime.GOMAXPROCS(0), "replay `N` files at a time; output keeps input order")
		fs.StringVar(&f.junit, "junit", "", "also write a JUnit XML report to `FILE`")
		fs.StringVar(&f.html, "html", "", "also write the HTML timeline report (as bgsim report does) to `FILE`")
		fs.StringVar(&f.coverage, "coverage", "", "also write the rule points the replays exercised to `FILE.json` (see bgsim coverage)")
		fs.StringVar(&f.shard, "shard", "", "run only shard `i/n` of the files: those whose index modulo n is i-1")
	}
	paths, err := parseArgs(fs, args, stdout, stderr)
	if err != nil {
		return exitFor(err)
	}
	if len(paths) == 0 {
		fmt.Fprintf(stderr, "bgsim %s: no PATH given; run \"bgsim help %s\"\n", name, name)
		return exitUsage
	}
	shard, ok := shardFlag(name, f.shard, stderr)
	if !ok {
		return exitUsage
	}
	if !validateOnly && f.jobs < 1 {
		fmt.Fprintf(stderr, "bgsim %s: -j must be at least 1 (the number of files replayed at a time), got %d\n", name, f.jobs)
		return exitUsage
	}
	if f.force && !f.update {
		fmt.Fprintf(stderr, "bgsim %s: --force only applies with --update\n", name)
		return exitUsage
	}
	// Found out now, before any file is run or rewritten, not after.
	for _, out := range []struct{ path, what string }{{f.junit, "JUnit report"}, {f.html, "HTML report"}} {
		if out.path == "" {
			continue
		}
		if err := writable(out.path); err != nil {
			fmt.Fprintf(stderr, "bgsim %s: cannot write %s to %s: %s\n", name, out.what, clean(out.path), clean(err.Error()))
			return exitUsage
		}
	}
	if f.coverage != "" {
		if err := folderOf(f.coverage); err != nil {
			fmt.Fprintf(stderr, "bgsim %s: cannot write coverage to %s: %s\n", name, clean(f.coverage), clean(err.Error()))
			return exitUsage
		}
	}
	files, collectErr := scenarios.Collect(paths...)
	if collectErr != nil {
		// Reported now and failed at the end: the files that could be found still run.
		fmt.Fprintf(stderr, "bgsim %s: %s\n", name, clean(collectErr.Error()))
	}
	files = scenarios.ShardFiles(files, shard)
	start := time.Now()
	results := runAll(ctx, files, max(1, f.jobs), func(file string) result { return runOne(ctx, file, f, validateOnly) })
	// The paths that could not be read come first, as file errors: --json, --junit and --html
	// list them, and the last line counts them.
	finished := pathResults(collectErr)
	interrupted := 0
	for _, r := range results {
		if r.Status == statusInterrupted {
			interrupted++
			continue
		}
		finished = append(finished, r)
	}
	code := exitCode(finished)
	// An interrupted run writes no coverage: it would be partial, and Ctrl-C is no error.
	coverageInterrupted := false
	if f.coverage != "" && interrupted == 0 {
		if err := writeRunCoverage(ctx, files, f.seed, f.coverage); err != nil {
			if ctx.Err() != nil {
				coverageInterrupted = true
			} else {
				fmt.Fprintf(stderr, "bgsim %s: cannot write coverage to %s: %s\n", name, clean(f.coverage), clean(err.Error()))
				code = exitInternal
			}
		}
	}
	if f.junit != "" {
		if err := writeJUnit(f.junit, finished, start, time.Now()); err != nil {
			fmt.Fprintf(stderr, "bgsim %s: cannot write JUnit report to %s: %s\n", name, clean(f.junit), clean(err.Error()))
			code = exitInternal
		}
	}
	if f.html != "" {
		items := make([]report.Scenario, 0, len(finished))
		for _, r := range finished {
			if r.Item != nil {
				items = append(items, *r.Item)
			}
		}
		if err := writeReport(f.html, items); err != nil {
			fmt.Fprintf(stderr, "bgsim %s: cannot write HTML report to %s: %s\n", name, clean(f.html), clean(err.Error()))
			code = exitInternal
		}
	}
	out := &errWriter{w: stdout}
	print := newPrinter(out, stderr, f.json)
	print.validate = validateOnly
	print.results(finished)
	if out.err != nil {
		fmt.Fprintf(stderr, "bgsim %s: cannot write results: %s\n", name, clean(out.err.Error()))
		return exitInternal
	}
	if interrupted > 0 {
		fmt.Fprintf(stderr, "bgsim %s: interrupted: %d of %s did not finish\n", name, interrupted, count(len(results), "file", "files"))
		return exitInterrupted
	}
	if coverageInterrupted {
		fmt.Fprintf(stderr, "bgsim %s: interrupted: coverage not written\n", name)
		return exitInterrupted
	}
	return code
}

// pathResults turns the path errors of scenarios.Collect (a path that cannot be read, a folder
// with no scenario file) into results: a file error each, with its message and the page item
// --html shows. They were printed on stderr when found, so the human listing leaves them out.
func pathResults(err error) []result {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else if err != nil {
		errs = []error{err}
	}
	out := make([]result, 0, len(errs))
	for _, e := range errs {
		var file string
		var pe *scenarios.PathError
		if errors.As(e, &pe) {
			file = pe.Path
		}
		item := report.FromError(file, e)
		out = append(out, result{File: file, Status: statusError, announced: true, Item: &item,
			Problems: []problem{{File: file, Msg: oneLine(e.Error())}}})
	}
	return out
}

// writable opens path for writing, creating it when it does not exist, and closes it again: a
// report that cannot be written is an error before the run, not after. A FIFO is not opened:
// that would wait for a reader, and hand it an empty report.
func writable(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.Mode()&os.ModeNamedPipe != 0 {
		return nil
	}
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return reasonOf(err)
	}
	return fh.Close()
}

// folderOf checks that the folder a file is to be written in exists, so that a mistyped path is
// an error before a long run rather than after it. The file itself is not created: a coverage
// file that a Ctrl-C keeps from being written must not be left empty.
func folderOf(path string) error {
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("its folder %s: %w", dir, reasonOf(err))
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	return nil
}

// runAll runs work on every file with n workers and returns the results in input order. A
// panic in one file becomes that file's internal error. Once ctx is done no file is started:
// those left are statusInterrupted.
func runAll(ctx context.Context, files []string, n int, work func(string) result) []result {
	results := make([]result, len(files))
	for i, f := range files {
		results[i] = result{File: f, Status: statusInterrupted}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, max(1, len(files))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = guarded(ctx, files[i], work)
			}
		}()
	}
feed:
	for i := range files {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return results
}

func guarded(ctx context.Context, file string, work func(string) result) (r result) {
	defer func() {
		if p := recover(); p != nil {
			r = result{File: file, Status: statusInternal, Problems: []problem{{File: file, Msg: "internal error: " + oneLine(fmt.Sprint(p))}}}
		}
	}()
	if ctx.Err() != nil {
		return result{File: file, Status: statusInterrupted}
	}
	begin := time.Now()
	r = work(file)
	r.Elapsed = time.Since(begin)
	return r
}

// runOne parses, then validates, runs or records one file. With --junit it keeps the trace
// text, with --html the file as the report shows it.
func runOne(ctx context.Context, file string, f runFlags, validateOnly bool) result {
	r := result{File: file}
	s, err := scenarios.ParseFile(file)
	if err == nil {
		r.Name = s.Name
	}
	if err != nil || validateOnly {
		r = withError(r, err)
		if err != nil && f.html != "" {
			item := report.FromError(file, err)
			r.Item = &item
		}
		return r
	}
	opts := scenarios.Options{Seed: f.seed, Force: f.force}
	var rep *scenarios.Report
	if f.update {
		rep, err = scenarios.UpdateContext(ctx, file, opts)
	} else {
		rep, err = scenarios.RunContext(ctx, s, opts)
	}
	if errors.Is(err, context.Canceled) {
		return result{File: file, Status: statusInterrupted}
	}
	if rep != nil && (f.junit != "" || f.html != "") {
		// RunContext and UpdateContext keep no records (memory stays flat): replay once more for
		// the reports, with the same scenario and seed, so the same trace.
		var sinks multiSink
		var buf simulator.TraceBuffer
		if f.html != "" {
			sinks = append(sinks, &buf)
		}
		junitText := &capped{max: maxJUnitTrace}
		if f.junit != "" {
			sinks = append(sinks, &simulator.TextSink{W: junitText})
		}
		if rerr := scenarios.Replay(ctx, s, opts, sinks); rerr != nil {
			if errors.Is(rerr, context.Canceled) {
				return result{File: file, Status: statusInterrupted}
			}
			return withError(r, rerr)
		}
		r.Trace = junitText.String()
		if f.html != "" {
			full := *rep
			full.Records = buf.Records()
			item := report.FromReport(&full)
			r.Item = &item
		}
	}
	if rep != nil {
		r.Updated = rep.Updated
		for _, fl := range rep.Failures {
			r.Problems = append(r.Problems, problem{fl.File, fl.Line, fl.Col, fl.Msg})
		}
		r.Status = statusPass
		if !rep.Passed() {
			r.Status = statusFail
		}
	}
	if err != nil && !errors.Is(err, scenarios.ErrExpectationsFailed) {
		if f.html != "" {
			item := report.FromError(file, err)
			r.Item = &item
		}
		return withError(r, err)
	}
	if errors.Is(err, scenarios.ErrExpectationsFailed) {
		r.Problems = append(r.Problems, problem{File: file, Msg: err.Error()})
	}
	return r
}

// withError records err: file errors are statusError, anything else statusInternal.
func withError(r result, err error) result {
	if err == nil {
		r.Status = statusPass
		return r
	}
	pes := scenarios.AsParseErrors(err)
	if pes == nil {
		r.Status = statusInternal
		r.Problems = append(r.Problems, problem{File: r.File, Msg: oneLine(err.Error())})
		return r
	}
	r.Status = statusError
	for _, pe := range pes {
		r.Problems = append(r.Problems, problem{pe.File, pe.Line, pe.Col, pe.Msg})
	}
	return r
}

// exitCode: internal errors win, then file errors, then failures.
func exitCode(results []result) int {
	code := exitOK
	for _, r := range results {
		switch r.Status {
		case statusInternal:
			return exitInternal
		case statusError:
			code = exitUsage
		case statusFail:
			if code == exitOK {
				code = exitFailed
			}
		}
	}
	return code
}

// maxJUnitTrace bounds the trace text a JUnit testcase keeps in its system-out.
const maxJUnitTrace = 1 << 20

// multiSink hands every record to each of its sinks in turn.
type multiSink []simulator.Sink

// Record implements simulator.Sink.
func (m multiSink) Record(r *simulator.Record) {
	for _, s := range m {
		s.Record(r)
	}
}

// capped keeps the first max bytes written to it and says how many more there were.
type capped struct {
	max     int
	buf     []byte
	dropped int
}

// Write implements io.Writer; it never fails.
func (c *capped) Write(p []byte) (int, error) {
	room := max(0, c.max-len(c.buf))
	if len(p) > room {
		c.buf = append(c.buf, p[:room]...)
		c.dropped += len(p) - room
		return len(p), nil
	}
	c.buf = append(c.buf, p...)
	return len(p), nil
}

// String returns what was kept, and a last line saying how much was left out.
func (c *capped) String() string {
	if c.dropped == 0 {
		return string(c.buf)
	}
	return fmt.Sprintf("%s\n... %d more bytes of the trace left out (bgsim trace FILE prints it all)\n", c.buf, c.dropped)
}
