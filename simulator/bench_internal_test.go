package simulator

import (
	"testing"
	"time"
)

// BenchmarkQueueBaseline fires the timer pattern of BenchmarkDeviceYear100's 100 time triggers
// (periods 15 to 114 minutes snapped to the 15-minute grid, each run followed by the two
// callbacks a busy task schedules) through the bare typed heap, with no engine: the floor the
// engine's cost is measured against.
func BenchmarkQueueBaseline(b *testing.B) {
	b.ReportAllocs()
	const year = 365 * 24 * time.Hour
	var events float64
	for b.Loop() {
		var q queue
		for i := 0; i < 100; i++ {
			f := time.Duration(15+i) * time.Minute
			q.push(event{at: nextTick(f), kind: evTimeTrigger, gen: uint64(i)})
		}
		n := 0
		for q.len() > 0 {
			ev := q.pop()
			n++
			if ev.kind != evTimeTrigger {
				continue
			}
			f := time.Duration(15+ev.gen) * time.Minute
			if next := nextTick(ev.at + f); next <= year {
				q.push(event{at: next, kind: evTimeTrigger, gen: ev.gen})
			}
			q.push(event{at: ev.at + time.Second, kind: evInstanceWork})
			q.push(event{at: ev.at + 3*time.Second, kind: evInstanceWork})
		}
		events += float64(n)
	}
	b.ReportMetric(events/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(events/float64(b.N), "events/op")
}
