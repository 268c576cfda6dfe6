package harness_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("HaveTaskError", func() {
	var sim *Simulation
	BeforeEach(func() {
		sim = fixtureWorld()
		register(sim, "Crashy", "Tasks.Panics")
		register(sim, "Fine", "Tasks.ServicingComplete")
		sim.At(time.Minute, TimeZone("Europe/Paris"))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
	})

	It("matches a task's errors, and a substring of the message", func() {
		Expect(sim).To(HaveTaskError("Crashy").At(time.Minute).Times(1))
		Expect(sim).To(HaveTaskError("Crashy").WithMessage("panic in Run: fixture task panics"))
		Expect(sim).NotTo(HaveTaskError("Crashy").WithMessage("connection refused"))
		Expect(sim).NotTo(HaveTaskError("Fine"))
	})

	It("matches the unquoted message, quotes and all", func() {
		recs := []simulator.Record{{At: time.Second, Kind: simulator.KindTaskError, Task: "T", Detail: `msg="said \"no\""`}}
		Expect(recs).To(HaveTaskError("T").WithMessage(`said "no"`))
		Expect(recs).To(HaveTaskError("").WithMessage("said"), "an empty name matches any task")
	})

	It("fails with the expectation and the task's trace lines", func() {
		msg := failureOf(func() { Expect(sim).To(HaveTaskError("Crashy").WithMessage("timeout")) })
		Expect(msg).To(ContainSubstring(`Expected the trace to have task_error Crashy msg~="timeout"`))
		Expect(msg).To(ContainSubstring(`+00:01:00.000 task_error Crashy task=1 instance=1 msg="panic in Run: fixture task panics on purpose"`))
	})

	It("returns an error for an empty substring", func() {
		_, err := HaveTaskError("Crashy").WithMessage("").Match(sim)
		Expect(err).To(MatchError(ContainSubstring("an empty substring matches every message")))
	})
})
