package simulator_test

import (
	"math"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("doc: Determinism — the virtual clock (Step, RunFor, RunUntil)", func() {
	var s *sim
	BeforeEach(func() { s = newSim(simulator.Config{}) })

	It("starts at DefaultStart (2000-01-01T00:00:00Z) with nothing elapsed", func() {
		Expect(s.Now()).To(Equal(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)))
		Expect(s.Start()).To(Equal(simulator.DefaultStart))
		Expect(s.Elapsed()).To(BeZero())
	})

	It("refuses to move the clock from inside a handler, and the engine still works after", func() {
		var recovered any
		s.At(time.Minute, func() {
			defer func() { recovered = recover() }()
			s.RunFor(time.Hour)
		})
		s.RunFor(2 * time.Minute)
		Expect(recovered).To(ContainSubstring("called from inside an event handler"))
		Expect(s.Elapsed()).To(Equal(2 * time.Minute))
		ran := false
		s.At(3*time.Minute, func() { ran = true })
		s.RunFor(time.Minute)
		Expect(ran).To(BeTrue())
	})

	It("starts at Config.Start, converted to UTC", func() {
		start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.FixedZone("X", 3600))
		e := newSim(simulator.Config{Start: start})
		Expect(e.Start()).To(Equal(start.UTC()))
		Expect(e.Start().Location()).To(Equal(time.UTC))
	})

	It("runs same-instant actions in the order they were scheduled, whoever scheduled them", func() {
		var order []string
		s.At(time.Minute, func() {
			order = append(order, "a")
			s.AfterFunc(0, func() { order = append(order, "d") })
		})
		s.AfterFunc(time.Minute, func() { order = append(order, "b") })
		s.At(time.Minute, func() { order = append(order, "c") })
		s.At(30*time.Second, func() { order = append(order, "first") })
		s.RunFor(time.Minute)
		Expect(order).To(Equal([]string{"first", "a", "b", "c", "d"}))
	})

	It("Step runs one event, moving the clock to its instant, and returns false when nothing is due", func() {
		var ran []time.Duration
		s.At(2*time.Minute, func() { ran = append(ran, s.Elapsed()) })
		s.At(time.Minute, func() { ran = append(ran, s.Elapsed()) })
		Expect(s.Pending()).To(Equal(2))
		Expect(s.Step()).To(BeTrue())
		Expect(s.Elapsed()).To(Equal(time.Minute))
		Expect(s.Step()).To(BeTrue())
		Expect(s.Elapsed()).To(Equal(2 * time.Minute))
		Expect(s.Step()).To(BeFalse())
		Expect(s.Elapsed()).To(Equal(2 * time.Minute))
		Expect(ran).To(Equal(mins(1, 2)))
	})

	It("Step skips stale events (an unregistered timer's tick) and reports only live ones", func() {
		r := s.register("T", simulator.NewTimeTrigger(15, false))
		r.Unregister(false)
		Expect(s.Pending()).To(Equal(1))
		Expect(s.Step()).To(BeFalse())
		Expect(s.Pending()).To(BeZero())
	})

	It("At with an offset in the past runs at the current instant, not before", func() {
		s.RunFor(time.Hour)
		var at time.Duration
		s.At(time.Minute, func() { at = s.Elapsed() })
		s.RunFor(0)
		Expect(at).To(Equal(time.Hour))
	})

	It("RunFor leaves the clock at exactly now+d, with events at the boundary included", func() {
		var ran bool
		s.RunFor(7 * time.Second)
		s.At(7*time.Second+90*time.Minute, func() { ran = true })
		s.RunFor(90 * time.Minute)
		Expect(ran).To(BeTrue())
		Expect(s.Elapsed()).To(Equal(90*time.Minute + 7*time.Second))
		Expect(s.Now()).To(Equal(simulator.DefaultStart.Add(90*time.Minute + 7*time.Second)))
	})

	It("RunFor leaves events after now+d queued", func() {
		var ran bool
		s.At(time.Hour+time.Nanosecond, func() { ran = true })
		s.RunFor(time.Hour)
		Expect(ran).To(BeFalse())
		Expect(s.Pending()).To(Equal(1))
		s.RunFor(time.Nanosecond)
		Expect(ran).To(BeTrue())
	})

	It("RunFor with a negative duration runs what is due now and leaves the clock where it was", func() {
		s.RunFor(time.Hour)
		var n int
		s.At(0, func() { n++ })
		s.At(time.Hour+time.Second, func() { n += 10 })
		s.RunFor(-time.Second)
		Expect(n).To(Equal(1))
		Expect(s.Elapsed()).To(Equal(time.Hour))
	})

	It("offsets that would pass the largest representable instant saturate there, in order, without a panic", func() {
		const maxInstant = time.Duration(math.MaxInt64)
		var order []string
		s.AfterFunc(maxInstant, func() { order = append(order, "a") })
		s.At(maxInstant, func() { order = append(order, "b") })
		s.RunFor(time.Hour)
		s.AfterFunc(maxInstant-time.Minute, func() { order = append(order, "c") })
		s.RunFor(maxInstant)
		Expect(order).To(Equal([]string{"a", "b", "c"}))
		Expect(s.Elapsed()).To(Equal(maxInstant))
		Expect(func() {
			s.AfterFunc(time.Second, func() { order = append(order, "d") })
			s.RunFor(time.Hour)
		}).NotTo(Panic())
		Expect(order).To(Equal([]string{"a", "b", "c", "d"}))
		Expect(s.Elapsed()).To(Equal(maxInstant))
	})

	It("a recurring time trigger near the largest representable instant fires until it saturates, then stops", func() {
		const maxInstant = time.Duration(math.MaxInt64)
		s.RunFor(maxInstant - 40*time.Minute)
		s.register("T", simulator.NewTimeTrigger(15, false))
		s.RunFor(time.Hour) // must return: no tick re-arms at the saturated instant forever
		Expect(s.Elapsed()).To(Equal(maxInstant))
		Expect(s.runs).To(BeNumerically(">=", 2))
		Expect(s.runs).To(BeNumerically("<=", 3))
	})

	It("RunUntil runs everything due at or before t and leaves the clock at t", func() {
		var n int
		s.At(time.Hour, func() { n++ })
		s.At(2*time.Hour, func() { n++ })
		s.RunUntil(simulator.DefaultStart.Add(time.Hour))
		Expect(n).To(Equal(1))
		Expect(s.Elapsed()).To(Equal(time.Hour))
	})

	It("RunUntil to the past runs nothing and leaves the clock where it was", func() {
		s.RunFor(time.Hour)
		var n int
		s.At(time.Hour, func() { n++ })
		s.RunUntil(simulator.DefaultStart.Add(30 * time.Minute))
		Expect(n).To(BeZero())
		Expect(s.Elapsed()).To(Equal(time.Hour))
	})

	It("RunUntil(now) runs what is due now, as RunFor(0) does", func() {
		s.RunFor(time.Hour)
		var n int
		s.At(time.Hour, func() { n++ })
		s.RunUntil(simulator.DefaultStart.Add(time.Hour))
		Expect(n).To(Equal(1))
		Expect(s.Elapsed()).To(Equal(time.Hour))
	})

	It("docs/windows-model.md#time-triggers is lossless over a year: a 15-minute recurring TimeTrigger runs exactly 35040 times in 365 days", func() {
		counter := &simulator.CountingSink{}
		e := newSim(simulator.Config{Sink: counter})
		e.register("Q", simulator.NewTimeTrigger(15, false))
		e.RunFor(365 * 24 * time.Hour)
		Expect(e.runs).To(Equal(35040))
		Expect(counter.ByKind[simulator.KindRun]).To(Equal(35040))
		Expect(counter.ByKind[simulator.KindCompleted]).To(Equal(35040))
		Expect(e.Elapsed()).To(Equal(365 * 24 * time.Hour))
		Expect(e.Trace()).To(BeNil(), "with Config.Sink set there is no in-memory trace")
	})
})

