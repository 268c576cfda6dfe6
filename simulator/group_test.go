package simulator_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#task-groups BackgroundTaskRegistrationGroup", func() {
	var s *sim
	BeforeEach(func() { s = newSim(simulator.Config{}) })

	inGroup := func(name string, g *simulator.TaskGroup) *simulator.Registration {
		b := s.builder(name, sms())
		b.TaskGroup = g
		r, err := b.Register()
		Expect(err).NotTo(HaveOccurred())
		return r
	}

	It("carries its id and friendly name", func() {
		g := simulator.NewTaskGroup("3F2504E0-5F89-41D3-9A0C-0405E82C3333", "Background Task Group")
		Expect(g.ID()).To(Equal("3F2504E0-5F89-41D3-9A0C-0405E82C3333"))
		Expect(g.Name()).To(Equal("Background Task Group"))
	})

	It("group.AllTasks lists the group's live registrations in registration order, and is nil when it has none", func() {
		g := simulator.NewTaskGroup("com.example.a", "A")
		Expect(g.AllTasks()).To(BeNil())
		r1 := inGroup("One", g)
		s.register("Ungrouped", sms())
		r2 := inGroup("Two", g)
		Expect(g.AllTasks()).To(Equal([]*simulator.Registration{r1, r2}))
		Expect(r1.TaskGroup()).To(BeIdenticalTo(g))
		r1.Unregister(false)
		r2.Unregister(false)
		Expect(g.AllTasks()).To(BeNil())
	})

	It("GetTaskGroup returns nil for an unknown id, the group while it has a registration, and nil after the last unregister", func() {
		g := simulator.NewTaskGroup("com.example.a", "A")
		Expect(s.GetTaskGroup("com.example.a")).To(BeNil())
		Expect(s.GetTaskGroup("")).To(BeNil())
		r1 := inGroup("One", g)
		r2 := inGroup("Two", g)
		Expect(s.GetTaskGroup("com.example.a")).To(BeIdenticalTo(g))
		Expect(s.GetTaskGroup("com.example.b")).To(BeNil())
		r1.Unregister(false)
		Expect(s.GetTaskGroup("com.example.a")).To(BeIdenticalTo(g))
		r2.Unregister(false)
		Expect(s.GetTaskGroup("com.example.a")).To(BeNil())
		Expect(s.AllTaskGroups()).To(BeEmpty())
	})

	It("AllTaskGroups lists the groups with a live registration, sorted by id", func() {
		c := simulator.NewTaskGroup("c", "C")
		a := simulator.NewTaskGroup("a", "A")
		b := simulator.NewTaskGroup("b", "B")
		inGroup("1", c)
		inGroup("2", a)
		inGroup("3", c)
		rb := inGroup("4", b)
		Expect(s.AllTaskGroups()).To(Equal([]*simulator.TaskGroup{a, b, c}))
		rb.Unregister(false)
		Expect(s.AllTaskGroups()).To(Equal([]*simulator.TaskGroup{a, c}))
	})

	It("two groups with the same id are one group: the first registered is the one returned", func() {
		first := simulator.NewTaskGroup("same", "First")
		second := simulator.NewTaskGroup("same", "Second")
		r1 := inGroup("1", first)
		r2 := inGroup("2", second)
		Expect(s.GetTaskGroup("same")).To(BeIdenticalTo(first))
		Expect(first.AllTasks()).To(Equal([]*simulator.Registration{r1, r2}))
		Expect(s.AllTaskGroups()).To(HaveLen(1))
	})

	It("grouped registrations run like the others; clearing AllTasks does not touch them", func() {
		g := simulator.NewTaskGroup("g", "G")
		inGroup("Grouped", g)
		s.register("Plain", sms())
		for _, r := range s.AllTasks() {
			r.Unregister(true)
		}
		s.raiseSMS()
		Expect(s.lines(simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 run       Grouped task=1 instance=1 trigger=System(SmsReceived)",
		}))
	})
})
