package bgsim_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportDirection holds the import rules of the architecture: the simulator (and everything
// under it) imports only the standard library and its own internal packages, and never os, the
// wall clock's source of randomness, or goroutine-spawning helpers.
func TestImportDirection(t *testing.T) {
	forbidden := map[string]string{
		"os":          "the simulator never reads the file system or the environment",
		"os/exec":     "the simulator never runs processes",
		"math/rand":   "randomness comes from seeded PCG streams (math/rand/v2), not the global source",
		"crypto/rand": "randomness comes from seeded PCG streams",
		"sync/atomic": "one goroutine owns a simulation",
	}
	checked := 0
	err := filepath.WalkDir("simulator", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if why, bad := forbidden[p]; bad {
				t.Errorf("%s imports %s: %s", path, p, why)
			}
			if strings.Contains(strings.SplitN(p, "/", 2)[0], ".") && !strings.HasPrefix(p, "github.com/bgsim/bgsim/") {
				t.Errorf("%s imports %s: the simulator uses the standard library only", path, p)
			}
			for _, up := range []string{"/scenarios", "/harness", "/fixtures", "/report", "/cmd/"} {
				if strings.HasPrefix(p, "github.com/bgsim/bgsim") && strings.Contains(p, up) {
					t.Errorf("%s imports %s: the simulator is imported by them, never the reverse", path, p)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Fatalf("checked only %d files: is the walk rooted right?", checked)
	}
}

// TestNoGoroutinesOrWallClock scans the simulator's code for the constructs the determinism
// contract forbids: go statements, time.Now, time.Sleep, time.After and tickers.
func TestNoGoroutinesOrWallClock(t *testing.T) {
	banned := []string{"go func", "time.Now(", "time.Sleep(", "time.After(", "time.NewTicker(", "time.NewTimer(", "time.Since("}
	err := filepath.WalkDir("simulator", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(src), "\n") {
			code, _, _ := strings.Cut(line, "//")
			for _, b := range banned {
				if strings.Contains(code, b) {
					t.Errorf("%s:%d uses %s", path, i+1, strings.TrimSuffix(b, "("))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
