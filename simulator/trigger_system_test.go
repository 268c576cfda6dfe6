package simulator_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

// causes makes each SystemTriggerType happen exactly once per call, starting from the zero
// Config's device (state-following events toggle the state, or set it up first).
var causes = map[simulator.SystemTriggerType]func(s *sim){
	simulator.SystemTriggerSmsReceived: func(s *sim) { Expect(s.RaiseSystemEvent(simulator.SystemTriggerSmsReceived)).To(Succeed()) },
	simulator.SystemTriggerUserPresent: func(s *sim) { s.SetUser(simulator.UserAway); s.SetUser(simulator.UserPresent) },
	simulator.SystemTriggerUserAway:    func(s *sim) { s.SetUser(simulator.UserPresent); s.SetUser(simulator.UserAway) },
	simulator.SystemTriggerNetworkStateChange: func(s *sim) {
		s.SetNetworkCost(map[simulator.NetworkCost]simulator.NetworkCost{
			simulator.CostFree: simulator.CostMetered, simulator.CostMetered: simulator.CostFree,
		}[s.Device().NetworkCost])
	},
	simulator.SystemTriggerControlChannelReset: func(s *sim) {
		Expect(s.RaiseSystemEvent(simulator.SystemTriggerControlChannelReset)).To(Succeed())
	},
	simulator.SystemTriggerInternetAvailable: func(s *sim) {
		s.SetNetwork(simulator.NetworkNone)
		s.SetNetwork(simulator.NetworkInternet)
	},
	simulator.SystemTriggerSessionConnected: func(s *sim) {
		s.SetSession(simulator.SessionDisconnected)
		s.SetSession(simulator.SessionConnected)
	},
	simulator.SystemTriggerServicingComplete:          func(s *sim) { s.UpdateApp() },
	simulator.SystemTriggerLockScreenApplicationAdded: func(s *sim) { s.SetLockScreen(false); s.SetLockScreen(true) },
	simulator.SystemTriggerLockScreenApplicationRemoved: func(s *sim) {
		s.SetLockScreen(true)
		s.SetLockScreen(false)
	},
	simulator.SystemTriggerTimeZoneChange: func(s *sim) {
		zone := "Asia/Tokyo"
		if s.Device().TimeZone == zone {
			zone = "UTC"
		}
		Expect(s.SetTimeZone(zone)).To(Succeed())
	},
	simulator.SystemTriggerOnlineIdConnectedStateChange: func(s *sim) {
		Expect(s.RaiseSystemEvent(simulator.SystemTriggerOnlineIdConnectedStateChange)).To(Succeed())
	},
	simulator.SystemTriggerBackgroundWorkCostChange: togglePower,
	simulator.SystemTriggerPowerStateChange:         togglePower,
	simulator.SystemTriggerDefaultSignInAccountChange: func(s *sim) {
		Expect(s.RaiseSystemEvent(simulator.SystemTriggerDefaultSignInAccountChange)).To(Succeed())
	},
}

func togglePower(s *sim) {
	if s.Device().Power == simulator.PowerAC {
		s.SetPower(simulator.PowerBattery)
	} else {
		s.SetPower(simulator.PowerAC)
	}
}

