package invariants_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/invariants"
	"github.com/bgsim/bgsim/simulator/manifest"
)

var _ = Describe("the rules that follow the app, the host and the power source", func() {
	allowed := simulator.Record{Kind: simulator.KindSignalResult, TaskNum: 1, Signal: simulator.SignalAllowed}

	It("catches Allowed answered to task code, on the records alone", func() {
		c := invariants.New(invariants.Options{})
		fromTask := allowed
		fromTask.Detail = "cause=from_task"
		feed(c, fromTask)
		Expect(c.Err().Rule).To(Equal(invariants.RuleSignal))
	})

	It("catches Allowed while the app is suspended, and passes it in the foreground", func() {
		e, c := engineWith(simulator.Policy{}, false)
		feed(c, allowed)
		Expect(c.Err()).To(BeNil())
		e.SuspendApp()
		feed(c, allowed)
		Expect(c.Err().Rule).To(Equal(invariants.RuleSignal))
		Expect(c.Err().Msg).To(ContainSubstring("while the app is suspended"))
	})

	It("catches a second application-triggered instance starting while one runs", func() {
		c := invariants.New(invariants.Options{})
		e, err := simulator.New(simulator.Config{Sink: c,
			App: simulator.AppConfig{OnBackgroundActivated: func(in *simulator.Instance) { in.GetDeferral() }}})
		Expect(err).NotTo(HaveOccurred())
		c.Attach(e)
		b := e.NewBackgroundTaskBuilder()
		b.Name = "A"
		b.SetTrigger(simulator.NewApplicationTrigger())
		b.MustRegister()
		Expect(e.RequestApplicationTrigger(nil)).To(Equal(simulator.SignalAllowed))
		Expect(c.Err()).To(BeNil())
		c.Record(&simulator.Record{Kind: simulator.KindRun, TaskNum: 1, Instance: 2})
		Expect(c.Err().Rule).To(Equal(invariants.RuleOneApplicationTask))
	})

	It("catches an instance left running in a shared host that ended, between steps", func() {
		m, err := manifest.New("m", manifest.Declaration{EntryPoint: "T.A",
			TaskTypes: []manifest.TaskType{manifest.SystemEvent}, ResourceGroup: "G"})
		Expect(err).NotTo(HaveOccurred())
		c := invariants.New(invariants.Options{})
		e, err := simulator.New(simulator.Config{Sink: c, Manifest: m, Tasks: map[string]simulator.TaskFactory{
			"T.A": func() simulator.Task { return simulator.TaskFunc(func(in *simulator.Instance) { in.GetDeferral() }) }}})
		Expect(err).NotTo(HaveOccurred())
		c.Attach(e)
		feed(c,
			simulator.Record{Kind: simulator.KindRun, TaskNum: 1, Instance: 1, Detail: "trigger=System(SmsReceived) host=G"},
			simulator.Record{Kind: simulator.KindRun, TaskNum: 2, Instance: 2, Detail: "trigger=System(SmsReceived) host=G"},
			simulator.Record{Kind: simulator.KindTerminated, TaskNum: 1, Instance: 1, Detail: "cause=kill_host host=G"})
		Expect(c.CheckEngine()).NotTo(BeNil())
		Expect(c.Err().Rule).To(Equal(invariants.RuleSharedHost))
		Expect(c.Err().Msg).To(ContainSubstring("instance 2 still runs after its host G ended"))
	})

	It("passes a real shared host that ended with every instance in it", func() {
		m, err := manifest.New("m", manifest.Declaration{EntryPoint: "T.A",
			TaskTypes: []manifest.TaskType{manifest.SystemEvent}, ResourceGroup: "G"})
		Expect(err).NotTo(HaveOccurred())
		c := invariants.New(invariants.Options{Render: true})
		e, err := simulator.New(simulator.Config{Sink: c, Manifest: m, Tasks: map[string]simulator.TaskFactory{
			"T.A": func() simulator.Task { return simulator.TaskFunc(func(in *simulator.Instance) { in.GetDeferral() }) }}})
		Expect(err).NotTo(HaveOccurred())
		c.Attach(e)
		for _, name := range []string{"A", "B"} {
			b := e.NewBackgroundTaskBuilder()
			b.Name, b.TaskEntryPoint = name, "T.A"
			b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerSmsReceived, false))
			b.MustRegister()
		}
		Expect(e.RaiseSystemEvent(simulator.SystemTriggerSmsReceived)).To(Succeed())
		_, err = e.InjectFault(simulator.Fault{Kind: simulator.FaultKillHost, Task: "A"})
		Expect(err).NotTo(HaveOccurred())
		Expect(c.CheckEngine()).To(BeNil())
		Expect(c.Final(false)).To(BeNil())
	})

	It("passes Battery Saver on battery and, with EnergySaverOnAC, on AC", func() {
		e, c := engineWith(simulator.Policy{}, false)
		e.SetPower(simulator.PowerBattery)
		Expect(e.SetBatterySaver(true)).To(Succeed())
		Expect(c.CheckEngine()).To(BeNil())
		e, c = engineWith(simulator.Policy{EnergySaverOnAC: true}, false)
		Expect(e.SetBatterySaver(true)).To(Succeed())
		Expect(c.CheckEngine()).To(BeNil())
	})
})
