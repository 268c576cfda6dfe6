package bgsim_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
)

// childEnv, when set, turns the test binary into the child half of the library determinism gate:
// it replays the whole library and writes the traces to stdout as JSON, running no test.
const childEnv = "BGSIM_LIBRARY_DETERMINISM_CHILD"

// libraryTrace is one scenario file's replay: its text and JSON-lines traces.
type libraryTrace struct {
	File string
	Text []byte
	JSON []byte
}

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		traces, err := replayLibrary()
		if err == nil {
			err = json.NewEncoder(os.Stdout).Encode(traces)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// replayLibrary replays every scenario file of the library, in path order.
func replayLibrary() ([]libraryTrace, error) {
	files, err := libraryFiles()
	if err != nil {
		return nil, err
	}
	out := make([]libraryTrace, 0, len(files))
	for _, f := range files {
		text, jsonl, err := replayFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, libraryTrace{File: f, Text: text, JSON: jsonl})
	}
	return out, nil
}

// replayFile parses and replays one scenario from scratch and renders its trace both ways.
func replayFile(path string) (text, jsonl []byte, err error) {
	s, err := scenarios.ParseFile(path)
	if err != nil {
		return nil, nil, err
	}
	rep, err := scenarios.Run(s, scenarios.Options{})
	if err != nil {
		return nil, nil, fmt.Errorf("cannot replay %s: %w", path, err)
	}
	for i := range rep.Records {
		text = rep.Records[i].AppendText(text)
		text = append(text, '\n')
		jsonl = rep.Records[i].AppendJSON(jsonl)
		jsonl = append(jsonl, '\n')
	}
	return text, jsonl, nil
}

// sameTraces reports, for one file, how two replays differ: "" when both forms are identical.
func sameTraces(file, what string, a, b libraryTrace) string {
	if msg := traceDiff(a.Text, b.Text); msg != "" {
		return fmt.Sprintf("%s: text traces differ (%s): %s", file, what, msg)
	}
	if msg := traceDiff(a.JSON, b.JSON); msg != "" {
		return fmt.Sprintf("%s: JSON traces differ (%s): %s", file, what, msg)
	}
	return ""
}

var _ = Describe("Determinism gate over the scenario library (architecture.md, 'The determinism contract')", Ordered, func() {
	// first is the library replayed once, shared by both checks: each replay is compared with it.
	var first []libraryTrace
	BeforeAll(func() {
		var err error
		first, err = replayLibrary()
		Expect(err).NotTo(HaveOccurred())
		Expect(len(first)).To(BeNumerically(">=", 10), "the walk must find the library")
		for i := range first {
			Expect(first[i].Text).NotTo(BeEmpty(), "%s replayed to an empty trace", first[i].File)
		}
	})

	It("replays every library file twice in one process to byte-identical text and JSON traces", func() {
		second, err := replayLibrary()
		Expect(err).NotTo(HaveOccurred())
		Expect(second).To(HaveLen(len(first)))
		for i := range first {
			Expect(sameTraces(first[i].File, "second replay", first[i], second[i])).To(BeEmpty())
		}
	})

	It("replays every library file to the same bytes in a child process with GOMAXPROCS=1", func() {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), childEnv+"=1", "GOMAXPROCS=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		Expect(err).NotTo(HaveOccurred(), stderr.String())
		var got []libraryTrace
		Expect(json.Unmarshal(out, &got)).To(Succeed())
		Expect(got).To(HaveLen(len(first)))
		for i := range first {
			Expect(got[i].File).To(Equal(first[i].File))
			Expect(sameTraces(first[i].File, "child with GOMAXPROCS=1", first[i], got[i])).To(BeEmpty())
		}
	})
})
