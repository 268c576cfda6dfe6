package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/bgsim/bgsim/scenarios"
)

// exploreFlags are the flags of "bgsim explore".
type exploreFlags struct {
	runs     int
	seed     uint64
	shard    string
	out      string
	jobs     int
	json     bool
	coverage string
}

// exploreCommand is "bgsim explore": a seeded search for the histories that break a file's
// properties or the engine's invariants. Exit 0: none in the runs; 1: a counterexample was found
// and shrunk; 2: bad input or usage; 3: internal error; 130: interrupted.
func exploreCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("explore", flag.ContinueOnError)
	var f exploreFlags
	fs.IntVar(&f.runs, "runs", 1000, "try `N` perturbed runs of each file")
	fs.Uint64Var(&f.seed, "seed", 1, "the campaign's seed `S`, above 0: the same seed writes the same files")
	fs.StringVar(&f.shard, "shard", "", "run only shard `i/n` of the campaign (blocks of 64 runs)")
	fs.StringVar(&f.out, "out", "counterexamples", "write counterexample files to folder `DIR`")
	fs.IntVar(&f.jobs, "j", runtime.GOMAXPROCS(0), "run `N` blocks of runs at a time")
	fs.BoolVar(&f.json, "json", false, "print the results as JSON on stdout")
	fs.StringVar(&f.coverage, "coverage", "", "also write the rule points the runs exercised to `FILE.json` (see bgsim coverage)")
	paths, err := parseArgs(fs, args, stdout, stderr)
	if err != nil {
		return exitFor(err)
	}
	shard, ok := shardFlag("explore", f.shard, stderr)
	switch {
	case !ok:
		return exitUsage
	case len(paths) == 0:
		fmt.Fprintln(stderr, `bgsim explore: no FILE given; run "bgsim help"`)
		return exitUsage
	case f.runs < 1:
		fmt.Fprintf(stderr, "bgsim explore: --runs must be at least 1, got %d\n", f.runs)
		return exitUsage
	case f.runs > scenarios.MaxRuns:
		fmt.Fprintf(stderr, "bgsim explore: --runs must be at most %d, got %d\n", scenarios.MaxRuns, f.runs)
		return exitUsage
	case f.jobs < 1:
		fmt.Fprintf(stderr, "bgsim explore: -j must be at least 1 (the number of blocks of runs at a time), got %d\n", f.jobs)
		return exitUsage
	case f.seed == 0:
		fmt.Fprintln(stderr, "bgsim explore: --seed must be above 0")
		return exitUsage
	}
	if f.coverage != "" {
		if err := folderOf(f.coverage); err != nil {
			fmt.Fprintf(stderr, "bgsim explore: cannot write coverage to %s: %s\n", clean(f.coverage), clean(err.Error()))
			return exitUsage
		}
	}
	files, err := scenarios.Collect(paths...)
	if err != nil {
		fmt.Fprintf(stderr, "bgsim explore: %s\n", clean(err.Error()))
		return exitUsage
	}
	human := stdout // file errors; under --json stdout holds the JSON only
	if f.json {
		human = stderr
	}
	var parsed []*scenarios.Scenario
	bad := false
	for _, file := range files {
		s, err := scenarios.ParseFile(file)
		if err != nil {
			printFileErrors(human, err)
			bad = true
			continue
		}
		parsed = append(parsed, s)
	}
	if bad {
		return exitUsage
	}
	opts := scenarios.ExploreOptions{Runs: f.runs, Seed: f.seed, Shard: shard, Jobs: f.jobs, Out: f.out}
	bar := newProgress(stderr, !f.json)
	opts.Progress = bar.update
	start := time.Now()
	rep, err := scenarios.Explore(ctx, parsed, opts)
	bar.done()
	elapsed := time.Since(start)
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "bgsim explore: interrupted")
		return exitInterrupted
	case scenarios.AsParseErrors(err) != nil:
		printFileErrors(human, err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "bgsim explore: internal error: %s\n", clean(oneLine(err.Error())))
		return exitInternal
	}
	if f.coverage != "" {
		if err := os.WriteFile(f.coverage, rep.Coverage.MarshalFile(), 0o644); err != nil {
			fmt.Fprintf(stderr, "bgsim explore: cannot write coverage to %s: %s\n", clean(f.coverage), clean(reasonOf(err).Error()))
			return exitInternal
		}
	}
	out := &errWriter{w: stdout}
	if f.json {
		printExploreJSON(out, rep, f, shard, elapsed)
	} else {
		printExplore(out, rep, f, shard, elapsed)
	}
	if out.err != nil {
		fmt.Fprintf(stderr, "bgsim explore: cannot write results: %s\n", clean(out.err.Error()))
		return exitInternal
	}
	if len(rep.Counterexamples) > 0 {
		return exitFailed
	}
	return exitOK
}

