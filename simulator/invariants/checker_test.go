package invariants_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/invariants"
)

var (
	run       = simulator.Record{Kind: simulator.KindRun, TaskNum: 1, Instance: 1}
	done      = simulator.Record{Kind: simulator.KindCompleted, TaskNum: 1, Instance: 1, Result: simulator.ResultOK}
	delivered = simulator.Record{Kind: simulator.KindDelivered, TaskNum: 1, Instance: 1, Result: simulator.ResultOK}
)

func feed(c *invariants.Checker, trace ...simulator.Record) {
	for i := range trace {
		c.Record(&trace[i])
	}
}

// engineWith returns an engine, attached to a new checker, with one registration made: a
// TimeZoneChange system trigger with the given conditions, whose task takes a deferral.
func engineWith(pol simulator.Policy, oneShot bool, conds ...simulator.SystemConditionType) (*simulator.Engine, *invariants.Checker) {
	c := invariants.New(invariants.Options{Render: true})
	e, err := simulator.New(simulator.Config{Policy: pol, Sink: c,
		App: simulator.AppConfig{OnBackgroundActivated: func(in *simulator.Instance) { in.GetDeferral() }}})
	Expect(err).NotTo(HaveOccurred())
	c.Attach(e)
	b := e.NewBackgroundTaskBuilder()
	b.Name = "T"
	b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, oneShot))
	for _, k := range conds {
		b.AddCondition(k)
	}
	b.MustRegister()
	return e, c
}

