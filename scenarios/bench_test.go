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

// hostileAliases is a small file whose registrations list repeats, through an alias, a
// registration whose conditions are an alias to a list of fan unknown names: fan times fan
// unknown enum values once expanded, each a spelling suggestion and an error line before the
// cap.
func hostileAliases(fan int) []byte {
	var b strings.Builder
	b.WriteString("name: hostile aliases\nx-conditions: &c [")
	for i := range fan {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "Nope%d", i)
	}
	b.WriteString("]\nx-registration: &r {name: A, trigger: {type: system, event: TimeZoneChang}, conditions: *c}\n")
	b.WriteString("registrations: [" + strings.Repeat("*r, ", fan-1) + "*r]\n")
	return []byte(b.String())
}

// BenchmarkHostileAliases parses files of fan aliases to a registration whose conditions are an
// alias to fan unknown names. At fan=100 (10,000 unknown values once expanded) an error met again
// through an alias is listed once and the list stops at MaxErrors; at fan=1000 (a million) the
// file is refused at the alias that passes MaxAliasExpansion. Both cost milliseconds.
func BenchmarkHostileAliases(b *testing.B) {
	for _, fan := range []int{100, 1000} {
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
