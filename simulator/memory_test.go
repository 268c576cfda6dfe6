package simulator_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// liveHeap returns the bytes of live heap after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestMemoryDoesNotGrowWithRunLength runs one busy device (20 time triggers, the scripted day)
// for 30 virtual days, then 90 more, streaming the trace to a counting sink, and requires the
// queue and the live heap not to grow with the length of the run: what the engine keeps is
// bounded by what is registered and pending, not by what has happened.
func TestMemoryDoesNotGrowWithRunLength(t *testing.T) {
	const day = 24 * time.Hour
	sink := &simulator.CountingSink{}
	e := newBusyDevice(3, sink, 20)
	e.RunFor(30 * day)
	pending1, heap1, records1 := e.Pending(), liveHeap(), sink.Total
	e.RunFor(90 * day)
	pending4, heap4, records4 := e.Pending(), liveHeap(), sink.Total
	t.Logf("after 30 days: %d records, %d pending, %d B live heap; after 120 days: %d records, %d pending, %d B",
		records1, pending1, heap1, records4, pending4, heap4)
	if records4 < 3*records1 {
		t.Fatalf("the device was not busy for the whole run: %d then %d records", records1, records4)
	}
	if pending4 > pending1+pending1/4 {
		t.Errorf("the queue grew from %d to %d events", pending1, pending4)
	}
	// A quarter of slack and 256 KiB for the runtime's own bookkeeping; growth with the run would
	// be proportional to the 3× more records.
	if heap4 > heap1+heap1/4+256<<10 {
		t.Errorf("live heap grew from %d to %d bytes", heap1, heap4)
	}
	runtime.KeepAlive(e)
}

// BenchmarkDeviceYears runs BenchmarkDeviceYear100's device for 1 and for 4 virtual years and
// reports the live heap and the queue length at the end of the run (the engine still alive):
// both should be the same for both lengths.
func BenchmarkDeviceYears(b *testing.B) {
	for _, years := range []int{1, 4} {
		b.Run(map[int]string{1: "1y", 4: "4y"}[years], func(b *testing.B) {
			var heap, pending float64
			// A counted loop, not b.Loop: the heap is measured with the timer stopped.
			for range b.N {
				e := newBusyDevice(1, &simulator.CountingSink{}, 100)
				e.RunFor(time.Duration(years) * year)
				b.StopTimer()
				heap += float64(liveHeap())
				pending += float64(e.Pending())
				runtime.KeepAlive(e)
				b.StartTimer()
			}
			b.ReportMetric(heap/float64(b.N), "live-heap-B")
			b.ReportMetric(pending/float64(b.N), "pending")
		})
	}
}
