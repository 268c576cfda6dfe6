package scenarios_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
)

// atBounds is a scenario with every offset at MaxOffset and every other duration at MaxSpan,
// cancellations and steps included: the sums the engine makes stay in range.
const atBounds = `name: every duration at its bound
until: 40000d
policy:
  wall_clock_limit: 20000d
  application_wall_clock_limit: 20000d
  maintenance_wall_clock_limit: 20000d
  cancel_grace: 20000d
  idle_watchdog: 20000d
manifest:
  declarations:
    - {entry_point: Tasks.A, task_types: [timer, systemEvent]}
tasks:
  Tasks.A:
    script:
      - take_deferral: d
      - at: 20000d
        complete_deferral: d
    on_canceled:
      - at: 20000d
        log: late
registrations:
  - name: A
    entry_point: Tasks.A
    trigger: {type: time, freshness: 20000d}
  - name: B
    entry_point: Tasks.A
    trigger: {type: system, event: TimeZoneChange}
timeline:
  - at: 39999d
    fault: {kind: policy_cancel, task: B, reason: SystemPolicy}
  - at: 39999d23h
    time_zone: Europe/Paris
  - at: 40000d
    time_zone: Asia/Tokyo
`

var _ = Describe("the bounds on durations", func() {
	It("run a scenario at every bound to its end, with and without until", func() {
		for _, doc := range []string{atBounds, strings.Replace(atBounds, "until: 40000d\n", "", 1)} {
			s, err := scenarios.Parse("t.yaml", []byte(doc))
			Expect(err).NotTo(HaveOccurred())
			rep, err := scenarios.Run(s, scenarios.Options{})
			Expect(err).NotTo(HaveOccurred())
			Expect(rep.Records[len(rep.Records)-1].At).To(Equal(scenarios.MaxOffset))
			for _, r := range rep.Records {
				Expect(r.At).To(BeNumerically(">=", 0))
			}
		}
	})

	It("refuse one step past them, at the value", func() {
		_, err := scenarios.Parse("t.yaml", []byte(strings.Replace(atBounds, "  - at: 40000d\n", "  - at: 40000d1ns\n", 1)))
		Expect(err).To(MatchError(ContainSubstring("t.yaml:33:9: at: 40000d1ns is longer than an offset may be (40000d)")))
		_, err = scenarios.Parse("t.yaml", []byte(strings.Replace(atBounds, "cancel_grace: 20000d", "cancel_grace: 20000d1s", 1)))
		Expect(err).To(MatchError(ContainSubstring("t.yaml:7:17: cancel_grace: 20000d1s is longer than a duration may be (20000d)")))
	})
})
