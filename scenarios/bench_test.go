package scenarios_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bgsim/bgsim/scenarios"
)

// manyRegistrations is a valid scenario with n registrations, a timeline that signals and
// unregisters every 100th by name, and an expectation for every 10th: n/10 name lookups among n
// names, which took seconds when each lookup walked a list.
func manyRegistrations(n int) []byte {
	var b strings.Builder
	b.WriteString("name: many registrations\nregistrations:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {name: R%d, trigger: {type: application}}\n", i)
	}
	b.WriteString("timeline:\n")
	for i := 0; i < n; i += 100 {
		fmt.Fprintf(&b, "  - {at: 1m, signal: {task: R%d}}\n  - {at: 2m, unregister: {task: R%d}}\n", i, i)
	}
	b.WriteString("expect:\n")
	for i := 0; i < n; i += 10 {
		fmt.Fprintf(&b, "  - {run: R%d, count: 0}\n", i)
	}
	return []byte(b.String())
}

// BenchmarkValidateManyRegistrations parses and validates a file of 100,000 registrations and
// 10,000 expectations naming them (about 5 MB): the name checks are map lookups, so this takes
// well under a second, most of it decoding the YAML.
func BenchmarkValidateManyRegistrations(b *testing.B) {
	data := manyRegistrations(100_000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := scenarios.Parse("many.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// hostileAliases is a small file whose aliases repeat one registration with an unknown enum
// value (each a costly spelling suggestion) fan times fan times.
func hostileAliases(fan int) []byte {
	var b strings.Builder
	b.WriteString("name: hostile aliases\nbad: &r0 {name: A, trigger: {type: system, event: TimeZoneChang}, conditions: [Nope1, Nope2, Nope3]}\n")
	b.WriteString("level1: &r1 [" + strings.Repeat("*r0, ", fan-1) + "*r0]\n")
	b.WriteString("registrations: [" + strings.Repeat("*r1, ", fan-1) + "*r1]\n")
	return []byte(b.String())
}

// BenchmarkHostileAliases parses files of aliases to aliases to a registration with four bad
// enum values: "fan" 100 stays under the expansion limit (10,000 copies, whose errors are listed
// once and capped at 50), "fan" 400 (160,000 copies) is refused at the alias that passes it.
// Both cost milliseconds, where each copy used to cost a spelling suggestion and an error line.
func BenchmarkHostileAliases(b *testing.B) {
	for _, fan := range []int{100, 400} {
		data := hostileAliases(fan)
		b.Run(fmt.Sprintf("fan=%d", fan), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				_, err := scenarios.Parse("hostile.yaml", data)
				if n := len(scenarios.AsParseErrors(err)); n == 0 || n > scenarios.MaxErrors+1 {
					b.Fatalf("%d errors, want 1 to %d: %v", n, scenarios.MaxErrors+1, err)
				}
			}
		})
	}
}
