package scenarios_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/bgsim/bgsim/scenarios"
)

// rewriteSeeds are the inputs of the rewriter's table tests, and more shapes around the trace key.
var rewriteSeeds = []string{
	bodyTop + "description: \"one\rtwo\"\n" + bodyMid + stale + bodyTail,
	bodyTop + "description: \"one\u0085two\"\n" + bodyMid + stale + bodyTail,
	bodyTop + "description: \"one\u2028two\"\n" + bodyMid + stale + bodyTail,
	bodyTop + "description: \"one\u2029two\"\n" + bodyMid + stale + bodyTail,
	"\ufeff" + bodyTop + bodyMid + stale + bodyTail,
	"\ufeff" + bodyTop + bodyMid,
	"{name: x, trace: \"old\", expect: []}\n",
	"{name: x,\n trace: |\n  old\n}\n",
	utf16LE(bodyTop + bodyMid + stale),
	bodyTop + bodyMid + "---\n" + stale,
	crlf(bodyTop + bodyMid + stale + bodyTail),
	"name: x\rtrace: |\r  old\rexpect: []\r",
	bodyTop + "trace: &t | # keep\n  old\n" + bodyTail,
	bodyTop + "trace:\n" + bodyTail,
	bodyTop + "trace:   # record here\n" + bodyTail,
	"name: x\ntrace: &t |\n  old\ndescription: *t\n",
	bodyTop + bodyMid + "...\n",
	"name: x\ntrace: \"a\nb\"\nexpect: []\n",
	"name: x\ntrace: >\n  folded\n\n  more\n# c\n  indented comment-ish\nz: 1\n",
	"name: x\ntrace: |2\n    indented\nz: 1\n",
	"name: x\ntrace: !!str plain\n",
	"name: x\n\"trace\": quoted key\n",
	"name: x\n? trace\n: complex key\n",
	"name: x\ntrace: |\n\tx\n",
	"name: x\ntrace: |\n  old\n  \n\n  more\n\n# after\n",
	"name: x\ntrace: |-\n  old",
	"name: x # no final newline",
	"",
	"# only a comment\n",
	"trace: |\n  old\ntrace: |\n  again\n",
	"name: x\ntrace: \"old\"\n  # keep me\nseed: 3\n",
	"name: x\ntrace: |\n    old\n  # keep me\nseed: 3\n",
	"name: x\ntrace: [a,\n  # keep me\n  b]\nseed: 3\n",
	"name: x\ntrace: \"old\n  line\"\n# keep me\nseed: 3\n",
}

// FuzzRewriteTrace checks the rewriter on any input and any trace: when the input is one YAML
// document it either refuses or returns bytes that parse to the same document with only the
// top-level trace changed, now holding the trace given; it refuses what is not one document.
// The seed corpus covers every case of the table tests plus every library file.
func FuzzRewriteTrace(f *testing.F) {
	const trace = "+00:00:00.000 register  InProc task=1 trigger=System(TimeZoneChange)\n+00:01:00.000 event     TimeZoneChange\n"
	for _, s := range rewriteSeeds {
		f.Add([]byte(s), trace)
	}
	f.Add([]byte(bodyTop+bodyMid), "")
	f.Add([]byte(bodyTop+bodyMid), "line\u0085with NEL\n")
	f.Add([]byte(bodyTop+bodyMid), "  leading spaces\n")
	f.Add([]byte(bodyTop+bodyMid), "no final newline")
	files, err := filepath.Glob("library/*/*.yaml")
	if err != nil || len(files) == 0 {
		f.Fatalf("no library files: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, trace)
	}
	f.Fuzz(func(t *testing.T, data []byte, trace string) {
		out, err := scenarios.RewriteTrace(data, trace)
		if err == nil && documents(data) != 1 {
			t.Fatalf("rewrote an input that is not one YAML document:\n%q\n->\n%q", data, out)
		}
		before, ok := oneMapping(data)
		if !ok {
			return // only inputs that parse are held to the rule
		}
		if err != nil {
			return // refusing is always allowed
		}
		after, ok := oneMapping(out)
		if !ok {
			t.Fatalf("the result is not one YAML mapping:\n%q\n->\n%q", data, out)
		}
		if got, _ := after["trace"].(string); got != trace {
			t.Fatalf("the result's trace is %q, want %q:\n%q", after["trace"], trace, out)
		}
		delete(before, "trace")
		delete(after, "trace")
		if !reflect.DeepEqual(before, after) {
			t.Fatalf("the rewrite changed more than the trace:\n%q\n->\n%q\nbefore %#v\nafter  %#v", data, out, before, after)
		}
	})
}

// documents counts the YAML documents in data, -1 when it does not parse.
func documents(data []byte) int {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for n := 0; ; n++ {
		var doc yaml.Node
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			return n
		} else if err != nil {
			return -1
		}
	}
}

// oneMapping decodes data when it is exactly one YAML document holding a mapping with string
// keys.
func oneMapping(data []byte) (map[string]any, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, false
	}
	var second any
	if err := dec.Decode(&second); !errors.Is(err, io.EOF) {
		return nil, false
	}
	return m, true
}