var _ = Describe("Checker", func() {
	DescribeTable("catches a broken trace on the records alone",
		func(rule invariants.Rule, want string, trace ...simulator.Record) {
			c := invariants.New(invariants.Options{})
			feed(c, trace...)
			Expect(c.Err()).NotTo(BeNil())
			Expect(c.Err().Rule).To(Equal(rule))
			Expect(c.Err().Error()).To(ContainSubstring(want))
		},
		Entry("time goes back", invariants.RuleTimeForward, "went back",
			simulator.Record{At: time.Second, Kind: simulator.KindLog}, simulator.Record{Kind: simulator.KindLog}),
		Entry("completed twice", invariants.RuleLifecycle, "completed after completed", run, done, done),
		Entry("delivered before completed", invariants.RuleLifecycle, "delivered before completed", run, delivered),
		Entry("delivered twice", invariants.RuleHandOver, "handed to the app 2 times", run, done, delivered, delivered),
		Entry("run after unregister", invariants.RuleNoRunAfterUnregister, "after its unregistration",
			simulator.Record{Kind: simulator.KindUnregister, TaskNum: 1}, run),
		Entry("terminated but ok", invariants.RuleLifecycle, "terminated instance completed with ok",
			run, simulator.Record{Kind: simulator.KindTerminated, TaskNum: 1, Instance: 1}, done),
		Entry("instance skipped", invariants.RuleInstanceOrder, "instance number 2",
			simulator.Record{Kind: simulator.KindRun, TaskNum: 1, Instance: 2}),
		Entry("progress after completed", invariants.RuleLifecycle, "progress after completed",
			run, done, simulator.Record{Kind: simulator.KindProgress, TaskNum: 1, Instance: 1}),
		Entry("delivered with another result", invariants.RuleHandOver, "completed with ok",
			run, done, simulator.Record{Kind: simulator.KindDelivered, TaskNum: 1, Instance: 1, Result: simulator.ResultError}),
		Entry("record for an instance that never ran", invariants.RuleLifecycle, "never ran",
			simulator.Record{Kind: simulator.KindProgress, TaskNum: 1, Instance: 1}),
	)

	It("passes a good trace, and Final(drained) requires every instance to end", func() {
		c := invariants.New(invariants.Options{Render: true})
		feed(c, run, done, delivered)
		Expect(c.Err()).To(BeNil())
		Expect(c.Final(true)).To(BeNil())
		c = invariants.New(invariants.Options{})
		feed(c, run)
		Expect(c.Final(true).Error()).To(ContainSubstring("never completed"))
	})

	It("passes a real engine's run and agrees with its registrations", func() {
		e, c := engineWith(simulator.Policy{}, false)
		Expect(e.SetTimeZone("Europe/Berlin")).To(Succeed())
		Expect(c.CheckEngine()).To(BeNil())
		Expect(c.Running()).To(Equal(1))
		e.RunFor(time.Hour)
		Expect(c.CheckEngine()).To(BeNil())
		Expect(c.Final(false)).To(BeNil())
		Expect(c.Records()).To(BeNumerically(">", 5))
	})

	It("catches a run while a condition does not hold", func() {
		e, c := engineWith(simulator.Policy{}, false, simulator.ConditionUserPresent)
		e.SetUser(simulator.UserAway)
		Expect(c.Err()).To(BeNil())
		r := simulator.Record{At: e.Elapsed(), Kind: simulator.KindRun, Task: "T", TaskNum: 1, Instance: 1}
		c.Record(&r)
		Expect(c.Err().Rule).To(Equal(invariants.RuleRunAllowed))
		Expect(c.Err().Msg).To(ContainSubstring("UserPresent"))
	})

	It("catches a run while Battery Saver holds the app back", func() {
		e, c := engineWith(simulator.Policy{}, false)
		e.SetPower(simulator.PowerBattery)
		e.SetBatterySaver(true)
		c.Record(&simulator.Record{At: e.Elapsed(), Kind: simulator.KindRun, TaskNum: 1, Instance: 1})
		Expect(c.Err().Msg).To(ContainSubstring("battery_saver"))
	})

	It("catches a second run of a one-shot", func() {
		_, c := engineWith(simulator.Policy{}, true)
		feed(c, run, done, delivered, simulator.Record{Kind: simulator.KindRun, TaskNum: 1, Instance: 2})
		Expect(c.Err().Rule).To(Equal(invariants.RuleOneShot))
	})

	It("catches an instance that outlives its limit plus grace", func() {
		_, c := engineWith(simulator.Policy{}, false)
		late := done
		late.At = 36 * time.Second
		feed(c, run, late)
		Expect(c.Err().Rule).To(Equal(invariants.RuleLimit))
		_, c = engineWith(simulator.Policy{}, false)
		ok := done
		ok.At = 35 * time.Second
		feed(c, run, ok)
		Expect(c.Err()).To(BeNil())
	})

	It("catches a running instance past its limit between steps and at the end", func() {
		e, c := engineWith(simulator.Policy{}, false)
		feed(c, run)
		e.RunFor(time.Minute)
		Expect(c.CheckEngine()).NotTo(BeNil())
		Expect(c.Err().Rule).To(Equal(invariants.RuleLimit))
	})

	It("catches a drop while the app is in the foreground, and a completion never handed over", func() {
		_, c := engineWith(simulator.Policy{}, false)
		feed(c, run, done, simulator.Record{Kind: simulator.KindDropped, TaskNum: 1, Instance: 1, Result: simulator.ResultOK})
		Expect(c.Err().Msg).To(ContainSubstring("dropped while the app is foreground"))
		_, c = engineWith(simulator.Policy{}, false)
		feed(c, run, done)
		Expect(c.Final(false).Rule).To(Equal(invariants.RuleHandOver))
	})

	It("never expects the update task's completion to be handed over, and catches one that is", func() {
		updateRun := simulator.Record{Kind: simulator.KindRun, Task: "Tasks.U", Instance: 1}
		updateDone := simulator.Record{Kind: simulator.KindCompleted, Task: "Tasks.U", Instance: 1, Result: simulator.ResultOK}
		_, c := engineWith(simulator.Policy{}, false)
		feed(c, updateRun)
		Expect(c.CheckEngine()).To(BeNil(), "no registration counts the update task as running")
		feed(c, updateDone)
		Expect(c.CheckEngine()).To(BeNil())
		Expect(c.Final(true)).To(BeNil())
		_, c = engineWith(simulator.Policy{}, false)
		feed(c, updateRun, updateDone, simulator.Record{Kind: simulator.KindDelivered, Task: "Tasks.U", Instance: 1, Result: simulator.ResultOK})
		Expect(c.Err()).NotTo(BeNil())
		Expect(c.Err().Rule).To(Equal(invariants.RuleHandOver))
		Expect(c.Err().Msg).To(ContainSubstring("the update task's completion delivered"))
	})

	It("lets a suspended app hold a completion back at the end", func() {
		e, c := engineWith(simulator.Policy{}, false)
		e.SuspendApp()
		feed(c, run, done)
		Expect(c.Final(false)).To(BeNil())
	})

	It("names every rule", func() {
		for _, r := range invariants.Rules() {
			Expect(r.String()).NotTo(Equal("invalid"))
		}
		Expect(invariants.RuleInvalid.String()).To(Equal("invalid"))
	})
})

var _ = Describe("CheckQueue", func() {
	It("catches a running instance with nothing queued", func() {
		e, c := engineWith(simulator.Policy{}, false)
		Expect(c.CheckQueue()).To(BeNil())
		feed(c, run)
		Expect(e.Pending()).To(BeZero())
		Expect(c.CheckQueue().Msg).To(ContainSubstring("the queue is empty but 1 instances are running"))
	})
})
