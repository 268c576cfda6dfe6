package simulator_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#socket-activity-triggers SocketActivityTrigger", func() {
	var s *sim
	BeforeEach(func() { s = newSim(simulator.Config{}) })

	It("runs the task with the reason and the socket in its TriggerDetails", func() {
		var got []*simulator.SocketActivityTriggerDetails
		s.behave["S"] = func(in *simulator.Instance) {
			got = append(got, in.TriggerDetails().(*simulator.SocketActivityTriggerDetails))
		}
		r := s.register("S", simulator.NewSocketActivityTrigger())
		Expect(s.DeliverSocketActivity("S", "listener", simulator.SocketReasonConnection)).To(Succeed())
		Expect(s.lines(simulator.KindEvent, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 event     S task=1 socket_activity=listener reason=ConnectionAccepted",
			"+00:00:00.000 run       S task=1 instance=1 trigger=SocketActivity reason=ConnectionAccepted socket=listener",
		}))
		Expect(got).To(HaveLen(1))
		Expect(got[0].Reason).To(Equal(simulator.SocketReasonConnection))
		Expect(got[0].SocketInformation).To(Equal(simulator.SocketActivityInformation{ID: "listener", TaskID: r.TaskID()}))
	})

	It("delivers nothing more on a socket until the task transfers ownership back, and says so", func() {
		ins := s.hanging("S")
		s.register("S", simulator.NewSocketActivityTrigger())
		Expect(s.DeliverSocketActivity("S", "s1", simulator.SocketReasonActivity)).To(Succeed())
		Expect(s.DeliverSocketActivity("S", "s1", simulator.SocketReasonKeepAlive)).To(Succeed())
		Expect(s.DeliverSocketActivity("S", "s2", simulator.SocketReasonActivity)).To(Succeed(), "another socket is not held")
		Expect(s.count(simulator.KindRun, "S")).To(Equal(2))
		(*ins)[0].TransferOwnership("s1")
		Expect(s.DeliverSocketActivity("S", "s1", simulator.SocketReasonClosed)).To(Succeed())
		Expect(s.count(simulator.KindRun, "S")).To(Equal(3))
		Expect(s.lines(simulator.KindEvent)).To(Equal([]string{
			"+00:00:00.000 event     S task=1 socket_activity=s1 reason=SocketActivity",
			"+00:00:00.000 event     S task=1 socket_activity=s1 reason=KeepAliveTimerExpired not_delivered=owned_by_task",
			"+00:00:00.000 event     S task=1 socket_activity=s2 reason=SocketActivity",
			"+00:00:00.000 event     S task=1 instance=1 transfer_ownership=s1",
			"+00:00:00.000 event     S task=1 socket_activity=s1 reason=SocketClosed",
		}))
	})

	It("keeps the socket with the task after an instance that never transferred it back finished", func() {
		s.register("S", simulator.NewSocketActivityTrigger())
		Expect(s.DeliverSocketActivity("S", "s1", simulator.SocketReasonActivity)).To(Succeed())
		Expect(s.DeliverSocketActivity("S", "s1", simulator.SocketReasonActivity)).To(Succeed())
		Expect(s.count(simulator.KindRun, "S")).To(Equal(1))
		Expect(s.count(simulator.KindCompleted, "S")).To(Equal(1))
	})

	It("does nothing once the instance has finished: its host is gone", func() {
		var inst *simulator.Instance
		s.behave["S"] = func(in *simulator.Instance) { inst = in }
		s.register("S", simulator.NewSocketActivityTrigger())
		Expect(s.DeliverSocketActivity("S", "s1", simulator.SocketReasonActivity)).To(Succeed())
		inst.TransferOwnership("s1")
		Expect(s.DeliverSocketActivity("S", "s1", simulator.SocketReasonActivity)).To(Succeed())
		Expect(s.count(simulator.KindRun, "S")).To(Equal(1))
	})

	It("names the task when no live registration of that name has a socket activity trigger", func() {
		r := s.register("S", simulator.NewSocketActivityTrigger())
		r.Unregister(false)
		s.register("T", simulator.NewSystemTrigger(simulator.SystemTriggerSmsReceived, false))
		Expect(s.DeliverSocketActivity("S", "s1", simulator.SocketReasonActivity)).To(Succeed())
		Expect(s.DeliverSocketActivity("T", "s1", simulator.SocketReasonActivity)).To(Succeed())
		Expect(s.lines(simulator.KindEvent)).To(Equal([]string{
			"+00:00:00.000 event     S socket_activity=s1 reason=SocketActivity not_delivered=no_registration",
			"+00:00:00.000 event     T socket_activity=s1 reason=SocketActivity not_delivered=no_registration",
		}))
		Expect(s.count(simulator.KindRun, "")).To(Equal(0))
	})

	It("latches like any trigger while a condition does not hold; the task owns the socket from the firing", func() {
		s.SetNetwork(simulator.NetworkNone)
		s.register("S", simulator.NewSocketActivityTrigger(), simulator.ConditionInternetAvailable)
		Expect(s.DeliverSocketActivity("S", "s1", simulator.SocketReasonActivity)).To(Succeed())
		Expect(s.DeliverSocketActivity("S", "s1", simulator.SocketReasonActivity)).To(Succeed())
		Expect(s.count(simulator.KindLatched, "S")).To(Equal(1))
		s.SetNetwork(simulator.NetworkInternet)
		Expect(s.lines(simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 run       S task=1 instance=1 trigger=SocketActivity reason=SocketActivity socket=s1",
		}))
	})

	It("refuses an empty socket id or an invalid reason, writing nothing", func() {
		s.register("S", simulator.NewSocketActivityTrigger())
		Expect(s.DeliverSocketActivity("S", "", simulator.SocketReasonActivity)).To(MatchError(ContainSubstring("empty socket id")))
		Expect(s.DeliverSocketActivity("S", "s1", simulator.SocketReasonInvalid)).To(MatchError(ContainSubstring("SocketActivityTriggerReason(0)")))
		Expect(s.lines(simulator.KindEvent)).To(BeEmpty())
	})

	It("needs a systemEvent declaration, as in Microsoft's SocketActivityStreamSocket sample", func() {
		b := s.builder("S", simulator.NewSocketActivityTrigger())
		b.TaskEntryPoint = epTimer
		_, err := b.Register()
		Expect(err).To(MatchError(simulator.ErrClassNotRegistered))
		b.TaskEntryPoint = epSystem
		_, err = b.Register()
		Expect(err).NotTo(HaveOccurred())
	})

	It("parses and lists the SocketActivityTriggerReason members that activate a task", func() {
		Expect(simulator.SocketActivityTriggerReasons()).To(HaveLen(4))
		for _, r := range simulator.SocketActivityTriggerReasons() {
			back, err := simulator.ParseSocketActivityTriggerReason(r.String())
			Expect(err).NotTo(HaveOccurred())
			Expect(back).To(Equal(r))
		}
		_, err := simulator.ParseSocketActivityTriggerReason("None")
		Expect(err).To(MatchError(ContainSubstring(`unknown SocketActivityTriggerReason "None"`)))
	})
})
