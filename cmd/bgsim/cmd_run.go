package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/bgsim/bgsim/scenarios"
)

// Statuses of one file.
const (
	statusPass     = "pass"
	statusFail     = "fail"
	statusError    = "error"    // a file error: exit 2
	statusInternal = "internal" // exit 3
)

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
	files, err := scenarios.Collect(paths...)
	if err != nil {
		fmt.Fprintf(stderr, "bgsim %s: %v\n", name, err)
		return exitUsage
	}
	start := time.Now()
	results := runAll(ctx, files, max(1, f.jobs), func(file string) result { return runOne(file, f, validateOnly) })
	if f.junit != "" {
		if err := writeJUnit(f.junit, results, start, time.Now()); err != nil {
			fmt.Fprintf(stderr, "bgsim %s: cannot write JUnit report: %v\n", name, err)
			return exitInternal
		}
	}
	print := newPrinter(stdout, stderr, f.json)
	print.results(results)
	return exitCode(results)
}

// runAll runs work on every file with n workers and returns the results in input order. A
// panic in one file becomes that file's internal error.
func runAll(ctx context.Context, files []string, n int, work func(string) result) []result {
	results := make([]result, len(files))
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
	for i := range files {
		next <- i
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
	if err := ctx.Err(); err != nil {
		return result{File: file, Status: statusInternal, Problems: []problem{{File: file, Msg: "interrupted"}}}
	}
	begin := time.Now()
	r = work(file)
	r.Elapsed = time.Since(begin)
	return r
}

// runOne parses, then validates, runs or records one file.
func runOne(file string, f runFlags, validateOnly bool) result {
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
		rep, err = scenarios.Update(file, opts)
	} else {
		rep, err = scenarios.Run(s, opts)
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
