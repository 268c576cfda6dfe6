package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/bgsim/bgsim/scenarios"
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
}

type runFlags struct {
	update, force, json bool
	seed                uint64
	jobs                int
	junit               string
}

// runCommand is "bgsim run" and, with validateOnly, "bgsim validate".
func runCommand(ctx context.Context, args []string, stdout, stderr io.Writer, validateOnly bool) int {
	name := "run"
	if validateOnly {
		name = "validate"
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var f runFlags
	fs.BoolVar(&f.json, "json", false, "JSON on stdout")
	if !validateOnly {
		fs.BoolVar(&f.update, "update", false, "record traces")
		fs.BoolVar(&f.force, "force", false, "record even when expectations fail")
		fs.Uint64Var(&f.seed, "seed", 0, "override the seed")
		fs.IntVar(&f.jobs, "j", runtime.GOMAXPROCS(0), "files at a time")
		fs.StringVar(&f.junit, "junit", "", "JUnit XML report file")
	}
	paths, err := parseArgs(fs, args, stderr)
	if err != nil {
		return exitUsage
	}
	if len(paths) == 0 {
		fmt.Fprintf(stderr, "bgsim %s: no PATH given; run \"bgsim help\"\n", name)
		return exitUsage
	}
	if f.force && !f.update {
		fmt.Fprintf(stderr, "bgsim %s: --force only applies with --update\n", name)
		return exitUsage
	}
	if f.junit != "" {
		// Found out now, before any file is run or rewritten, not after.
		if err := writable(f.junit); err != nil {
			fmt.Fprintf(stderr, "bgsim %s: cannot write JUnit report: %s\n", name, clean(err.Error()))
			return exitUsage
		}
	}
	files, collectErr := scenarios.Collect(paths...)
	if collectErr != nil {
		// Reported now and failed at the end: the files that could be found still run.
		fmt.Fprintf(stderr, "bgsim %s: %s\n", name, clean(collectErr.Error()))
	}
	start := time.Now()
	results := runAll(ctx, files, max(1, f.jobs), func(file string) result { return runOne(ctx, file, f, validateOnly) })
	finished := results[:0:0]
	for _, r := range results {
		if r.Status != statusInterrupted {
			finished = append(finished, r)
		}
	}
	code := exitCode(finished)
	if collectErr != nil && code < exitUsage {
		code = exitUsage
	}
	if f.junit != "" {
		if err := writeJUnit(f.junit, finished, start, time.Now()); err != nil {
			fmt.Fprintf(stderr, "bgsim %s: cannot write JUnit report: %s\n", name, clean(err.Error()))
			code = exitInternal
		}
	}
	out := &errWriter{w: stdout}
	print := newPrinter(out, stderr, f.json)
	print.results(finished)
	if out.err != nil {
		fmt.Fprintf(stderr, "bgsim %s: cannot write results: %s\n", name, clean(out.err.Error()))
		return exitInternal
	}
	if len(finished) < len(results) {
		fmt.Fprintf(stderr, "bgsim %s: interrupted: %d of %d files did not finish\n", name, len(results)-len(finished), len(results))
		return exitInterrupted
	}
	return code
}

// writable opens path for writing, creating it when it does not exist, and closes it again: a
// report that cannot be written is an error before the run, not after.
func writable(path string) error {
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	return fh.Close()
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

// runOne parses, then validates, runs or records one file.
func runOne(ctx context.Context, file string, f runFlags, validateOnly bool) result {
	r := result{File: file}
	s, err := scenarios.ParseFile(file)
	if err == nil {
		r.Name = s.Name
	}
	if err != nil || validateOnly {
		return withError(r, err)
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
