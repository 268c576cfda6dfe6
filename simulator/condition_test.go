package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

// conditionCase is one SystemConditionType: a device where it does not hold, and the change that
// makes it hold.
type conditionCase struct {
	unmet simulator.DeviceState
	hold  func(s *sim)
	held  simulator.DeviceState // a device where it holds from the start
}

var conditionCases = map[simulator.SystemConditionType]conditionCase{
	simulator.ConditionUserPresent: {
		unmet: simulator.DeviceState{User: simulator.UserAway},
		hold:  func(s *sim) { s.SetUser(simulator.UserPresent) },
		held:  simulator.DeviceState{},
	},
	simulator.ConditionUserNotPresent: {
		unmet: simulator.DeviceState{},
		hold:  func(s *sim) { s.SetUser(simulator.UserAway) },
		held:  simulator.DeviceState{User: simulator.UserAway},
	},
	simulator.ConditionInternetAvailable: {
		unmet: simulator.DeviceState{Network: simulator.NetworkLocal},
		hold:  func(s *sim) { s.SetNetwork(simulator.NetworkInternet) },
		held:  simulator.DeviceState{},
	},
	simulator.ConditionInternetNotAvailable: {
		unmet: simulator.DeviceState{},
		hold:  func(s *sim) { s.SetNetwork(simulator.NetworkNone) },
		held:  simulator.DeviceState{Network: simulator.NetworkLocal},
	},
	simulator.ConditionSessionConnected: {
		unmet: simulator.DeviceState{Session: simulator.SessionDisconnected},
		hold:  func(s *sim) { s.SetSession(simulator.SessionConnected) },
		held:  simulator.DeviceState{},
	},
	simulator.ConditionSessionDisconnected: {
		unmet: simulator.DeviceState{},
		hold:  func(s *sim) { s.SetSession(simulator.SessionDisconnected) },
		held:  simulator.DeviceState{Session: simulator.SessionDisconnected},
	},
	simulator.ConditionFreeNetworkAvailable: {
		unmet: simulator.DeviceState{NetworkCost: simulator.CostMetered},
		hold:  func(s *sim) { s.SetNetworkCost(simulator.CostFree) },
		held:  simulator.DeviceState{Network: simulator.NetworkLocal}, // any connected unmetered network [bgsim's choice]
	},
	simulator.ConditionBackgroundWorkCostNotHigh: {
		unmet: simulator.DeviceState{Power: simulator.PowerBattery, Standby: true},
		hold:  func(s *sim) { s.SetStandby(false) },
		held:  simulator.DeviceState{Power: simulator.PowerBattery},
	},
}

