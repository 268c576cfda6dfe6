package simulator_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#control-channel-triggers ControlChannelTrigger", func() {
	var s *sim
	BeforeEach(func() { s = newSim(simulator.Config{}) })
	channel := func(id string, r simulator.ControlChannelResourceType) simulator.Trigger {
		t, err := simulator.NewControlChannelTrigger(id, 15, r)
		Expect(err).NotTo(HaveOccurred())
		return t
	}

	It("gets a software slot by default and runs on push and keep-alive with the event as TriggerDetails", func() {
		var got []*simulator.ControlChannelTriggerEventDetails
		s.behave["C"] = func(in *simulator.Instance) {
			got = append(got, in.TriggerDetails().(*simulator.ControlChannelTriggerEventDetails))
		}
		r := s.register("C", channel("mail", 0))
		Expect(r.ControlChannelStatus()).To(Equal(simulator.SoftwareSlotAllocated))
		Expect(s.DeliverControlChannel("mail", simulator.ControlChannelPush)).To(Succeed())
		Expect(s.DeliverControlChannel("mail", simulator.ControlChannelKeepAlive)).To(Succeed())
		Expect(s.DeliverControlChannel("other", simulator.ControlChannelPush)).To(Succeed())
		Expect(s.lines(simulator.KindRegister, simulator.KindEvent, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 register  C task=1 trigger=ControlChannel(mail,15m,software) entry_point=Tasks.All",
			"+00:00:00.000 event     C task=1 control_channel=mail status=SoftwareSlotAllocated",
			"+00:00:00.000 event     control_channel=mail event=push",
			"+00:00:00.000 run       C task=1 instance=1 trigger=ControlChannel(mail,15m,software) channel=mail event=push",
			"+00:00:00.000 event     control_channel=mail event=keep_alive",
			"+00:00:00.000 run       C task=1 instance=2 trigger=ControlChannel(mail,15m,software) channel=mail event=keep_alive",
			"+00:00:00.000 event     control_channel=other event=push",
		}))
		Expect(got[1]).To(Equal(&simulator.ControlChannelTriggerEventDetails{ChannelID: "mail", Event: simulator.ControlChannelKeepAlive}))
	})

	It("delivers in connected standby only through a hardware slot", func() {
		s.register("Soft", channel("a", simulator.RequestSoftwareSlot))
		hw := s.register("Hard", channel("b", simulator.RequestHardwareSlot))
		Expect(hw.ControlChannelStatus()).To(Equal(simulator.HardwareSlotAllocated))
		s.SetStandby(true)
		Expect(s.DeliverControlChannel("a", simulator.ControlChannelPush)).To(Succeed())
		Expect(s.DeliverControlChannel("b", simulator.ControlChannelPush)).To(Succeed())
		Expect(s.count(simulator.KindRun, "Soft")).To(Equal(0))
		Expect(s.count(simulator.KindRun, "Hard")).To(Equal(1))
		Expect(s.lines(simulator.KindEvent)).To(ContainElement(
			"+00:00:00.000 event     Soft task=1 control_channel=a event=push not_delivered=standby_software_slot"))
		s.SetStandby(false)
		Expect(s.DeliverControlChannel("a", simulator.ControlChannelPush)).To(Succeed())
		Expect(s.count(simulator.KindRun, "Soft")).To(Equal(1))
	})

	It("answers PolicyError past the slots policy permits, and such a channel delivers nothing", func() {
		for i := range simulator.MaxHardwareSlots {
			Expect(s.register("H", channel(string(rune('a'+i)), simulator.RequestHardwareSlot)).ControlChannelStatus()).
				To(Equal(simulator.HardwareSlotAllocated))
		}
		over := s.register("Over", channel("z", simulator.RequestHardwareSlot))
		Expect(over.ControlChannelStatus()).To(Equal(simulator.ControlChannelPolicyError))
		Expect(s.DeliverControlChannel("z", simulator.ControlChannelPush)).To(Succeed())
		Expect(s.count(simulator.KindRun, "Over")).To(Equal(0))
		Expect(s.lines(simulator.KindEvent)).To(ContainElement(
			"+00:00:00.000 event     Over task=3 control_channel=z event=push not_delivered=PolicyError"))
		s.AllTasks()[0].Unregister(false)
		Expect(s.register("Again", channel("y", simulator.RequestHardwareSlot)).ControlChannelStatus()).
			To(Equal(simulator.HardwareSlotAllocated), "an unregistered channel frees its slot")
		for range simulator.MaxSoftwareSlots {
			s.register("S", channel("s", 0))
		}
		Expect(s.register("S", channel("s", 0)).ControlChannelStatus()).To(Equal(simulator.ControlChannelPolicyError))
	})

	DescribeTable("refuses the arguments Windows refuses, in the constructor and at Register",
		func(id string, minutes uint32, want string) {
			_, err := simulator.NewControlChannelTrigger(id, minutes, simulator.RequestSoftwareSlot)
			Expect(err).To(MatchError(ContainSubstring(want)))
			_, err = s.builder("C", &simulator.ControlChannelTrigger{ChannelID: id, ServerKeepAlive: minutes, Resource: simulator.RequestSoftwareSlot}).Register()
			Expect(err).To(MatchError(simulator.ErrInvalidTrigger))
			Expect(err).To(MatchError(ContainSubstring(want)))
		},
		Entry("a channel id over 64 characters", strings.Repeat("é", 65), uint32(15), "channel id of 65 characters, at most 64 allowed"),
		Entry("an empty channel id", "", uint32(15), "empty channel id"),
		Entry("a keep-alive under 15 minutes", "c", uint32(14), "server keep-alive of 14 minutes, want 15 to 1439"),
		Entry("a keep-alive over 1439 minutes", "c", uint32(1440), "server keep-alive of 1440 minutes"),
	)

	It("takes the limits themselves, and needs a controlChannel declaration", func() {
		_, err := simulator.NewControlChannelTrigger(strings.Repeat("x", 64), 1439, 0)
		Expect(err).NotTo(HaveOccurred())
		b := s.builder("C", channel("c", 0))
		b.TaskEntryPoint = epSystem
		_, err = b.Register()
		Expect(err).To(MatchError(ContainSubstring("does not declare task type controlChannel")))
	})

	It("refuses a delivery without an id or with an invalid event, writing nothing", func() {
		Expect(s.DeliverControlChannel("", simulator.ControlChannelPush)).To(MatchError(ContainSubstring("empty channel id")))
		Expect(s.DeliverControlChannel("c", simulator.ControlChannelEventInvalid)).To(MatchError(ContainSubstring("is not push or keep_alive")))
		Expect(s.lines()).To(BeEmpty())
	})
})