var _ = Describe("doc: Determinism — seeded GUIDs (docs/windows-model.md#registrations TaskId, docs/windows-model.md#task-instances InstanceId)", func() {
	// ids registers A and B on SmsReceived (plus extra registrations that never fire, first),
	// raises it twice and returns the TaskIds of A and B and the InstanceIds, in order.
	ids := func(seed uint64, extra int) (tasks, instances []simulator.GUID) {
		s := newSim(simulator.Config{Seed: seed})
		for i := 0; i < extra; i++ {
			s.register("Extra", simulator.NewSystemTrigger(simulator.SystemTriggerUserAway, false))
		}
		tasks = append(tasks, s.register("A", sms()).TaskID(), s.register("B", sms()).TaskID())
		s.raiseSMS()
		s.raiseSMS()
		for _, r := range s.records(simulator.KindRun) {
			instances = append(instances, r.InstanceID)
		}
		return tasks, instances
	}

	It("gives the same TaskIds and InstanceIds for the same seed", func() {
		t1, i1 := ids(42, 0)
		t2, i2 := ids(42, 0)
		Expect(i1).To(HaveLen(4))
		Expect(t1).To(Equal(t2))
		Expect(i1).To(Equal(i2))
	})

	It("gives different GUIDs for a different seed", func() {
		t1, i1 := ids(42, 0)
		t2, i2 := ids(43, 0)
		Expect(t1[0]).NotTo(Equal(t2[0]))
		Expect(i1[0]).NotTo(Equal(i2[0]))
	})

	It("treats Seed 0 as the default seed 1", func() {
		t0, i0 := ids(0, 0)
		t1, i1 := ids(1, 0)
		Expect(t0).To(Equal(t1))
		Expect(i0).To(Equal(i1))
	})

	It("draws TaskIds and InstanceIds from independent streams: extra registrations do not change instance GUIDs", func() {
		_, plain := ids(42, 0)
		_, withExtra := ids(42, 3)
		Expect(withExtra).To(Equal(plain))
	})

	It("gives each instance a new InstanceId and every registration a distinct TaskId", func() {
		tasks, instances := ids(42, 0)
		Expect(tasks[0]).NotTo(Equal(tasks[1]))
		seen := map[simulator.GUID]bool{}
		for _, g := range instances {
			Expect(g.IsZero()).To(BeFalse())
			Expect(seen[g]).To(BeFalse())
			seen[g] = true
		}
	})
})
