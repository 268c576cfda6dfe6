package simulator

import "time"

// eventKind says what a queued event does when it comes due.
type eventKind uint8

// The kinds, with what an event of each kind holds in its target.
const (
	evInvalid      eventKind = iota
	evAction                 // a function scheduled with Engine.At or AfterFunc (user code): target is the func()
	evEngineWork             // the engine's own deferred work (engine code): target is the func()
	evTimeTrigger            // a TimeTrigger or MaintenanceTrigger tick: target is the *Registration (gen must match)
	evInstanceWork           // async work of an instance: target is the *Timer (live, instance alive)
	evGraceExpired           // the cancel grace period ran out: target is the *Instance
	evZoneBoundary           // the current zone's offset may change now (DST); gen must match
	evWindowOpen             // the maintenance window opens; gen must match
	evWallClock              // the oldest instance of lane gen may have reached its wall-clock limit
	evIdleCheck              // the idle watchdog looks at the *Instance in target
)

// event is one queued piece of work: when it is due and what it does. Every kind refers to at
// most one object, held in target (a pointer or a func, so storing it allocates nothing). One
// interface instead of a field per type keeps the event at 32 bytes with two pointer words:
// the queue copies three events in and out per task run, and while the GC runs each pointer
// word copied costs a write barrier.
type event struct {
	at     time.Duration // virtual offset from the simulation start
	gen    uint32        // a generation (or lane) the event is only valid for; see the kinds
	kind   eventKind
	target any
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
// A bucket's events live in a linked list of fixed-size chunks drawn from one pool, so the
// queue's memory follows the number of events pending, not the largest burst each bucket has
// ever seen. Buckets and chunks are recycled, so a steady-state run allocates nothing per queued
// event.
type queue struct {
	heap       []bucketRef
	buckets    []bucket
	free       []uint32 // indexes of recycled buckets
	chunks     []chunk
	freeChunks []uint32 // indexes of recycled chunks
	open       [openSlots]uint32
	seq        uint64 // pushes so far: the sequence number of the last event pushed
	n          int    // events queued
}

// openSlots is the size of the open-bucket table: far more than the distinct instants the busy
// device has pending at once (about ten), so collisions are rare.
const (
	openBits  = 6
	openSlots = 1 << openBits
)

// bucket is a FIFO of events of one instant, in sequence order: from slot read of chunk head to
// the slot before write of chunk tail.
type bucket struct {
	at          time.Duration
	head, tail  uint32 // chunk indexes
	read, write int
}

// chunkLen is how many events a chunk holds: about a bucket's worth for the busy device.
const chunkLen = 16

// chunk is a piece of a bucket's FIFO; next is the index+1 of the following chunk, 0 at the tail.
type chunk struct {
	events [chunkLen]event
	next   uint32
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
	return int(uint64(at) * 0x9E3779B97F4A7C15 >> (64 - openBits))
}

// push adds ev after every event queued before it.
func (q *queue) push(ev event) {
	q.seq++
	q.n++
	s := slot(ev.at)
	if i := q.open[s]; i != 0 && q.buckets[i-1].at == ev.at {
		q.addTo(i-1, ev)
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
	c := q.newChunk()
	q.buckets[i] = bucket{at: ev.at, head: c, tail: c}
	q.addTo(i, ev)
	q.open[s] = i + 1 // closes the bucket that held the slot, if any
	q.heap = append(q.heap, bucketRef{at: ev.at, first: q.seq, index: i})
	q.up(len(q.heap) - 1)
}

// addTo adds ev at the end of bucket i, starting a new chunk when the tail one is full.
func (q *queue) addTo(i uint32, ev event) {
	if q.buckets[i].write == chunkLen {
		c := q.newChunk() // may move q.chunks: no chunk pointer is held across it
		b := &q.buckets[i]
		q.chunks[b.tail].next = c + 1
		b.tail, b.write = c, 0
	}
	b := &q.buckets[i]
	q.chunks[b.tail].events[b.write] = ev
	b.write++
}

// newChunk returns the index of an empty chunk.
func (q *queue) newChunk() uint32 {
	if n := len(q.freeChunks); n > 0 {
		c := q.freeChunks[n-1]
		q.freeChunks = q.freeChunks[:n-1]
		return c
	}
	q.chunks = append(q.chunks, chunk{})
	return uint32(len(q.chunks) - 1)
}

// peekAt returns the instant of the earliest event; the queue must not be empty.
func (q *queue) peekAt() time.Duration { return q.heap[0].at }

// pop removes and returns the earliest event; the queue must not be empty.
func (q *queue) pop() event {
	i := q.heap[0].index
	b := &q.buckets[i]
	c := &q.chunks[b.head]
	ev := c.events[b.read]
	b.read++
	q.n--
	switch {
	case b.head == b.tail && b.read == b.write:
		q.retire(i)
	case b.read == chunkLen && b.head != b.tail:
		next := c.next - 1
		q.freeChunk(b.head, chunkLen)
		b.head, b.read = next, 0
	}
	return ev
}

// freeChunk keeps chunk c for reuse, clearing its first n events (the ones written) so that
// finished instances can be collected. Clearing a drained chunk at once costs less than clearing
// each event as it is popped.
func (q *queue) freeChunk(c uint32, n int) {
	ch := &q.chunks[c]
	clear(ch.events[:n])
	ch.next = 0
	q.freeChunks = append(q.freeChunks, c)
}

// retire drops the emptied bucket i, the heap's top, and keeps it and its chunk for reuse.
func (q *queue) retire(i uint32) {
	b := &q.buckets[i]
	if s := slot(b.at); q.open[s] == i+1 {
		q.open[s] = 0
	}
	q.freeChunk(b.head, b.write)
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
