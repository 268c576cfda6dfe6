package simulator_test

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/bgsim/bgsim/simulator"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// busyTrace replays the busy device for span and returns its text and JSON-lines traces.
func busyTrace(seed uint64, span time.Duration) (text, jsonl []byte) {
	var tb, jb bytes.Buffer
	ts := &simulator.TextSink{W: &tb}
	js := &simulator.TextSink{W: &jb, JSON: true}
	e := newBusyDevice(seed, simulator.Tee{ts, js}, 40)
	e.RunFor(span)
	if ts.Err != nil || js.Err != nil {
		panic("trace write failed")
	}
	return tb.Bytes(), jb.Bytes()
}

const determinismSpan = 21 * 24 * time.Hour

// TestMain runs the child half of the determinism spec when the parent re-executes this test
// binary with BGSIM_DETERMINISM_CHILD set: it writes the busy trace to stdout and exits, running
// no test. Otherwise it runs the tests.
func TestMain(m *testing.M) {
	if os.Getenv("BGSIM_DETERMINISM_CHILD") != "" {
		text, _ := busyTrace(7, determinismSpan)
		os.Stdout.Write(text)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

var _ = Describe("Determinism contract (architecture.md, 'The determinism contract')", func() {
	It("replays a busy simulation twice in one process to byte-identical text and JSON traces", func() {
		t1, j1 := busyTrace(7, determinismSpan)
		t2, j2 := busyTrace(7, determinismSpan)
		Expect(len(t1)).To(BeNumerically(">", 100000), "the busy device must actually be busy")
		Expect(bytes.Equal(t1, t2)).To(BeTrue(), "text traces differ")
		Expect(bytes.Equal(j1, j2)).To(BeTrue(), "JSON traces differ")
	})

	It("gives a different trace for a different seed (the seed reaches the GUIDs and the script)", func() {
		_, j1 := busyTrace(7, 2*24*time.Hour)
		_, j2 := busyTrace(8, 2*24*time.Hour)
		Expect(bytes.Equal(j1, j2)).To(BeFalse())
	})

	It("replays to the same bytes in a child process with GOMAXPROCS=1", func() {
		want, _ := busyTrace(7, determinismSpan)
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "BGSIM_DETERMINISM_CHILD=1", "GOMAXPROCS=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		Expect(err).NotTo(HaveOccurred(), stderr.String())
		got := out
		Expect(len(got)).To(Equal(len(want)))
		Expect(bytes.Equal(got, want)).To(BeTrue(), "child trace differs")
	})
})
