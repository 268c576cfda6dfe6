package simulator_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/bgsim/bgsim/simulator"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// digest is what a trace comparison needs of a trace: its length and its SHA-256. The spec keeps
// these instead of the bytes, so that a long busy trace costs no memory to compare.
type digest struct {
	n   int64
	sum hash.Hash
}

func newDigest() *digest { return &digest{sum: sha256.New()} }

func (d *digest) Write(p []byte) (int, error) {
	d.n += int64(len(p))
	return d.sum.Write(p)
}

// String is the length and the hex SHA-256, the form the child process prints.
func (d *digest) String() string {
	return fmt.Sprintf("%d %s", d.n, hex.EncodeToString(d.sum.Sum(nil)))
}

// busyTrace replays the busy device for span and returns the digests of its text and JSON-lines
// traces.
func busyTrace(seed uint64, span time.Duration) (text, jsonl *digest) {
	text, jsonl = newDigest(), newDigest()
	ts := &simulator.TextSink{W: text}
	js := &simulator.TextSink{W: jsonl, JSON: true}
	e := newBusyDevice(seed, simulator.Tee{ts, js}, 40)
	e.RunFor(span)
	if ts.Err != nil || js.Err != nil {
		panic("trace write failed")
	}
	return text, jsonl
}

const determinismSpan = 21 * 24 * time.Hour

// TestMain runs the child half of the determinism spec when the parent re-executes this test
// binary with BGSIM_DETERMINISM_CHILD set: it prints the digest of the busy trace (its length
// and SHA-256) and exits, running no test. Otherwise it runs the tests.
func TestMain(m *testing.M) {
	if os.Getenv("BGSIM_DETERMINISM_CHILD") != "" {
		text, _ := busyTrace(7, determinismSpan)
		fmt.Println(text)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// The traces are compared by length and SHA-256 (digest), not kept: equal digests mean equal
// bytes, and a busy three weeks costs no memory to compare.
var _ = Describe("Determinism contract (README, Determinism)", func() {
	It("replays a busy simulation twice in one process to byte-identical text and JSON traces", func() {
		t1, j1 := busyTrace(7, determinismSpan)
		t2, j2 := busyTrace(7, determinismSpan)
		Expect(t1.n).To(BeNumerically(">", 100000), "the busy device must actually be busy")
		Expect(t2.String()).To(Equal(t1.String()), "text traces differ")
		Expect(j2.String()).To(Equal(j1.String()), "JSON traces differ")
	})

	It("gives a different trace for a different seed (the seed reaches the GUIDs and the script)", func() {
		_, j1 := busyTrace(7, 2*24*time.Hour)
		_, j2 := busyTrace(8, 2*24*time.Hour)
		Expect(j2.String()).NotTo(Equal(j1.String()))
	})

	It("tells traces that differ in one byte apart (the digest is a real comparison)", func() {
		a, b := newDigest(), newDigest()
		_, _ = a.Write([]byte("+00:00:00.000 run T task=1 instance=1\n"))
		_, _ = b.Write([]byte("+00:00:00.000 run T task=1 instance=2\n"))
		Expect(a.String()).NotTo(Equal(b.String()))
	})

	It("replays to the same bytes in a child process with GOMAXPROCS=1", func() {
		want, _ := busyTrace(7, determinismSpan)
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "BGSIM_DETERMINISM_CHILD=1", "GOMAXPROCS=1")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		Expect(err).NotTo(HaveOccurred(), stderr.String())
		Expect(strings.TrimSpace(string(out))).To(Equal(want.String()), "child trace differs")
	})
})
