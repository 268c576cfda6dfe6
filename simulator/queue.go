package simulator

import "time"

// eventKind says what a queued event does when it comes due.
type eventKind uint8

const (
	evInvalid      eventKind = iota
	evAction                 // a scripted action or engine-level AfterFunc: run fn
	evTimeTrigger            // a TimeTrigger or MaintenanceTrigger tick for reg (gen must match)
	evInstanceWork           // async work of an instance (timer must be live, instance alive)
	evGraceExpired           // the cancel grace period of inst ran out
	evZoneBoundary           // the current zone's offset may change now (DST); gen must match
	evWindowOpen             // the maintenance window opens; gen must match
	evWallClock              // the oldest instance of lane gen may have reached its wall-clock limit
	evIdleCheck              // the idle watchdog looks at inst
)

// event is one queued piece of work: when it is due and what it does.
type event struct {
	at    time.Duration // virtual offset from the simulation start
	seq   uint64        // insertion order; breaks ties between same-instant events
	kind  eventKind
	gen   uint64
	reg   *Registration
	inst  *Instance
	timer *Timer
	fn    func()
}

// queue hands out events in (at, seq) order, so same-instant events come out in the order they
// were pushed.
//
// Why it is not a plain binary heap of events: the engine's events bunch on few instants (every
// time trigger ticks on the 15-minute grid, and each run's work lands on the same few seconds
// after the tick), and a heap spends most of its time sifting events past others of the same
// instant. So events are grouped into buckets, each a FIFO of events of one instant, and only
// buckets are kept in a binary heap, ordered by (instant, sequence number of the bucket's first
// event). Same-instant events never compare with each other.
//
// A push appends to the open bucket of its instant, found through a small direct-mapped table
// (open) indexed by a hash of the instant; no map, nothing allocated. When two instants hash to
// the same slot, the newer one takes the slot and the older bucket is closed: a later push to the
// older instant starts a new bucket. Buckets of one instant therefore hold disjoint,
// increasing runs of sequence numbers, and ordering them by their first one keeps the exact
// (at, seq) order.
//
// Buckets and their event slices are recycled, so a steady-state run allocates nothing per
// queued event.
type queue struct {
	heap    []bucketRef
	buckets []bucket
	free    []uint32 // indexes of recycled buckets
	open    [openSlots]uint32
	seq     uint64
	n       int // events queued
}

// openSlots is the size of the open-bucket table: far more than the distinct instants the busy
// device has pending at once (about ten), so collisions are rare.
const openSlots = 64

// bucket is a FIFO of events of one instant, in sequence order; events[head:] are still queued.
type bucket struct {
	at     time.Duration
	events []event
	head   int
}

// bucketRef is what the heap orders: a bucket's key and index. It holds no pointer, so sifting
// it costs no GC write barrier.
type bucketRef struct {
	at    time.Duration
	first uint64 // sequence number of the bucket's first event
	index uint32
}

func (a *bucketRef) before(b *bucketRef) bool {
	return a.at < b.at || a.at == b.at && a.first < b.first
}

func (q *queue) len() int { return q.n }

// slot returns the open-table slot of an instant (Fibonacci hashing).
func slot(at time.Duration) int {
	return int(uint64(at) * 0x9E3779B97F4A7C15 >> (64 - 6))
}

// push adds ev, stamping it with the next sequence number.
func (q *queue) push(ev event) {
	q.seq++
	ev.seq = q.seq
	q.n++
	s := slot(ev.at)
	if i := q.open[s]; i != 0 && q.buckets[i-1].at == ev.at {
		b := &q.buckets[i-1]
		b.events = append(b.events, ev)
		return
	}
	var i uint32
	if n := len(q.free); n > 0 {
		i = q.free[n-1]
		q.free = q.free[:n-1]
	} else {
		i = uint32(len(q.buckets))
		q.buckets = append(q.buckets, bucket{})
	}
	b := &q.buckets[i]
	b.at = ev.at
	b.events = append(b.events, ev)
	q.open[s] = i + 1 // closes the bucket that held the slot, if any
	q.heap = append(q.heap, bucketRef{at: ev.at, first: ev.seq, index: i})
	q.up(len(q.heap) - 1)
}

// peekAt returns the instant of the earliest event; the queue must not be empty.
func (q *queue) peekAt() time.Duration { return q.heap[0].at }

// pop removes and returns the earliest event; the queue must not be empty.
func (q *queue) pop() event {
	i := q.heap[0].index
	b := &q.buckets[i]
	ev := b.events[b.head]
	b.head++
	q.n--
	if b.head == len(b.events) {
		q.retire(i)
	}
	return ev
}

// retire drops the emptied bucket i, the heap's top, and keeps it for reuse.
func (q *queue) retire(i uint32) {
	b := &q.buckets[i]
	if s := slot(b.at); q.open[s] == i+1 {
		q.open[s] = 0
	}
	clear(b.events) // drop references so finished instances can be collected
	b.events, b.head = b.events[:0], 0
	q.free = append(q.free, i)
	n := len(q.heap) - 1
	q.heap[0] = q.heap[n]
	q.heap = q.heap[:n]
	if n > 0 {
		q.down(0)
	}
}

func (q *queue) up(i int) {
	h := q.heap
	x := h[i]
	for i > 0 {
		p := (i - 1) / 2
		if !x.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = x
}

func (q *queue) down(i int) {
	h := q.heap
	n := len(h)
	x := h[i]
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && h[r].before(&h[l]) {
			m = r
		}
		if !h[m].before(&x) {
			break
		}
		h[i] = h[m]
		i = m
	}
	h[i] = x
}