var _ = Describe("docs/windows-model.md#system-triggers SystemTrigger", func() {
	var s *sim
	BeforeEach(func() { s = newSim(simulator.Config{}) })

	It("the table below has one Entry per SystemTriggerType member (15)", func() {
		Expect(simulator.SystemTriggerTypes()).To(HaveLen(15))
		for _, t := range simulator.SystemTriggerTypes() {
			Expect(causes).To(HaveKey(t), t.String())
		}
	})

	everyType := func(t simulator.SystemTriggerType) {
		s.register("T", simulator.NewSystemTrigger(t, false))
		causes[t](s)
		Expect(s.lines(simulator.KindRun, simulator.KindCompleted, simulator.KindDelivered)).To(Equal([]string{
			"+00:00:00.000 run       T task=1 instance=1 trigger=System(" + t.String() + ")",
			"+00:00:00.000 completed T task=1 instance=1 result=ok",
			"+00:00:00.000 delivered T task=1 instance=1 result=ok",
		}))
		causes[t](s) // a recurring trigger fires on every occurrence
		Expect(s.count(simulator.KindRun, "T")).To(Equal(2))
	}
	DescribeTable("every SystemTriggerType can be registered and fires on every occurrence", everyType,
		Entry("SmsReceived", simulator.SystemTriggerSmsReceived),
		Entry("UserPresent", simulator.SystemTriggerUserPresent),
		Entry("UserAway", simulator.SystemTriggerUserAway),
		Entry("NetworkStateChange", simulator.SystemTriggerNetworkStateChange),
		Entry("ControlChannelReset", simulator.SystemTriggerControlChannelReset),
		Entry("InternetAvailable", simulator.SystemTriggerInternetAvailable),
		Entry("SessionConnected", simulator.SystemTriggerSessionConnected),
		Entry("ServicingComplete", simulator.SystemTriggerServicingComplete),
		Entry("LockScreenApplicationAdded", simulator.SystemTriggerLockScreenApplicationAdded),
		Entry("LockScreenApplicationRemoved", simulator.SystemTriggerLockScreenApplicationRemoved),
		Entry("TimeZoneChange", simulator.SystemTriggerTimeZoneChange),
		Entry("OnlineIdConnectedStateChange", simulator.SystemTriggerOnlineIdConnectedStateChange),
		Entry("BackgroundWorkCostChange", simulator.SystemTriggerBackgroundWorkCostChange),
		Entry("PowerStateChange", simulator.SystemTriggerPowerStateChange),
		Entry("DefaultSignInAccountChange", simulator.SystemTriggerDefaultSignInAccountChange),
	)

	It("a one-shot trigger runs on the next occurrence only, and stays listed in AllTasks", func() {
		r := s.register("Once", simulator.NewSystemTrigger(simulator.SystemTriggerUserAway, true))
		s.SetUser(simulator.UserAway)
		s.SetUser(simulator.UserPresent)
		s.SetUser(simulator.UserAway)
		Expect(s.runAt("Once")).To(HaveLen(1))
		Expect(s.AllTasks()).To(Equal([]*simulator.Registration{r}))
		Expect(r.Unregistered()).To(BeFalse())
		Expect(r.Trigger().String()).To(Equal("System(UserAway,one_shot)"))
	})

	It("every matching registration runs, in registration order", func() {
		s.register("A", sms())
		s.register("Other", simulator.NewSystemTrigger(simulator.SystemTriggerUserAway, false))
		s.register("B", sms())
		s.raiseSMS()
		Expect(s.lines(simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 run       A task=1 instance=1 trigger=System(SmsReceived)",
			"+00:00:00.000 run       B task=3 instance=2 trigger=System(SmsReceived)",
		}))
	})

	It("doc: a registration made during a dispatch does not see that event", func() {
		s.behave["A"] = func(in *simulator.Instance) {
			if s.count(simulator.KindRegister, "Late") == 0 {
				s.register("Late", sms())
			}
		}
		s.register("A", sms())
		s.raiseSMS()
		Expect(s.runAt("Late")).To(BeEmpty())
		s.raiseSMS()
		Expect(s.runAt("Late")).To(HaveLen(1))
	})

	It("doc: task code may unregister registrations during a dispatch; the others still run, in order", func() {
		s.behave["A"] = func(in *simulator.Instance) { in.Task().Unregister(false) }
		s.register("A", sms())
		s.register("B", sms())
		s.register("C", sms())
		s.raiseSMS()
		Expect(s.lines(simulator.KindRun, simulator.KindUnregister)).To(Equal([]string{
			"+00:00:00.000 run       A task=1 instance=1 trigger=System(SmsReceived)",
			"+00:00:00.000 unregister A task=1 cancel=false",
			"+00:00:00.000 run       B task=2 instance=2 trigger=System(SmsReceived)",
			"+00:00:00.000 run       C task=3 instance=3 trigger=System(SmsReceived)",
		}))
		Expect(s.AllTasks()).To(HaveLen(2))
	})

	It("doc: Ordering rules: a device change runs its record, then cancellations, then its events, then latched starts", func() {
		s.hanging("Online")
		b := s.builder("Online", simulator.NewSystemTrigger(simulator.SystemTriggerUserAway, false), simulator.ConditionInternetAvailable)
		b.CancelOnConditionLoss = true
		_, err := b.Register()
		Expect(err).NotTo(HaveOccurred())
		s.register("Offline", sms(), simulator.ConditionInternetNotAvailable)
		s.register("Net", simulator.NewSystemTrigger(simulator.SystemTriggerNetworkStateChange, false))
		s.SetUser(simulator.UserAway)
		s.raiseSMS()
		s.SetNetwork(simulator.NetworkNone)
		lines := s.lines()
		Expect(lines[len(lines)-9:]).To(Equal([]string{
			"+00:00:00.000 device    network=none",
			"+00:00:00.000 canceled  Online task=1 instance=1 reason=ConditionLoss",
			"+00:00:00.000 event     NetworkStateChange",
			"+00:00:00.000 run       Net task=3 instance=2 trigger=System(NetworkStateChange)",
			"+00:00:00.000 completed Net task=3 instance=2 result=ok",
			"+00:00:00.000 delivered Net task=3 instance=2 result=ok",
			"+00:00:00.000 run       Offline task=2 instance=3 trigger=System(SmsReceived)",
			"+00:00:00.000 completed Offline task=2 instance=3 result=ok",
			"+00:00:00.000 delivered Offline task=2 instance=3 result=ok",
		}))
	})
})