// shardFlag reads a --shard value of command cmd; "" is the whole campaign. A bad value is
// reported on stderr and ok is false: a usage error (exit 2). "bgsim run --shard" uses it too.
func shardFlag(cmd, value string, stderr io.Writer) (scenarios.Shard, bool) {
	if value == "" {
		return scenarios.Shard{}, true
	}
	sh, err := scenarios.ParseShard(value)
	if err != nil {
		fmt.Fprintf(stderr, "bgsim %s: --shard: %s\n", cmd, clean(err.Error()))
		return sh, false
	}
	return sh, true
}

// printFileErrors prints every file error of err as file:line:col: msg.
func printFileErrors(w io.Writer, err error) {
	for _, pe := range scenarios.AsParseErrors(err) {
		fmt.Fprintf(w, "ERROR  %s\n", clean(pe.Error()))
	}
}

// coverageSummary is "H of P rule points".
func coverageSummary(c *scenarios.Coverage) (hit, all int) {
	for _, pc := range c.Sorted() {
		all++
		if pc.Count > 0 {
			hit++
		}
	}
	return hit, all
}

func printExplore(w io.Writer, rep *scenarios.ExploreReport, f exploreFlags, shard scenarios.Shard, elapsed time.Duration) {
	for _, cx := range rep.Counterexamples {
		fmt.Fprintf(w, "COUNTEREXAMPLE  %s  run %d: %s\n", clean(cx.Source), cx.Run, clean(cx.Property))
		fmt.Fprintf(w, "  %s\n", clean(strings.ReplaceAll(cx.Message, "\n", "\n  ")))
		fmt.Fprintf(w, "  shrunk from %d to %s; written to %s\n", cx.Entries, count(cx.Shrunk, "timeline entry", "timeline entries"), clean(cx.Path))
		fmt.Fprintf(w, "  replay: bgsim run %s\n", clean(cx.Path))
	}
	hit, all := coverageSummary(rep.Coverage)
	fmt.Fprintf(w, "%s of %s (seed %d, shard %s) in %s: %s; rule coverage %d of %d points\n",
		count(rep.Runs, "run", "runs"), count(rep.Files, "file", "files"), f.seed, shard, elapsed.Round(time.Millisecond),
		count(len(rep.Counterexamples), "counterexample", "counterexamples"), hit, all)
}

func printExploreJSON(w io.Writer, rep *scenarios.ExploreReport, f exploreFlags, shard scenarios.Shard, elapsed time.Duration) {
	type cxJSON struct {
		Source   string `json:"source"`
		Run      int    `json:"run"`
		Property string `json:"property"`
		Message  string `json:"message"`
		Entries  int    `json:"entries"`
		Shrunk   int    `json:"shrunk"`
		Path     string `json:"path"`
	}
	hit, all := coverageSummary(rep.Coverage)
	out := struct {
		Runs            int               `json:"runs"`
		Files           int               `json:"files"`
		Seed            uint64            `json:"seed"`
		Shard           string            `json:"shard"`
		ElapsedMS       int64             `json:"elapsed_ms"`
		CoverageHit     int               `json:"coverage_hit"`
		CoveragePoints  int               `json:"coverage_points"`
		Coverage        map[string]uint64 `json:"coverage"`
		Counterexamples []cxJSON          `json:"counterexamples"`
	}{rep.Runs, rep.Files, f.seed, shard.String(), elapsed.Milliseconds(), hit, all, rep.Coverage.Points, []cxJSON{}}
	for _, cx := range rep.Counterexamples {
		out.Counterexamples = append(out.Counterexamples, cxJSON{cx.Source, cx.Run, cx.Property, cx.Message, cx.Entries, cx.Shrunk, cx.Path})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out) // a write error is kept by the errWriter
}

// progress draws a one-line progress bar on a terminal, and nothing when the output is piped.
type progress struct {
	w    io.Writer
	on   bool
	last int // percent drawn
}

func newProgress(w io.Writer, want bool) *progress {
	return &progress{w: w, on: want && isTerminal(w), last: -1}
}

// barWidth is the number of cells of the bar.
const barWidth = 30

func (p *progress) update(done, total int) {
	if !p.on || total == 0 {
		return
	}
	pct := done * 100 / total
	if pct == p.last {
		return
	}
	p.last = pct
	cells := done * barWidth / total
	fmt.Fprintf(p.w, "\rexplore [%s%s] %3d%% %d/%d runs", strings.Repeat("#", cells), strings.Repeat(".", barWidth-cells), pct, done, total)
}

func (p *progress) done() {
	if p.on && p.last >= 0 {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
