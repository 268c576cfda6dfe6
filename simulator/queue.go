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

// heapEntry is what the heap orders: the key and the slot of the event's payload. It holds no
// pointer, so sifting it up and down costs no GC write barrier; the payload never moves.
type heapEntry struct {
	at   time.Duration
	seq  uint64
	slot uint32
}

// queue is a binary min-heap ordered by (at, seq), so same-instant events come out in the order
// they were pushed. It is typed (no container/heap, nothing boxed); payloads live in a slab whose
// free slots are reused, so a steady-state run allocates nothing per queued event.
type queue struct {
	heap []heapEntry
	slab []event
	free []uint32
	seq  uint64
}

func (q *queue) len() int { return len(q.heap) }

func (a *heapEntry) before(b *heapEntry) bool {
	if a.at != b.at {
		return a.at < b.at
	}
	return a.seq < b.seq
}

// push adds ev, stamping it with the next sequence number.
func (q *queue) push(ev event) {
	q.seq++
	ev.seq = q.seq
	var slot uint32
	if n := len(q.free); n > 0 {
		slot = q.free[n-1]
		q.free = q.free[:n-1]
		q.slab[slot] = ev
	} else {
		slot = uint32(len(q.slab))
		q.slab = append(q.slab, ev)
	}
	q.heap = append(q.heap, heapEntry{at: ev.at, seq: ev.seq, slot: slot})
	q.up(len(q.heap) - 1)
}

// peekAt returns the instant of the earliest event; the queue must not be empty.
func (q *queue) peekAt() time.Duration { return q.heap[0].at }

// pop removes and returns the earliest event; the queue must not be empty.
func (q *queue) pop() event {
	top := q.heap[0]
	n := len(q.heap) - 1
	q.heap[0] = q.heap[n]
	q.heap = q.heap[:n]
	if n > 0 {
		q.down(0)
	}
	ev := q.slab[top.slot]
	q.slab[top.slot] = event{} // drop references so finished instances can be collected
	q.free = append(q.free, top.slot)
	return ev
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
