package manifest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bgsim/bgsim/simulator/manifest"
)

// manyCapabilities is a manifest with one background task and n distinct capabilities, each
// listed twice.
func manyCapabilities(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>
<Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10">
  <Applications><Application Id="App">
    <Extensions><Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
      <BackgroundTasks><Task Type="systemEvent"/></BackgroundTasks>
    </Extension></Extensions>
  </Application></Applications>
  <Capabilities>
`)
	for range 2 {
		for i := range n {
			fmt.Fprintf(&b, "    <Capability Name=\"cap%d\"/>\n", i)
		}
	}
	b.WriteString("  </Capabilities>\n</Package>\n")
	return []byte(b.String())
}

// BenchmarkParseManyCapabilities parses a manifest of 100,000 capabilities, each given twice:
// duplicates are found with a set, not by walking the list (which took seconds).
func BenchmarkParseManyCapabilities(b *testing.B) {
	data := manyCapabilities(100_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		m, err := manifest.Parse("many.appxmanifest", data)
		if err != nil || len(m.Capabilities) != 100_000 {
			b.Fatalf("%v, %d capabilities", err, len(m.Capabilities))
		}
	}
}
