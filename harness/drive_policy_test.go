package harness_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("access and fault drivers", func() {
	It("removes and requests access", func() {
		sim := MustNew()
		Expect(sim.Do(RemoveAccess())).To(Succeed())
		Expect(sim.Engine().AccessStatus()).To(Equal(simulator.AccessNotRequested))
		sim.At(time.Minute, RequestAccess())
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(sim.Engine().AccessStatus()).To(Equal(simulator.AccessAllowedSubjectToSystemPolicy))
		Expect(sim.Text()).To(ContainSubstring("+00:01:00.000 access    request status=AllowedSubjectToSystemPolicy was=not_requested\n"))
	})

	It("injects kill_host, low_memory_kill and policy_cancel into running instances", func() {
		sim := fixtureWorld()
		for _, name := range []string{"A", "B", "C"} {
			b := sim.NewBuilder()
			b.Name = name
			b.TaskEntryPoint = "Tasks.NeverCompletes"
			b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerSmsReceived, false))
			Expect(sim.Do(Register(b))).To(Succeed())
		}
		sim.At(time.Minute, SystemEvent(simulator.SystemTriggerSmsReceived))
		sim.At(time.Minute+time.Second, KillHost("A"), LowMemoryKill("B"), PolicyCancel("C", simulator.ReasonLoggingOff))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(sim.Text()).To(ContainSubstring("+00:01:01.000 terminated A task=1 instance=1 cause=kill_host\n"))
		Expect(sim.Text()).To(ContainSubstring("+00:01:01.000 terminated B task=2 instance=2 cause=low_memory_kill\n"))
		Expect(sim).To(HaveBeenCanceled(simulator.ReasonLoggingOff).Task("C").At(time.Minute + time.Second).Times(1))
		Expect(sim.Text()).NotTo(ContainSubstring("canceled  A"), "kill_host raises no Canceled")
	})

	It("returns the engine's refusal of a malformed fault", func() {
		sim := MustNew()
		b := sim.NewBuilder()
		b.Name = "X"
		b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerUserAway, false))
		b.MustRegister()
		Expect(sim.Do(PolicyCancel("X", simulator.ReasonAbort))).To(MatchError(ContainSubstring("cannot apply fault policy_cancel task=X reason=Abort: cannot inject policy_cancel: reason Abort is not one of")))
	})

	It("refuses a fault that names no registration, where a misspelled name would hit nothing silently", func() {
		sim := MustNew()
		b := sim.NewBuilder()
		b.Name = "Refresh"
		b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerUserAway, false))
		b.MustRegister()
		for _, a := range []Action{KillHost("Refesh"), LowMemoryKill("Refesh"), PolicyCancel("Refesh", simulator.ReasonLoggingOff)} {
			Expect(sim.Do(a)).To(MatchError(ContainSubstring(`no registration named "Refesh": a fault hits the running instances of a registration by name`)))
		}
		Expect(sim.Text()).NotTo(ContainSubstring("fault"))
		Expect(sim.Do(KillHost("Refresh"))).To(Succeed(), "a known name with nothing running is fine")
	})
})
