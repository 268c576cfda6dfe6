package harness_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("HaveRun", func() {
	var sim *Simulation
	BeforeEach(func() { sim = quickstart() })

	It("counts runs, at and within virtual times", func() {
		Expect(sim).To(HaveRun("ExampleBackgroundTask"))
		Expect(sim).To(HaveRun("ExampleBackgroundTask").Times(2))
		Expect(sim).To(HaveRun("ExampleBackgroundTask").At(10 * time.Minute).Times(1))
		Expect(sim).To(HaveRun("ExampleBackgroundTask").At(40 * time.Minute).Instance(2))
		Expect(sim).To(HaveRun("ExampleBackgroundTask").Within(11*time.Minute, 39*time.Minute).Times(0))
		Expect(sim).NotTo(HaveRun("Other"))
	})

	It("accepts every documented trace source", func() {
		for _, actual := range []any{sim, sim.Engine(), sim.Trace(), sim.Records()} {
			Expect(actual).To(HaveRun("ExampleBackgroundTask").Times(2))
		}
	})

	It("fails with the task's trace lines and their virtual times", func() {
		msg := failureOf(func() {
			Expect(sim).To(HaveRun("ExampleBackgroundTask").Times(3).At(30 * time.Minute))
		})
		Expect(msg).To(ContainSubstring("Expected the trace to have run ExampleBackgroundTask, exactly 3 times, at +00:30:00.000"))
		Expect(msg).To(ContainSubstring("found 0 matching records"))
		Expect(msg).To(ContainSubstring("records of ExampleBackgroundTask"))
		Expect(msg).To(ContainSubstring("+00:30:00.000 latched   ExampleBackgroundTask task=1 waiting=UserPresent pending=1"))
		Expect(msg).NotTo(ContainSubstring("device    user=away"), "lines of other tasks do not matter")
	})

	It("lists the near misses first, so that a long trace does not hide the record the spec meant", func() {
		long := MustNew(WithDeclarations(decl("Tasks.T")), WithTaskFunc("Tasks.T", func(in *simulator.Instance) {
			d := in.GetDeferral()
			in.SetProgress(50)
			in.AfterFunc(20*time.Second, d.Complete)
		}))
		b := long.NewBuilder()
		b.Name, b.TaskEntryPoint = "T", "Tasks.T"
		b.SetTrigger(simulator.NewTimeTrigger(15, false))
		b.MustRegister()
		Expect(long.RunFor(6 * time.Hour)).To(Succeed())
		msg := failureOf(func() { Expect(long).To(HaveCompleted("T").WithResult(simulator.ResultError)) })
		Expect(msg).To(ContainSubstring("completed records of T, whatever the other filters (23):"))
		Expect(msg).To(ContainSubstring("+03:00:20.000 completed T task=1 instance=12 result=ok"), "the twelfth completion, in the middle of a long trace")
		Expect(msg).To(ContainSubstring("lines left out"), "the task's whole trace is still cut")
	})

	It("fails when negated, showing the records it found", func() {
		msg := failureOf(func() { Expect(sim).NotTo(HaveRun("ExampleBackgroundTask").At(10 * time.Minute)) })
		Expect(msg).To(ContainSubstring("Expected the trace not to have run ExampleBackgroundTask, at +00:10:00.000"))
		Expect(msg).To(ContainSubstring("found 1 matching record:\n    +00:10:00.000 run       ExampleBackgroundTask task=1 instance=1"))
	})

	It("shows the whole trace when the task never appears", func() {
		msg := failureOf(func() { Expect(sim).To(HaveRun("Missing")) })
		Expect(msg).To(ContainSubstring("no records of Missing; the whole trace"))
		Expect(msg).To(ContainSubstring("+00:20:00.000 device    user=away"))
	})

	It("returns an error, not false, for what is not a trace", func() {
		ok, err := HaveRun("X").Match("a string")
		Expect(ok).To(BeFalse())
		Expect(err).To(MatchError(ContainSubstring("HaveRun: expected a *harness.Simulation, *simulator.Engine, *simulator.TraceBuffer, []simulator.Record or *scenarios.Report, got string")))
		_, err = HaveRun("X").Match((*Simulation)(nil))
		Expect(err).To(MatchError(ContainSubstring("got a nil *harness.Simulation")))
		_, err = HaveRun("X").Match(nil)
		Expect(err).To(HaveOccurred())
	})

	It("returns an error for invalid refinements", func() {
		_, err := HaveRun("X").Times(-1).Match(sim)
		Expect(err).To(MatchError("HaveRun: Times(-1): negative count"))
		_, err = HaveRun("X").Within(time.Hour, time.Minute).Match(sim)
		Expect(err).To(MatchError(ContainSubstring("the end is before the start")))
		_, err = HaveRun("X").Instance(0).Match(sim)
		Expect(err).To(MatchError(ContainSubstring("numbered from 1")))
	})

	It("leaves the receiver alone when refined", func() {
		base := HaveRun("ExampleBackgroundTask")
		_ = base.Times(5)
		Expect(sim).To(base)
	})

	It("refuses an engine that keeps no trace", func() {
		e, err := simulator.New(simulator.Config{Sink: &simulator.CountingSink{}})
		Expect(err).NotTo(HaveOccurred())
		_, err = HaveRun("X").Match(e)
		Expect(err).To(MatchError(ContainSubstring("keeps no trace")))
	})
})
