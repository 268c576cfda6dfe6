package scenarios_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/bgsim/bgsim/scenarios"
)

// fuzzFile is the name the fuzzer parses under: two folders deep, so a library file's manifest
// path (../../../fixtures/...) still resolves.
const fuzzFile = "library/fuzz/input.yaml"

// positioned is how every file error starts: file:line:col: .
var positioned = regexp.MustCompile(`^[^\n]+:[1-9][0-9]*:[1-9][0-9]*: \S`)

// FuzzParseScenario checks that Parse never panics; that every error it returns is a
// *ParseError printing file:line:col; and that a scenario it accepts formats to text that parses
// back to an equal model and formats the same way again. Its seed corpus is
// testdata/fuzz/FuzzParseScenario plus every library file.
func FuzzParseScenario(f *testing.F) {
	files, err := filepath.Glob("library/*/*.yaml")
	if err != nil || len(files) == 0 {
		f.Fatalf("no library files: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := scenarios.Parse(fuzzFile, data)
		if err != nil {
			checkPositioned(t, s, err)
			return
		}
		text, err := scenarios.Format(s)
		if err != nil {
			t.Fatalf("Format: %v", err)
		}
		again, err := scenarios.Parse(fuzzFile, text)
		if err != nil {
			t.Fatalf("formatted text does not parse: %v\n%s", err, text)
		}
		if diff := modelDiff(s, again); diff != "" {
			t.Fatalf("model changed through Format (-before +after):\n%s\nformatted text:\n%s", diff, text)
		}
		text2, err := scenarios.Format(again)
		if err != nil || string(text2) != string(text) {
			t.Fatalf("formatting is not stable (%v):\n%s\n---\n%s", err, text, text2)
		}
	})
}

func checkPositioned(t *testing.T, s *scenarios.Scenario, err error) {
	t.Helper()
	if s != nil {
		t.Fatalf("Parse returned both a scenario and error %v", err)
	}
	pes := scenarios.AsParseErrors(err)
	if len(pes) == 0 {
		t.Fatalf("error %v is %T, not a file error", err, err)
	}
	for _, pe := range pes {
		if !positioned.MatchString(pe.Error()) {
			t.Fatalf("error without file:line:col: %q", pe.Error())
		}
	}
}
