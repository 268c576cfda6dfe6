package harness_test

import (
	"context"
	"testing"
	"testing/synctest"
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

// The README's goroutine-task table (C# async Run with a deferral beside a Go goroutine task), as
// a spec: keep the two in step.
var _ = Describe("the goroutine-task port of the README", func() {
	It("runs an async Run with a deferral as a goroutine task on virtual time", func() {
		synctest.Test(suiteT, func(t *testing.T) {
			defer GinkgoRecover()
			sim := harness.MustNew(
				harness.WithDeclarations(manifestDecl("Tasks.SyncTask")),
				harness.WithGoTask("Tasks.SyncTask", func(ctx context.Context, in *simulator.Instance) error {
					clk := harness.ClockFrom(ctx)
					for progress := uint32(10); progress <= 100; progress += 10 {
						select {
						case <-ctx.Done():
							return ctx.Err()
						case <-clk.After(time.Second):
						}
						in.SetProgress(progress)
					}
					return nil
				}))
			defer func() { Expect(sim.Close()).To(Succeed()) }()
			builder := sim.NewBuilder()
			builder.Name = "SyncTask"
			builder.TaskEntryPoint = "Tasks.SyncTask"
			builder.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
			_, err := builder.Register()
			Expect(err).NotTo(HaveOccurred())
			sim.At(time.Minute, harness.TimeZone("Europe/Paris"))
			sim.At(time.Minute+3500*time.Millisecond, harness.Unregister("SyncTask", true))
			Expect(sim.RunFor(time.Hour)).To(Succeed())
			Expect(sim).To(harness.HaveDeliveredProgress(10, 20, 30))
			Expect(sim).To(harness.HaveBeenCanceled("SyncTask").WithReason(simulator.ReasonAbort).At(time.Minute + 3500*time.Millisecond))
			Expect(sim).To(harness.HaveCompleted("SyncTask").WithResult(simulator.ResultOK).At(time.Minute + 3500*time.Millisecond))
		})
	})
})
