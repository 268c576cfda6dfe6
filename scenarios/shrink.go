package scenarios

import (
	"context"
	"slices"
	"time"
)

// shrink reduces a failing perturbation by delta debugging while the run keeps failing the same
// way (the same property, or the same invariant): drop chunks of timeline entries, halving the
// chunk size down to single entries; move moved entries back to their original instant, or half
// way; round instants; restore the file's seed. It repeats until no single step keeps the
// failure, and returns the smallest perturbation and its outcome. register entries are kept:
// other parts of the file name their tasks.
//
// A step is taken only when it strictly lowers the perturbation's measure (see measureOf), which
// no sequence of steps can lower forever, so shrinking ends; maxShrinkPasses bounds it besides.
func shrink(ctx context.Context, pr *perturber, pt *perturbation, want outcome) (*perturbation, outcome, error) {
	cur, curOut := pt, want
	curM := pr.measureOf(cur)
	try := func(cand *perturbation) (bool, error) {
		pr.settle(cand)
		m := pr.measureOf(cand)
		if !m.less(curM) {
			return false, nil // no progress: the same state, or a step back
		}
		out, _, err := check(ctx, pr.scenario(cand), nil)
		if err != nil || !out.same(want) {
			return false, err
		}
		cur, curOut, curM = cand, out, m
		return true, nil
	}
	for pass, changed := 0, true; changed && pass < maxShrinkPasses; pass++ {
		changed = false
		// Drop chunks, from half the timeline down to one entry.
		for size := max(len(cur.entries)/2, 1); size >= 1; size /= 2 {
			for start := 0; start < len(cur.entries); {
				cand := cur.clone()
				end := min(start+size, len(cand.entries))
				if droppable(cand.entries[start:end]) {
					cand.entries = slices.Delete(cand.entries, start, end)
					ok, err := try(cand)
					if err != nil {
						return nil, outcome{}, err
					}
					if ok {
						changed = true
						continue // the same start now holds the next entries
					}
				}
				start += size
			}
		}
		// Move entries back toward their original instant.
		for i := 0; i < len(cur.entries); i++ {
			e := cur.entries[i]
			if e.base < 0 || e.At == e.orig {
				continue
			}
			for _, at := range []int64{int64(e.orig), (int64(e.At) + int64(e.orig)) / 2} {
				cand := cur.clone()
				idx := slices.IndexFunc(cand.entries, func(x pEntry) bool { return x.base == e.base })
				cand.entries[idx].At = pr.clamp(durationOf(at))
				ok, err := try(cand)
				if err != nil {
					return nil, outcome{}, err
				}
				if ok {
					changed = true
					break
				}
			}
		}
		// Round moved and inserted instants to a whole minute, or else a whole second.
		for i := 0; i < len(cur.entries); i++ {
			e := cur.entries[i]
			if e.At == e.orig && e.base >= 0 {
				continue
			}
			for _, unit := range []time.Duration{time.Minute, time.Second} {
				at := e.At.Round(unit)
				if at == e.At || at == e.orig && e.base >= 0 {
					continue
				}
				cand := cur.clone()
				cand.entries[i].At = pr.clamp(at)
				if e.base < 0 {
					cand.entries[i].orig = cand.entries[i].At
				}
				ok, err := try(cand)
				if err != nil {
					return nil, outcome{}, err
				}
				if ok {
					changed = true
					break
				}
			}
		}
		// Restore the file's seed.
		if cur.seed != pr.s.Seed {
			cand := cur.clone()
			cand.seed = pr.s.Seed
			ok, err := try(cand)
			if err != nil {
				return nil, outcome{}, err
			}
			changed = changed || ok
		}
	}
	return cur, curOut, nil
}

// maxShrinkPasses bounds shrink's passes, a safety net under its measure.
const maxShrinkPasses = 256

// measure orders perturbations by size, compared field by field: fewer timeline entries, then
// entries nearer their file instants, then the file's seed, then rounder instants.
type measure struct {
	entries  int
	distance uint64 // total |at - file at|, in nanoseconds
	seed     int    // 1 when the seed differs from the file's
	rough    int    // per entry off its file instant: 0 at a whole minute, 1 a whole second, 2 else
}

func (m measure) less(o measure) bool {
	switch {
	case m.entries != o.entries:
		return m.entries < o.entries
	case m.distance != o.distance:
		return m.distance < o.distance
	case m.seed != o.seed:
		return m.seed < o.seed
	}
	return m.rough < o.rough
}

// measureOf measures pt.
func (pr *perturber) measureOf(pt *perturbation) measure {
	m := measure{entries: len(pt.entries)}
	if pt.seed != pr.s.Seed {
		m.seed = 1
	}
	for _, e := range pt.entries {
		d := e.At - e.orig
		if d < 0 {
			d = -d
		}
		m.distance += uint64(d)
		if e.At == e.orig && e.base >= 0 {
			continue
		}
		switch {
		case e.At%time.Minute == 0:
		case e.At%time.Second == 0:
			m.rough++
		default:
			m.rough += 2
		}
	}
	return m
}

// droppable reports whether none of the entries registers a task.
func droppable(entries []pEntry) bool {
	for _, e := range entries {
		if e.Action.Kind == "register" {
			return false
		}
	}
	return true
}

// Shrink reduces a scenario whose replay breaks one of its properties or a built-in invariant
// to a smallest timeline (and the file's seed) that still breaks it the same way: the shrinking
// Explore applies to a counterexample, on a file's own timeline. The result has an explicit
// until and no expectations, trace or explore block; ok is false when s does not fail.
func Shrink(ctx context.Context, s *Scenario) (small *Scenario, ok bool, err error) {
	pr := newPerturber(s)
	pt := pr.identity()
	out, _, err := check(ctx, pr.scenario(pt), nil)
	if err != nil || !out.failed() {
		return nil, false, err
	}
	pt, _, err = shrink(ctx, pr, pt, out)
	if err != nil {
		return nil, false, err
	}
	return pr.scenario(pt), true, nil
}
