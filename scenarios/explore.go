package scenarios

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/invariants"
)

// ShardBlock is how many runs of one file make a block: the unit of sharding and of
// parallelism, within which Explore steers toward rule points the block has not hit yet.
const ShardBlock = 64

// ExploreOptions tune a campaign.
type ExploreOptions struct {
	Runs  int    // perturbed runs per file [DefaultRuns], at most MaxRuns
	Seed  uint64 // the campaign seed [1]
	Shard Shard  // the part of the campaign to run [all]
	Jobs  int    // blocks run at once [1]
	// Out is the folder counterexamples are written to; "" writes none (Counterexample.Text is
	// still set).
	Out string
	// Progress, when set, is called after each block with the runs done and the runs of this
	// shard, from one goroutine at a time.
	Progress func(done, total int)
}

// DefaultRuns is Explore's number of runs per file when ExploreOptions.Runs is 0.
const DefaultRuns = 1000

// Counterexample is the first failing run of a file in a campaign (its lowest run index), shrunk.
type Counterexample struct {
	Source   string // the file explored
	Seed     uint64 // the campaign seed
	Run      int    // the run index, from 0
	Property string // the violated property, or "invariant RULE"
	Message  string // what broke, as Run reports it on the shrunk file
	Entries  int    // timeline entries of the failing run
	Shrunk   int    // timeline entries after shrinking
	Scenario *Scenario
	Text     []byte // the scenario file
	Path     string // where it was written; "" without Out
}

// ExploreReport is the outcome of a campaign.
type ExploreReport struct {
	Files           int
	Runs            int // runs made by this shard
	Coverage        *Coverage
	Counterexamples []Counterexample // in file order
}

// outcome is how one run ended: the first violated property (prop >= 0), or a broken invariant.
type outcome struct {
	prop int
	rule invariants.Rule
	msg  string
}

func (o outcome) failed() bool        { return o.prop >= 0 || o.rule != invariants.RuleInvalid }
func (o outcome) same(p outcome) bool { return o.prop == p.prop && o.rule == p.rule }

// exploreSink checks properties and invariants and records coverage.
type exploreSink struct {
	props *propertyState
	inv   *invariantSink
	cov   *coverageSink
}

func (es *exploreSink) Record(r *simulator.Record) {
	es.props.Record(r)
	es.inv.Record(r)
	if es.cov != nil {
		es.cov.Record(r)
	}
}

func (es *exploreSink) attach(e *simulator.Engine) {
	es.inv.attach(e)
	if es.cov != nil {
		es.cov.attach(e)
	}
}

// check replays s and returns how it ended and how many rule points it hit first in cov (nil:
// none recorded).
func check(ctx context.Context, s *Scenario, cov *Coverage) (outcome, int, error) {
	es := &exploreSink{props: newPropertyState(s.Properties), inv: newInvariantSink(s)}
	if cov != nil {
		es.cov = newCoverageSink(cov)
	}
	if _, err := play(ctx, s, Options{}, es); err != nil {
		return outcome{}, 0, err
	}
	fresh := 0
	if es.cov != nil {
		fresh = es.cov.fresh
	}
	es.props.finish(s.RunLength())
	if i := es.props.violated(); i >= 0 {
		return outcome{prop: i, msg: es.props.failures(s.File)[0].Msg}, fresh, nil
	}
	if v := es.inv.violation(); v != nil {
		return outcome{prop: -1, rule: v.Rule, msg: v.Error()}, fresh, nil
	}
	return outcome{prop: -1}, fresh, nil
}

// block is one unit of work: runs [from, to) of file f; k is its index in the campaign.
type block struct {
	f, from, to, k int
}

// blockResult is what a block found.
type blockResult struct {
	cov   *Coverage
	fail  *perturbation
	run   int
	out   outcome
	err   error
	count int
}

// MaxRuns is the most runs per file a campaign may ask for.
const MaxRuns = 1_000_000_000

// blocks calls yield with the blocks of the campaign that shard takes, in campaign order,
// until yield returns false. Nothing is kept: a campaign of any size costs no memory here.
func blocks(files, runs int, shard Shard, yield func(block) bool) {
	k := 0
	for f := range files {
		for from := 0; from < runs; from += ShardBlock {
			if shard.Takes(k) && !yield(block{f: f, from: from, to: min(from+ShardBlock, runs), k: k}) {
				return
			}
			k++
		}
	}
}

