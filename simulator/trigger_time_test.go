package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#time-triggers TimeTrigger", func() {
	var s *sim
	BeforeEach(func() { s = newSim(simulator.Config{}) })

	DescribeTable("first runs at the first 15-minute tick at or after registration + freshness",
		func(registerAt time.Duration, freshness uint32, want time.Duration) {
			s.RunFor(registerAt)
			s.register("T", simulator.NewTimeTrigger(freshness, true))
			s.RunFor(24 * time.Hour)
			Expect(s.runAt("T")).To(Equal([]time.Duration{want}))
		},
		Entry("15m at 0 → 15m", time.Duration(0), uint32(15), 15*time.Minute),
		Entry("15m at 1m → 30m (16m snaps up)", time.Minute, uint32(15), 30*time.Minute),
		Entry("15m at 15m → 30m (on a tick)", 15*time.Minute, uint32(15), 30*time.Minute),
		Entry("25m at 0 → 30m", time.Duration(0), uint32(25), 30*time.Minute),
		Entry("25m at 10m → 45m (35m snaps up)", 10*time.Minute, uint32(25), 45*time.Minute),
		Entry("60m at 0 → 60m", time.Duration(0), uint32(60), 60*time.Minute),
		Entry("15m at 7m30s → 30m (22m30s snaps up)", 7*time.Minute+30*time.Second, uint32(15), 30*time.Minute),
	)

	It("first runs between n and n+15 minutes after registration, for every registration minute of an hour (15 → 15–30, 25 → 25–40)", func() {
		for _, n := range []uint32{15, 25, 40} {
			e := newSim(simulator.Config{})
			fresh := time.Duration(n) * time.Minute
			for m := 0; m < 60; m++ {
				e.At(time.Duration(m)*time.Minute, func() {
					e.register("T", simulator.NewTimeTrigger(n, true))
				})
			}
			e.RunFor(3 * time.Hour)
			runs := e.runAt("T")
			Expect(runs).To(HaveLen(60))
			regs := e.records(simulator.KindRegister)
			for i, r := range e.records(simulator.KindRun) {
				delay := r.At - regs[r.TaskNum-1].At
				Expect(delay).To(BeNumerically(">=", fresh), "run %d", i)
				Expect(delay).To(BeNumerically("<", fresh+15*time.Minute), "run %d", i)
				Expect(r.At % (15 * time.Minute)).To(BeZero())
			}
		}
	})

	DescribeTable("a recurring trigger re-arms at the first tick at or after the last run + freshness",
		func(freshness uint32, want []time.Duration) {
			s.register("T", simulator.NewTimeTrigger(freshness, false))
			s.RunFor(2 * time.Hour)
			Expect(s.runAt("T")).To(Equal(want))
		},
		Entry("15m → 15, 30, 45 …", uint32(15), mins(15, 30, 45, 60, 75, 90, 105, 120)),
		Entry("20m → 30, 60, 90, 120", uint32(20), mins(30, 60, 90, 120)),
		Entry("25m → 30, 60, 90, 120", uint32(25), mins(30, 60, 90, 120)),
		Entry("45m → 45, 90", uint32(45), mins(45, 90)),
	)

	It("counts the tick grid from Config.Start, not from the hour", func() {
		start := time.Date(2026, 5, 4, 12, 7, 0, 0, time.UTC)
		e := newSim(simulator.Config{Start: start})
		var at []time.Time
		e.behave["T"] = func(in *simulator.Instance) { at = append(at, in.Now()) }
		e.register("T", simulator.NewTimeTrigger(15, false))
		e.RunFor(31 * time.Minute)
		Expect(at).To(Equal([]time.Time{start.Add(15 * time.Minute), start.Add(30 * time.Minute)}))
	})

	It("a fired one-shot stays listed in AllTasks and is inert: it never runs again and queues nothing", func() {
		r := s.register("Once", simulator.NewTimeTrigger(15, true))
		s.RunFor(24 * time.Hour)
		Expect(s.runAt("Once")).To(Equal(mins(15)))
		Expect(s.AllTasks()).To(Equal([]*simulator.Registration{r}))
		Expect(s.Pending()).To(BeZero())
		Expect(s.lines(simulator.KindRegister)).To(Equal([]string{
			"+00:00:00.000 register  Once task=1 trigger=Time(15m,one_shot) entry_point=Tasks.All",
		}))
	})

	It("docs/windows-model.md#latched-activations a recurring schedule continues while latched; the latched firings coalesce into one run when the condition holds", func() {
		s.register("T", simulator.NewTimeTrigger(15, false), simulator.ConditionUserNotPresent)
		s.RunFor(40 * time.Minute)
		s.SetUser(simulator.UserAway)
		s.RunFor(10 * time.Minute)
		Expect(s.lines(simulator.KindLatched, simulator.KindRun)).To(Equal([]string{
			"+00:15:00.000 latched   T task=1 waiting=UserNotPresent pending=1",
			"+00:30:00.000 latched   T task=1 waiting=UserNotPresent pending=1",
			"+00:40:00.000 run       T task=1 instance=1 trigger=Time(15m)",
			"+00:45:00.000 run       T task=1 instance=2 trigger=Time(15m)",
		}))
	})

	It("runs on battery: only MaintenanceTrigger needs AC", func() {
		e := newSim(simulator.Config{Device: simulator.DeviceState{Power: simulator.PowerBattery}})
		e.register("T", simulator.NewTimeTrigger(15, false))
		e.RunFor(30 * time.Minute)
		Expect(e.runAt("T")).To(Equal(mins(15, 30)))
	})
})

