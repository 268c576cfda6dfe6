package manifest_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator/manifest"
)

var _ = Describe("TaskType", func() {
	It("lists every valid value in declaration order", func() {
		Expect(manifest.TaskTypes()).To(Equal([]manifest.TaskType{
			manifest.General, manifest.Audio, manifest.ControlChannel, manifest.SystemEvent,
			manifest.Timer, manifest.PushNotification, manifest.Location, manifest.DeviceUse,
			manifest.DeviceServicing, manifest.DeviceConnectionChange, manifest.Bluetooth,
			manifest.ChatMessageNotification, manifest.VpnClient, manifest.PhoneCall,
			manifest.MediaProcessing, manifest.RealTimeCommunication,
		}))
	})

	It("returns a fresh slice from TaskTypes", func() {
		all := manifest.TaskTypes()
		all[0] = manifest.TaskTypeInvalid
		Expect(manifest.TaskTypes()[0]).To(Equal(manifest.General))
	})

	DescribeTable("spells each value as in a manifest",
		func(t manifest.TaskType, spelling string) {
			Expect(t.String()).To(Equal(spelling))
			back, err := manifest.ParseTaskType(spelling)
			Expect(err).NotTo(HaveOccurred())
			Expect(back).To(Equal(t))
		},
		Entry(nil, manifest.General, "general"),
		Entry(nil, manifest.Audio, "audio"),
		Entry(nil, manifest.ControlChannel, "controlChannel"),
		Entry(nil, manifest.SystemEvent, "systemEvent"),
		Entry(nil, manifest.Timer, "timer"),
		Entry(nil, manifest.PushNotification, "pushNotification"),
		Entry(nil, manifest.Location, "location"),
		Entry(nil, manifest.DeviceUse, "deviceUse"),
		Entry(nil, manifest.DeviceServicing, "deviceServicing"),
		Entry(nil, manifest.DeviceConnectionChange, "deviceConnectionChange"),
		Entry(nil, manifest.Bluetooth, "bluetooth"),
		Entry(nil, manifest.ChatMessageNotification, "chatMessageNotification"),
		Entry(nil, manifest.VpnClient, "vpnClient"),
		Entry(nil, manifest.PhoneCall, "phoneCall"),
		Entry(nil, manifest.MediaProcessing, "mediaProcessing"),
		Entry(nil, manifest.RealTimeCommunication, "realTimeCommunication"),
	)

	It("round-trips every value of TaskTypes", func() {
		seen := map[string]bool{}
		for _, t := range manifest.TaskTypes() {
			s := t.String()
			Expect(seen).NotTo(HaveKey(s), "spelling %q used twice", s)
			seen[s] = true
			back, err := manifest.ParseTaskType(s)
			Expect(err).NotTo(HaveOccurred())
			Expect(back).To(Equal(t))
		}
		Expect(seen).To(HaveLen(16))
	})

	DescribeTable("prints invalid values numerically",
		func(t manifest.TaskType, want string) { Expect(t.String()).To(Equal(want)) },
		Entry("zero", manifest.TaskTypeInvalid, "TaskType(0)"),
		Entry("one past the last", manifest.RealTimeCommunication+1, "TaskType(17)"),
		Entry("largest", manifest.TaskType(255), "TaskType(255)"),
	)

	DescribeTable("rejects anything but the exact spelling",
		func(s, want string) {
			t, err := manifest.ParseTaskType(s)
			Expect(err).To(MatchError(want))
			Expect(t).To(Equal(manifest.TaskTypeInvalid))
		},
		Entry("wrong case", "SystemEvent", `unknown task type "SystemEvent" (did you mean "systemEvent"?)`),
		Entry("all caps", "VPNCLIENT", `unknown task type "VPNCLIENT" (did you mean "vpnClient"?)`),
		Entry("one letter missing", "locaton", `unknown task type "locaton" (did you mean "location"?)`),
		Entry("two edits", "bluetoth2", `unknown task type "bluetoth2" (did you mean "bluetooth"?)`),
		Entry("edit and case", "Timmer", `unknown task type "Timmer" (did you mean "timer"?)`),
		Entry("surrounding space", " timer", `unknown task type " timer" (did you mean "timer"?)`),
		Entry("hyphenated", "push-notification", `unknown task type "push-notification" (did you mean "pushNotification"?)`),
		Entry("two insertions", "tmr", `unknown task type "tmr" (did you mean "timer"?)`),
		Entry("three edits", "ti", `unknown task type "ti", expected one of general, audio, controlChannel, systemEvent, timer, pushNotification, location, deviceUse, deviceServicing, deviceConnectionChange, bluetooth, chatMessageNotification, vpnClient, phoneCall, mediaProcessing, realTimeCommunication`),
		Entry("the enum name", "TaskTypeInvalid", `unknown task type "TaskTypeInvalid", expected one of general, audio, controlChannel, systemEvent, timer, pushNotification, location, deviceUse, deviceServicing, deviceConnectionChange, bluetooth, chatMessageNotification, vpnClient, phoneCall, mediaProcessing, realTimeCommunication`),
		Entry("empty", "", `empty task type, expected a manifest spelling such as "systemEvent"`),
	)
})
