package simulator_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator"
)

var _ = Describe("docs/windows-model.md#media-processing-requests MediaProcessingTrigger.RequestAsync", func() {
	var s *sim
	media := func() simulator.Trigger { return &simulator.GenericTrigger{Class: "MediaProcessingTrigger"} }
	BeforeEach(func() { s = newSim(simulator.Config{}) })

	It("runs the app's media processing task with the arguments, and answers CurrentlyRunning while it runs", func() {
		var got *simulator.MediaProcessingTriggerDetails
		s.behave["Transcode"] = func(in *simulator.Instance) {
			got = in.TriggerDetails().(*simulator.MediaProcessingTriggerDetails)
			d := in.GetDeferral()
			in.AfterFunc(10*time.Second, d.Complete)
		}
		s.register("Transcode", media())
		Expect(s.RequestMediaProcessing("Transcode", map[string]string{"file": "clip 1.mp4", "codec": "hevc"})).To(Equal(simulator.MediaProcessingAllowed))
		Expect(got.Arguments).To(Equal(map[string]string{"file": "clip 1.mp4", "codec": "hevc"}))
		Expect(s.RequestMediaProcessing("Transcode", nil)).To(Equal(simulator.MediaProcessingCurrentlyRunning))
		s.RunFor(time.Minute)
		Expect(s.RequestMediaProcessing("Transcode", nil)).To(Equal(simulator.MediaProcessingAllowed))
		Expect(s.lines(simulator.KindEvent, simulator.KindRun)).To(Equal([]string{
			`+00:00:00.000 event     Transcode task=1 request=media_processing result=Allowed`,
			`+00:00:00.000 run       Transcode task=1 instance=1 trigger=MediaProcessing arguments="codec:hevc,file:clip 1.mp4"`,
			`+00:00:00.000 event     Transcode task=1 request=media_processing result=CurrentlyRunning`,
			`+00:01:00.000 event     Transcode task=1 request=media_processing result=Allowed`,
			`+00:01:00.000 run       Transcode task=1 instance=2 trigger=MediaProcessing`,
		}))
	})

	It("answers UnknownError for a name with no media processing registration, and DisabledByPolicy outside the foreground, from task code, without access or under Battery Saver", func() {
		s.register("Other", simulator.NewTimeTrigger(15, false))
		Expect(s.RequestMediaProcessing("Other", nil)).To(Equal(simulator.MediaProcessingUnknownError))
		s.register("Transcode", media())
		var fromTask simulator.MediaProcessingTriggerResult
		s.behave["T"] = func(*simulator.Instance) { fromTask = s.RequestMediaProcessing("Transcode", nil) }
		s.register("T", simulator.NewCustomSystemEventTrigger("go", simulator.RecurrenceAlways))
		s.RaiseCustomSystemEvent("go")
		Expect(fromTask).To(Equal(simulator.MediaProcessingDisabledByPolicy))
		s.SuspendApp()
		Expect(s.RequestMediaProcessing("Transcode", nil)).To(Equal(simulator.MediaProcessingDisabledByPolicy))
		s.ResumeApp()
		s.RemoveAccess()
		Expect(s.RequestMediaProcessing("Transcode", nil)).To(Equal(simulator.MediaProcessingDisabledByPolicy))
		s.RequestAccess()
		s.SetPower(simulator.PowerBattery)
		Expect(s.SetBatterySaver(true)).To(Succeed())
		Expect(s.RequestMediaProcessing("Transcode", nil)).To(Equal(simulator.MediaProcessingDisabledByPolicy))
		Expect(s.lines(simulator.KindEvent)).To(ContainElements(
			`+00:00:00.000 event     Other request=media_processing result=UnknownError`,
			`+00:00:00.000 event     Transcode task=2 request=media_processing result=DisabledByPolicy cause=from_task`,
			`+00:00:00.000 event     Transcode task=2 request=media_processing result=DisabledByPolicy cause=app_suspended`,
			`+00:00:00.000 event     Transcode task=2 request=media_processing result=DisabledByPolicy`,
			`+00:00:00.000 event     Transcode task=2 request=media_processing result=DisabledByPolicy cause=battery_saver`,
		))
		Expect(s.count(simulator.KindRun, "Transcode")).To(Equal(0))
	})

	It("names Windows' members and their values", func() {
		Expect(simulator.MediaProcessingAllowed.WindowsValue()).To(Equal(0))
		Expect(simulator.MediaProcessingUnknownError.WindowsValue()).To(Equal(3))
		r, err := simulator.ParseMediaProcessingTriggerResult("CurrentlyRunning")
		Expect(err).NotTo(HaveOccurred())
		Expect(r).To(Equal(simulator.MediaProcessingCurrentlyRunning))
		_, err = simulator.ParseMediaProcessingTriggerResult("Allow")
		Expect(err).To(HaveOccurred())
	})
})
