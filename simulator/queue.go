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
)

// event is one entry of the queue. It is a value type so that pushing allocates nothing once the
// heap's backing array has grown: the queue never boxes events in interfaces.
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

// queue is a binary min-heap of events ordered by (at, seq). Same-instant events therefore come
// out in the order they were pushed. It is typed (no container/heap) so nothing is boxed.
type queue struct {
	items []event
	seq   uint64
}

func (q *queue) len() int { return len(q.items) }

func less(a, b *event) bool {
	if a.at != b.at {
		return a.at < b.at
	}
	return a.seq < b.seq
}

// push adds ev, stamping it with the next sequence number.
func (q *queue) push(ev event) {
	q.seq++
	ev.seq = q.seq
	q.items = append(q.items, ev)
	q.up(len(q.items) - 1)
}

// peek returns the earliest event; the queue must not be empty.
func (q *queue) peek() *event { return &q.items[0] }

// pop removes and returns the earliest event; the queue must not be empty.
func (q *queue) pop() event {
	n := len(q.items) - 1
	top := q.items[0]
	q.items[0] = q.items[n]
	q.items[n] = event{} // drop references so finished instances can be collected
	q.items = q.items[:n]
	if n > 0 {
		q.down(0)
	}
	return top
}

func (q *queue) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !less(&q.items[i], &q.items[p]) {
			return
		}
		q.items[i], q.items[p] = q.items[p], q.items[i]
		i = p
	}
}

func (q *queue) down(i int) {
	n := len(q.items)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && less(&q.items[r], &q.items[l]) {
			m = r
		}
		if !less(&q.items[m], &q.items[i]) {
			return
		}
		q.items[i], q.items[m] = q.items[m], q.items[i]
		i = m
	}
}