// Explore runs a campaign over parsed files: for each file, Runs seeded perturbations (its
// explore block, or DefaultExplore), each checked against the file's properties and the
// engine's built-in invariants, recording rule coverage. The first failing run of each file is
// shrunk and, with Out, written there. Runs above MaxRuns are refused. Memory does not grow
// with Runs: blocks are made as workers take them, and each worker keeps one merged coverage
// and each file's lowest failing run. The error is a file error (a file the engine refuses),
// or wraps ctx.Err().
func Explore(ctx context.Context, files []*Scenario, opts ExploreOptions) (*ExploreReport, error) {
	runs := opts.Runs
	if runs <= 0 {
		runs = DefaultRuns
	}
	if runs > MaxRuns {
		return nil, fmt.Errorf("cannot explore %d runs per file: at most %d", runs, MaxRuns)
	}
	seed := opts.Seed
	if seed == 0 {
		seed = 1
	}
	prs := make([]*perturber, len(files))
	for f, s := range files {
		prs[f] = newPerturber(s)
	}
	total, count := 0, 0
	blocks(len(files), runs, opts.Shard, func(b block) bool {
		total += b.to - b.from
		count++
		return true
	})
	jobs := max(opts.Jobs, 1)
	var (
		mu     sync.Mutex
		done   int
		wg     sync.WaitGroup
		next   = make(chan block)
		first  = make([]*blockResult, len(files)) // each file's lowest failing run
		errAt  = -1                               // the lowest block that failed with an error
		err    error
		ran    int
		covs   = make([]*Coverage, min(jobs, max(count, 1)))
		failed = make(chan struct{})
	)
	for w := range covs {
		covs[w] = NewCoverage()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range next {
				r := guardBlock(ctx, prs[b.f], b, seed)
				covs[w].Merge(r.cov)
				r.cov = nil
				mu.Lock()
				ran += r.count
				if r.err != nil {
					if errAt < 0 {
						close(failed)
					}
					if errAt < 0 || b.k < errAt {
						errAt, err = b.k, r.err
					}
				}
				if f := b.f; r.fail != nil && (first[f] == nil || r.run < first[f].run) {
					first[f] = &r
				}
				if opts.Progress != nil {
					done += r.count
					opts.Progress(done, total)
				}
				mu.Unlock()
			}
		}()
	}
	blocks(len(files), runs, opts.Shard, func(b block) bool {
		select {
		case next <- b:
			return true
		case <-failed:
			return false
		}
	})
	close(next)
	wg.Wait()
	if err != nil {
		return nil, err
	}

	rep := &ExploreReport{Files: len(files), Runs: ran, Coverage: NewCoverage()}
	for _, c := range covs {
		rep.Coverage.Merge(c)
	}
	names := baseNames(files)
	for f, r := range first {
		if r == nil {
			continue
		}
		cx, err := counterexample(ctx, prs[f], r.fail, r.out, seed, r.run, opts.Out, names[f])
		if err != nil {
			return nil, err
		}
		rep.Counterexamples = append(rep.Counterexamples, *cx)
	}
	return rep, nil
}

// runSeed is the PCG stream of one run of a file: the campaign seed and a key of the file's
// base name, its scenario name and the run index, so the run is the same whichever shard,
// worker or working folder makes it.
func runSeed(s *Scenario, run int) uint64 {
	h := fnv.New64a()
	h.Write([]byte(filepath.Base(s.File) + "\x00" + s.Name))
	return h.Sum64() ^ uint64(run+1)*0x9E3779B97F4A7C15
}

// guardBlock is runBlock with a panic turned into the block's error, so a worker cannot take
// the process down.
func guardBlock(ctx context.Context, pr *perturber, b block, seed uint64) (res blockResult) {
	defer func() {
		if p := recover(); p != nil {
			res = blockResult{err: fmt.Errorf("cannot explore %s (runs %d to %d): internal error: %v", pr.s.File, b.from, b.to-1, p)}
		}
	}()
	return runBlock(ctx, pr, b, seed)
}

