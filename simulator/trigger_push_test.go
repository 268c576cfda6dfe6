package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#push-notification-triggers PushNotificationTrigger", func() {
	var s *sim
	BeforeEach(func() { s = newSim(simulator.Config{}) })

	It("runs every push registration, in registration order, with the raw notification as TriggerDetails", func() {
		var got []string
		s.behave["P"] = func(in *simulator.Instance) {
			got = append(got, in.TriggerDetails().(*simulator.RawNotification).Content)
		}
		s.register("P", simulator.NewPushNotificationTrigger())
		s.register("Q", simulator.NewPushNotificationTrigger())
		s.DeliverRawNotification("new mail")
		Expect(s.lines(simulator.KindEvent, simulator.KindRun)).To(Equal([]string{
			`+00:00:00.000 event     raw_notification="new mail"`,
			`+00:00:00.000 run       P task=1 instance=1 trigger=PushNotification content="new mail"`,
			`+00:00:00.000 run       Q task=2 instance=2 trigger=PushNotification content="new mail"`,
		}))
		Expect(got).To(Equal([]string{"new mail"}))
	})

	It("needs a pushNotification declaration", func() {
		b := s.builder("P", simulator.NewPushNotificationTrigger())
		b.TaskEntryPoint = epSystem
		_, err := b.Register()
		Expect(err).To(MatchError(ContainSubstring("does not declare task type pushNotification for PushNotification")))
	})

	It("is not received while Battery Saver is on, whatever the policy: nothing runs, latches or runs later", func() {
		for _, pol := range []simulator.Policy{{}, {HoldCriticalOnBatterySaver: true}} {
			s = newSim(simulator.Config{Device: simulator.DeviceState{Power: simulator.PowerBattery}, Policy: pol})
			Expect(s.SetBatterySaver(true)).To(Succeed())
			s.register("P", simulator.NewPushNotificationTrigger())
			s.DeliverRawNotification("a")
			Expect(s.SetBatterySaver(false)).To(Succeed())
			s.RunFor(time.Hour)
			Expect(s.count(simulator.KindRun, "P")).To(Equal(0))
			Expect(s.count(simulator.KindLatched, "P")).To(Equal(0))
			Expect(s.lines(simulator.KindEvent)).To(Equal([]string{
				"+00:00:00.000 event     raw_notification=a not_delivered=battery_saver"}))
		}
	})

	It("is received under Battery Saver by an app the user lets run always", func() {
		s = newSim(simulator.Config{Device: simulator.DeviceState{Power: simulator.PowerBattery},
			App: simulator.AppConfig{Access: simulator.AccessAlwaysAllowed}})
		Expect(s.SetBatterySaver(true)).To(Succeed())
		s.register("P", simulator.NewPushNotificationTrigger())
		s.DeliverRawNotification("a")
		Expect(s.runAt("P")).To(Equal([]time.Duration{0}))
	})
})
