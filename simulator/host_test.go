package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

var _ = Describe("Resource groups share a host (docs/windows-model.md#resource-groups)", func() {
	var s *sim
	all := []manifest.TaskType{manifest.SystemEvent, manifest.Timer, manifest.General}
	BeforeEach(func() {
		m, err := manifest.New("groups.appxmanifest",
			manifest.Declaration{EntryPoint: "Tasks.A", TaskTypes: all, ResourceGroup: "Sync"},
			manifest.Declaration{EntryPoint: "Tasks.B", TaskTypes: all, ResourceGroup: "Sync"},
			manifest.Declaration{EntryPoint: "Tasks.C", TaskTypes: all, ResourceGroup: "Media"},
			manifest.Declaration{EntryPoint: "Tasks.Own", TaskTypes: all},
		)
		Expect(err).NotTo(HaveOccurred())
		factory := func() simulator.Task { return simulator.TaskFunc(s.run) }
		s = newSim(simulator.Config{Manifest: m, Tasks: map[string]simulator.TaskFactory{
			"Tasks.A": factory, "Tasks.B": factory, "Tasks.C": factory, "Tasks.Own": factory}})
	})

	register := func(name, ep string) {
		b := s.NewBackgroundTaskBuilder()
		b.Name, b.TaskEntryPoint = name, ep
		b.SetTrigger(sms())
		_, err := b.Register()
		Expect(err).NotTo(HaveOccurred())
	}

	startAll := func() {
		for _, n := range []string{"A", "B", "C", "Own"} {
			s.hanging(n)
		}
		register("A", "Tasks.A")
		register("B", "Tasks.B")
		register("C", "Tasks.C")
		register("Own", "Tasks.Own")
		s.raiseSMS()
	}

	It("names the shared host in the run record; a task without a group has no host field", func() {
		startAll()
		Expect(s.lines(simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 run       A task=1 instance=1 trigger=System(SmsReceived) host=Sync",
			"+00:00:00.000 run       B task=2 instance=2 trigger=System(SmsReceived) host=Sync",
			"+00:00:00.000 run       C task=3 instance=3 trigger=System(SmsReceived) host=Media",
			"+00:00:00.000 run       Own task=4 instance=4 trigger=System(SmsReceived)",
		}))
	})

	It("kill_host on one task of a group ends every task in its host, each with its own records", func() {
		startAll()
		n, err := s.InjectFault(simulator.Fault{Kind: simulator.FaultKillHost, Task: "B"})
		Expect(err).NotTo(HaveOccurred())
		Expect(n).To(Equal(1))
		Expect(s.lines(simulator.KindTerminated, simulator.KindCompleted)).To(Equal([]string{
			"+00:00:00.000 terminated A task=1 instance=1 cause=kill_host host=Sync",
			"+00:00:00.000 completed A task=1 instance=1 result=error",
			"+00:00:00.000 terminated B task=2 instance=2 cause=kill_host host=Sync",
			"+00:00:00.000 completed B task=2 instance=2 result=error",
		}))
	})

	It("low_memory_kill ends the shared host the same way; other hosts go on", func() {
		startAll()
		_, err := s.InjectFault(simulator.Fault{Kind: simulator.FaultLowMemoryKill, Task: "A"})
		Expect(err).NotTo(HaveOccurred())
		Expect(s.lines(simulator.KindTerminated)).To(Equal([]string{
			"+00:00:00.000 terminated A task=1 instance=1 cause=low_memory_kill host=Sync",
			"+00:00:00.000 terminated B task=2 instance=2 cause=low_memory_kill host=Sync",
		}))
		for _, r := range s.AllTasks()[2:] {
			Expect(r.Running()).To(Equal(1), r.Name())
		}
	})

	It("a grace period that runs out for one task terminates its whole host", func() {
		startAll()
		_, err := s.InjectFault(simulator.Fault{Kind: simulator.FaultPolicyCancel, Task: "A", Reason: simulator.ReasonSystemPolicy})
		Expect(err).NotTo(HaveOccurred())
		s.RunFor(5 * time.Second)
		Expect(s.lines(simulator.KindTerminated)).To(Equal([]string{
			"+00:00:05.000 terminated A task=1 instance=1 cause=cancel_grace_expired host=Sync",
			"+00:00:05.000 terminated B task=2 instance=2 cause=cancel_grace_expired host=Sync",
		}))
	})

	It("a task without a group keeps a host of its own", func() {
		startAll()
		_, err := s.InjectFault(simulator.Fault{Kind: simulator.FaultKillHost, Task: "Own"})
		Expect(err).NotTo(HaveOccurred())
		Expect(s.lines(simulator.KindTerminated)).To(Equal([]string{
			"+00:00:00.000 terminated Own task=4 instance=4 cause=kill_host"}))
	})
})
