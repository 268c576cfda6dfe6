package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// extendedManifest is the test manifest plus the extendedBackgroundTaskTime capability.
func extendedManifest() *manifest.Manifest {
	m := testManifest()
	m.Capabilities = []string{manifest.ExtendedBackgroundTaskTime}
	return m
}

var _ = Describe("docs/windows-model.md#wall-clock-limits Resource and policy limits: wall clock", func() {
	var s *sim
	BeforeEach(func() { s = newSim(simulator.Config{}) })

	It("cancels a system-trigger task with ExecutionTimeExceeded at 30 s, then terminates it after the 5 s grace (Policy.WallClockLimit default)", func() {
		s.hanging("T")
		s.register("T", sms())
		s.raiseSMS()
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindCanceled, simulator.KindTerminated, simulator.KindCompleted)).To(Equal([]string{
			"+00:00:30.000 canceled  T task=1 instance=1 reason=ExecutionTimeExceeded",
			"+00:00:35.000 terminated T task=1 instance=1 cause=cancel_grace_expired",
			"+00:00:35.000 completed T task=1 instance=1 result=error",
		}))
	})

	It("gives application and maintenance triggers 10 minutes (Policy.ApplicationWallClockLimit, MaintenanceWallClockLimit defaults)", func() {
		s.hanging("A")
		s.hanging("M")
		t := simulator.NewApplicationTrigger()
		s.register("A", t)
		s.register("M", simulator.NewMaintenanceTrigger(15, true))
		Expect(t.RequestAsync(nil)).To(Equal(simulator.SignalAllowed))
		s.RunFor(time.Hour)
		Expect(s.lines(simulator.KindCanceled)).To(Equal([]string{
			"+00:10:00.000 canceled  A task=1 instance=1 reason=ExecutionTimeExceeded",
			"+00:25:00.000 canceled  M task=2 instance=2 reason=ExecutionTimeExceeded",
		}))
	})

	It("uses each configured limit instead", func() {
		s = newSim(simulator.Config{Policy: simulator.Policy{
			WallClockLimit: 2 * time.Minute, ApplicationWallClockLimit: time.Minute, MaintenanceWallClockLimit: 3 * time.Minute}})
		s.hanging("S")
		s.hanging("A")
		s.hanging("M")
		t := simulator.NewApplicationTrigger()
		s.register("S", sms())
		s.register("A", t)
		s.register("M", simulator.NewMaintenanceTrigger(15, true))
		s.raiseSMS()
		t.RequestAsync(nil)
		s.RunFor(time.Hour)
		Expect(s.lines(simulator.KindCanceled)).To(Equal([]string{
			"+00:01:00.000 canceled  A task=2 instance=2 reason=ExecutionTimeExceeded",
			"+00:02:00.000 canceled  S task=1 instance=1 reason=ExecutionTimeExceeded",
			"+00:18:00.000 canceled  M task=3 instance=3 reason=ExecutionTimeExceeded",
		}))
	})

	It("is not extended by a deferral: work that needs 40 s is canceled at 30 s and ends cleanly if it completes in the grace", func() {
		s.behave["T"] = func(in *simulator.Instance) {
			d := in.GetDeferral()
			in.AfterFunc(40*time.Second, d.Complete)
			in.OnCanceled(func(*simulator.Instance, simulator.CancellationReason) { d.Complete() })
		}
		s.register("T", sms())
		s.raiseSMS()
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindCanceled, simulator.KindCompleted)).To(Equal([]string{
			"+00:00:30.000 canceled  T task=1 instance=1 reason=ExecutionTimeExceeded",
			"+00:00:30.000 completed T task=1 instance=1 result=ok",
		}))
	})

	It("times every instance of a class from its own start, whether earlier ones finished or not", func() {
		s.deferring("Quick", 5*time.Second)
		s.hanging("Slow")
		s.register("Quick", sms())
		s.register("Slow", simulator.NewSystemTrigger(simulator.SystemTriggerUserAway, false))
		s.raiseSMS()
		s.RunFor(10 * time.Second)
		s.SetUser(simulator.UserAway)
		s.RunFor(10 * time.Second)
		s.raiseSMS()
		s.SetUser(simulator.UserPresent)
		s.SetUser(simulator.UserAway)
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindCanceled)).To(Equal([]string{
			"+00:00:40.000 canceled  Slow task=2 instance=2 reason=ExecutionTimeExceeded",
			"+00:00:50.000 canceled  Slow task=2 instance=4 reason=ExecutionTimeExceeded",
		}))
	})

	It("leaves an instance that finishes in time alone", func() {
		s.deferring("T", 29*time.Second)
		s.register("T", sms())
		s.raiseSMS()
		s.RunFor(time.Hour)
		Expect(s.lines(simulator.KindCanceled)).To(BeEmpty())
		Expect(s.lines(simulator.KindCompleted)).To(Equal([]string{"+00:00:29.000 completed T task=1 instance=1 result=ok"}))
	})

	Describe("extendedBackgroundTaskTime (docs/windows-model.md#extended-run-time [documented])", func() {
		It("removes the limit once Run took a deferral", func() {
			s = newSim(simulator.Config{Manifest: extendedManifest()})
			ins := s.hanging("T")
			s.register("T", sms())
			s.raiseSMS()
			s.RunFor(24 * time.Hour)
			Expect(s.lines(simulator.KindCanceled)).To(BeEmpty())
			Expect((*ins)[0].Finished()).To(BeFalse())
		})

		It("does not exempt the task from Battery Saver (EnergySaver)", func() {
			s = newSim(simulator.Config{Manifest: extendedManifest(), Device: simulator.DeviceState{Power: simulator.PowerBattery}})
			s.hanging("T")
			s.register("T", sms())
			s.raiseSMS()
			s.RunFor(time.Hour)
			s.SetBatterySaver(true)
			Expect(s.lines(simulator.KindCanceled)).To(Equal([]string{
				"+01:00:00.000 canceled  T task=1 instance=1 reason=EnergySaver"}))
		})

		It("does nothing without the capability", func() {
			s.hanging("T")
			s.register("T", sms())
			s.raiseSMS()
			s.RunFor(time.Minute)
			Expect(s.count(simulator.KindCanceled, "T")).To(Equal(1))
		})
	})
})

