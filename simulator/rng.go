package simulator

import (
	"hash/fnv"
	"math/rand/v2"
)

// rngSource is the simulation's seeded randomness. Each subsystem draws from its own stream,
// forked by name, so that a new draw in one subsystem never shifts the values another sees.
type rngSource struct{ seed uint64 }

// fork returns the PCG stream for the named subsystem.
func (s rngSource) fork(name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(s.seed, h.Sum64()))
}

// Names of the forked streams. Adding a stream is safe; renaming one changes every trace that
// shows its values.
const (
	streamRegistrations = "registrations" // TaskId GUIDs
	streamInstances     = "instances"     // InstanceId GUIDs
)
