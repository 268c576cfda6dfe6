package simulator_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#custom-system-event-triggers CustomSystemEventTrigger", func() {
	var s *sim
	BeforeEach(func() { s = newSim(simulator.Config{}) })

	It("Always fires every time its event is raised", func() {
		s.register("C", simulator.NewCustomSystemEventTrigger("ev", simulator.RecurrenceAlways))
		s.RaiseCustomSystemEvent("ev")
		s.RaiseCustomSystemEvent("ev")
		s.RaiseCustomSystemEvent("ev")
		Expect(s.count(simulator.KindRun, "C")).To(Equal(3))
		Expect(s.lines(simulator.KindEvent, simulator.KindRun)[:2]).To(Equal([]string{
			"+00:00:00.000 event     custom_system_event=ev",
			"+00:00:00.000 run       C task=1 instance=1 trigger=CustomSystemEvent(ev,Always)",
		}))
	})

	It("Once fires at most once per session", func() {
		s.register("C", simulator.NewCustomSystemEventTrigger("ev", simulator.RecurrenceOnce))
		s.RaiseCustomSystemEvent("ev")
		s.RaiseCustomSystemEvent("ev")
		Expect(s.count(simulator.KindRun, "C")).To(Equal(1))
	})

	It("Once is reset by SessionConnected (a new session), not by a disconnect", func() {
		s.register("C", simulator.NewCustomSystemEventTrigger("ev", simulator.RecurrenceOnce))
		s.RaiseCustomSystemEvent("ev")
		s.SetSession(simulator.SessionDisconnected)
		s.RaiseCustomSystemEvent("ev")
		Expect(s.count(simulator.KindRun, "C")).To(Equal(1))
		s.SetSession(simulator.SessionConnected)
		s.RaiseCustomSystemEvent("ev")
		s.RaiseCustomSystemEvent("ev")
		Expect(s.count(simulator.KindRun, "C")).To(Equal(2))
	})

	It("fires only the registrations with that id, in registration order", func() {
		s.register("A", simulator.NewCustomSystemEventTrigger("x", simulator.RecurrenceAlways))
		s.register("B", simulator.NewCustomSystemEventTrigger("y", simulator.RecurrenceAlways))
		s.register("C", simulator.NewCustomSystemEventTrigger("x", simulator.RecurrenceOnce))
		s.RaiseCustomSystemEvent("x")
		Expect(s.lines(simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 run       A task=1 instance=1 trigger=CustomSystemEvent(x,Always)",
			"+00:00:00.000 run       C task=3 instance=2 trigger=CustomSystemEvent(x,Once)",
		}))
	})

	It("quotes an id that is not a single word in the event record", func() {
		s.RaiseCustomSystemEvent("my event")
		Expect(s.lines()).To(Equal([]string{`+00:00:00.000 event     custom_system_event="my event"`}))
	})

	DescribeTable("docs/windows-model.md#manifest-task-types a trigger without an id or a recurrence fails Register with InvalidTrigger (E_INVALIDARG)",
		func(t *simulator.CustomSystemEventTrigger) {
			_, err := s.builder("C", t).Register()
			Expect(err).To(MatchError(simulator.ErrInvalidTrigger))
			var re *simulator.RegisterError
			Expect(err).To(BeAssignableToTypeOf(re))
			Expect(err.(*simulator.RegisterError).HResult).To(Equal(uint32(0x80070057)))
		},
		Entry("empty id", simulator.NewCustomSystemEventTrigger("", simulator.RecurrenceAlways)),
		Entry("invalid recurrence", simulator.NewCustomSystemEventTrigger("ev", simulator.RecurrenceInvalid)),
	)
})
