package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#maintenance-window maintenance window (DeviceState.MaintenanceWindow [bgsim's choice])", func() {
	window := func(s string) simulator.MaintenanceWindow {
		w, err := simulator.ParseMaintenanceWindow(s)
		Expect(err).NotTo(HaveOccurred())
		return w
	}

	It("without a window, maintenance starts any time on AC", func() {
		s := newSim(simulator.Config{})
		s.register("M", simulator.NewMaintenanceTrigger(15, true))
		s.RunFor(time.Hour)
		Expect(s.runAt("M")).To(Equal(mins(15)))
	})

	It("holds a maintenance firing outside the window and starts it when the window opens", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{MaintenanceWindow: window("02:10-04:00")}})
		s.register("M", simulator.NewMaintenanceTrigger(15, false))
		s.RunFor(2*time.Hour + 20*time.Minute)
		Expect(s.lines(simulator.KindLatched)).To(HaveLen(8))
		Expect(s.lines(simulator.KindLatched)[0]).To(Equal("+00:15:00.000 latched   M task=1 waiting=maintenance_window pending=1"))
		Expect(s.lines(simulator.KindDevice)).To(Equal([]string{"+02:10:00.000 device    maintenance_window=open"}))
		Expect(s.runAt("M")).To(Equal(mins(130, 135)), "the firings before 02:10 coalesce into one run at the opening; the next tick runs at once")
	})

	It("runs inside a window that wraps past midnight", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{MaintenanceWindow: window("23:00-01:00")}})
		s.register("M", simulator.NewMaintenanceTrigger(15, false))
		s.RunFor(90 * time.Minute)
		Expect(s.runAt("M")).To(Equal(mins(15, 30, 45)))
	})

	It("is local time: a time zone change moves it", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{MaintenanceWindow: window("02:00-04:00")}})
		s.register("M", simulator.NewMaintenanceTrigger(15, true))
		s.RunFor(30 * time.Minute)
		Expect(s.SetTimeZone("Asia/Tokyo")).To(Succeed()) // 09:30 local: the next 02:00 is 17:00 UTC
		s.RunFor(24 * time.Hour)
		Expect(s.runAt("M")).To(Equal([]time.Duration{17 * time.Hour}))
	})

	It("does not start anything other than maintenance triggers late", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{MaintenanceWindow: window("02:00-04:00")}})
		s.register("T", simulator.NewTimeTrigger(15, true))
		s.RunFor(time.Hour)
		Expect(s.runAt("T")).To(Equal(mins(15)))
	})

	DescribeTable("ParseMaintenanceWindow refuses malformed windows",
		func(in, msg string) {
			_, err := simulator.ParseMaintenanceWindow(in)
			Expect(err).To(MatchError(msg))
		},
		Entry("not a range", "02:00", `maintenance window "02:00" is not HH:MM-HH:MM`),
		Entry("hour 24", "22:00-24:00", `maintenance window "22:00-24:00" has a time outside 00:00-23:59`),
		Entry("empty", "03:00-03:00", `maintenance window "03:00-03:00" is empty: its start and end are the same`),
		Entry("trailing text", "02:00-04:00x", `maintenance window "02:00-04:00x" is not HH:MM-HH:MM`),
		Entry("a sign", "+2:00-04:00", `maintenance window "+2:00-04:00" is not HH:MM-HH:MM`),
		Entry("minute 60", "02:60-04:00", `maintenance window "02:60-04:00" has a time outside 00:00-23:59`),
	)

	It("formats back to its text", func() {
		Expect(window("23:05-01:00").String()).To(Equal("23:05-01:00"))
		Expect(simulator.MaintenanceWindow{}.String()).To(BeEmpty())
	})
})

var _ = Describe("docs/windows-model.md#battery-saver Battery Saver", func() {
	It("keeps the tasks of an app subject to system policy from starting, time triggers included, until it ends", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{Power: simulator.PowerBattery, BatterySaver: true}})
		s.register("T", simulator.NewTimeTrigger(15, true))
		s.register("S", sms())
		s.RunFor(20 * time.Minute)
		s.raiseSMS()
		s.RunFor(20 * time.Minute)
		s.SetBatterySaver(false)
		Expect(s.lines(simulator.KindLatched)).To(Equal([]string{
			"+00:15:00.000 latched   T task=1 waiting=battery_saver pending=1",
			"+00:20:00.000 latched   S task=2 waiting=battery_saver pending=1",
		}))
		Expect(s.runAt("T")).To(Equal(mins(40)))
		Expect(s.runAt("S")).To(Equal(mins(40)))
	})

	It("does not hold an AlwaysAllowed app", func() {
		s := newSim(simulator.Config{App: simulator.AppConfig{Access: simulator.AccessAlwaysAllowed},
			Device: simulator.DeviceState{Power: simulator.PowerBattery, BatterySaver: true}})
		s.register("T", simulator.NewTimeTrigger(15, true))
		s.RunFor(20 * time.Minute)
		Expect(s.runAt("T")).To(Equal(mins(15)))
	})

	It("cancels running instances with EnergySaver when it turns on (Policy.KeepRunningOnEnergySaver default)", func() {
		s := newSim(simulator.Config{Device: simulator.DeviceState{Power: simulator.PowerBattery}})
		s.hanging("S")
		s.register("S", sms())
		s.raiseSMS()
		s.SetBatterySaver(true)
		Expect(s.lines(simulator.KindCanceled)).To(Equal([]string{"+00:00:00.000 canceled  S task=1 instance=1 reason=EnergySaver"}))
	})

	It("leaves running instances alone with KeepRunningOnEnergySaver", func() {
		s := newSim(simulator.Config{Policy: simulator.Policy{KeepRunningOnEnergySaver: true}, Device: simulator.DeviceState{Power: simulator.PowerBattery}})
		s.hanging("S")
		s.register("S", sms())
		s.raiseSMS()
		s.SetBatterySaver(true)
		Expect(s.lines(simulator.KindCanceled)).To(BeEmpty())
	})

	It("does not cancel an AlwaysAllowed app's instances", func() {
		s := newSim(simulator.Config{App: simulator.AppConfig{Access: simulator.AccessAlwaysAllowed}, Device: simulator.DeviceState{Power: simulator.PowerBattery}})
		s.hanging("S")
		s.register("S", sms())
		s.raiseSMS()
		s.SetBatterySaver(true)
		Expect(s.lines(simulator.KindCanceled)).To(BeEmpty())
	})
})