var _ = Describe("docs/windows-model.md#idle-watchdog Resource and policy limits: idle watchdog (Policy.IdleWatchdog)", func() {
	It("is off by default: an idle task is only stopped by the wall clock", func() {
		s := newSim(simulator.Config{})
		s.hanging("T")
		s.register("T", sms())
		s.raiseSMS()
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindCanceled)).To(Equal([]string{
			"+00:00:30.000 canceled  T task=1 instance=1 reason=ExecutionTimeExceeded"}))
	})

	It("when set, cancels with IdleTask a task that did nothing for that long", func() {
		s := newSim(simulator.Config{Policy: simulator.Policy{IdleWatchdog: 10 * time.Second}})
		s.hanging("T")
		s.register("T", sms())
		s.raiseSMS()
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindCanceled, simulator.KindTerminated)).To(Equal([]string{
			"+00:00:10.000 canceled  T task=1 instance=1 reason=IdleTask",
			"+00:00:15.000 terminated T task=1 instance=1 cause=cancel_grace_expired",
		}))
	})

	It("counts progress, logs and scheduled work as activity", func() {
		s := newSim(simulator.Config{Policy: simulator.Policy{IdleWatchdog: 10 * time.Second}})
		s.behave["T"] = func(in *simulator.Instance) {
			in.GetDeferral()
			var tick func()
			n := uint32(0)
			tick = func() {
				n++
				in.SetProgress(n)
				in.AfterFunc(6*time.Second, tick)
			}
			in.AfterFunc(6*time.Second, tick)
		}
		s.register("T", sms())
		s.raiseSMS()
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindCanceled)).To(Equal([]string{
			"+00:00:30.000 canceled  T task=1 instance=1 reason=ExecutionTimeExceeded"}))
	})

	It("does not watch a task with extendedBackgroundTaskTime that took a deferral in Run", func() {
		s := newSim(simulator.Config{Manifest: extendedManifest(), Policy: simulator.Policy{IdleWatchdog: 10 * time.Second}})
		s.hanging("T")
		s.register("T", sms())
		s.raiseSMS()
		s.RunFor(time.Hour)
		Expect(s.lines(simulator.KindCanceled)).To(BeEmpty())
	})
})

var _ = Describe("Policy defaults and validation", func() {
	It("documents every default in DefaultPolicy", func() {
		p := simulator.DefaultPolicy()
		Expect(p.WallClockLimit).To(Equal(30 * time.Second))
		Expect(p.ApplicationWallClockLimit).To(Equal(10 * time.Minute))
		Expect(p.MaintenanceWallClockLimit).To(Equal(10 * time.Minute))
		Expect(p.CancelGrace).To(Equal(5 * time.Second))
		Expect(p.IdleWatchdog).To(BeZero())
		Expect(p.RequestAccessResult).To(Equal(simulator.AccessAllowedSubjectToSystemPolicy))
		Expect(p.KeepRunningOnEnergySaver || p.RegisterWithoutAccess || p.KeepAccessOnUpdate || p.DeliverAfterRelaunch).To(BeFalse())
		e, err := simulator.New(simulator.Config{})
		Expect(err).NotTo(HaveOccurred())
		Expect(e.Policy()).To(Equal(p))
	})

	DescribeTable("refuses values out of range",
		func(p simulator.Policy, msg string) {
			_, err := simulator.New(simulator.Config{Policy: p})
			Expect(err).To(MatchError(ContainSubstring(msg)))
		},
		Entry("negative wall clock", simulator.Policy{WallClockLimit: -time.Second}, "policy wall_clock_limit -1s is negative"),
		Entry("negative application limit", simulator.Policy{ApplicationWallClockLimit: -time.Second}, "application_wall_clock_limit"),
		Entry("negative maintenance limit", simulator.Policy{MaintenanceWallClockLimit: -time.Second}, "maintenance_wall_clock_limit"),
		Entry("negative idle watchdog", simulator.Policy{IdleWatchdog: -time.Second}, "policy idle_watchdog -1s is negative"),
		Entry("an access answer Windows 10 does not give", simulator.Policy{RequestAccessResult: simulator.AccessUnspecified}, "request_access_result: Unspecified"),
	)
})
