package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/bgsim/bgsim/internal/suggest"
	"github.com/bgsim/bgsim/report"
	"github.com/bgsim/bgsim/scenarios"
	"github.com/bgsim/bgsim/simulator"
)

// Formats of "bgsim trace".
const (
	formatText   = "text"
	formatJSON   = "json"
	formatChrome = "chrome"
)

// traceFormats lists the --format values, for messages.
var traceFormats = []string{formatText, formatJSON, formatChrome}

// traceSink is what a trace is streamed into: a simulator.Sink whose first write error is kept
// (Err) and that is ended once (Close).
type traceSink interface {
	simulator.Sink
	Err() error
	Close() error
}

// textSink is the text and JSON-lines sink of "bgsim trace": simulator.TextSink over a buffered
// writer, flushed by Close.
type textSink struct {
	text *simulator.TextSink
	buf  *bufio.Writer
}

// Record implements simulator.Sink.
func (s *textSink) Record(r *simulator.Record) { s.text.Record(r) }

// Err returns the first write error.
func (s *textSink) Err() error { return s.text.Err }

// Close flushes what is buffered and returns the first write error.
func (s *textSink) Close() error {
	if s.text.Err != nil {
		return s.text.Err
	}
	return s.buf.Flush()
}

// traceContext is "bgsim trace FILE": it replays one file and prints its trace, stopped by
// Ctrl-C through ctx. Records are written as they are made, so memory does not grow with the
// length of the run; a file error met during the replay comes after the lines written so far.
// --format chrome streams Trace Event Format JSON through report.ChromeWriter instead. On a
// terminal, control characters in text and JSON lines are escaped (see clean); a pipe or file
// gets the canonical bytes.
func traceContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("trace", flag.ContinueOnError)
	format := fs.String("format", formatText, "the output `FORMAT`: text (trace lines), json (JSON lines) or chrome (Trace Event Format JSON)")
	jsonOut := fs.Bool("json", false, "JSON lines: the same as --format json")
	seed := fs.Uint64("seed", 0, "replay with seed `N` instead of the file's seed")
	paths, err := parseArgs(fs, args, stdout, stderr)
	if err != nil {
		return exitFor(err)
	}
	if *jsonOut {
		if *format != formatText && *format != formatJSON {
			fmt.Fprintf(stderr, "bgsim trace: --json and --format %s disagree; run \"bgsim help trace\"\n", *format)
			return exitUsage
		}
		*format = formatJSON
	}
	if *format != formatText && *format != formatJSON && *format != formatChrome {
		fmt.Fprintf(stderr, "bgsim trace: unknown --format %q (want text, json or chrome)%s; run \"bgsim help trace\"\n", clean(*format), suggest.Hint(*format, traceFormats))
		return exitUsage
	}
	if len(paths) != 1 {
		fmt.Fprintln(stderr, "bgsim trace: want exactly one FILE; run \"bgsim help trace\"")
		return exitUsage
	}
	s, err := scenarios.ParseFile(paths[0])
	var sink traceSink
	if err == nil {
		sink = newTraceSink(s, *format, stdout)
		err = scenarios.Replay(ctx, s, scenarios.Options{Seed: *seed}, sink)
	}
	if errors.Is(err, context.Canceled) && sink != nil {
		_ = sink.Close()
		fmt.Fprintln(stderr, "bgsim trace: interrupted")
		return exitInterrupted
	}
	if err != nil {
		if sink != nil && *format != formatChrome {
			_ = sink.Close() // the lines written so far; a half document is no use
		}
		r := withError(result{File: paths[0]}, err)
		for _, pr := range r.Problems {
			fmt.Fprintln(stderr, clean(located(pr)))
		}
		if r.Status == statusInternal {
			return exitInternal
		}
		return exitUsage
	}
	if err := sink.Close(); err != nil {
		fmt.Fprintf(stderr, "bgsim trace: cannot write: %s\n", clean(err.Error()))
		return exitInternal
	}
	return exitOK
}

// newTraceSink returns the sink for a format, writing to stdout.
func newTraceSink(s *scenarios.Scenario, format string, stdout io.Writer) traceSink {
	if format == formatChrome {
		// The end of virtual time as the report computes it: from the scenario alone.
		end := s.RunLength()
		return report.NewChromeWriter(stdout, report.ChromeOptions{
			Name: s.Name, Device: s.Device.DeviceState, App: s.App.State, End: end,
		})
	}
	w := bufio.NewWriter(stdout)
	t := &simulator.TextSink{W: w, JSON: format == formatJSON}
	if isTerminal(stdout) {
		t.W = cleanWriter{w}
	}
	return &textSink{text: t, buf: w}
}
