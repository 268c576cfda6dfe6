package harness_test

import (
	"context"
	"math"
	"time"

	"github.com/benbjohnson/clock"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/fixtures/manifests"
	. "github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

var _ = Describe("Simulation drivers", func() {
	It("applies every device and app setter, now or at an offset, into the trace", func() {
		sim := MustNew()
		Expect(sim.Do(Network(simulator.NetworkNone), NetworkCost(simulator.CostMetered))).To(Succeed())
		sim.At(time.Minute, Power(simulator.PowerBattery), BatterySaver(true), Standby(true))
		sim.At(2*time.Minute, User(simulator.UserAway), Session(simulator.SessionDisconnected), LockScreen(true))
		sim.At(3*time.Minute, SystemEvent(simulator.SystemTriggerSmsReceived), CustomSystemEvent("sync"))
		sim.At(4*time.Minute, SuspendApp(), ResumeApp(), TerminateApp(), LaunchApp(), UpdateApp())
		Expect(sim.RunUntil(5 * time.Minute)).To(Succeed())
		Expect(sim.Elapsed()).To(Equal(5 * time.Minute))
		text := sim.Text()
		for _, line := range []string{
			"+00:00:00.000 device    network=none",
			"+00:00:00.000 device    network_cost=metered",
			"+00:01:00.000 device    power=battery",
			"+00:01:00.000 device    standby=true",
			"+00:02:00.000 device    user=away",
			"+00:02:00.000 device    session=disconnected",
			"+00:02:00.000 device    lock_screen=true",
			"+00:03:00.000 event     SmsReceived",
			`+00:03:00.000 event     custom_system_event=sync`,
			"+00:04:00.000 app       suspend state=suspended",
			"+00:04:00.000 app       launch state=foreground",
			"+00:04:00.000 app       update=true state=foreground",
		} {
			Expect(text).To(ContainSubstring(line))
		}
		Expect(sim.Engine().Device().BatterySaver).To(BeTrue())
	})

	It("returns action errors from Do, and from the run during which a scheduled action failed", func() {
		sim := MustNew()
		Expect(sim.Do(TimeZone("Mars/Olympus"))).To(MatchError(ContainSubstring("cannot apply time_zone Mars/Olympus")))
		Expect(sim.Do(User(simulator.UserInvalid))).To(MatchError(ContainSubstring("cannot apply user")))
		sim.At(time.Minute, SystemEvent(simulator.SystemTriggerUserPresent))
		Expect(sim.RunFor(time.Hour)).To(MatchError(ContainSubstring("at 1m0s: cannot apply system_event UserPresent")))
		Expect(sim.RunFor(time.Hour)).To(Succeed(), "an error is reported once")
		Expect(sim.Do(Action{})).To(MatchError(ContainSubstring("zero Action")))
		Expect(sim.Do(TimeZone(""))).To(MatchError("cannot apply time_zone : cannot set time zone: empty name, want an IANA name such as Europe/Berlin (or UTC)"))
		Expect(sim.Do(CustomSystemEvent(""))).To(MatchError("cannot apply custom_system_event : empty trigger id: a CustomSystemEventTrigger has one"))
		Expect(sim.Do(Power(simulator.PowerSource(9)))).To(MatchError(HaveSuffix("simulator: invalid power source 9: not one of its constants")))
		Expect(sim.Text()).NotTo(ContainSubstring("custom_system_event"))
	})

	It("refuses to run backwards", func() {
		sim := MustNew()
		Expect(sim.RunFor(-time.Second)).To(MatchError(ContainSubstring("negative duration")))
		Expect(sim.RunUntil(time.Hour)).To(Succeed())
		Expect(sim.RunUntil(time.Minute)).To(MatchError(ContainSubstring("the clock is already at 1h0m0s")))
	})

	It("refuses to run past the end of representable time instead of winding the clock back", func() {
		sim := MustNew()
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(sim.RunFor(math.MaxInt64)).To(MatchError("cannot RunFor(2562047h47m16.854775807s): the clock would pass the last offset a time.Duration holds (2562047h47m16.854775807s)"))
		Expect(sim.Elapsed()).To(Equal(time.Hour))
		Expect(sim.RunFor(math.MaxInt64 - time.Hour)).To(Succeed())
		Expect(sim.Elapsed()).To(Equal(time.Duration(math.MaxInt64)))
		Expect(sim.RunFor(time.Nanosecond)).To(MatchError(ContainSubstring("the clock would pass the last offset")))
		Expect(sim.RunUntil(math.MaxInt64)).To(Succeed())
	})

	It("refuses a nil builder in Register with an error, not a panic", func() {
		sim := MustNew()
		Expect(sim.Do(Register(nil))).To(MatchError("cannot apply register <nil builder>: nil Builder"))
	})

	It("signals an application trigger and unregisters by name", func() {
		sim := fixtureWorld()
		b := sim.NewBuilder()
		b.Name = "OnDemand"
		b.TaskEntryPoint = "Tasks.IgnoresCancellation"
		b.SetTrigger(simulator.NewApplicationTrigger())
		Expect(sim.Do(Register(b))).To(Succeed())
		sim.At(time.Minute, Signal("OnDemand", map[string]string{"k": "v"}))
		sim.At(90*time.Second, Signal("OnDemand", nil))
		sim.At(100*time.Second, Unregister("OnDemand", true))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(sim).To(HaveRun("OnDemand").At(time.Minute).Times(1))
		Expect(sim.Text()).To(ContainSubstring("+00:01:30.000 signal_result OnDemand task=1 result=CurrentlyRunning"))
		Expect(sim).To(HaveBeenCanceled("OnDemand").WithReason(simulator.ReasonAbort).At(100 * time.Second))
		Expect(sim.Registrations()).To(HaveLen(1))
		Expect(sim.Registration("OnDemand")).To(BeNil())

		Expect(sim.Do(Signal("OnDemand", nil))).To(MatchError(ContainSubstring(`no live registration named "OnDemand"`)))
		Expect(sim.Do(Unregister("OnDemand", false))).To(MatchError(ContainSubstring(`no live registration named "OnDemand"`)))
	})

	It("refuses to signal a task without an application trigger", func() {
		sim := fixtureWorld()
		register(sim, "Zone", "Tasks.ServicingComplete")
		Expect(sim.Do(Signal("Zone", nil))).To(MatchError(ContainSubstring("not an ApplicationTrigger")))
	})

	It("registers at an offset, and a refusal is a trace record, not an error", func() {
		sim := fixtureWorld()
		b := sim.NewBuilder()
		b.Name = "Late"
		b.TaskEntryPoint = "Tasks.Unknown"
		b.SetTrigger(simulator.NewTimeTrigger(15, false))
		sim.At(time.Hour, Register(b))
		Expect(sim.RunFor(2 * time.Hour)).To(Succeed())
		Expect(sim).To(HaveFailedToRegister("Late").WithError(simulator.ErrClassNotRegistered).At(time.Hour))
	})

	It("replaces same-name registrations with RegisterWithName", func() {
		sim := fixtureWorld()
		register(sim, "Twice", "Tasks.ServicingComplete")
		b := sim.NewBuilder()
		b.TaskEntryPoint = "Tasks.ServicingComplete"
		b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
		r, err := b.RegisterWithName("Twice")
		Expect(err).NotTo(HaveOccurred())
		Expect(sim.Registration("Twice")).To(Equal(r))
	})

	It("refuses a task for an entry point the manifest does not declare, with the closest one", func() {
		_, err := New(WithDeclarations(decl("App.Refresh")), WithTaskFunc("App.Refesh", func(*simulator.Instance) {}))
		Expect(err).To(MatchError(`cannot build simulation: task for entry point "App.Refesh": the manifest inline declares no such entry point (did you mean "App.Refresh"?)`))
		_, err = New(WithDeclarations(decl("App.Refresh")), WithGoTask("Other", func(context.Context, *simulator.Instance) error { return nil }))
		Expect(err).To(MatchError(ContainSubstring(`task for entry point "Other"`)))
		By("declared entry points, the update task's, COM classes and the fixtures pass")
		m, err := manifests.Load(manifests.ComServer)
		Expect(err).NotTo(HaveOccurred())
		m.UpdateTask = &manifest.UpdateTask{EntryPoint: "App.Update"}
		g, err := simulator.ParseGUID(m.ComClasses[0])
		Expect(err).NotTo(HaveOccurred())
		clsid := simulator.ClsidEntryPoint(g)
		_, err = New(WithManifest(m), WithTaskFunc(clsid, func(*simulator.Instance) {}),
			WithTaskFunc("App.Update", func(*simulator.Instance) {}), WithFixtureEntryPoints())
		Expect(err).NotTo(HaveOccurred())
		_, err = New(WithTaskFunc("Anything", func(*simulator.Instance) {}))
		Expect(err).NotTo(HaveOccurred(), "without a manifest nothing is checked")
	})

	It("reports bad options with context", func() {
		_, err := New(WithManifestFile("testdata/none.appxmanifest"))
		Expect(err).To(MatchError(ContainSubstring("cannot build simulation: cannot read manifest")))
		_, err = New(WithFixture("Tasks.X", "no_such_fixture"))
		Expect(err).To(MatchError(ContainSubstring(`no such fixture (have [example_background_task`)))
		_, err = New(WithDevice(simulator.DeviceState{TimeZone: "Nowhere/Land"}))
		Expect(err).To(MatchError(ContainSubstring("cannot build simulation")))
		_, err = New(nil)
		Expect(err).To(MatchError(ContainSubstring("option 0 is nil")))
		_, err = New(WithTask("", nil))
		Expect(err).To(HaveOccurred())
		_, err = New(WithGoTaskClock("Tasks.X", nil))
		Expect(err).To(MatchError(ContainSubstring(`WithGoTaskClock("Tasks.X"): a build function is required`)))
		_, err = New(WithGoTaskClock("Tasks.X", func(clock.Clock) func(context.Context, *simulator.Instance) error { return nil }))
		Expect(err).To(MatchError(ContainSubstring(`WithGoTaskClock("Tasks.X"): build returned nil`)))
		Expect(func() { MustNew(WithSeed(1), WithSink(nil)) }).To(PanicWith(ContainSubstring("harness: cannot build simulation: WithSink: nil sink")))
	})

	It("reads a manifest file and keeps its trace beside a caller's sink", func() {
		counting := &simulator.CountingSink{}
		sim, err := New(WithManifestFile("../fixtures/manifests/sample.appxmanifest"),
			WithFixture("Tasks.SampleBackgroundTask", "sample_background_task"),
			WithSink(counting), WithSeed(9), WithApp(simulator.AppForeground),
			WithAccess(simulator.AccessAllowedSubjectToSystemPolicy),
			WithPolicy(simulator.Policy{CancelGrace: time.Second}))
		Expect(err).NotTo(HaveOccurred())
		register(sim, "Sample", "Tasks.SampleBackgroundTask")
		Expect(sim.Do(TimeZone("Asia/Tokyo"))).To(Succeed())
		Expect(sim.RunFor(time.Minute)).To(Succeed())
		Expect(sim).To(HaveCompleted("Sample").WithResult(simulator.ResultOK).At(11 * time.Second))
		Expect(counting.Total).To(Equal(len(sim.Records())))
		Expect(sim.Engine().Policy().CancelGrace).To(Equal(time.Second))
	})

	It("panics with a ConcurrentUseError when a second goroutine drives the simulation while the first is inside it", func() {
		inside, goOn := make(chan struct{}), make(chan struct{})
		first := true
		sim := MustNew(WithSink(sinkFunc(func(*simulator.Record) {
			if first {
				first = false
				close(inside)
				<-goOn
			}
		})))
		done := make(chan error, 1)
		go func() { done <- sim.Do(Network(simulator.NetworkNone)) }()
		<-inside

		caught := make(chan any, 1)
		go func() {
			defer func() { caught <- recover() }()
			_ = sim.Do(Power(simulator.PowerBattery))
		}()
		Expect(<-caught).To(And(BeAssignableToTypeOf(&simulator.ConcurrentUseError{}),
			WithTransform(func(err error) string { return err.Error() }, HavePrefix("simulator: Engine.SetPower found another goroutine inside the engine"))))

		close(goOn)
		Expect(<-done).To(Succeed())
		Expect(sim.Do(Power(simulator.PowerBattery))).To(Succeed(), "the owner goes on")
		Expect(sim.Text()).To(ContainSubstring("power=battery"))
	})

	It("refuses to move time from callback task code, with an error rather than a panic", func() {
		var sim *Simulation
		var runErr, untilErr error
		sim = MustNew(WithDeclarations(decl("Tasks.T")), WithTaskFunc("Tasks.T", func(*simulator.Instance) {
			runErr = sim.RunFor(time.Minute)
			untilErr = sim.RunUntil(time.Hour)
		}))
		b := sim.NewBuilder()
		b.Name, b.TaskEntryPoint = "T", "Tasks.T"
		b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerUserAway, false))
		b.MustRegister()
		Expect(sim.Do(User(simulator.UserAway))).To(Succeed())
		Expect(runErr).To(MatchError("cannot RunFor from task code or a handler: time moves only between events (schedule the work with At, or with the instance's AfterFunc)"))
		Expect(untilErr).To(MatchError(ContainSubstring("cannot RunUntil from task code or a handler")))
		Expect(sim.Text()).NotTo(ContainSubstring("task_error"))
		Expect(sim).To(HaveCompleted("T").WithResult(simulator.ResultOK))
	})

	It("has MustRegister for set-up, which fails the spec when Windows refuses the registration", func() {
		sim := MustNew()
		b := sim.NewBuilder()
		b.Name = "NoTrigger"
		failures := InterceptGomegaFailures(func() { b.MustRegister() })
		Expect(failures).To(HaveLen(1))
		Expect(failures[0]).To(ContainSubstring(`registering "NoTrigger"`))
		Expect(failures[0]).To(ContainSubstring("NoTrigger"))
	})

	It("applies actions from callback task code at once, inside the event that runs", func() {
		var sim *Simulation
		sim = MustNew(WithDeclarations(decl("Tasks.T")), WithTaskFunc("Tasks.T", func(*simulator.Instance) {
			Expect(sim.Do(Network(simulator.NetworkNone))).To(Succeed())
		}))
		b := sim.NewBuilder()
		b.Name, b.TaskEntryPoint = "T", "Tasks.T"
		b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerUserAway, false))
		b.MustRegister()
		sim.At(time.Minute, User(simulator.UserAway))
		Expect(sim.RunFor(time.Hour)).To(Succeed())
		Expect(sim.Text()).To(ContainSubstring("+00:01:00.000 device    network=none"))
	})
})

type sinkFunc func(*simulator.Record)

func (f sinkFunc) Record(r *simulator.Record) { f(r) }
