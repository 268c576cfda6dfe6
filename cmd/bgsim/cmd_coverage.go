package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/bgsim/bgsim/scenarios"
)

// coverageCommand is "bgsim coverage FILE.json...": it merges coverage files (counts add up)
// and prints every rule point with its count, then the points never hit. Exit 0, or 2 for a
// file that cannot be read or is not a coverage file.
func coverageCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("coverage", flag.ContinueOnError)
	jsonOut := fs.Bool("json", false, "print the merged coverage file on stdout")
	paths, err := parseArgs(fs, args, stdout, stderr)
	if err != nil {
		return exitFor(err)
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, `bgsim coverage: no FILE.json given; run "bgsim help"`)
		return exitUsage
	}
	merged, err := mergeCoverage(paths)
	if err != nil {
		fmt.Fprintf(stderr, "bgsim coverage: %s\n", clean(err.Error()))
		return exitUsage
	}
	out := &errWriter{w: stdout}
	if *jsonOut {
		_, _ = out.Write(merged.MarshalFile()) // a write error is kept by the errWriter
	} else {
		printCoverage(out, merged)
	}
	if out.err != nil {
		fmt.Fprintf(stderr, "bgsim coverage: cannot write: %s\n", clean(out.err.Error()))
		return exitInternal
	}
	return exitOK
}

// mergeCoverage reads and merges coverage files.
func mergeCoverage(paths []string) (*scenarios.Coverage, error) {
	merged := scenarios.NewCoverage()
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read coverage file %s: %w", p, reasonOf(err))
		}
		c, err := scenarios.ParseCoverage(p, data)
		if err != nil {
			return nil, err
		}
		merged.Merge(c)
	}
	return merged, nil
}

// printCoverage prints the table: a point per line with its count, by category, then a summary
// and the points never hit.
func printCoverage(w io.Writer, c *scenarios.Coverage) {
	rows := c.Sorted()
	width := 0
	for _, r := range rows {
		width = max(width, len(r.Point))
	}
	var never []string
	for _, r := range rows {
		mark := ""
		if r.Count == 0 {
			mark = "  never hit"
			never = append(never, r.Point)
		}
		fmt.Fprintf(w, "%-*s %8d%s\n", width, clean(r.Point), r.Count, mark)
	}
	fmt.Fprintf(w, "%d of %d rule points hit; %d never hit\n", len(rows)-len(never), len(rows), len(never))
	if len(never) > 0 {
		fmt.Fprintf(w, "never hit: %s\n", clean(strings.Join(never, ", ")))
	}
}

// writeRunCoverage replays files (as "bgsim run" does, with seed when not 0) and writes the rule
// points they exercised, merged, to path: "bgsim run --coverage FILE.json". A file that does not
// parse or run adds nothing; its error is reported by the run itself. A write error is its reason
// alone: the caller names path.
func writeRunCoverage(ctx context.Context, files []string, seed uint64, path string) error {
	merged := scenarios.NewCoverage()
	for _, file := range files {
		s, err := scenarios.ParseFile(file)
		if err != nil {
			continue
		}
		c, err := scenarios.CoverageOf(ctx, s, scenarios.Options{Seed: seed})
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("cannot record coverage: %w", ctx.Err())
			}
			continue
		}
		merged.Merge(c)
	}
	return reasonOf(os.WriteFile(path, merged.MarshalFile(), 0o644))
}
