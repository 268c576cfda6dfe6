package scenarios

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// pEntry is one timeline entry of a perturbed run: a file entry (base >= 0, perhaps moved) or
// an inserted event (base -1).
type pEntry struct {
	Entry
	base   int           // index in the file's timeline; -1 for an inserted event
	orig   time.Duration // the file entry's own at
	fresh  bool          // an inserted event whose value is chosen where it lands
	choice uint64        // picks that value
	seq    int           // an inserted event's place in insertion order, from 1
}

// fileOrder is the entry's place in the file's timeline; inserted events come after every file
// entry.
func (e *pEntry) fileOrder() int {
	if e.base < 0 {
		return math.MaxInt
	}
	return e.base
}

// perturbation is one run's changes to a file: its seed and its timeline.
type perturbation struct {
	seed    uint64
	entries []pEntry
	seq     int // the last insertion sequence number given
}

// inserted counts the inserted events.
func (pt *perturbation) inserted() int {
	n := 0
	for _, e := range pt.entries {
		if e.base < 0 {
			n++
		}
	}
	return n
}

func (pt *perturbation) clone() *perturbation {
	return &perturbation{seed: pt.seed, entries: slices.Clone(pt.entries), seq: pt.seq}
}

// perturber makes the perturbations of one file.
type perturber struct {
	s     *Scenario
	x     ExploreBlock
	end   time.Duration
	tasks []string // registration names, for faults
}

func newPerturber(s *Scenario) *perturber {
	x := DefaultExplore()
	if s.Explore != nil {
		x = *s.Explore
	}
	pr := &perturber{s: s, x: x, end: s.RunLength()}
	seen := map[string]bool{}
	for _, r := range allRegistrations(s) {
		if !seen[r.Name] {
			seen[r.Name] = true
			pr.tasks = append(pr.tasks, r.Name)
		}
	}
	return pr
}

// identity is the file unperturbed.
func (pr *perturber) identity() *perturbation {
	pt := &perturbation{seed: pr.s.Seed}
	for i, e := range pr.s.Timeline {
		pt.entries = append(pt.entries, pEntry{Entry: e, base: i, orig: e.At})
	}
	return pt
}

// fresh draws a new perturbation of the file.
func (pr *perturber) fresh(rng *rand.Rand) *perturbation {
	pt := pr.identity()
	if pr.x.Seeds {
		pt.seed = rng.Uint64()>>1 + 1
	}
	if j := pr.x.Jitter; j > 0 {
		for i := range pt.entries {
			pt.entries[i].At = pr.clamp(pt.entries[i].At + pr.offset(rng, j))
		}
	}
	for range rng.IntN(pr.x.Events + 1) {
		pr.insert(pt, rng)
	}
	pr.settle(pt)
	return pt
}

// mutate derives a new perturbation from pt: one more event, one entry moved, or a new seed.
func (pr *perturber) mutate(pt *perturbation, rng *rand.Rand) *perturbation {
	out := pt.clone()
	switch k := rng.IntN(3); {
	case k == 1 && pr.x.Jitter > 0 && len(out.entries) > 0:
		i := rng.IntN(len(out.entries))
		if e := &out.entries[i]; e.base >= 0 {
			j := pr.x.Jitter
			e.At = pr.clamp(e.orig + pr.offset(rng, j))
		}
	case k == 2 && pr.x.Seeds:
		out.seed = rng.Uint64()>>1 + 1
	default:
		if out.inserted() < pr.x.Events {
			pr.insert(out, rng)
		}
	}
	pr.settle(out)
	return out
}

func (pr *perturber) clamp(d time.Duration) time.Duration { return min(max(d, 0), pr.end) }

// offset draws a move of up to ± j, in whole milliseconds (the trace's resolution).
func (pr *perturber) offset(rng *rand.Rand, j time.Duration) time.Duration {
	ms := int64(j / time.Millisecond)
	return time.Duration(rng.Int64N(2*ms+1)-ms) * time.Millisecond
}

