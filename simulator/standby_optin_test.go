package simulator_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#standby-opt-in AllowRunningTaskInStandby", func() {
	sms := func() simulator.Trigger { return simulator.NewSystemTrigger(simulator.SystemTriggerSmsReceived, false) }

	It("holds a task registered with Register(name) in modern standby unless it opted in", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{Standby: true}})
		Expect(s.IsRunningTaskInStandbySupported()).To(BeTrue())
		_, err := s.builder("Named", sms()).RegisterWithName("Named")
		Expect(err).NotTo(HaveOccurred())
		b := s.builder("OptedIn", sms())
		b.AllowRunningTaskInStandby = true
		_, err = b.RegisterWithName("OptedIn")
		Expect(err).NotTo(HaveOccurred())
		s.register("Legacy", sms())
		s.raiseSMS()
		Expect(s.lines(simulator.KindRegister, simulator.KindLatched, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 register  Named task=1 trigger=System(SmsReceived) entry_point=Tasks.All",
			"+00:00:00.000 register  OptedIn task=2 trigger=System(SmsReceived) entry_point=Tasks.All allow_running_in_standby=true",
			"+00:00:00.000 register  Legacy task=3 trigger=System(SmsReceived) entry_point=Tasks.All",
			"+00:00:00.000 latched   Named task=1 waiting=standby pending=1",
			"+00:00:00.000 run       OptedIn task=2 instance=1 trigger=System(SmsReceived)",
			"+00:00:00.000 run       Legacy task=3 instance=2 trigger=System(SmsReceived)",
		}))
		s.SetStandby(false)
		Expect(s.count(simulator.KindRun, "Named")).To(Equal(1))
	})

	It("does not help on a device that does not run tasks in standby", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{Standby: true, StandbyTasks: simulator.StandbyTasksUnsupported}})
		Expect(s.IsRunningTaskInStandbySupported()).To(BeFalse())
		b := s.builder("OptedIn", sms())
		b.AllowRunningTaskInStandby = true
		_, err := b.RegisterWithName("OptedIn")
		Expect(err).NotTo(HaveOccurred())
		s.raiseSMS()
		Expect(s.count(simulator.KindRun, "OptedIn")).To(Equal(0))
		Expect(s.count(simulator.KindLatched, "OptedIn")).To(Equal(1))
	})

	It("refuses an invalid standby support value", func() {
		_, err := simulator.New(simulator.Config{Device: simulator.DeviceState{StandbyTasks: 9}})
		Expect(err).To(MatchError(ContainSubstring("invalid standby task support")))
		Expect(simulator.ParseStandbyTaskSupport("unsupported")).To(Equal(simulator.StandbyTasksUnsupported))
	})
})
