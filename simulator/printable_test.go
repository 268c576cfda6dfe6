package simulator

import (
	"math/rand/v2"
	"testing"
	"unicode"
)

// TestPrintableMatchesRunes checks printable's word-at-a-time scan against a plain rune loop over
// seeded random strings of every length up to 40, drawn mostly from printable ASCII with a few
// control, DEL and non-ASCII bytes at random places.
func TestPrintableMatchesRunes(t *testing.T) {
	t.Run("doc: Trace: a detail is escaped exactly when it has an unprintable character", func(t *testing.T) {
		naive := func(s string) bool {
			for _, c := range s {
				if c != ' ' && !unicode.IsPrint(c) {
					return false
				}
			}
			return true
		}
		r := rand.New(rand.NewPCG(3, 3))
		special := []byte{0x00, 0x09, 0x0a, 0x1f, 0x7f, 0x80, 0xc3, 0xa9, 0xe2, 0x80, 0xa8, 0xff}
		for n := 0; n < 20000; n++ {
			b := make([]byte, r.IntN(41))
			for i := range b {
				b[i] = byte(0x20 + r.IntN(0x5f))
				if r.IntN(30) == 0 {
					b[i] = special[r.IntN(len(special))]
				}
			}
			if got, want := printable(string(b)), naive(string(b)); got != want {
				t.Fatalf("printable(%q) = %v, want %v", b, got, want)
			}
		}
	})
}