// insert adds an event of a kind vary allows at a random instant; its value is chosen where it
// lands (settle).
func (pr *perturber) insert(pt *perturbation, rng *rand.Rand) {
	if len(pr.x.Vary) == 0 || pr.end <= 0 {
		return
	}
	kind := pr.x.Vary[rng.IntN(len(pr.x.Vary))]
	if kind == "faults" {
		if len(pr.tasks) == 0 {
			return
		}
		kind = "fault"
	}
	at := time.Duration(rng.Int64N(int64(pr.end))).Truncate(time.Millisecond)
	pt.seq++
	pt.entries = append(pt.entries, pEntry{Entry: Entry{At: at, Action: Action{Kind: kind}}, base: -1, orig: at,
		fresh: true, choice: rng.Uint64(), seq: pt.seq})
}

// settle orders the entries by instant (file order, then inserted order, at equal instants),
// chooses the value of fresh inserted events from what is possible where they land, and drops
// inserted events that are no longer possible there (after an earlier one was dropped or moved).
func (pr *perturber) settle(pt *perturbation) {
	slices.SortFunc(pt.entries, func(a, b pEntry) int {
		if c := cmp.Compare(a.At, b.At); c != 0 {
			return c
		}
		if c := cmp.Compare(a.fileOrder(), b.fileOrder()); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	st := newDevState(pr.s)
	kept := pt.entries[:0]
	for _, e := range pt.entries {
		if e.base < 0 {
			if e.fresh {
				opts := st.options(e.Action.Kind, pr.tasks)
				if len(opts) == 0 {
					continue
				}
				e.Action = opts[e.choice%uint64(len(opts))]
				e.fresh = false
			} else if !st.possible(e.Action) {
				continue
			}
		}
		st.apply(e.Action)
		kept = append(kept, e)
	}
	clear(pt.entries[len(kept):])
	pt.entries = kept
}

// scenario builds the perturbed scenario: the file with this timeline and seed, an explicit
// until, no expectations (they describe the unperturbed timeline), no trace and no explore block.
func (pr *perturber) scenario(pt *perturbation) *Scenario {
	s := *pr.s
	s.Seed = pt.seed
	s.Until, s.UntilSet = pr.end, true
	s.Expect, s.Trace, s.Explore = nil, nil, nil
	s.Timeline = make([]Entry, len(pt.entries))
	for i, e := range pt.entries {
		s.Timeline[i] = e.Entry
	}
	return &s
}

// devState is the device and app as the timeline leaves them, for choosing possible events.
type devState struct {
	d   simulator.DeviceState
	app simulator.AppState
}

func newDevState(s *Scenario) *devState {
	st := &devState{d: s.Device.DeviceState, app: s.App.State}
	if d, err := st.d.WithDefaults(); err == nil { // a parsed scenario's device is valid
		st.d = d
	}
	if st.app == 0 {
		st.app = simulator.AppForeground
	}
	return st
}

// apply follows one action, as the engine would.
func (st *devState) apply(a Action) {
	d := &st.d
	switch a.Kind {
	case "network":
		d.Network = a.Network
	case "network_cost":
		d.NetworkCost = a.Cost
	case "power":
		d.Power = a.Power
	case "battery_saver":
		d.BatterySaver = a.Bool
	case "standby":
		d.Standby = a.Bool
	case "user":
		d.User = a.User
	case "session":
		d.Session = a.Session
	case "lock_screen":
		d.LockScreen = a.Bool
	case "app":
		st.app = appAfter(st.app, a.Text)
	}
}

// appAfter is the app state after an app action; one that does not apply leaves it as it is.
func appAfter(s simulator.AppState, op string) simulator.AppState {
	running := s == simulator.AppForeground || s == simulator.AppSuspended
	switch {
	case op == "launch":
		return simulator.AppForeground
	case op == "suspend" && s == simulator.AppForeground:
		return simulator.AppSuspended
	case op == "resume" && s == simulator.AppSuspended:
		return simulator.AppForeground
	case op == "terminate" && running:
		return simulator.AppTerminated
	}
	return s
}

// possible reports whether an inserted action may happen in this state: it is one of options.
func (st *devState) possible(a Action) bool {
	if a.Kind == "fault" {
		return true // a fault names a registration of the file and needs no state
	}
	for _, o := range st.options(a.Kind, nil) {
		if o.Kind == a.Kind && o.Text == a.Text && o.Bool == a.Bool && o.Network == a.Network &&
			o.Cost == a.Cost && o.Power == a.Power && o.User == a.User && o.Session == a.Session {
			return true
		}
	}
	return false
}

// options lists the actions of a kind that are physically possible now, each changing
// something.
func (st *devState) options(kind string, tasks []string) []Action {
	d := &st.d
	var out []Action
	switch kind {
	case "network":
		for _, n := range []simulator.NetworkLevel{simulator.NetworkNone, simulator.NetworkLocal, simulator.NetworkInternet} {
			if n != d.Network {
				out = append(out, Action{Kind: kind, Network: n})
			}
		}
	case "network_cost":
		c := simulator.CostMetered
		if d.NetworkCost == simulator.CostMetered {
			c = simulator.CostFree
		}
		out = append(out, Action{Kind: kind, Cost: c})
	case "power":
		switch {
		case d.Power == simulator.PowerAC:
			out = append(out, Action{Kind: kind, Power: simulator.PowerBattery})
		case !d.BatterySaver: // Battery Saver is off before the device is plugged in
			out = append(out, Action{Kind: kind, Power: simulator.PowerAC})
		}
	case "battery_saver":
		switch {
		case d.BatterySaver:
			out = append(out, Action{Kind: kind, Bool: false})
		case d.Power == simulator.PowerBattery: // no Battery Saver on AC
			out = append(out, Action{Kind: kind, Bool: true})
		}
	case "standby":
		switch {
		case d.Standby:
			out = append(out, Action{Kind: kind, Bool: false})
		case d.User == simulator.UserAway: // the screen goes off when nobody is there
			out = append(out, Action{Kind: kind, Bool: true})
		}
	case "user":
		switch {
		case d.User == simulator.UserPresent:
			out = append(out, Action{Kind: kind, User: simulator.UserAway})
		case !d.Standby: // a user who comes back wakes the device first
			out = append(out, Action{Kind: kind, User: simulator.UserPresent})
		}
	case "session":
		s := simulator.SessionDisconnected
		if d.Session == simulator.SessionDisconnected {
			s = simulator.SessionConnected
		}
		out = append(out, Action{Kind: kind, Session: s})
	case "lock_screen":
		if d.LockScreen {
			out = append(out, Action{Kind: kind, Text: "removed"})
		} else {
			out = append(out, Action{Kind: kind, Text: "added", Bool: true})
		}
	case "app":
		switch st.app {
		case simulator.AppForeground:
			out = append(out, Action{Kind: kind, Text: "suspend"}, Action{Kind: kind, Text: "terminate"})
		case simulator.AppSuspended:
			out = append(out, Action{Kind: kind, Text: "resume"}, Action{Kind: kind, Text: "terminate"})
		default:
			out = append(out, Action{Kind: kind, Text: "launch"})
		}
	case "fault":
		for _, t := range tasks {
			out = append(out, Action{Kind: kind, Fault: "kill_host", Task: t}, Action{Kind: kind, Fault: "low_memory_kill", Task: t})
			for _, r := range simulator.PolicyCancelReasons() {
				out = append(out, Action{Kind: kind, Fault: "policy_cancel", Task: t, Reason: r})
			}
		}
	}
	return out
}

func durationOf(ns int64) time.Duration { return time.Duration(ns) }
