package simulator

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// The queue is internal, so these are plain tests of package simulator (an internal Ginkgo file
// would need its own RunSpecs). They check the ordering rule of the package doc: events run in
// (virtual instant, sequence number) order. Each test event carries its push number in gen, so
// the order it comes out in can be checked against the push order.

// naiveQueue is the model: a slice kept sorted by (at, push number) with a stable sort.
type naiveQueue struct {
	items []event
}

func (n *naiveQueue) push(ev event) {
	n.items = append(n.items, ev)
	slices.SortStableFunc(n.items, func(a, b event) int {
		if a.at != b.at {
			return int(a.at - b.at)
		}
		return int(a.gen) - int(b.gen)
	})
}

func (n *naiveQueue) pop() event {
	ev := n.items[0]
	n.items = n.items[1:]
	return ev
}

func TestQueueSameInstantRunsInInsertionOrder(t *testing.T) {
	t.Run("doc: Ordering rules: same-instant events run in insertion order", func(t *testing.T) {
		var q queue
		for i := 1; i <= 100; i++ {
			q.push(event{at: time.Minute, gen: uint32(i)})
		}
		q.push(event{at: 0, gen: 0})
		for want := uint32(0); want <= 100; want++ {
			if got := q.pop(); got.gen != want {
				t.Fatalf("pop %d: got event %d, want %d", want, got.gen, want)
			}
		}
		if q.len() != 0 {
			t.Fatalf("len after draining = %d, want 0", q.len())
		}
	})
}

// matchModel pushes seeded random events over instants distinct instants, popping now and then,
// and requires the queue to pop exactly what the naive model pops.
func matchModel(t *testing.T, seed uint64, instants, ops int) {
	r := rand.New(rand.NewPCG(seed, 42))
	var q queue
	var m naiveQueue
	pushed := uint32(0)
	for op := 0; op < ops; op++ {
		if q.len() != len(m.items) {
			t.Fatalf("seed %d op %d: len %d, model %d", seed, op, q.len(), len(m.items))
		}
		if q.len() > 0 && r.IntN(3) == 0 {
			got, want := q.pop(), m.pop()
			if got.at != want.at || got.gen != want.gen {
				t.Fatalf("seed %d op %d: pop (%v,#%d), model (%v,#%d)", seed, op, got.at, got.gen, want.at, want.gen)
			}
			continue
		}
		ev := event{at: time.Duration(r.IntN(instants)) * time.Second, gen: pushed}
		pushed++
		q.push(ev)
		m.push(ev)
	}
	for q.len() > 0 {
		got, want := q.pop(), m.pop()
		if got.at != want.at || got.gen != want.gen {
			t.Fatalf("seed %d drain: pop (%v,#%d), model (%v,#%d)", seed, got.at, got.gen, want.at, want.gen)
		}
	}
}

func TestQueueMatchesNaiveModel(t *testing.T) {
	t.Run("doc: Ordering rules: (time, seq) order equals a naive sorted model over seeded random pushes and pops", func(t *testing.T) {
		for seed := uint64(1); seed <= 20; seed++ {
			matchModel(t, seed, 50, 2000) // few distinct instants, so ties are frequent
		}
	})
}

func TestQueueManyInstantsMatchNaiveModel(t *testing.T) {
	t.Run("doc: Ordering rules: (time, seq) order holds when more instants are pending than the open-bucket table has slots", func(t *testing.T) {
		for seed := uint64(1); seed <= 10; seed++ {
			matchModel(t, seed, 500, 4000) // 500 instants against 64 slots: buckets are closed and reopened often
		}
	})
}

func TestQueuePopsTenThousandInOrder(t *testing.T) {
	t.Run("doc: Ordering rules: 10k random pushes pop in non-decreasing (at, seq) order", func(t *testing.T) {
		r := rand.New(rand.NewPCG(7, 7))
		var q queue
		const n = 10000
		for i := 0; i < n; i++ {
			q.push(event{at: time.Duration(r.IntN(1000)) * time.Millisecond, gen: uint32(i)})
		}
		if q.len() != n {
			t.Fatalf("len = %d, want %d", q.len(), n)
		}
		prev := q.pop()
		for i := 1; i < n; i++ {
			ev := q.pop()
			if ev.at < prev.at || (ev.at == prev.at && ev.gen < prev.gen) {
				t.Fatalf("pop %d: (%v,#%d) after (%v,#%d)", i, ev.at, ev.gen, prev.at, prev.gen)
			}
			prev = ev
		}
		if q.len() != 0 {
			t.Fatalf("len after draining = %d, want 0", q.len())
		}
	})
}

func TestQueuePopReleasesReferences(t *testing.T) {
	t.Run("doc: Ordering rules: a drained chunk is cleared so finished instances can be collected", func(t *testing.T) {
		var q queue
		q.push(event{at: 1, target: &Instance{}})
		q.push(event{at: 2, target: &Instance{}})
		q.pop()
		for i := range q.chunks {
			for _, ev := range q.chunks[i].events {
				if ev.target != nil && ev.at == 1 {
					t.Fatalf("chunk %d still references the popped event's instance", i)
				}
			}
		}
		if len(q.free) != 1 || len(q.freeChunks) != 1 {
			t.Fatalf("free buckets %d, chunks %d; want 1 and 1 (the emptied bucket and its chunk are reused)", len(q.free), len(q.freeChunks))
		}
	})
}

func TestQueueMemoryFollowsPendingEvents(t *testing.T) {
	t.Run("doc: Ordering rules: a burst of events at one instant leaves no chunk behind once drained", func(t *testing.T) {
		var q queue
		for round := 0; round < 3; round++ {
			at := time.Duration(round) * time.Second
			for i := 0; i < 10*chunkLen+3; i++ {
				q.push(event{at: at, gen: uint32(i)})
			}
			q.push(event{at: at + time.Millisecond})
			for want := uint32(0); want < 10*chunkLen+3; want++ {
				if got := q.pop(); got.gen != want || got.at != at {
					t.Fatalf("round %d: pop (%v,#%d), want (%v,#%d)", round, got.at, got.gen, at, want)
				}
			}
			q.pop()
			if q.len() != 0 || len(q.heap) != 0 {
				t.Fatalf("round %d: %d events, %d buckets left", round, q.len(), len(q.heap))
			}
			if len(q.freeChunks) != len(q.chunks) {
				t.Fatalf("round %d: %d of %d chunks free after draining", round, len(q.freeChunks), len(q.chunks))
			}
		}
		if len(q.chunks) > 10+2 {
			t.Fatalf("%d chunks for at most 164 pending events: drained chunks are not reused", len(q.chunks))
		}
	})
}
