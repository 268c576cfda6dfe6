package harness_test

import (
	"context"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/onsi/gomega"

	"github.com/bgsim/bgsim/fixtures/manifests"
	"github.com/bgsim/bgsim/fixtures/tasks"
	"github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// Example ports the quickstart registration line by line (the README's "Writing Go specs with
// the harness" table shows it beside the C#), runs an hour of virtual time and asserts with the
// contract matchers. In a Ginkgo spec the same lines sit inside an It, with Expect in place of
// the gomega.NewGomega below.
func Example() {
	m, _ := manifests.Load(manifests.Quickstart)
	sim := harness.MustNew(
		harness.WithManifest(m),
		harness.WithTaskFunc("Tasks.ExampleBackgroundTask", tasks.ExampleBackgroundTask),
	)

	builder := sim.NewBuilder()
	builder.Name = "ExampleBackgroundTask"
	builder.TaskEntryPoint = "Tasks.ExampleBackgroundTask"
	builder.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
	builder.AddCondition(simulator.ConditionUserPresent)
	task, _ := builder.Register()
	task.OnCompleted(func(r *simulator.Registration, args simulator.CompletedEventArgs) {
		fmt.Println("OnCompleted", r.Name(), args.CheckResult())
	})

	sim.At(10*time.Minute, harness.TimeZone("America/New_York"))
	_ = sim.RunFor(time.Hour)

	g := gomega.NewGomega(func(msg string, _ ...int) { fmt.Println("FAIL:", msg) })
	g.Expect(sim).To(harness.HaveRun("ExampleBackgroundTask").At(10 * time.Minute).Times(1))
	g.Expect(sim).To(harness.HaveDelivered("ExampleBackgroundTask").WithResult(simulator.ResultOK))
	fmt.Print(sim.Text())
	// Output:
	// OnCompleted ExampleBackgroundTask <nil>
	// +00:00:00.000 register  ExampleBackgroundTask task=1 trigger=System(TimeZoneChange) conditions=UserPresent entry_point=Tasks.ExampleBackgroundTask
	// +00:10:00.000 device    time_zone=America/New_York offset=-05:00
	// +00:10:00.000 event     TimeZoneChange
	// +00:10:00.000 run       ExampleBackgroundTask task=1 instance=1 trigger=System(TimeZoneChange)
	// +00:10:00.000 log       ExampleBackgroundTask task=1 instance=1 msg=Completed
	// +00:10:00.000 completed ExampleBackgroundTask task=1 instance=1 result=ok
	// +00:10:00.000 delivered ExampleBackgroundTask task=1 instance=1 result=ok
}

// ExampleHaveRun shows a failure message: the expectation, what was found, the records of the
// kind and task that failed the other filters, and the trace lines of the task with their
// virtual times.
func ExampleHaveRun() {
	sim := harness.MustNew(
		harness.WithDeclarations(manifest.Declaration{EntryPoint: "Tasks.ExampleBackgroundTask", TaskTypes: []manifest.TaskType{manifest.Timer}}),
		harness.WithFixture("Tasks.ExampleBackgroundTask", "example_background_task"),
	)
	b := sim.NewBuilder()
	b.Name = "Poll"
	b.TaskEntryPoint = "Tasks.ExampleBackgroundTask"
	b.SetTrigger(simulator.NewTimeTrigger(15, true))
	_, _ = b.Register()
	_ = sim.RunFor(time.Hour)

	m := harness.HaveRun("Poll").Within(0, 10*time.Minute)
	ok, err := m.Match(sim)
	fmt.Println(ok, err)
	fmt.Print(m.FailureMessage(sim))
	// Output:
	// false <nil>
	// Expected the trace to have run Poll, within +00:00:00.000 to +00:10:00.000
	// found 0 matching records
	// run records of Poll, whatever the other filters (1):
	//     +00:15:00.000 run       Poll task=1 instance=1 trigger=Time(15m,one_shot)
	// the trace lines that matter (records of Poll, 5 of 5 lines):
	//     +00:00:00.000 register  Poll task=1 trigger=Time(15m,one_shot) entry_point=Tasks.ExampleBackgroundTask
	//     +00:15:00.000 run       Poll task=1 instance=1 trigger=Time(15m,one_shot)
	//     +00:15:00.000 log       Poll task=1 instance=1 msg=Completed
	//     +00:15:00.000 completed Poll task=1 instance=1 result=ok
	//     +00:15:00.000 delivered Poll task=1 instance=1 result=ok
}

// ExampleClock shows the clock bridge: code written against benbjohnson/clock reads virtual
// time, and its AfterFunc runs at the virtual instant.
func ExampleClock() {
	sim := harness.MustNew()
	clk := sim.Clock()
	clk.AfterFunc(90*time.Second, func() { fmt.Println("fired at", clk.Now().Format(time.TimeOnly)) })
	_ = sim.RunFor(time.Hour)
	fmt.Println("now", clk.Now().Format(time.TimeOnly))
	// Output:
	// fired at 00:01:30
	// now 01:00:00
}

// ExampleWithGoTask runs task code written the way Go is written: a goroutine task that syncs on
// a clock.Ticker until it is canceled, on virtual time. Goroutine tasks run inside a
// testing/synctest bubble. An Example has no *testing.T, so this one gives synctest.Test a zero
// one; a test passes its own t (a Ginkgo suite, the suite's t kept in a package variable, with
// GinkgoRecover deferred at the top of the function: see the package doc).
func ExampleWithGoTask() {
	synctest.Test(new(testing.T), func(*testing.T) {
		sim := harness.MustNew(
			harness.WithDeclarations(manifest.Declaration{EntryPoint: "Tasks.Sync", TaskTypes: []manifest.TaskType{manifest.SystemEvent}}),
			harness.WithGoTask("Tasks.Sync", func(ctx context.Context, in *simulator.Instance) error {
				ticker := harness.ClockFrom(ctx).Ticker(10 * time.Second)
				defer ticker.Stop()
				for batch := uint32(1); ; batch++ {
					select {
					case <-ctx.Done():
						reason, _ := harness.CancelReason(ctx)
						in.Log("stopped: " + reason.String())
						return ctx.Err() // a clean exit after a cancel
					case <-ticker.C:
						in.SetProgress(batch)
					}
				}
			}))
		defer func() { _ = sim.Close() }()

		b := sim.NewBuilder()
		b.Name = "Sync"
		b.TaskEntryPoint = "Tasks.Sync"
		b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
		_, _ = b.Register()
		sim.At(time.Minute, harness.TimeZone("Europe/Paris"))
		sim.At(time.Minute+25*time.Second, harness.Unregister("Sync", true))
		_ = sim.RunFor(time.Hour)
		fmt.Print(sim.Text())
		fmt.Println(time.Now().Equal(sim.Now()), "(time.Now() in the bubble follows virtual time)")
	})
	// Output:
	// +00:00:00.000 register  Sync task=1 trigger=System(TimeZoneChange) entry_point=Tasks.Sync
	// +00:01:00.000 device    time_zone=Europe/Paris offset=+01:00
	// +00:01:00.000 event     TimeZoneChange
	// +00:01:00.000 run       Sync task=1 instance=1 trigger=System(TimeZoneChange)
	// +00:01:00.000 deferral  Sync task=1 instance=1 deferral=1
	// +00:01:10.000 progress  Sync task=1 instance=1 value=1
	// +00:01:10.000 progress_delivered Sync task=1 instance=1 value=1
	// +00:01:20.000 progress  Sync task=1 instance=1 value=2
	// +00:01:20.000 progress_delivered Sync task=1 instance=1 value=2
	// +00:01:25.000 unregister Sync task=1 cancel=true
	// +00:01:25.000 canceled  Sync task=1 instance=1 reason=Abort
	// +00:01:25.000 log       Sync task=1 instance=1 msg="stopped: Abort"
	// +00:01:25.000 deferral_completed Sync task=1 instance=1 deferral=1
	// +00:01:25.000 completed Sync task=1 instance=1 result=ok
	// +00:01:25.000 delivered Sync task=1 instance=1 result=ok
	// true (time.Now() in the bubble follows virtual time)
}
