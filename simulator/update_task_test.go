package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

var _ = Describe("The update task (docs/windows-model.md#the-update-task)", func() {
	const epUpdate = "Tasks.UpdateTask"

	// updating builds a sim whose manifest declares an update task; run is its Go code.
	updating := func(cfg simulator.Config, run func(*simulator.Instance)) *sim {
		m := testManifest()
		m.UpdateTask = &manifest.UpdateTask{EntryPoint: epUpdate}
		cfg.Manifest = m
		s := &sim{behave: map[string]func(*simulator.Instance){epUpdate: run}}
		factory := func() simulator.Task { return simulator.TaskFunc(s.run) }
		cfg.Tasks = map[string]simulator.TaskFactory{epAll: factory, epUpdate: factory}
		e, err := simulator.New(cfg)
		Expect(err).NotTo(HaveOccurred())
		s.Engine = e
		return s
	}

	It("runs after an update without a registration, before ServicingComplete, even for an app that never ran and never asked for access", func() {
		var ran *simulator.Instance
		s := updating(simulator.Config{
			App: simulator.AppConfig{State: simulator.AppNotRunning, Access: simulator.AccessNotRequested},
		}, func(in *simulator.Instance) { ran = in })
		s.UpdateApp()
		Expect(s.Trace().Text()).To(Equal(`+00:00:00.000 app       update=true state=not_running
+00:00:00.000 run       Tasks.UpdateTask instance=1 trigger=UpdateTask
+00:00:00.000 completed Tasks.UpdateTask instance=1 result=ok
+00:00:00.000 event     ServicingComplete
`))
		Expect(ran).NotTo(BeNil())
		r := ran.Task()
		Expect(r.Number()).To(Equal(0))
		Expect(r.Name()).To(Equal(epUpdate))
		Expect(r.TaskEntryPoint()).To(Equal(epUpdate))
		Expect(r.Trigger().String()).To(Equal("UpdateTask"))
		Expect(r.Unregistered()).To(BeTrue(), "it was never registered")
		Expect(s.AllTasks()).To(BeEmpty())
		r.Unregister(true)
		Expect(s.Trace().Records()).To(HaveLen(4), "Unregister does nothing")
	})

	It("does not hand its progress or its completion to the app, which has no registration to attach a handler to", func() {
		s := updating(simulator.Config{}, func(in *simulator.Instance) {
			d := in.GetDeferral()
			in.SetProgress(50)
			in.AfterFunc(time.Second, d.Complete)
		})
		s.UpdateApp()
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindProgress, simulator.KindProgressDelivered, simulator.KindCompleted, simulator.KindDelivered, simulator.KindDropped)).To(Equal([]string{
			"+00:00:00.000 progress  Tasks.UpdateTask instance=1 value=50",
			"+00:00:01.000 completed Tasks.UpdateTask instance=1 result=ok",
		}))
	})

	It("runs again on every update; one still running is canceled with ServicingUpdate first, as every running task is", func() {
		s := updating(simulator.Config{}, func(in *simulator.Instance) { in.GetDeferral() })
		s.UpdateApp()
		s.RunFor(time.Second)
		s.UpdateApp()
		Expect(s.lines(simulator.KindRun, simulator.KindCanceled)).To(Equal([]string{
			"+00:00:00.000 run       Tasks.UpdateTask instance=1 trigger=UpdateTask",
			"+00:00:01.000 canceled  Tasks.UpdateTask instance=1 reason=ServicingUpdate",
			"+00:00:01.000 run       Tasks.UpdateTask instance=2 trigger=UpdateTask",
		}))
	})

	It("is held to the default wall-clock limit like any out-of-process task", func() {
		s := updating(simulator.Config{}, func(in *simulator.Instance) { in.GetDeferral() })
		s.UpdateApp()
		s.RunFor(time.Hour)
		Expect(s.lines(simulator.KindCanceled)).To(Equal([]string{
			"+00:00:30.000 canceled  Tasks.UpdateTask instance=1 reason=ExecutionTimeExceeded",
		}))
	})

	It("runs under Battery Saver, and the device changes of the update do not cancel it", func() {
		s := updating(simulator.Config{Device: simulator.DeviceState{Power: simulator.PowerBattery, BatterySaver: true},
			App: simulator.AppConfig{Access: simulator.AccessAlwaysAllowed}}, func(in *simulator.Instance) {
			d := in.GetDeferral()
			in.AfterFunc(10*time.Second, d.Complete)
		})
		s.UpdateApp()
		s.RunFor(time.Minute)
		Expect(s.lines(simulator.KindCanceled)).To(BeEmpty())
		Expect(s.lines(simulator.KindCompleted)).To(Equal([]string{
			"+00:00:10.000 completed Tasks.UpdateTask instance=1 result=ok"}))
	})

	It("fails like any task when no Go code is given for its entry point", func() {
		m := testManifest()
		m.UpdateTask = &manifest.UpdateTask{EntryPoint: "Tasks.Missing"}
		e, err := simulator.New(simulator.Config{Manifest: m})
		Expect(err).NotTo(HaveOccurred())
		e.UpdateApp()
		Expect(e.Trace().Text()).To(ContainSubstring(`task_error Tasks.Missing instance=1 msg="no task factory for entry point Tasks.Missing"`))
	})

	It("does nothing without a windows.updateTask declaration", func() {
		s := newSim(simulator.Config{})
		s.UpdateApp()
		Expect(s.lines(simulator.KindRun)).To(BeEmpty())
	})
})
