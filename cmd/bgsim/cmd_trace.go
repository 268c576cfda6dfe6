package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"

	"github.com/bgsim/bgsim/scenarios"
)

// traceCommand is "bgsim trace FILE": replay one file and print its trace.
func traceCommand(args []string, stdout, stderr io.Writer) int {
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
	var rep *scenarios.Report
	if err == nil {
		rep, err = scenarios.Run(s, scenarios.Options{Seed: *seed})
	}
	if err != nil {
		r := withError(result{File: paths[0]}, err)
		for _, pr := range r.Problems {
			fmt.Fprintln(stderr, located(pr))
		}
		if r.Status == statusInternal {
			return exitInternal
		}
		return exitUsage
	}
	w := bufio.NewWriter(stdout)
	if *jsonOut {
		var b []byte
		for i := range rep.Records {
			b = rep.Records[i].AppendJSON(b[:0])
			b = append(b, '\n')
			w.Write(b)
		}
	} else {
		w.WriteString(rep.Trace)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "bgsim trace: cannot write: %v\n", err)
		return exitInternal
	}
	return exitOK
}