// runBlock makes the runs of one block. A run that reached a rule point the block had not hit
// joins its corpus; half the later runs mutate a corpus member instead of drawing afresh.
func runBlock(ctx context.Context, pr *perturber, b block, seed uint64) blockResult {
	res := blockResult{cov: NewCoverage(), run: -1}
	var corpus []*perturbation
	for run := b.from; run < b.to; run++ {
		if err := ctx.Err(); err != nil {
			res.err = fmt.Errorf("cannot finish exploring %s: %w", pr.s.File, err)
			return res
		}
		rng := rand.New(rand.NewPCG(seed, runSeed(pr.s, run)))
		var pt *perturbation
		if len(corpus) > 0 && rng.IntN(2) == 0 {
			pt = pr.mutate(corpus[rng.IntN(len(corpus))], rng)
		} else {
			pt = pr.fresh(rng)
		}
		out, fresh, err := check(ctx, pr.scenario(pt), res.cov)
		res.count++
		if err != nil {
			res.err = err
			return res
		}
		if fresh > 0 {
			corpus = append(corpus, pt)
		}
		if out.failed() && res.fail == nil {
			res.fail, res.run, res.out = pt, run, out
		}
	}
	return res
}

// counterexample shrinks a failing run and renders (and with out, writes) its scenario file.
func counterexample(ctx context.Context, pr *perturber, pt *perturbation, out outcome, seed uint64, run int, dir, name string) (*Counterexample, error) {
	entries := len(pt.entries)
	small, out, err := shrink(ctx, pr, pt, out)
	if err != nil {
		return nil, err
	}
	s := pr.scenario(small)
	prop := "invariant " + out.rule.String()
	if out.prop >= 0 {
		prop = s.Properties[out.prop].Describe()
	}
	cx := &Counterexample{Source: pr.s.File, Seed: seed, Run: run, Property: prop, Message: out.msg,
		Entries: entries, Shrunk: len(small.entries)}
	if dir != "" {
		cx.Path = filepath.Join(dir, fmt.Sprintf("%s.seed%d.run%d.yaml", name, seed, run))
		s.File = cx.Path
		s.ManifestFile = rebase(pr.s, dir)
	}
	s.Description = "Counterexample to " + prop + ", found by bgsim explore and shrunk."
	rep, err := Run(s, Options{})
	if err != nil {
		return nil, err
	}
	s.Trace = &TraceBlock{Text: rep.Trace}
	text, err := Format(s)
	if err != nil {
		return nil, err
	}
	header := fmt.Sprintf("# Counterexample found by bgsim explore, shrunk from %d to %d timeline entries.\n"+
		"# source: %s\n# seed: %d\n# run: %d\n# property: %s\n"+
		"# bgsim run on this file fails with that property; commit it to keep it as a regression test.\n",
		entries, len(small.entries), filepath.ToSlash(pr.s.File), seed, run, prop)
	cx.Text = append([]byte(header), text...)
	cx.Scenario = s
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("cannot write counterexample: %w", err)
		}
		if err := os.WriteFile(cx.Path, cx.Text, 0o644); err != nil {
			return nil, fmt.Errorf("cannot write counterexample: %w", err)
		}
	}
	return cx, nil
}

// baseNames names each file's counterexamples: NAME for NAME.yaml, or, when two files of the
// campaign share NAME, their paths with the separators turned into "_", so no file overwrites
// another's counterexample.
func baseNames(files []*Scenario) []string {
	out := make([]string, len(files))
	count := map[string]int{}
	for i, s := range files {
		out[i] = strings.TrimSuffix(filepath.Base(s.File), filepath.Ext(s.File))
		count[out[i]]++
	}
	for i, s := range files {
		if count[out[i]] > 1 {
			p := strings.TrimSuffix(filepath.ToSlash(filepath.Clean(s.File)), filepath.Ext(s.File))
			out[i] = strings.NewReplacer("/", "_", ":", "_").Replace(strings.TrimLeft(p, "./"))
		}
	}
	return out
}

// rebase returns s's manifest file: reference as seen from dir, so the written file reads the
// same manifest; "" for inline declarations.
func rebase(s *Scenario, dir string) string {
	if s.ManifestFile == "" || filepath.IsAbs(s.ManifestFile) {
		return s.ManifestFile
	}
	target := filepath.Join(filepath.Dir(s.File), s.ManifestFile)
	absDir, err1 := filepath.Abs(dir)
	absTarget, err2 := filepath.Abs(target)
	if err1 != nil || err2 != nil {
		return target
	}
	rel, err := filepath.Rel(absDir, absTarget)
	if err != nil {
		return absTarget
	}
	return filepath.ToSlash(rel)
}
