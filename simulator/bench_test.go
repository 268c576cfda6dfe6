package simulator_test

import (
	"io"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

const year = 365 * 24 * time.Hour

// mallocs returns the number of heap allocations so far (runtime.MemStats.Mallocs).
func mallocs() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.Mallocs
}

// BenchmarkDeviceYear100 replays one virtual year of a busy device: 100 recurring time triggers
// (15 to 114 minutes), a system trigger per common event driven by a scripted day, a maintenance
// trigger; every task takes a deferral and reports progress; the trace streams to a counting sink.
// allocs/run is the heap allocations per started instance (the task code allocates nothing in
// steady state, see busyTask).
func BenchmarkDeviceYear100(b *testing.B) {
	b.ReportAllocs()
	var events, runs float64
	runtime.GC() // start from a clean heap, whatever ran before
	before := mallocs()
	for b.Loop() {
		sink := &simulator.CountingSink{}
		e := newBusyDevice(1, sink, 100)
		e.RunFor(year)
		events += float64(e.EventsRun())
		runs += float64(e.InstancesStarted())
	}
	allocs := float64(mallocs() - before)
	sec := b.Elapsed().Seconds()
	b.ReportMetric(events/sec, "events/s")
	b.ReportMetric(runs/sec, "runs/s")
	b.ReportMetric(events/float64(b.N), "events/op")
	b.ReportMetric(allocs/runs, "allocs/run")
}

// registrationsEvents is how many events each case of BenchmarkDeviceYearRegistrations runs:
// about one year of BenchmarkDeviceYear100.
const registrationsEvents = 2_600_000

// BenchmarkDeviceYearRegistrations runs the busy device with 100, 1,000 and 10,000 time
// triggers (the freshness pattern of the first hundred repeated) for whole virtual hours until
// it has run registrationsEvents events: every case does about the same work, spread over 10 or
// 100 times more registrations that fire together (and 10 or 100 times fewer days). At 10,000,
// about 2,400 instances start on the same tick and finish 3 s later. ns/event should not depend
// on the number of registrations.
func BenchmarkDeviceYearRegistrations(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			var events, days float64
			runtime.GC() // start from a clean heap, whatever ran before
			for b.Loop() {
				e := newBusyDevice(1, &simulator.CountingSink{}, n)
				for e.EventsRun() < registrationsEvents {
					e.RunFor(time.Hour)
					days += 1.0 / 24
				}
				events += float64(e.EventsRun())
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/events, "ns/event")
			b.ReportMetric(events/float64(b.N), "events/op")
			b.ReportMetric(days/float64(b.N), "days/op")
		})
	}
}

// yearSinks are the sinks BenchmarkDeviceYearSinks and BenchmarkDeviceYearSinkRatios compare.
var yearSinks = []struct {
	name string
	make func() simulator.Sink
}{
	{"counting", func() simulator.Sink { return &simulator.CountingSink{} }},
	{"text", func() simulator.Sink { return &simulator.TextSink{W: io.Discard} }},
	{"json", func() simulator.Sink { return &simulator.TextSink{W: io.Discard, JSON: true} }},
}

// BenchmarkDeviceYearSinkRatios runs BenchmarkDeviceYearSinks' year with each sink in turn in
// every iteration, and reports the text and JSON sinks' times as ratios to the counting sink's
// in the same iteration: the median over iterations, as text/counting and json/counting. Paired
// so, a drift in the machine's speed (another process, the runtime returning a bigger
// benchmark's memory to the system) weighs on both sides of a ratio; separate sub-benchmarks
// have measured the counting sink alone anywhere from 200 to 240 ms on one machine. The order
// of the three turns with each iteration.
func BenchmarkDeviceYearSinkRatios(b *testing.B) {
	var text, json []float64
	for i := 0; b.Loop(); i++ {
		var took [3]float64
		for j := range yearSinks {
			k := (i + j) % len(yearSinks)
			runtime.GC()
			start := time.Now()
			e := newBusyDevice(1, yearSinks[k].make(), 100)
			e.RunFor(year)
			took[k] = float64(time.Since(start))
		}
		text = append(text, took[1]/took[0])
		json = append(json, took[2]/took[0])
	}
	b.ReportMetric(median(text), "text/counting")
	b.ReportMetric(median(json), "json/counting")
}

// median returns the median of xs (which it sorts).
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// BenchmarkDeviceYearSinks streams BenchmarkDeviceYear100's year to a counting sink, as text to
// io.Discard, and as JSON lines to io.Discard: the cost of rendering the trace.
func BenchmarkDeviceYearSinks(b *testing.B) {
	for _, s := range yearSinks {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			var runs float64
			runtime.GC() // start from a clean heap, whatever ran before
			before := mallocs()
			for b.Loop() {
				e := newBusyDevice(1, s.make(), 100)
				e.RunFor(year)
				runs += float64(e.InstancesStarted())
			}
			b.ReportMetric(float64(mallocs()-before)/runs, "allocs/run")
		})
	}
}