var _ = Describe("docs/windows-model.md#maintenance-triggers MaintenanceTrigger", func() {
	var s *sim
	BeforeEach(func() { s = newSim(simulator.Config{}) })

	It("on AC follows the TimeTrigger timing (25m recurring → 30, 60, 90)", func() {
		s.register("M", simulator.NewMaintenanceTrigger(25, false))
		s.RunFor(90 * time.Minute)
		Expect(s.runAt("M")).To(Equal(mins(30, 60, 90)))
		Expect(s.lines(simulator.KindRun)[0]).To(Equal("+00:30:00.000 run       M task=1 instance=1 trigger=Maintenance(25m)"))
	})

	It("accepts the 30-day maximum and first runs 30 days later", func() {
		s.register("M", simulator.NewMaintenanceTrigger(43200, true))
		s.RunFor(31 * 24 * time.Hour)
		Expect(s.runAt("M")).To(Equal([]time.Duration{30 * 24 * time.Hour}))
	})

	It("runs only on AC: on battery it latches (waiting=ac_power) and runs when AC returns", func() {
		s.SetPower(simulator.PowerBattery)
		s.register("M", simulator.NewMaintenanceTrigger(15, false))
		s.RunFor(40 * time.Minute)
		s.SetPower(simulator.PowerAC)
		s.RunFor(5 * time.Minute)
		Expect(s.lines(simulator.KindLatched, simulator.KindRun)).To(Equal([]string{
			"+00:15:00.000 latched   M task=1 waiting=ac_power pending=1",
			"+00:30:00.000 latched   M task=1 waiting=ac_power pending=1",
			"+00:40:00.000 run       M task=1 instance=1 trigger=Maintenance(15m)",
			"+00:45:00.000 run       M task=1 instance=2 trigger=Maintenance(15m)",
		}))
	})

	It("a one-shot latched on battery still runs once when AC returns", func() {
		s.SetPower(simulator.PowerBattery)
		s.register("M", simulator.NewMaintenanceTrigger(15, true))
		s.RunFor(time.Hour)
		s.SetPower(simulator.PowerAC)
		s.RunFor(time.Hour)
		Expect(s.runAt("M")).To(Equal(mins(60)))
	})

	It("a running instance is canceled with Abort when power leaves AC, before the power events", func() {
		s.hanging("M")
		s.register("M", simulator.NewMaintenanceTrigger(15, true))
		s.RunFor(20 * time.Minute)
		s.SetPower(simulator.PowerBattery)
		s.RunFor(10 * time.Second)
		Expect(s.lines()[2:]).To(Equal([]string{
			"+00:15:00.000 deferral  M task=1 instance=1 deferral=1",
			"+00:20:00.000 device    power=battery",
			"+00:20:00.000 canceled  M task=1 instance=1 reason=Abort",
			"+00:20:00.000 event     PowerStateChange",
			"+00:20:00.000 event     BackgroundWorkCostChange",
			"+00:20:05.000 terminated M task=1 instance=1 cause=cancel_grace_expired",
			"+00:20:05.000 completed M task=1 instance=1 result=error",
			"+00:20:05.000 delivered M task=1 instance=1 result=error",
		}))
	})

	It("a running TimeTrigger instance is not canceled when power leaves AC", func() {
		ins := s.hanging("T")
		s.register("T", simulator.NewTimeTrigger(15, true))
		s.RunFor(15*time.Minute + 10*time.Second)
		s.SetPower(simulator.PowerBattery)
		s.RunFor(10 * time.Second) // still inside the 30 s wall-clock limit
		Expect(*ins).To(HaveLen(1))
		Expect((*ins)[0].Canceled()).To(Equal(simulator.ReasonInvalid))
		Expect((*ins)[0].Finished()).To(BeFalse())
	})
})
