package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

// golang/go#81583: on the last UTC day of a leap year ruled by a zone's TZ footer, ZoneBounds
// reports the period's end at or before the instant asked about. The engine queued that end as
// its next zone boundary: the clock went back, or the boundary re-armed at one instant forever.
var _ = Describe("docs/windows-model.md#system-triggers TimeZoneChange across the end of a leap year (golang/go#81583)", func() {
	// stepUntil steps the engine until its clock reaches t (the last step may jump past it) or
	// 200 events ran, requiring the clock never to go back.
	stepUntil := func(s *sim, t time.Time) {
		last := s.Elapsed()
		for i := 0; i < 200 && s.Now().Before(t); i++ {
			Expect(s.Step()).To(BeTrue())
			Expect(s.Elapsed()).To(BeNumerically(">=", last), "the clock went back at step %d", i)
			last = s.Elapsed()
		}
		Expect(s.Now()).To(BeTemporally(">=", t), "the clock is stuck at %v", s.Now())
	}

	It("steps past 2029-01-01 in Europe/Berlin and still fires the DST changes of 2029", func() {
		s := newSim(simulator.Config{Start: time.Date(2028, 12, 30, 0, 0, 0, 0, time.UTC),
			Device: simulator.DeviceState{TimeZone: "Europe/Berlin"}})
		s.register("tz", simulator.NewSystemTrigger(simulator.SystemTriggerTimeZoneChange, false))
		stepUntil(s, time.Date(2029, 4, 1, 0, 0, 0, 0, time.UTC))
		Expect(s.lines(simulator.KindEvent)).To(Equal([]string{
			"+85d01:00:00.000 event     TimeZoneChange",  // 2029-03-25 01:00 UTC
			"+302d01:00:00.000 event     TimeZoneChange", // 2029-10-28 01:00 UTC
		}))
	})

	It("never runs the clock back when the zone is set on the last day of a leap year", func() {
		s := newSim(simulator.Config{Start: time.Date(2028, 12, 31, 0, 0, 0, 0, time.UTC)})
		s.At(12*time.Hour, func() { Expect(s.SetTimeZone("America/New_York")).To(Succeed()) })
		stepUntil(s, time.Date(2029, 3, 12, 0, 0, 0, 0, time.UTC))
		Expect(s.lines(simulator.KindEvent)).To(Equal([]string{
			"+12:00:00.000 event     TimeZoneChange",     // the zone was set
			"+70d07:00:00.000 event     TimeZoneChange",  // 2029-03-11 07:00 UTC
			"+308d06:00:00.000 event     TimeZoneChange", // 2029-11-04 06:00 UTC
		}))
	})
})
