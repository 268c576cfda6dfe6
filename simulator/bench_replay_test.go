package simulator_test

import (
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/bgsim/bgsim/scenarios"
)

// libraryDir is the recorded scenario library, seen from this package's directory.
const libraryDir = "../scenarios/library"

// BenchmarkReplayLibrary replays every scenario of the library per op, each on a fresh engine,
// checking expectations and recorded traces as `bgsim run` does. The files are parsed once,
// before the timer starts. It imports scenarios from a test file, which the import rules allow:
// deps_test.go restricts only the simulator's non-test code.
func BenchmarkReplayLibrary(b *testing.B) {
	var files []string
	err := filepath.WalkDir(libraryDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".yaml") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	sort.Strings(files)
	parsed := make([]*scenarios.Scenario, len(files))
	for i, f := range files {
		if parsed[i], err = scenarios.ParseFile(f); err != nil {
			b.Fatal(err)
		}
	}
	if len(parsed) == 0 {
		b.Fatal("no scenario found under " + libraryDir)
	}
	b.ReportAllocs()
	records := 0
	for b.Loop() {
		for _, s := range parsed {
			rep, err := scenarios.Run(s, scenarios.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if !rep.Passed() {
				b.Fatalf("%s failed: %v", s.File, rep.Failures[0])
			}
			records += len(rep.Records)
		}
	}
	b.ReportMetric(float64(len(parsed)), "scenarios/op")
	b.ReportMetric(float64(records)/float64(b.N), "records/op")
}
