package invariants_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/invariants"
)

var _ = Describe("a record's detail fields", func() {
	It("reads network_requested as a field of its own, never out of a quoted name", func() {
		Expect(invariants.NetworkRequested("trigger=System(TimeZoneChange) in_process=true network_requested=true")).To(BeTrue())
		Expect(invariants.NetworkRequested("trigger=System(TimeZoneChange) in_process=true")).To(BeFalse())
		Expect(invariants.NetworkRequested(`trigger=System(TimeZoneChange) in_process=true group="a network_requested=true b"`)).To(BeFalse())
		Expect(invariants.NetworkRequested(`trigger="CustomSystemEvent(x network_requested=true y,Always)" in_process=true`)).To(BeFalse())
		Expect(invariants.NetworkRequested(`trigger=Time(15m) entry_point="A \" network_requested=true" network_requested=true`)).To(BeTrue())
	})

	It("returns a field's value, unquoted, and nothing for a key inside a quoted value", func() {
		d := `trigger="CustomSystemEvent(a b,Always)" conditions=InternetAvailable,UserPresent group="x conditions=SessionConnected y"`
		v, ok := invariants.DetailField(d, "trigger")
		Expect(ok).To(BeTrue())
		Expect(v).To(Equal("CustomSystemEvent(a b,Always)"))
		v, ok = invariants.DetailField(d, "conditions")
		Expect(ok).To(BeTrue())
		Expect(v).To(Equal("InternetAvailable,UserPresent"))
		v, ok = invariants.DetailField(d, "group")
		Expect(ok).To(BeTrue())
		Expect(v).To(Equal("x conditions=SessionConnected y"))
		_, ok = invariants.DetailField(`group="x conditions=SessionConnected y"`, "conditions")
		Expect(ok).To(BeFalse())
		_, ok = invariants.DetailField(`group="unterminated conditions=A`, "conditions")
		Expect(ok).To(BeFalse(), "a broken quote ends the reading")
	})

	It("reads the network request of a registration whose group id poses as the field", func() {
		c := invariants.New(invariants.Options{Render: true})
		var details []string
		e, err := simulator.New(simulator.Config{Sink: sinkFunc(func(r *simulator.Record) {
			c.Record(r)
			if r.Kind == simulator.KindRegister {
				details = append(details, r.Detail)
			}
		})})
		Expect(err).NotTo(HaveOccurred())
		c.Attach(e)
		b := e.NewBackgroundTaskBuilder()
		b.Name = "T"
		b.SetTrigger(simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
		b.TaskGroup = simulator.NewTaskGroup("g network_requested=true h", "hostile")
		b.MustRegister()
		Expect(details).To(HaveLen(1))
		Expect(details[0]).To(ContainSubstring(` network_requested=true `), "the id renders inside a quoted field")
		Expect(invariants.NetworkRequested(details[0])).To(BeFalse())
	})
})

// sinkFunc is a Sink made of a function.
type sinkFunc func(*simulator.Record)

func (f sinkFunc) Record(r *simulator.Record) { f(r) }
