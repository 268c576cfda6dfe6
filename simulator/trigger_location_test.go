package simulator_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#location-triggers LocationTrigger", func() {
	var s *sim
	BeforeEach(func() { s = newSim(simulator.Config{}) })
	geofence := func() simulator.Trigger { return simulator.NewLocationTrigger(simulator.LocationTriggerGeofence) }

	It("runs the app's geofence task for every geofence, with the report as TriggerDetails", func() {
		var got []*simulator.GeofenceReport
		s.behave["G"] = func(in *simulator.Instance) { got = append(got, in.TriggerDetails().(*simulator.GeofenceReport)) }
		s.register("G", geofence())
		Expect(s.ReportGeofence("home", simulator.GeofenceEntered)).To(Succeed())
		Expect(s.ReportGeofence("office park", simulator.GeofenceExited)).To(Succeed())
		Expect(s.lines(simulator.KindEvent, simulator.KindRun)).To(Equal([]string{
			"+00:00:00.000 event     geofence=home state=Entered",
			"+00:00:00.000 run       G task=1 instance=1 trigger=Location(Geofence) geofence=home state=Entered",
			`+00:00:00.000 event     geofence="office park" state=Exited`,
			`+00:00:00.000 run       G task=1 instance=2 trigger=Location(Geofence) geofence="office park" state=Exited`,
		}))
		Expect(got).To(Equal([]*simulator.GeofenceReport{
			{Geofence: "home", NewState: simulator.GeofenceEntered},
			{Geofence: "office park", NewState: simulator.GeofenceExited},
		}))
	})

	It("allows one registration per app; another is refused until it is unregistered, or replaced by name", func() {
		r := s.register("G", geofence())
		_, err := s.builder("G2", geofence()).Register()
		Expect(err).To(MatchError(simulator.ErrDuplicateTrigger))
		Expect(err).To(MatchError(ContainSubstring(`the app already has a LocationTrigger registration "G" (task=1)`)))
		Expect(err.(*simulator.RegisterError).HResult).To(BeZero())
		_, err = s.builder("G", geofence()).RegisterWithName("G")
		Expect(err).NotTo(HaveOccurred())
		Expect(r.Unregistered()).To(BeTrue())
		for _, live := range s.AllTasks() {
			live.Unregister(false)
		}
		_, err = s.builder("G2", geofence()).Register()
		Expect(err).NotTo(HaveOccurred())
	})

	It("needs a location declaration and a valid LocationTriggerType", func() {
		b := s.builder("G", geofence())
		b.TaskEntryPoint = epSystem
		_, err := b.Register()
		Expect(err).To(MatchError(ContainSubstring("does not declare task type location for Location(Geofence)")))
		_, err = s.builder("G", simulator.NewLocationTrigger(simulator.LocationTriggerInvalid)).Register()
		Expect(err).To(MatchError(simulator.ErrInvalidTrigger))
	})

	It("refuses a report without an id or with an invalid state, writing nothing", func() {
		s.register("G", geofence())
		Expect(s.ReportGeofence("", simulator.GeofenceEntered)).To(MatchError(ContainSubstring("empty geofence id")))
		Expect(s.ReportGeofence("home", simulator.GeofenceStateInvalid)).To(MatchError(ContainSubstring("GeofenceState(0) is not Entered or Exited")))
		Expect(s.lines(simulator.KindEvent)).To(BeEmpty())
	})

	It("writes the event even when the app has no geofence registration", func() {
		Expect(s.ReportGeofence("home", simulator.GeofenceEntered)).To(Succeed())
		Expect(s.lines()).To(Equal([]string{"+00:00:00.000 event     geofence=home state=Entered"}))
	})
})

var _ = Describe("docs/windows-model.md#other-trigger-classes MediaProcessingTrigger", func() {
	It("is registered at most once per app", func() {
		s := newSim(simulator.Config{})
		media := func() simulator.Trigger {
			t, err := simulator.NewGenericTrigger("MediaProcessingTrigger")
			Expect(err).NotTo(HaveOccurred())
			return t
		}
		s.register("M", media())
		_, err := s.builder("M2", media()).Register()
		Expect(err).To(MatchError(simulator.ErrDuplicateTrigger))
		Expect(err).To(MatchError(ContainSubstring(`a MediaProcessingTrigger registration "M"`)))
		t, err := simulator.NewGenericTrigger("GeovisitTrigger")
		Expect(err).NotTo(HaveOccurred())
		s.register("V1", t)
		s.register("V2", t)
	})
})
