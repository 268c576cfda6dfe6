package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("allocations", func() {
	It("a busy device allocates at most about one object per run (the Instance) once warmed up", func() {
		const day = 24 * time.Hour
		e := newBusyDevice(2, &simulator.CountingSink{}, 100)
		e.RunFor(2 * day) // queue, lists and the task pool reach their size
		runs0, mallocs0 := e.InstancesStarted(), mallocs()
		e.RunFor(10 * day)
		runs, allocs := e.InstancesStarted()-runs0, mallocs()-mallocs0
		Expect(runs).To(BeNumerically(">", 20000))
		// Latched records with a new count and the scripted day's actions allocate a little too.
		Expect(float64(allocs) / float64(runs)).To(BeNumerically("<=", 1.05))
	})
})
