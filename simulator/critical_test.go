package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#critical-triggers", func() {
	onBattery := func(pol simulator.Policy) *sim {
		return newSim(simulator.Config{Device: simulator.DeviceState{Power: simulator.PowerBattery}, Policy: pol})
	}
	channel := func() *simulator.ControlChannelTrigger {
		t, err := simulator.NewControlChannelTrigger("mail", 15, simulator.RequestSoftwareSlot)
		Expect(err).NotTo(HaveOccurred())
		return t
	}

	It("names push notification and control channel triggers critical, and no other", func() {
		Expect(simulator.IsCritical(simulator.NewPushNotificationTrigger())).To(BeTrue())
		Expect(simulator.IsCritical(channel())).To(BeTrue())
		Expect(simulator.IsCritical(simulator.NewTimeTrigger(15, false))).To(BeFalse())
		Expect(simulator.IsCritical(simulator.NewApplicationTrigger())).To(BeFalse())
	})

	It("runs a control channel under Battery Saver, while it holds a time trigger; a push notification is not even received", func() {
		s := onBattery(simulator.Policy{})
		Expect(s.SetBatterySaver(true)).To(Succeed())
		s.register("Push", simulator.NewPushNotificationTrigger())
		s.register("Channel", channel())
		s.register("Timer", simulator.NewTimeTrigger(15, true))
		s.DeliverRawNotification("hello")
		Expect(s.DeliverControlChannel("mail", simulator.ControlChannelPush)).To(Succeed())
		s.RunFor(20 * time.Minute)
		Expect(s.runAt("Channel")).To(Equal([]time.Duration{0}))
		Expect(s.runAt("Push")).To(BeEmpty())
		Expect(s.count(simulator.KindLatched, "Push")).To(Equal(0))
		Expect(s.lines(simulator.KindEvent)).To(ContainElement(`+00:00:00.000 event     raw_notification=hello not_delivered=battery_saver`))
		Expect(s.runAt("Timer")).To(BeEmpty())
		Expect(s.count(simulator.KindLatched, "Timer")).To(Equal(1))
	})

	It("does not cancel a running control channel instance when Battery Saver turns on; a push task it cancels like any other", func() {
		s := onBattery(simulator.Policy{})
		s.deferring("Channel", 10*time.Second)
		s.deferring("Push", 10*time.Second)
		s.deferring("Timer", 10*time.Second)
		s.register("Channel", channel())
		s.register("Push", simulator.NewPushNotificationTrigger())
		s.register("Timer", simulator.NewTimeTrigger(15, true))
		s.RunFor(15 * time.Minute)
		Expect(s.DeliverControlChannel("mail", simulator.ControlChannelPush)).To(Succeed())
		s.DeliverRawNotification("hello")
		Expect(s.SetBatterySaver(true)).To(Succeed())
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindCanceled)).To(Equal([]string{
			`+00:15:00.000 canceled  Timer task=3 instance=1 reason=EnergySaver`,
			`+00:15:00.000 canceled  Push task=2 instance=3 reason=EnergySaver`,
		}))
		Expect(s.lines(simulator.KindCompleted)).To(ContainElement(
			`+00:15:10.000 completed Channel task=1 instance=2 result=ok`))
	})

	It("holds and cancels a control channel too with Policy.HoldCriticalOnBatterySaver", func() {
		s := onBattery(simulator.Policy{HoldCriticalOnBatterySaver: true})
		s.deferring("Channel", time.Minute)
		s.register("Channel", channel())
		Expect(s.DeliverControlChannel("mail", simulator.ControlChannelPush)).To(Succeed())
		Expect(s.SetBatterySaver(true)).To(Succeed())
		Expect(s.DeliverControlChannel("mail", simulator.ControlChannelPush)).To(Succeed())
		Expect(s.lines(simulator.KindCanceled, simulator.KindLatched)).To(Equal([]string{
			`+00:00:00.000 canceled  Channel task=1 instance=1 reason=EnergySaver`,
			`+00:00:00.000 latched   Channel task=1 waiting=battery_saver pending=1`,
		}))
	})
})
