package simulator_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

var _ = Describe("docs/windows-model.md#com-entry-points SetTaskEntryPointClsid", func() {
	const declared = "{6c4a8e2f-91b3-4d57-a0e6-3f2b9c1d7e40}"
	var (
		s   *sim
		ran []string
	)
	BeforeEach(func() {
		ran = nil
		m, err := manifest.Parse("com.appxmanifest", []byte(`<Package xmlns:com="http://schemas.microsoft.com/appx/manifest/com/windows10">
  <Applications><Application Id="App"><Extensions>
    <com:Extension Category="windows.comServer"><com:ComServer><com:ExeServer Executable="App.exe">
      <com:Class Id="6C4A8E2F-91B3-4D57-A0E6-3F2B9C1D7E40"/>
    </com:ExeServer></com:ComServer></com:Extension>
  </Extensions></Application></Applications>
</Package>`))
		Expect(err).NotTo(HaveOccurred())
		s = newSim(simulator.Config{Manifest: m, Tasks: map[string]simulator.TaskFactory{
			declared: func() simulator.Task {
				return simulator.TaskFunc(func(in *simulator.Instance) { ran = append(ran, in.Task().TaskEntryPoint()) })
			},
		}})
	})
	clsid := func(text string) simulator.GUID {
		g, err := simulator.ParseGUID(text)
		Expect(err).NotTo(HaveOccurred())
		return g
	}
	builder := func(id simulator.GUID) *simulator.BackgroundTaskBuilder {
		b := s.NewBackgroundTaskBuilder()
		b.Name = "Com"
		b.SetTrigger(simulator.NewCustomSystemEventTrigger("go", simulator.RecurrenceAlways))
		b.SetTaskEntryPointClsid(id)
		return b
	}

	It("registers a COM class the manifest declares, whatever the case, and runs it out of process", func() {
		r, err := builder(clsid("6C4A8E2F-91B3-4D57-A0E6-3F2B9C1D7E40")).Register()
		Expect(err).NotTo(HaveOccurred())
		Expect(r.TaskEntryPoint()).To(Equal(declared))
		s.RaiseCustomSystemEvent("go")
		Expect(ran).To(Equal([]string{declared}))
		Expect(s.lines(simulator.KindRegister, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 register  Com task=1 trigger=CustomSystemEvent(go,Always) entry_point={6c4a8e2f-91b3-4d57-a0e6-3f2b9c1d7e40}",
			"+00:00:00.000 run       Com task=1 instance=1 trigger=CustomSystemEvent(go,Always)",
		}))
	})

	It("fails as Windows does for a class the manifest does not declare: class not registered", func() {
		_, err := builder(clsid("{00000000-0000-4000-8000-000000000001}")).Register()
		Expect(err).To(MatchError(simulator.ErrClassNotRegistered))
		Expect(err.(*simulator.RegisterError).HResult).To(Equal(simulator.HResultClassNotRegistered))
		Expect(err).To(MatchError(ContainSubstring("COM class {00000000-0000-4000-8000-000000000001} is not declared in the manifest")))
	})

	It("refuses a builder that also sets TaskEntryPoint", func() {
		b := builder(clsid(declared))
		b.TaskEntryPoint = "Tasks.All"
		_, err := b.Register()
		Expect(err).To(MatchError(simulator.ErrInvalidTrigger))
	})

	It("parses GUIDs with or without braces, and refuses anything else", func() {
		g := clsid(declared)
		Expect(simulator.ClsidEntryPoint(g)).To(Equal(declared))
		for _, bad := range []string{"", "6c4a8e2f91b34d57a0e63f2b9c1d7e40", "{6c4a8e2f-91b3-4d57-a0e6-3f2b9c1d7e4g}", "6c4a8e2f-91b3-4d57-a0e6_3f2b9c1d7e40"} {
			_, err := simulator.ParseGUID(bad)
			Expect(err).To(MatchError(ContainSubstring("cannot parse GUID")), bad)
		}
	})
})

var _ = Describe("docs/windows-model.md#task-builder Validate", func() {
	It("answers what Register would, and registers and writes nothing", func() {
		s := newSim(simulator.Config{})
		b := s.builder("T", simulator.NewApplicationTrigger())
		Expect(b.Validate()).To(BeTrue())
		Expect(s.lines()).To(BeEmpty())
		Expect(s.AllTasks()).To(BeEmpty())
		b.MustRegister()
		Expect(s.builder("T2", simulator.NewApplicationTrigger()).Validate()).To(BeFalse(), "DuplicateApplicationTrigger")
		Expect(s.builder("N", nil).Validate()).To(BeFalse(), "NoTrigger")
		bad := s.builder("X", simulator.NewTimeTrigger(15, false))
		bad.TaskEntryPoint = epSystem
		Expect(bad.Validate()).To(BeFalse(), "ClassNotRegistered")
		Expect(s.records(simulator.KindRegisterFailed)).To(BeEmpty())
	})
})
