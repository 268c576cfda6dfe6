package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("Battery Saver follows the power source (docs/windows-model.md#battery-saver-and-power)", func() {
	onBattery := simulator.Config{Device: simulator.DeviceState{Power: simulator.PowerBattery}}

	It("plugging in ends Battery Saver: a second device record, then the held task starts as when the user turns it off", func() {
		s := newSim(onBattery)
		Expect(s.SetBatterySaver(true)).To(Succeed())
		s.register("T", simulator.NewTimeTrigger(15, true))
		s.RunFor(20 * time.Minute)
		Expect(s.runAt("T")).To(BeEmpty())
		s.SetPower(simulator.PowerAC)
		Expect(s.Device().BatterySaver).To(BeFalse())
		Expect(s.lines(simulator.KindDevice, simulator.KindEvent, simulator.KindRun)[1:]).To(Equal([]string{
			"+00:20:00.000 device    power=ac",
			"+00:20:00.000 device    battery_saver=false cause=power",
			"+00:20:00.000 event     PowerStateChange",
			"+00:20:00.000 event     BackgroundWorkCostChange",
			"+00:20:00.000 run       T task=1 instance=1 trigger=Time(15m,one_shot)",
		}))
	})

	It("going back to battery does not turn it on again", func() {
		s := newSim(onBattery)
		Expect(s.SetBatterySaver(true)).To(Succeed())
		s.SetPower(simulator.PowerAC)
		s.SetPower(simulator.PowerBattery)
		Expect(s.Device().BatterySaver).To(BeFalse())
	})

	It("turning it on while on AC is refused: a device record says so, the state stays, the error says why", func() {
		s := newSim(simulator.Config{})
		s.hanging("S")
		s.register("S", sms())
		s.raiseSMS()
		Expect(s.SetBatterySaver(true)).To(MatchError(simulator.ErrBatterySaverOnAC))
		Expect(s.Device().BatterySaver).To(BeFalse())
		Expect(s.lines(simulator.KindDevice)).To(Equal([]string{"+00:00:00.000 device    refused=battery_saver power=ac"}))
		Expect(s.lines(simulator.KindCanceled)).To(BeEmpty())
	})

	It("turning it off while on AC is not refused (nothing to do)", func() {
		s := newSim(simulator.Config{})
		Expect(s.SetBatterySaver(false)).To(Succeed())
		Expect(s.lines()).To(BeEmpty())
	})

	It("an initial state with Battery Saver on AC power is a configuration error", func() {
		_, err := simulator.New(simulator.Config{Device: simulator.DeviceState{BatterySaver: true}})
		Expect(err).To(MatchError(ContainSubstring("Battery Saver is on while the device is on AC power")))
	})

	Describe("Policy.EnergySaverOnAC (Windows 11's Energy Saver)", func() {
		policy := simulator.Policy{EnergySaverOnAC: true}

		It("is off by default", func() {
			Expect(simulator.DefaultPolicy().EnergySaverOnAC).To(BeFalse())
		})

		It("allows an initial state on AC, keeps it on when plugged in, and lets it turn on while on AC", func() {
			s := newSim(simulator.Config{Policy: policy, Device: simulator.DeviceState{BatterySaver: true}})
			Expect(s.Device().BatterySaver).To(BeTrue())
			Expect(s.SetBatterySaver(false)).To(Succeed())
			Expect(s.SetBatterySaver(true)).To(Succeed())
			s.SetPower(simulator.PowerBattery)
			s.SetPower(simulator.PowerAC)
			Expect(s.Device().BatterySaver).To(BeTrue())
			Expect(s.lines(simulator.KindDevice)).To(Equal([]string{
				"+00:00:00.000 device    battery_saver=false",
				"+00:00:00.000 device    battery_saver=true",
				"+00:00:00.000 device    power=battery",
				"+00:00:00.000 device    power=ac",
			}))
		})

		It("still holds the tasks while it is on, on AC too", func() {
			s := newSim(simulator.Config{Policy: policy, Device: simulator.DeviceState{BatterySaver: true}})
			s.register("T", simulator.NewTimeTrigger(15, true))
			s.RunFor(time.Hour)
			Expect(s.runAt("T")).To(BeEmpty())
			Expect(s.lines(simulator.KindLatched)).To(ContainElement(ContainSubstring("waiting=battery_saver")))
		})
	})
})
