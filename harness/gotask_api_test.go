package harness_test

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("goroutine tasks calling the API (docs/windows-model.md#calls-from-task-code)", func() {
	It("signal is refused; register, remove and request access take effect, and a released task runs", func() {
		var signal simulator.ApplicationTriggerResult
		var registerErr error
		sim := goRun(func(ctx context.Context, in *simulator.Instance) error {
			if in.Task().Name() != "G" {
				in.Log("T ran")
				return nil
			}
			clk := ClockFrom(ctx)
			clk.Sleep(time.Second)
			signal = in.RequestApplicationTrigger(map[string]string{"from": "goroutine"})
			b := in.NewBackgroundTaskBuilder()
			b.Name, b.TaskEntryPoint = "T", ep
			b.SetTrigger(simulator.NewTimeTrigger(15, true))
			_, registerErr = in.Register(b)
			in.RemoveAccess()
			clk.Sleep(30 * time.Minute)
			in.RequestAccess() // releases T, latched on access since its tick
			return nil
		}, func(sim *Simulation) {
			b := sim.NewBuilder()
			b.Name = "App"
			b.TaskEntryPoint = ep
			b.SetTrigger(simulator.NewApplicationTrigger())
			_, err := b.Register()
			Expect(err).NotTo(HaveOccurred())
		}, WithPolicy(simulator.Policy{WallClockLimit: time.Hour}))
		Expect(signal).To(Equal(simulator.SignalDisabledByPolicy))
		Expect(registerErr).NotTo(HaveOccurred())
		text := sim.Text()
		Expect(text).To(ContainSubstring("+00:01:01.000 signal_result App task=2 result=DisabledByPolicy cause=from_task"))
		Expect(text).To(ContainSubstring("+00:01:01.000 register  T task=3 trigger=Time(15m,one_shot) entry_point=" + ep))
		Expect(text).To(ContainSubstring("latched   T task=3 waiting=access pending=1"))
		Expect(text).To(ContainSubstring("+00:31:01.000 access    request status=AllowedSubjectToSystemPolicy was=not_requested"))
		Expect(logs(sim)).To(ContainElement("30m1s T ran"))
	})
})
