package harness_test

import (
	"time"

	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/fixtures/manifests"
	"github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// quickstart is the quickstart world: ExampleBackgroundTask on TimeZoneChange with UserPresent,
// a deferral completed 5 s after Run, progress 50 at 2 s. Time zone changes at 10m and 30m, the
// user away from 20m to 40m: run at 10m, latched at 30m, run again at 40m.
func quickstart() *harness.Simulation {
	m, err := manifests.Load(manifests.Quickstart)
	Expect(err).NotTo(HaveOccurred())
	sim, err := harness.New(
		harness.WithManifest(m),
		harness.WithTaskFunc("Tasks.ExampleBackgroundTask", func(in *simulator.Instance) {
			d := in.GetDeferral()
			in.AfterFunc(2*time.Second, func() { in.SetProgress(50) })
			in.AfterFunc(5*time.Second, d.Complete)
		}),
	)
	Expect(err).NotTo(HaveOccurred())
	b := sim.NewBuilder()
	b.Name = "ExampleBackgroundTask"
	b.TaskEntryPoint = "Tasks.ExampleBackgroundTask"
	b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
	b.AddCondition(simulator.ConditionUserPresent)
	_, err = b.Register()
	Expect(err).NotTo(HaveOccurred())
	sim.At(10*time.Minute, harness.TimeZone("America/New_York"))
	sim.At(20*time.Minute, harness.User(simulator.UserAway))
	sim.At(30*time.Minute, harness.TimeZone("Asia/Tokyo"))
	sim.At(40*time.Minute, harness.User(simulator.UserPresent))
	Expect(sim.RunFor(time.Hour)).To(Succeed())
	return sim
}

// failureOf runs an assertion that must fail and returns its message.
func failureOf(assert func()) string {
	failures := InterceptGomegaFailures(assert)
	Expect(failures).To(HaveLen(1), "the assertion was expected to fail once")
	return failures[0]
}

// register registers a TimeZoneChange task for entryPoint, named name, and fails the spec on a
// refusal.
func register(sim *harness.Simulation, name, entryPoint string, conditions ...simulator.SystemConditionType) *simulator.Registration {
	b := sim.NewBuilder()
	b.Name = name
	b.TaskEntryPoint = entryPoint
	b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
	for _, c := range conditions {
		b.AddCondition(c)
	}
	r, err := b.Register()
	Expect(err).NotTo(HaveOccurred())
	return r
}

// fixtureWorld is a simulation with every fixture manifest's tasks runnable: the sample and the
// misbehaving manifest merged inline.
func fixtureWorld(opts ...harness.Option) *harness.Simulation {
	sim, err := harness.New(append([]harness.Option{
		harness.WithDeclarations(
			decl("Tasks.SampleBackgroundTask"), decl("Tasks.ServicingComplete"),
			decl("Tasks.IgnoresCancellation"), decl("Tasks.ForgetsDeferral"),
			decl("Tasks.Panics"), decl("Tasks.NeverCompletes"), decl("Tasks.ExampleBackgroundTask")),
		harness.WithFixtureEntryPoints(),
	}, opts...)...)
	Expect(err).NotTo(HaveOccurred())
	return sim
}

func decl(entryPoint string) manifest.Declaration {
	return manifest.Declaration{EntryPoint: entryPoint, TaskTypes: []manifest.TaskType{manifest.SystemEvent, manifest.Timer, manifest.General}}
}

func manifestDecl(entryPoint string) manifest.Declaration { return decl(entryPoint) }
