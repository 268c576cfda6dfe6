package harness_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("BatterySaver driver (docs/windows-model.md#battery-saver-and-power)", func() {
	It("returns an error on AC power, and the trace says it was refused", func() {
		sim := MustNew()
		Expect(sim.Do(BatterySaver(true))).To(MatchError(simulator.ErrBatterySaverOnAC))
		Expect(sim.Engine().Device().BatterySaver).To(BeFalse())
		Expect(sim.Text()).To(ContainSubstring("+00:00:00.000 device    refused=battery_saver power=ac"))
	})

	It("reports a refused scheduled action from the run, and plugging in ends it", func() {
		sim := MustNew(WithDevice(simulator.DeviceState{Power: simulator.PowerBattery}))
		sim.At(time.Minute, BatterySaver(true))
		sim.At(2*time.Minute, Power(simulator.PowerAC))
		sim.At(3*time.Minute, BatterySaver(true))
		Expect(sim.RunFor(time.Hour)).To(MatchError(ContainSubstring("at 3m0s: cannot apply battery_saver true")))
		Expect(sim.Engine().Device().BatterySaver).To(BeFalse())
		Expect(sim.Text()).To(ContainSubstring("+00:02:00.000 device    battery_saver=false cause=power"))
	})
})
