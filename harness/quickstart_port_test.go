package harness_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/fixtures/manifests"
	"github.com/bgsim/bgsim/fixtures/tasks"
	"github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

// The README's "Writing Go specs with the harness" table, as a spec: keep the two in step.
var _ = Describe("the quickstart port of the README", func() {
	It("registers ExampleBackgroundTask and sees it run and delivered", func() {
		var completed []error
		m, _ := manifests.Load(manifests.Quickstart)
		sim := harness.MustNew(harness.WithManifest(m), harness.WithTaskFunc("Tasks.ExampleBackgroundTask", tasks.ExampleBackgroundTask))
		builder := sim.NewBuilder()
		builder.Name = "ExampleBackgroundTask"
		builder.TaskEntryPoint = "Tasks.ExampleBackgroundTask"
		builder.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
		builder.AddCondition(simulator.ConditionUserPresent)
		task, _ := builder.Register()
		task.OnCompleted(func(r *simulator.Registration, args simulator.CompletedEventArgs) {
			completed = append(completed, args.CheckResult())
		})
		sim.At(10*time.Minute, harness.TimeZone("America/New_York"))
		_ = sim.RunFor(time.Hour)
		Expect(sim).To(harness.HaveRun("ExampleBackgroundTask").At(10 * time.Minute).Times(1))
		Expect(sim).To(harness.HaveDelivered("ExampleBackgroundTask").WithResult(simulator.ResultOK))
		Expect(completed).To(Equal([]error{nil}))
	})
})
