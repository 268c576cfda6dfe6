package simulator_test

import (
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

	It("with Policy.HoldCriticalOnBatterySaver, is held by Battery Saver and runs with the latest notification when it ends", func() {
		s = newSim(simulator.Config{Device: simulator.DeviceState{Power: simulator.PowerBattery},
			Policy: simulator.Policy{HoldCriticalOnBatterySaver: true}})
		Expect(s.SetBatterySaver(true)).To(Succeed())
		s.register("P", simulator.NewPushNotificationTrigger())
		s.DeliverRawNotification("a")
		s.DeliverRawNotification("b")
		Expect(s.count(simulator.KindRun, "P")).To(Equal(0))
		Expect(s.lines(simulator.KindLatched)).To(Equal([]string{
			"+00:00:00.000 latched   P task=1 waiting=battery_saver pending=1",
			"+00:00:00.000 latched   P task=1 waiting=battery_saver pending=1",
		}))
		Expect(s.SetBatterySaver(false)).To(Succeed())
		Expect(s.lines(simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 run       P task=1 instance=1 trigger=PushNotification content=b",
		}))
	})
})
