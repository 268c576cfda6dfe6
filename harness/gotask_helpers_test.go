package harness_test

import (
	"testing"
	"testing/synctest"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

// bubble runs f inside a synctest bubble, with GinkgoRecover so that a failed assertion inside it
// fails the spec rather than the test binary.
func bubble(f func()) {
	synctest.Test(suiteT, func(*testing.T) {
		defer GinkgoRecover()
		f()
	})
}

// goWorld is a simulation with the fixture manifests' declarations and the given options; the
// caller closes it.
func goWorld(opts ...harness.Option) *harness.Simulation {
	return fixtureWorld(opts...)
}

// mustClose closes sim and fails the spec on an error.
func mustClose(sim *harness.Simulation) {
	Expect(sim.Close()).To(Succeed())
}

// registerOn registers name for entryPoint with trigger t.
func registerOn(sim *harness.Simulation, name, entryPoint string, t simulator.Trigger) *simulator.Registration {
	b := sim.NewBuilder()
	b.Name = name
	b.TaskEntryPoint = entryPoint
	b.SetTrigger(t)
	r, err := b.Register()
	Expect(err).NotTo(HaveOccurred())
	return r
}