var _ = Describe("docs/windows-model.md#conditions Conditions", func() {
	It("the tables below have one Entry per SystemConditionType member (8)", func() {
		Expect(simulator.SystemConditionTypes()).To(HaveLen(8))
		for _, c := range simulator.SystemConditionTypes() {
			Expect(conditionCases).To(HaveKey(c), c.String())
		}
	})

	latches := func(c simulator.SystemConditionType) {
		cc := conditionCases[c]
		s := newSim(simulator.Config{Device: cc.unmet})
		s.register("T", sms(), c)
		s.raiseSMS()
		s.RunFor(time.Minute)
		cc.hold(s)
		Expect(s.lines(simulator.KindLatched, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 latched   T task=1 waiting=" + c.String() + " pending=1",
			"+00:01:00.000 run       T task=1 instance=1 trigger=System(SmsReceived)",
		}))
	}
	DescribeTable("an unmet condition latches the firing, which runs when the condition comes to hold", latches,
		Entry("UserPresent", simulator.ConditionUserPresent),
		Entry("UserNotPresent", simulator.ConditionUserNotPresent),
		Entry("InternetAvailable", simulator.ConditionInternetAvailable),
		Entry("InternetNotAvailable", simulator.ConditionInternetNotAvailable),
		Entry("SessionConnected", simulator.ConditionSessionConnected),
		Entry("SessionDisconnected", simulator.ConditionSessionDisconnected),
		Entry("FreeNetworkAvailable", simulator.ConditionFreeNetworkAvailable),
		Entry("BackgroundWorkCostNotHigh", simulator.ConditionBackgroundWorkCostNotHigh),
	)

	holds := func(c simulator.SystemConditionType) {
		s := newSim(simulator.Config{Device: conditionCases[c].held})
		s.register("T", sms(), c)
		s.raiseSMS()
		Expect(s.lines(simulator.KindLatched, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 run       T task=1 instance=1 trigger=System(SmsReceived)",
		}))
	}
	DescribeTable("a condition that holds when the trigger fires lets the task run at once", holds,
		Entry("UserPresent", simulator.ConditionUserPresent),
		Entry("UserNotPresent", simulator.ConditionUserNotPresent),
		Entry("InternetAvailable", simulator.ConditionInternetAvailable),
		Entry("InternetNotAvailable", simulator.ConditionInternetNotAvailable),
		Entry("SessionConnected", simulator.ConditionSessionConnected),
		Entry("SessionDisconnected", simulator.ConditionSessionDisconnected),
		Entry("FreeNetworkAvailable", simulator.ConditionFreeNetworkAvailable),
		Entry("BackgroundWorkCostNotHigh", simulator.ConditionBackgroundWorkCostNotHigh),
	)

	It("FreeNetworkAvailable does not hold without a connected network, even at free cost", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{Network: simulator.NetworkNone}})
		s.register("T", sms(), simulator.ConditionFreeNetworkAvailable)
		s.raiseSMS()
		Expect(s.lines(simulator.KindLatched)).To(Equal([]string{
			"+00:00:00.000 latched   T task=1 waiting=FreeNetworkAvailable pending=1",
		}))
	})

	It("is checked when the trigger fires, not at registration: a condition that held then broke latches", func() {
		s := newSim(simulator.Config{})
		s.register("T", sms(), simulator.ConditionUserPresent)
		s.SetUser(simulator.UserAway)
		s.raiseSMS()
		Expect(s.runs).To(BeZero())
		Expect(s.count(simulator.KindLatched, "T")).To(Equal(1))
	})

	It("needs all conditions (AND): the latched record names the first unmet one", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{User: simulator.UserAway, Network: simulator.NetworkNone}})
		s.register("T", sms(), simulator.ConditionUserPresent, simulator.ConditionInternetAvailable)
		s.raiseSMS()
		s.SetUser(simulator.UserPresent)
		s.raiseSMS()
		s.SetNetwork(simulator.NetworkInternet)
		Expect(s.lines(simulator.KindLatched, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 latched   T task=1 waiting=UserPresent pending=1",
			"+00:00:00.000 latched   T task=1 waiting=InternetAvailable pending=1",
			"+00:00:00.000 run       T task=1 instance=1 trigger=System(SmsReceived)",
		}))
	})

	It("several firings while latched coalesce into one run by default (LatchCoalesce)", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{User: simulator.UserAway}})
		Expect(s.Policy().LatchedFirings).To(Equal(simulator.LatchCoalesce))
		s.register("T", sms(), simulator.ConditionUserPresent)
		s.raiseSMS()
		s.raiseSMS()
		s.raiseSMS()
		s.SetUser(simulator.UserPresent)
		Expect(s.lines(simulator.KindLatched, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 latched   T task=1 waiting=UserPresent pending=1",
			"+00:00:00.000 latched   T task=1 waiting=UserPresent pending=1",
			"+00:00:00.000 latched   T task=1 waiting=UserPresent pending=1",
			"+00:00:00.000 run       T task=1 instance=1 trigger=System(SmsReceived)",
		}))
	})

	It("with Policy.LatchedFirings = LatchEachFiring every latched firing becomes its own run", func() {
		s := newSim(simulator.Config{
			Device: simulator.DeviceState{User: simulator.UserAway},
			Policy: simulator.Policy{LatchedFirings: simulator.LatchEachFiring},
		})
		s.register("T", sms(), simulator.ConditionUserPresent)
		s.raiseSMS()
		s.raiseSMS()
		s.raiseSMS()
		s.SetUser(simulator.UserPresent)
		Expect(s.lines(simulator.KindLatched, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 latched   T task=1 waiting=UserPresent pending=1",
			"+00:00:00.000 latched   T task=1 waiting=UserPresent pending=2",
			"+00:00:00.000 latched   T task=1 waiting=UserPresent pending=3",
			"+00:00:00.000 run       T task=1 instance=1 trigger=System(SmsReceived)",
			"+00:00:00.000 run       T task=1 instance=2 trigger=System(SmsReceived)",
			"+00:00:00.000 run       T task=1 instance=3 trigger=System(SmsReceived)",
		}))
	})

	It("with LatchEachFiring each latched run gets its own firing's details, oldest first", func() {
		s := newSim(simulator.Config{
			Device: simulator.DeviceState{User: simulator.UserAway},
			Policy: simulator.Policy{LatchedFirings: simulator.LatchEachFiring},
		})
		s.register("P", simulator.NewPushNotificationTrigger(), simulator.ConditionUserPresent)
		s.DeliverRawNotification("one")
		s.DeliverRawNotification("two")
		s.SetUser(simulator.UserPresent)
		s.DeliverRawNotification("three")
		Expect(s.lines(simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 run       P task=1 instance=1 trigger=PushNotification content=one",
			"+00:00:00.000 run       P task=1 instance=2 trigger=PushNotification content=two",
			"+00:00:00.000 run       P task=1 instance=3 trigger=PushNotification content=three",
		}))
	})

	It("with LatchEachFiring starts latched application-triggered runs one at a time, each with its arguments", func() {
		s := newSim(simulator.Config{
			Device: simulator.DeviceState{User: simulator.UserAway},
			Policy: simulator.Policy{LatchedFirings: simulator.LatchEachFiring},
		})
		s.deferring("A", 10*time.Second)
		s.register("A", simulator.NewApplicationTrigger(), simulator.ConditionUserPresent)
		Expect(s.RequestApplicationTrigger(map[string]string{"n": "1"})).To(Equal(simulator.SignalAllowed))
		Expect(s.RequestApplicationTrigger(map[string]string{"n": "2"})).To(Equal(simulator.SignalAllowed))
		s.SetUser(simulator.UserPresent)
		Expect(s.RequestApplicationTrigger(nil)).To(Equal(simulator.SignalCurrentlyRunning))
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindLatched, simulator.KindRun, simulator.KindCompleted)).To(Equal([]string{
			"+00:00:00.000 latched   A task=1 waiting=UserPresent pending=1",
			"+00:00:00.000 latched   A task=1 waiting=UserPresent pending=2",
			"+00:00:00.000 run       A task=1 instance=1 trigger=Application arguments=n:1",
			"+00:00:00.000 latched   A task=1 waiting=running_instance pending=1",
			"+00:00:10.000 completed A task=1 instance=1 result=ok",
			"+00:00:10.000 run       A task=1 instance=2 trigger=Application arguments=n:2",
			"+00:00:20.000 completed A task=1 instance=2 result=ok",
		}))
	})

	It("latched registrations start in registration order when a change releases them", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{User: simulator.UserAway}})
		s.register("B", simulator.NewSystemTrigger(simulator.SystemTriggerSmsReceived, false), simulator.ConditionUserPresent)
		s.register("A", sms(), simulator.ConditionUserPresent)
		s.raiseSMS()
		s.SetUser(simulator.UserPresent)
		Expect(s.lines(simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 run       B task=1 instance=1 trigger=System(SmsReceived)",
			"+00:00:00.000 run       A task=2 instance=2 trigger=System(SmsReceived)",
		}))
	})

	It("contradictory conditions (UserPresent + UserNotPresent) are accepted and the task never runs", func() {
		s := newSim(simulator.Config{})
		r := s.register("T", sms(), simulator.ConditionUserPresent, simulator.ConditionUserNotPresent)
		Expect(r.Conditions()).To(Equal([]simulator.SystemConditionType{simulator.ConditionUserPresent, simulator.ConditionUserNotPresent}))
		for i := 0; i < 3; i++ {
			s.raiseSMS()
			s.SetUser(simulator.UserAway)
			s.raiseSMS()
			s.SetUser(simulator.UserPresent)
		}
		Expect(s.runs).To(BeZero())
		Expect(s.count(simulator.KindLatched, "T")).To(Equal(6))
	})

	It("a duplicate condition has no effect", func() {
		s := newSim(simulator.Config{})
		r := s.register("T", sms(), simulator.ConditionUserPresent, simulator.ConditionUserPresent)
		Expect(r.Conditions()).To(Equal([]simulator.SystemConditionType{simulator.ConditionUserPresent}))
		Expect(s.lines(simulator.KindRegister)).To(Equal([]string{
			"+00:00:00.000 register  T task=1 trigger=System(SmsReceived) conditions=UserPresent entry_point=Tasks.All",
		}))
		s.raiseSMS()
		Expect(s.runs).To(Equal(1))
	})

	It("docs/windows-model.md#task-builder only conditions added before Register count", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{User: simulator.UserAway}})
		b := s.builder("T", sms())
		r, err := b.Register()
		Expect(err).NotTo(HaveOccurred())
		b.AddCondition(simulator.ConditionUserPresent)
		s.raiseSMS()
		Expect(r.Conditions()).To(BeEmpty())
		Expect(s.runs).To(Equal(1))
	})

	It("docs/windows-model.md#task-builder #connected-standby connected standby hides the network from a task without IsNetworkRequested", func() {
		s := newSim(simulator.Config{})
		s.register("Plain", sms(), simulator.ConditionInternetAvailable)
		b := s.builder("Requested", sms(), simulator.ConditionInternetAvailable)
		b.IsNetworkRequested = true
		_, err := b.Register()
		Expect(err).NotTo(HaveOccurred())
		s.register("Offline", sms(), simulator.ConditionInternetNotAvailable)
		s.SetStandby(true)
		s.raiseSMS()
		s.RunFor(time.Minute)
		s.SetStandby(false)
		Expect(s.lines(simulator.KindLatched, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 latched   Plain task=1 waiting=InternetAvailable pending=1",
			"+00:00:00.000 run       Requested task=2 instance=1 trigger=System(SmsReceived)",
			"+00:00:00.000 run       Offline task=3 instance=2 trigger=System(SmsReceived)",
			"+00:01:00.000 run       Plain task=1 instance=3 trigger=System(SmsReceived)",
		}))
		Expect(s.lines(simulator.KindRegister)[1]).To(Equal(
			"+00:00:00.000 register  Requested task=2 trigger=System(SmsReceived) conditions=InternetAvailable entry_point=Tasks.All network_requested=true"))
	})

	It("a latched activation waits until unregistered, and is dropped then", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{User: simulator.UserAway}})
		r := s.register("T", sms(), simulator.ConditionUserPresent)
		s.raiseSMS()
		s.RunFor(30 * 24 * time.Hour)
		r.Unregister(false)
		s.SetUser(simulator.UserPresent)
		Expect(s.runs).To(BeZero())
	})
})
