package simulator_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#latched-activations latched firings released together (Policy.LatchedFirings each_firing)", func() {
	It("stop starting once an instance unregisters its own task (docs/windows-model.md#registrations: no Run after Unregister)", func() {
		s := newSim(simulator.Config{Policy: simulator.Policy{LatchedFirings: simulator.LatchEachFiring},
			Device: simulator.DeviceState{User: simulator.UserAway}})
		s.behave["T"] = func(in *simulator.Instance) { in.Task().Unregister(false) }
		s.register("T", sms(), simulator.ConditionUserPresent)
		s.raiseSMS()
		s.raiseSMS()
		s.raiseSMS()
		s.SetUser(simulator.UserPresent)
		Expect(s.count(simulator.KindRun, "T")).To(Equal(1))
		Expect(s.lines(simulator.KindLatched)).To(HaveLen(3))
	})
})
