package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#system-triggers SystemTrigger events caused by device changes (edge-triggered [bgsim's choice])", func() {
	var s *sim
	// changes returns the device, event and app lines of the trace.
	changes := func() []string {
		return s.lines(simulator.KindDevice, simulator.KindEvent, simulator.KindApp)
	}
	BeforeEach(func() { s = newSim(simulator.Config{}) })

	It("starts from the documented zero Config: UTC, internet on a free network, AC, user present, session connected, a full battery", func() {
		Expect(s.Device()).To(Equal(simulator.DeviceState{
			TimeZone: "UTC", Network: simulator.NetworkInternet, NetworkCost: simulator.CostFree,
			Power: simulator.PowerAC, User: simulator.UserPresent, Session: simulator.SessionConnected,
			BatteryLevel: 100, StandbyTasks: simulator.StandbyTasksSupported,
		}))
		Expect(s.AppState()).To(Equal(simulator.AppForeground))
		Expect(s.AccessStatus()).To(Equal(simulator.AccessAllowedSubjectToSystemPolicy))
		Expect(s.Device().WorkCost()).To(Equal(simulator.WorkCostLow))
	})

	Describe("TimeZoneChange fires only when the UTC offset changes (\"only if the system time actually changes\")", func() {
		BeforeEach(func() { s = newSim(simulator.Config{Device: simulator.DeviceState{TimeZone: "Europe/Berlin"}}) })

		It("Europe/Berlin → Europe/Paris (same offset) records the device change and fires nothing", func() {
			Expect(s.SetTimeZone("Europe/Paris")).To(Succeed())
			Expect(changes()).To(Equal([]string{"+00:00:00.000 device    time_zone=Europe/Paris offset=+01:00"}))
			Expect(s.Device().TimeZone).To(Equal("Europe/Paris"))
		})

		It("Europe/Berlin → America/New_York fires TimeZoneChange", func() {
			Expect(s.SetTimeZone("America/New_York")).To(Succeed())
			Expect(changes()).To(Equal([]string{
				"+00:00:00.000 device    time_zone=America/New_York offset=-05:00",
				"+00:00:00.000 event     TimeZoneChange",
			}))
			Expect(s.UTCOffset()).To(Equal(-5 * time.Hour))
		})

		It("an unknown zone is an error and changes nothing", func() {
			Expect(s.SetTimeZone("Mars/Olympus_Mons")).To(MatchError(ContainSubstring("cannot set time zone")))
			Expect(s.Device().TimeZone).To(Equal("Europe/Berlin"))
			Expect(changes()).To(BeEmpty())
		})
	})

	Describe("TimeZoneChange on a DST transition of the current zone (\"including DST adjustment\")", func() {
		It("fires with dst_transition=true at Europe/Berlin 2026-03-29T01:00:00Z, and Run sees that instant", func() {
			s = newSim(simulator.Config{
				Start:  time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
				Device: simulator.DeviceState{TimeZone: "Europe/Berlin"},
			})
			var ranAt []time.Time
			s.behave["TZ"] = func(in *simulator.Instance) { ranAt = append(ranAt, in.Now()) }
			s.register("TZ", simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
			s.RunUntil(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC))
			Expect(changes()).To(Equal([]string{
				"+28d01:00:00.000 device    time_zone=Europe/Berlin offset=+02:00 dst_transition=true",
				"+28d01:00:00.000 event     TimeZoneChange",
				"+238d01:00:00.000 device    time_zone=Europe/Berlin offset=+01:00 dst_transition=true",
				"+238d01:00:00.000 event     TimeZoneChange",
			}))
			Expect(ranAt).To(Equal([]time.Time{
				time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC),
				time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC),
			}))
		})

		It("follows the new zone's transitions after SetTimeZone, not the old one's", func() {
			s = newSim(simulator.Config{
				Start:  time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
				Device: simulator.DeviceState{TimeZone: "Europe/Berlin"},
			})
			Expect(s.SetTimeZone("America/New_York")).To(Succeed())
			s.RunUntil(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
			Expect(changes()).To(Equal([]string{
				"+00:00:00.000 device    time_zone=America/New_York offset=-05:00",
				"+00:00:00.000 event     TimeZoneChange",
				"+7d07:00:00.000 device    time_zone=America/New_York offset=-04:00 dst_transition=true",
				"+7d07:00:00.000 event     TimeZoneChange",
			}))
		})

		It("stops following the old zone's DST after a same-offset change to a zone without DST (Berlin → Africa/Lagos)", func() {
			s = newSim(simulator.Config{
				Start:  time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
				Device: simulator.DeviceState{TimeZone: "Europe/Berlin"},
			})
			Expect(s.SetTimeZone("Africa/Lagos")).To(Succeed())
			s.RunUntil(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC))
			Expect(changes()).To(Equal([]string{"+00:00:00.000 device    time_zone=Africa/Lagos offset=+01:00"}))
			Expect(s.UTCOffset()).To(Equal(time.Hour))
		})

		It("UTCOffset follows the DST of the current zone", func() {
			s = newSim(simulator.Config{
				Start:  time.Date(2026, 3, 29, 0, 59, 0, 0, time.UTC),
				Device: simulator.DeviceState{TimeZone: "Europe/Berlin"},
			})
			Expect(s.UTCOffset()).To(Equal(time.Hour))
			s.RunFor(time.Minute)
			Expect(s.UTCOffset()).To(Equal(2 * time.Hour))
		})

		It("never fires in UTC, which has no transitions", func() {
			s.RunFor(400 * 24 * time.Hour)
			Expect(changes()).To(BeEmpty())
			Expect(s.Pending()).To(BeZero())
		})
	})

	Describe("network", func() {
		It("InternetAvailable fires only on the way to internet; NetworkStateChange on every level change", func() {
			s.SetNetwork(simulator.NetworkNone)
			s.SetNetwork(simulator.NetworkLocal)
			s.SetNetwork(simulator.NetworkInternet)
			s.SetNetwork(simulator.NetworkInternet) // no change: nothing
			s.SetNetwork(simulator.NetworkLocal)
			Expect(changes()).To(Equal([]string{
				"+00:00:00.000 device    network=none",
				"+00:00:00.000 event     NetworkStateChange",
				"+00:00:00.000 device    network=local",
				"+00:00:00.000 event     NetworkStateChange",
				"+00:00:00.000 device    network=internet",
				"+00:00:00.000 event     NetworkStateChange",
				"+00:00:00.000 event     InternetAvailable",
				"+00:00:00.000 device    network=local",
				"+00:00:00.000 event     NetworkStateChange",
			}))
		})

		It("NetworkStateChange fires on a cost change (\"cost or connectivity\")", func() {
			s.SetNetworkCost(simulator.CostMetered)
			s.SetNetworkCost(simulator.CostMetered)
			s.SetNetworkCost(simulator.CostFree)
			Expect(changes()).To(Equal([]string{
				"+00:00:00.000 device    network_cost=metered",
				"+00:00:00.000 event     NetworkStateChange",
				"+00:00:00.000 device    network_cost=free",
				"+00:00:00.000 event     NetworkStateChange",
			}))
		})
	})

	Describe("power and docs/windows-model.md#background-work-cost BackgroundWorkCost", func() {
		It("AC → battery fires PowerStateChange then BackgroundWorkCostChange (Low → Medium), and back", func() {
			s.SetPower(simulator.PowerBattery)
			Expect(s.Device().WorkCost()).To(Equal(simulator.WorkCostMedium))
			s.SetPower(simulator.PowerAC)
			Expect(s.Device().WorkCost()).To(Equal(simulator.WorkCostLow))
			Expect(changes()).To(Equal([]string{
				"+00:00:00.000 device    power=battery",
				"+00:00:00.000 event     PowerStateChange",
				"+00:00:00.000 event     BackgroundWorkCostChange",
				"+00:00:00.000 device    power=ac",
				"+00:00:00.000 event     PowerStateChange",
				"+00:00:00.000 event     BackgroundWorkCostChange",
			}))
		})

		It("standby on battery changes the cost Medium → High and fires BackgroundWorkCostChange", func() {
			s.SetPower(simulator.PowerBattery)
			s.SetStandby(true)
			Expect(s.Device().WorkCost()).To(Equal(simulator.WorkCostHigh))
			Expect(s.lines(simulator.KindDevice, simulator.KindEvent)[3:]).To(Equal([]string{
				"+00:00:00.000 device    standby=true",
				"+00:00:00.000 event     BackgroundWorkCostChange",
			}))
		})

		It("standby on AC keeps the cost Low and fires nothing", func() {
			s.SetStandby(true)
			Expect(s.Device().WorkCost()).To(Equal(simulator.WorkCostLow))
			Expect(changes()).To(Equal([]string{"+00:00:00.000 device    standby=true"}))
		})

		It("battery with the screen off (standby) then AC goes High → Low", func() {
			s = newSim(simulator.Config{Device: simulator.DeviceState{Power: simulator.PowerBattery, Standby: true}})
			Expect(s.Device().WorkCost()).To(Equal(simulator.WorkCostHigh))
			s.SetPower(simulator.PowerAC)
			Expect(s.Device().WorkCost()).To(Equal(simulator.WorkCostLow))
			Expect(changes()).To(HaveLen(3))
		})

		It("Battery Saver is recorded and fires no system trigger", func() {
			s = newSim(simulator.Config{Device: simulator.DeviceState{Power: simulator.PowerBattery}})
			Expect(s.SetBatterySaver(true)).To(Succeed())
			Expect(s.SetBatterySaver(true)).To(Succeed())
			Expect(changes()).To(Equal([]string{"+00:00:00.000 device    battery_saver=true"}))
			Expect(s.Device().BatterySaver).To(BeTrue())
		})
	})

	It("user presence fires UserAway and UserPresent", func() {
		s.SetUser(simulator.UserAway)
		s.SetUser(simulator.UserAway)
		s.SetUser(simulator.UserPresent)
		Expect(changes()).To(Equal([]string{
			"+00:00:00.000 device    user=away",
			"+00:00:00.000 event     UserAway",
			"+00:00:00.000 device    user=present",
			"+00:00:00.000 event     UserPresent",
		}))
	})

	It("the session fires SessionConnected on connect only", func() {
		s.SetSession(simulator.SessionDisconnected)
		s.SetSession(simulator.SessionConnected)
		Expect(changes()).To(Equal([]string{
			"+00:00:00.000 device    session=disconnected",
			"+00:00:00.000 device    session=connected",
			"+00:00:00.000 event     SessionConnected",
		}))
	})

	It("the lock screen fires LockScreenApplicationAdded and LockScreenApplicationRemoved", func() {
		s.SetLockScreen(true)
		s.SetLockScreen(true)
		s.SetLockScreen(false)
		Expect(changes()).To(Equal([]string{
			"+00:00:00.000 device    lock_screen=true",
			"+00:00:00.000 event     LockScreenApplicationAdded",
			"+00:00:00.000 device    lock_screen=false",
			"+00:00:00.000 event     LockScreenApplicationRemoved",
		}))
	})

	It("UpdateApp fires ServicingComplete", func() {
		s.UpdateApp()
		Expect(changes()).To(Equal([]string{
			"+00:00:00.000 app       update=true state=foreground",
			"+00:00:00.000 event     ServicingComplete",
		}))
	})

	It("RaiseSystemEvent fires SmsReceived with no device record", func() {
		Expect(s.RaiseSystemEvent(simulator.SystemTriggerSmsReceived)).To(Succeed())
		Expect(s.lines()).To(Equal([]string{"+00:00:00.000 event     SmsReceived"}))
	})

	DescribeTable("RaiseSystemEvent refuses events that follow device state, and records nothing",
		func(t simulator.SystemTriggerType) {
			Expect(s.RaiseSystemEvent(t)).To(MatchError(ContainSubstring("follows device state")))
			Expect(s.lines()).To(BeEmpty())
		},
		Entry("UserPresent", simulator.SystemTriggerUserPresent),
		Entry("TimeZoneChange", simulator.SystemTriggerTimeZoneChange),
		Entry("InternetAvailable", simulator.SystemTriggerInternetAvailable),
		Entry("Invalid", simulator.SystemTriggerInvalid),
	)

	It("a setter given an invalid enum value panics", func() {
		Expect(func() { s.SetNetwork(simulator.NetworkInvalid) }).To(PanicWith(ContainSubstring("invalid network level")))
		Expect(func() { s.SetPower(simulator.PowerSource(9)) }).To(PanicWith("simulator: invalid power source 9: not one of its constants"))
	})

	DescribeTable("New refuses an invalid Config",
		func(cfg simulator.Config, msg string) {
			_, err := simulator.New(cfg)
			Expect(err).To(MatchError(ContainSubstring(msg)))
		},
		Entry("unknown time zone", simulator.Config{Device: simulator.DeviceState{TimeZone: "Nowhere/City"}}, "cannot create engine"),
		Entry("negative cancel grace", simulator.Config{Policy: simulator.Policy{CancelGrace: -time.Second}}, "cancel_grace"),
		Entry("bad overlap mode", simulator.Config{Policy: simulator.Policy{Overlap: 9}}, "overlap"),
		Entry("bad network level", simulator.Config{Device: simulator.DeviceState{Network: 9}}, "network level"),
		Entry("bad app state", simulator.Config{App: simulator.AppConfig{State: 9}}, "app state"),
	)
})
