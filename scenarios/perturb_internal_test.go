package scenarios

import (
	"context"
	"math/rand/v2"
	"time"

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

// sameInstant registers two tasks at one instant; the failure (Sync canceled when the network
// goes) needs neither, but register entries are never dropped.
const sameInstant = `name: same instant
manifest:
  declarations:
    - entry_point: T.Sync
      task_types: [systemEvent]
tasks:
  T.Sync:
    script:
      - take_deferral: d
      - at: 25s
        complete_deferral: d
registrations:
  - name: Sync
    entry_point: T.Sync
    trigger: {type: system, event: TimeZoneChange}
    conditions: [InternetAvailable]
    cancel_on_condition_loss: true
timeline:
  - at: 1m
    register: {name: A, trigger: {type: system, event: UserPresent}}
  - at: 1m
    register: {name: B, trigger: {type: system, event: UserPresent}}
  - at: 5m
    time_zone: Asia/Tokyo
  - at: 5m10s
    network: none
until: 10m
properties:
  - never: {canceled: Sync}
explore: {vary: [power], events: 2, jitter: 1m}
`

var _ = ginkgo.Describe("settle", func() {
	ginkgo.It("orders entries at one instant by file order, then inserted order", func() {
		s, err := Parse("same.yaml", []byte(sameInstant))
		Expect(err).NotTo(HaveOccurred())
		pr := newPerturber(s)
		pt := pr.identity()
		pt.entries[0].At, pt.entries[1].At = 80*time.Second, 40*time.Second // B before A
		for i, at := range []time.Duration{3 * time.Minute, 2 * time.Minute} {
			pt.entries = append(pt.entries, pEntry{Entry: Entry{At: at, Action: Action{Kind: "power"}}, base: -1, orig: at,
				fresh: true, choice: uint64(i)})
			pt.seq++
			pt.entries[len(pt.entries)-1].seq = pt.seq
		}
		pr.settle(pt)
		Expect(pt.entries[0].base).To(Equal(1), "moved, B comes first")
		want, _, err := check(context.Background(), pr.scenario(pt), nil)
		Expect(err).NotTo(HaveOccurred())
		Expect(want.failed()).To(BeTrue())

		small, _, err := shrink(context.Background(), pr, pt, want)
		Expect(err).NotTo(HaveOccurred())
		Expect(small.entries).To(HaveLen(4))
		Expect(small.entries[0].At).To(Equal(time.Minute))
		Expect(small.entries[1].At).To(Equal(time.Minute))
		Expect(small.entries[0].Action.Register.Name).To(Equal("A"), "moved back to one instant, file order again")
		Expect(small.entries[1].Action.Register.Name).To(Equal("B"))

		// Two inserted events at one instant keep the order they were inserted in, after file entries.
		pt = pr.identity()
		for i, at := range []time.Duration{time.Minute, time.Minute} {
			pt.seq++
			pt.entries = append([]pEntry{{Entry: Entry{At: at, Action: Action{Kind: "power"}}, base: -1, orig: at,
				fresh: true, choice: uint64(i), seq: pt.seq}}, pt.entries...)
		}
		pr.settle(pt)
		Expect(pt.entries[0].base).To(Equal(0))
		Expect(pt.entries[1].base).To(Equal(1))
		Expect(pt.entries[2].seq).To(Equal(1))
		Expect(pt.entries[2].Action.Power).To(Equal(simulator.PowerBattery))
		Expect(pt.entries[3].seq).To(Equal(2))
		Expect(pt.entries[3].Action.Power).To(Equal(simulator.PowerAC))
	})
})
