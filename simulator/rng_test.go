package simulator

import (
	"regexp"
	"testing"
)

// Internal tests of the seeded streams (package doc, Determinism: "GUIDs come from PCG streams
// seeded from Config.Seed, one stream per subsystem").

func TestRNGForkIsDeterministicAndIndependent(t *testing.T) {
	t.Run("doc: Determinism: a stream depends only on the seed and its name", func(t *testing.T) {
		a := rngSource{seed: 9}.fork(streamInstances)
		b := rngSource{seed: 9}.fork(streamInstances)
		for i := 0; i < 100; i++ {
			if x, y := a.Uint64(), b.Uint64(); x != y {
				t.Fatalf("draw %d: %x != %x", i, x, y)
			}
		}
	})
	t.Run("doc: Determinism: drawing from one stream does not shift another", func(t *testing.T) {
		src := rngSource{seed: 9}
		regs, inst := src.fork(streamRegistrations), src.fork(streamInstances)
		for i := 0; i < 10; i++ {
			regs.Uint64()
		}
		fresh := rngSource{seed: 9}.fork(streamInstances)
		if x, y := inst.Uint64(), fresh.Uint64(); x != y {
			t.Fatalf("instances stream shifted by registrations draws: %x != %x", x, y)
		}
	})
	t.Run("doc: Determinism: different names and different seeds give different streams", func(t *testing.T) {
		src := rngSource{seed: 9}
		if src.fork(streamRegistrations).Uint64() == src.fork(streamInstances).Uint64() {
			t.Fatal("registrations and instances streams start alike")
		}
		if (rngSource{seed: 9}).fork(streamInstances).Uint64() == (rngSource{seed: 10}).fork(streamInstances).Uint64() {
			t.Fatal("seeds 9 and 10 start alike")
		}
	})
}

func TestGUIDLayout(t *testing.T) {
	t.Run("docs/windows-model.md#registrations TaskId: GUIDs have the version 4 layout and format as .NET's Guid.ToString()", func(t *testing.T) {
		re := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
		r := rngSource{seed: 3}.fork(streamInstances)
		for i := 0; i < 1000; i++ {
			g := newGUID(r)
			if s := g.String(); !re.MatchString(s) || g.IsZero() {
				t.Fatalf("GUID %q is not a version 4 GUID", s)
			}
		}
		if !(GUID{}).IsZero() || (GUID{}).String() != "00000000-0000-0000-0000-000000000000" {
			t.Fatal("zero GUID")
		}
	})
}
