package scenarios_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/bgsim/bgsim/scenarios"
)

// BenchmarkExploreRun measures perturbed runs of a typical library scenario (the quickstart:
// a conditioned TimeZoneChange task, four timeline entries) with the default explore block:
// up to 4 inserted device or app events per run. One worker, so runs/s is per core.
func BenchmarkExploreRun(b *testing.B) {
	s, err := scenarios.ParseFile("library/quickstart/time_zone_change.yaml")
	if err != nil {
		b.Fatal(err)
	}
	const runs = 1000
	b.ResetTimer()
	for b.Loop() {
		rep, err := scenarios.Explore(context.Background(), []*scenarios.Scenario{s}, scenarios.ExploreOptions{Runs: runs, Jobs: 1})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Runs != runs {
			b.Fatalf("%d runs", rep.Runs)
		}
	}
	b.ReportMetric(float64(runs*b.N)/b.Elapsed().Seconds(), "runs/s")
}

// BenchmarkShrink20 shrinks a 20-entry counterexample (19 time zone changes, then the network
// drops while the last run is in flight) to its 2 needed entries.
func BenchmarkShrink20(b *testing.B) {
	var doc strings.Builder
	doc.WriteString(syncWorld("twenty entries", "20s"))
	for i := range 19 {
		fmt.Fprintf(&doc, "  - at: %dm\n    time_zone: %s\n", i+1, []string{"Asia/Tokyo", "Europe/Berlin"}[i%2])
	}
	doc.WriteString("  - at: 19m10s\n    network: none\nproperties:\n  - never: {canceled: Sync}\n")
	s, err := scenarios.Parse("twenty.yaml", []byte(doc.String()))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		small, ok, err := scenarios.Shrink(context.Background(), s)
		if err != nil || !ok || len(small.Timeline) != 2 {
			b.Fatalf("shrink: %v %v", ok, err)
		}
	}
}
