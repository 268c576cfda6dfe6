package simulator_test

import (
	"testing"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

const year = 365 * 24 * time.Hour

// BenchmarkDeviceYear100 replays one virtual year of a busy device: 100 recurring time triggers
// (15 to 114 minutes), a system trigger per common event driven by a scripted day, a maintenance
// trigger; every task takes a deferral and reports progress; the trace streams to a counting sink.
func BenchmarkDeviceYear100(b *testing.B) {
	b.ReportAllocs()
	var events, runs float64
	for b.Loop() {
		sink := &simulator.CountingSink{}
		e := newBusyDevice(1, sink, 100)
		e.RunFor(year)
		events += float64(e.EventsRun())
		runs += float64(e.InstancesStarted())
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(events/sec, "events/s")
	b.ReportMetric(runs/sec, "runs/s")
	b.ReportMetric(events/float64(b.N), "events/op")
}
