package simulator

import (
	"testing"
	"time"
)

// baselineEvent is what the baseline heap orders: the key, and the little the pattern needs.
type baselineEvent struct {
	at    time.Duration
	seq   uint64
	timer int32 // which of the 100 timers, for a tick
	kind  eventKind
}

// baselineHeap is a plain typed binary min-heap ordered by (at, seq): the simplest fast queue for
// the pattern, the floor BenchmarkDeviceYear100 is measured against. Events are stored inline:
// no slab, nothing boxed, no pointer in an entry (so no GC write barrier when entries move).
type baselineHeap struct {
	h   []baselineEvent
	seq uint64
}

func (a *baselineEvent) before(b *baselineEvent) bool {
	return a.at < b.at || a.at == b.at && a.seq < b.seq
}

func (q *baselineHeap) push(ev baselineEvent) {
	q.seq++
	ev.seq = q.seq
	q.h = append(q.h, ev)
	h := q.h
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !ev.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = ev
}

func (q *baselineHeap) pop() baselineEvent {
	h := q.h
	top := h[0]
	n := len(h) - 1
	last := h[n]
	q.h = h[:n]
	h = h[:n]
	if n == 0 {
		return top
	}
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && h[r].before(&h[l]) {
			m = r
		}
		if !h[m].before(&last) {
			break
		}
		h[i] = h[m]
		i = m
	}
	h[i] = last
	return top
}

// BenchmarkQueueBaseline fires the timer pattern of BenchmarkDeviceYear100's 100 time triggers
// (periods 15 to 114 minutes snapped to the 15-minute grid, each run followed by the two
// callbacks a busy task schedules) through baselineHeap, with no engine: the floor the engine's
// cost is measured against.
func BenchmarkQueueBaseline(b *testing.B) {
	b.ReportAllocs()
	const year = 365 * 24 * time.Hour
	var events float64
	for b.Loop() {
		var q baselineHeap
		for i := 0; i < 100; i++ {
			f := time.Duration(15+i) * time.Minute
			q.push(baselineEvent{at: nextTick(f), kind: evTimeTrigger, timer: int32(i)})
		}
		n := 0
		for len(q.h) > 0 {
			ev := q.pop()
			n++
			if ev.kind != evTimeTrigger {
				continue
			}
			f := time.Duration(15+int(ev.timer)) * time.Minute
			if next := nextTick(ev.at + f); next <= year {
				q.push(baselineEvent{at: next, kind: evTimeTrigger, timer: ev.timer})
			}
			q.push(baselineEvent{at: ev.at + time.Second, kind: evInstanceWork})
			q.push(baselineEvent{at: ev.at + 3*time.Second, kind: evInstanceWork})
		}
		events += float64(n)
	}
	b.ReportMetric(events/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(events/float64(b.N), "events/op")
}
