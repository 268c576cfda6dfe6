package harness_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("HaveSignalResult", func() {
	var sim *Simulation
	BeforeEach(func() {
		sim = fixtureWorld()
		b := sim.NewBuilder()
		b.Name = "OnDemand"
		b.TaskEntryPoint = "Tasks.IgnoresCancellation"
		b.SetTrigger(simulator.NewApplicationTrigger())
		Expect(sim.Do(Register(b))).To(Succeed())
		sim.At(time.Minute, Signal("OnDemand", nil))
		sim.At(90*time.Second, Signal("OnDemand", nil))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
	})

	It("matches the answers to a task's signals, and their result", func() {
		Expect(sim).To(HaveSignalResult("OnDemand").Times(2))
		Expect(sim).To(HaveSignalResult("OnDemand").WithResult(simulator.SignalAllowed).At(time.Minute).Times(1))
		Expect(sim).To(HaveSignalResult("OnDemand").WithResult(simulator.SignalCurrentlyRunning).At(90 * time.Second))
		Expect(sim).NotTo(HaveSignalResult("OnDemand").WithResult(simulator.SignalDisabledByPolicy))
		Expect(sim).NotTo(HaveSignalResult("Other"))
	})

	It("counts an answer that names no task for any task, as scenario files do", func() {
		recs := []simulator.Record{{At: time.Minute, Kind: simulator.KindSignalResult, Signal: simulator.SignalDisabledByPolicy}}
		Expect(recs).To(HaveSignalResult("Sync").WithResult(simulator.SignalDisabledByPolicy).At(time.Minute))
	})

	It("fails with the expectation and the task's trace lines, the result by name", func() {
		msg := failureOf(func() {
			Expect(sim).To(HaveSignalResult("OnDemand").WithResult(simulator.SignalDisabledByPolicy))
		})
		Expect(msg).To(ContainSubstring("Expected the trace to have signal_result OnDemand result=DisabledByPolicy"))
		Expect(msg).To(ContainSubstring("+00:01:30.000 signal_result OnDemand task=1 result=CurrentlyRunning"))
	})

	It("returns an error for an invalid result", func() {
		_, err := HaveSignalResult("OnDemand").WithResult(simulator.SignalInvalid).Match(sim)
		Expect(err).To(MatchError(ContainSubstring("is not an ApplicationTriggerResult")))
	})
})
