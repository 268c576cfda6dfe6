package scenarios

import (
	"math/rand/v2"

	"github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

// everything varies every kind of event, many times, on a device that starts on battery with
// the user away.
const everything = `name: everything varies
device: {power: battery, user: away}
app: {state: not_running}
registrations:
  - name: T
    trigger: {type: system, event: TimeZoneChange}
timeline:
  - at: 10m
    time_zone: Asia/Tokyo
  - at: 20m
    app: launch
explore: {vary: [network, network_cost, power, battery_saver, standby, user, session, lock_screen, app, faults], events: 40, jitter: 5m, seeds: true}
`

var _ = ginkgo.Describe("perturbations", func() {
	ginkgo.It("are physically possible where they land", func() {
		s, err := Parse("e.yaml", []byte(everything))
		Expect(err).NotTo(HaveOccurred())
		pr := newPerturber(s)
		inserted := map[string]int{}
		for run := range 300 {
			rng := rand.New(rand.NewPCG(1, uint64(run)))
			pt := pr.fresh(rng)
			if run%2 == 1 {
				pt = pr.mutate(pt, rng)
			}
			Expect(pt.inserted()).To(BeNumerically("<=", 40))
			st := newDevState(s)
			last := pt.entries[0].At
			for _, e := range pt.entries {
				Expect(e.At).To(BeNumerically(">=", last), "entries are in time order")
				Expect(e.At).To(BeNumerically("<=", pr.end))
				last = e.At
				if e.base < 0 {
					inserted[e.Action.Kind]++
					Expect(st.possible(e.Action)).To(BeTrue(), "%+v", e.Action)
					a := e.Action
					switch {
					case a.Kind == "battery_saver" && a.Bool:
						Expect(st.d.Power).To(Equal(simulator.PowerBattery), "no Battery Saver on AC")
					case a.Kind == "app" && a.Text == "resume":
						Expect(st.app).To(Equal(simulator.AppSuspended), "resume only a suspended app")
					case a.Kind == "app" && a.Text == "launch":
						Expect(st.app).To(BeElementOf(simulator.AppTerminated, simulator.AppNotRunning))
					case a.Kind == "standby" && a.Bool:
						Expect(st.d.User).To(Equal(simulator.UserAway))
					case a.Kind == "fault":
						Expect(a.Task).To(Equal("T"))
					}
				}
				st.apply(e.Action)
				Expect(st.d.BatterySaver && st.d.Power == simulator.PowerAC).To(BeFalse(), "Battery Saver on AC")
				Expect(st.d.Standby && st.d.User == simulator.UserPresent).To(BeFalse(), "standby with the user present")
			}
		}
		for _, k := range []string{"network", "network_cost", "power", "battery_saver", "standby", "user", "session", "lock_screen", "app", "fault"} {
			Expect(inserted[k]).To(BeNumerically(">", 0), k)
		}
	})
})
