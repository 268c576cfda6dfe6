package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/bgsim/bgsim/scenarios"
	"github.com/bgsim/bgsim/simulator"
)

// signalContext is done once main has seen Ctrl-C; run passes its own context to the commands
// that take one, and traceCommand reads this one.
var signalContext = context.Background()

// traceCommand is "bgsim trace FILE", stopped by Ctrl-C through signalContext.
func traceCommand(args []string, stdout, stderr io.Writer) int {
	return traceContext(signalContext, args, stdout, stderr)
}

// traceContext replays one file and prints its trace. Records are written as they are made, so
// memory does not grow with the length of the run; a file error met during the replay comes
// after the lines written so far. On a terminal, control characters in the trace are escaped
// (see clean); a pipe or file gets the canonical bytes.
func traceContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("trace", flag.ContinueOnError)
	jsonOut := fs.Bool("json", false, "JSON lines")
	seed := fs.Uint64("seed", 0, "override the seed")
	paths, err := parseArgs(fs, args, stderr)
	if err != nil {
		return exitUsage
	}
	if len(paths) != 1 {
		fmt.Fprintln(stderr, "bgsim trace: want exactly one FILE; run \"bgsim help\"")
		return exitUsage
	}
	s, err := scenarios.ParseFile(paths[0])
	w := bufio.NewWriter(stdout)
	sink := &simulator.TextSink{W: w, JSON: *jsonOut}
	if isTerminal(stdout) {
		sink.W = cleanWriter{w}
	}
	if err == nil {
		err = scenarios.Replay(ctx, s, scenarios.Options{Seed: *seed}, sink)
	}
	if errors.Is(err, context.Canceled) {
		_ = w.Flush()
		fmt.Fprintln(stderr, "bgsim trace: interrupted")
		return exitInterrupted
	}
	if err != nil {
		_ = w.Flush()
		r := withError(result{File: paths[0]}, err)
		for _, pr := range r.Problems {
			fmt.Fprintln(stderr, clean(located(pr)))
		}
		if r.Status == statusInternal {
			return exitInternal
		}
		return exitUsage
	}
	if err := sink.Err; err != nil {
		fmt.Fprintf(stderr, "bgsim trace: cannot write: %s\n", clean(err.Error()))
		return exitInternal
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "bgsim trace: cannot write: %s\n", clean(err.Error()))
		return exitInternal
	}
	return exitOK
}
