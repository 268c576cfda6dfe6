package manifest_test

import (
	"encoding/xml"
	"errors"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator/manifest"
)

// types is shorthand for a task-type list.
func types(t ...manifest.TaskType) []manifest.TaskType { return t }

var _ = Describe("Parse", func() {
	Describe("fixtures", func() {
		DescribeTable("parse to the exact declarations",
			func(file string, want []manifest.Declaration) {
				m, err := manifest.Parse(file, readFixture(file))
				Expect(err).NotTo(HaveOccurred())
				Expect(m.Name).To(Equal(file))
				Expect(m.Declarations).To(Equal(want))
			},
			Entry("quickstart", "quickstart.appxmanifest", []manifest.Declaration{
				{EntryPoint: "Tasks.ExampleBackgroundTask", TaskTypes: types(manifest.SystemEvent, manifest.Timer), Line: 37, Col: 9},
			}),
			Entry("sample", "sample.appxmanifest", []manifest.Declaration{
				{EntryPoint: "Tasks.SampleBackgroundTask", TaskTypes: types(manifest.SystemEvent, manifest.Timer, manifest.General), Line: 45, Col: 13},
				{EntryPoint: "Tasks.ServicingComplete", TaskTypes: types(manifest.SystemEvent), Line: 52, Col: 13},
			}),
			Entry("misbehaving", "misbehaving.appxmanifest", []manifest.Declaration{
				{EntryPoint: "Tasks.IgnoresCancellation", TaskTypes: types(manifest.SystemEvent, manifest.Timer, manifest.General), Line: 29, Col: 9},
				{EntryPoint: "Tasks.ForgetsDeferral", TaskTypes: types(manifest.SystemEvent, manifest.Timer, manifest.General), Line: 36, Col: 9},
				{EntryPoint: "Tasks.Panics", TaskTypes: types(manifest.SystemEvent, manifest.Timer, manifest.General), Line: 43, Col: 9},
				{EntryPoint: "Tasks.NeverCompletes", TaskTypes: types(manifest.SystemEvent, manifest.Timer, manifest.General), Line: 50, Col: 9},
			}),
			Entry("legacy-m2", "legacy-m2.appxmanifest", []manifest.Declaration{
				{EntryPoint: "Tasks.LegacyTimerTask", TaskTypes: types(manifest.Timer, manifest.PushNotification), Line: 23, Col: 9},
				{EntryPoint: "Tasks.DeviceSyncTask", TaskTypes: types(manifest.DeviceUse, manifest.DeviceServicing), Line: 29, Col: 9},
				{Executable: "x.exe", TaskTypes: types(manifest.ControlChannel), Line: 35, Col: 9},
			}),
			Entry("prefixed", "prefixed.appxmanifest", []manifest.Declaration{
				{EntryPoint: "Tasks.MediaTranscoder", TaskTypes: types(manifest.MediaProcessing, manifest.General),
					SupportsMultipleInstances: true, Line: 29, Col: 9},
				{EntryPoint: "Tasks.CallScreener", TaskTypes: types(manifest.PhoneCall, manifest.ChatMessageNotification),
					ResourceGroup: "CallGroup", Line: 35, Col: 9},
				{EntryPoint: "Tasks.VpnPlugin", TaskTypes: types(manifest.VpnClient), Line: 42, Col: 9},
			}),
			Entry("com-server (no background-task extension)", "com-server.appxmanifest", []manifest.Declaration(nil)),
			Entry("geofence", "geofence.appxmanifest", []manifest.Declaration{
				{EntryPoint: "BackgroundTask.GeofenceBackgroundTask", TaskTypes: types(manifest.Location), Line: 24, Col: 9},
				{EntryPoint: "BackgroundTask.LocationBackgroundTask", TaskTypes: types(manifest.Timer), Line: 29, Col: 9},
				{EntryPoint: "BackgroundTask.VisitBackgroundTask", TaskTypes: types(manifest.Location), Line: 34, Col: 9},
			}),
			Entry("ble-beacon", "ble-beacon.appxmanifest", []manifest.Declaration{
				{EntryPoint: "BackgroundTasks.AdvertisementWatcherTask", TaskTypes: types(manifest.Bluetooth), Line: 34, Col: 9},
				{EntryPoint: "BackgroundTasks.AdvertisementPublisherTask", TaskTypes: types(manifest.Bluetooth), Line: 39, Col: 9},
			}),
			Entry("socket-activity", "socket-activity.appxmanifest", []manifest.Declaration{
				{EntryPoint: "SocketActivityBackgroundTask.SocketActivityTask", TaskTypes: types(manifest.SystemEvent), Line: 38, Col: 9},
			}),
		)

		It("are all covered by the table above", func() {
			entries, err := filepath.Glob(fixtureDir + "/*.appxmanifest")
			Expect(err).NotTo(HaveOccurred())
			Expect(entries).To(ConsistOf(
				HaveSuffix("/quickstart.appxmanifest"), HaveSuffix("/sample.appxmanifest"),
				HaveSuffix("/misbehaving.appxmanifest"), HaveSuffix("/legacy-m2.appxmanifest"),
				HaveSuffix("/prefixed.appxmanifest"), HaveSuffix("/socket-activity.appxmanifest"),
				HaveSuffix("/ble-beacon.appxmanifest"), HaveSuffix("/geofence.appxmanifest"),
				HaveSuffix("/com-server.appxmanifest")))
		})
	})

	Describe("valid documents", func() {
		It("accepts a manifest with no background-task extension", func() {
			m, err := manifest.Parse("none.appxmanifest", wrap(`        <Extension Category="windows.protocol" EntryPoint="Tasks.Ignored" />
`))
			Expect(err).NotTo(HaveOccurred())
			Expect(m.Name).To(Equal("none.appxmanifest"))
			Expect(m.Declarations).To(BeEmpty())
		})

		It("accepts a bare Package element", func() {
			m, err := manifest.Parse("bare", []byte("<Package/>"))
			Expect(err).NotTo(HaveOccurred())
			Expect(m.Declarations).To(BeEmpty())
		})

		It("ignores other categories even when they contain Task elements", func() {
			m, err := manifest.Parse("other", wrap(`        <Extension Category="windows.updateTask" EntryPoint="Tasks.Update">
          <BackgroundTasks><Task Type="nonsense" /></BackgroundTasks>
        </Extension>
        <Extension Category="windows.protocol" EntryPoint="Tasks.Protocol">
          <BackgroundTasks><Task Type="nonsense" /></BackgroundTasks>
        </Extension>
`))
			Expect(err).NotTo(HaveOccurred())
			Expect(m.Declarations).To(BeEmpty())
		})

		It("reads the update task (docs/windows-model.md#the-update-task), whatever its prefix", func() {
			m, err := manifest.Parse("prefixed.appxmanifest", readFixture("prefixed.appxmanifest"))
			Expect(err).NotTo(HaveOccurred())
			Expect(m.UpdateTask).To(Equal(&manifest.UpdateTask{EntryPoint: "Tasks.UpdateTask", Line: 47, Col: 9}))
			m, err = manifest.Parse("none", wrap(`        <Extension Category="windows.protocol" EntryPoint="Tasks.Ignored" />
`))
			Expect(err).NotTo(HaveOccurred())
			Expect(m.UpdateTask).To(BeNil())
		})

		It("keeps the first of repeated task types, across BackgroundTasks elements", func() {
			m, err := manifest.Parse("dup", wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
          <BackgroundTasks><Task Type="timer" /><Task Type="general" /><Task Type="timer" /></BackgroundTasks>
          <BackgroundTasks><Task Type="general" /><Task Type="audio" /></BackgroundTasks>
        </Extension>
`))
			Expect(err).NotTo(HaveOccurred())
			Expect(m.Declarations).To(HaveLen(1))
			Expect(m.Declarations[0].TaskTypes).To(Equal(types(manifest.Timer, manifest.General, manifest.Audio)))
		})

		It("only reads Task elements that are children of BackgroundTasks", func() {
			m, err := manifest.Parse("nested", wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
          <Task Type="bogus" />
          <BackgroundTasks><Task Type="timer"><Task Type="bogus" /></Task><Other><Task Type="bogus" /></Other></BackgroundTasks>
        </Extension>
`))
			Expect(err).NotTo(HaveOccurred())
			Expect(m.Declarations[0].TaskTypes).To(Equal(types(manifest.Timer)))
		})

		It("matches attributes by local name and ignores namespace declarations", func() {
			m, err := manifest.Parse("attrs", wrap(`        <Extension xmlns:x="urn:x" x:Category="windows.backgroundTasks" x:EntryPoint="Tasks.T" x:Executable="h.exe">
          <BackgroundTasks xmlns:SupportsMultipleInstances="urn:y" x:SupportsMultipleInstances="false"><Task xmlns:Type="urn:z" x:Type="audio" /></BackgroundTasks>
        </Extension>
`))
			Expect(err).NotTo(HaveOccurred())
			Expect(m.Declarations).To(Equal([]manifest.Declaration{
				{EntryPoint: "Tasks.T", Executable: "h.exe", TaskTypes: types(manifest.Audio), Line: 6, Col: 9},
			}))
		})

		It("reports the same positions with CRLF line endings and a byte-order mark", func() {
			data := readFixture("sample.appxmanifest")
			crlf := append([]byte("\ufeff"), strings.ReplaceAll(string(data), "\n", "\r\n")...)
			m, err := manifest.Parse("crlf", crlf)
			Expect(err).NotTo(HaveOccurred())
			Expect(m.Declarations).To(HaveLen(2))
			Expect([]int{m.Declarations[0].Line, m.Declarations[0].Col, m.Declarations[1].Line, m.Declarations[1].Col}).
				To(Equal([]int{45, 13, 52, 13}))
		})

		It("counts columns in bytes", func() {
			m, err := manifest.Parse("utf8", []byte("<Package><!-- é --><Extension Category=\"windows.backgroundTasks\" EntryPoint=\"T\"><BackgroundTasks><Task Type=\"timer\"/></BackgroundTasks></Extension></Package>"))
			Expect(err).NotTo(HaveOccurred())
			Expect(m.Declarations[0].Col).To(Equal(21))
		})
	})

	Describe("errors", func() {
		DescribeTable("report the exact location and message",
			func(data string, want string) {
				m, err := manifest.Parse("bad.appxmanifest", []byte(data))
				Expect(m).To(BeNil())
				var merr *manifest.Error
				Expect(errors.As(err, &merr)).To(BeTrue(), "error %v is %T, not *manifest.Error", err, err)
				Expect(err.Error()).To(Equal(want))
			},
			Entry("empty file", "",
				"bad.appxmanifest:1:1: empty file, expected an XML document with a <Package> root element"),
			Entry("blank file", "\n  \n",
				"bad.appxmanifest:3:1: no root element, expected <Package>"),
			Entry("only an XML declaration", `<?xml version="1.0"?>`,
				"bad.appxmanifest:1:22: no root element, expected <Package>"),
			Entry("mismatched end tag", string(wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
          <BackgroundTasks><Task Type="timer"></BackgroundTasks>
        </Extension>
`)), "bad.appxmanifest:7:47: malformed XML: element <Task> closed by </BackgroundTasks>"),
			Entry("unquoted attribute", "<Package>\n  <Extension Category=windows.backgroundTasks/>\n</Package>",
				"bad.appxmanifest:2:24: malformed XML: unquoted or missing attribute value in element"),
			Entry("truncated document", "<Package>\n  <Applications>\n",
				"bad.appxmanifest:3:1: malformed XML: unexpected EOF"),
			Entry("undefined entity", "<Package>&nbsp;</Package>",
				"bad.appxmanifest:1:16: malformed XML: invalid character entity &nbsp;"),
			Entry("unsupported encoding", "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<Package/>",
				"bad.appxmanifest:1:40: malformed XML: encoding \"utf-16\" declared but Decoder.CharsetReader is nil"),
			Entry("root is not Package", "<?xml version=\"1.0\"?>\n<!-- c -->\n  <Manifest/>",
				"bad.appxmanifest:3:3: root element is <Manifest>, expected <Package>"),
			Entry("two root elements", "<Package/>\n<Package/>",
				"bad.appxmanifest:2:1: second root element <Package>, expected a single <Package> root"),
			Entry("text after the root", "<Package/>\nhello",
				"bad.appxmanifest:2:1: text outside the root element, expected only the <Package> element"),
			Entry("an update task without an entry point", "<Package>\n  <Extension Category=\"windows.updateTask\" />\n</Package>",
				`bad.appxmanifest:2:3: windows.updateTask <Extension> has no EntryPoint, expected the update task's class, e.g. EntryPoint="BackgroundTasks.UpdateTask"`),
			Entry("a second update task", "<Package>\n  <Extension Category=\"windows.updateTask\" EntryPoint=\"A\" />\n  <Extension Category=\"windows.updateTask\" EntryPoint=\"B\" />\n</Package>",
				"bad.appxmanifest:3:3: second windows.updateTask <Extension>, expected one per package (the first is on line 2)"),
			Entry("an attribute given twice", "<Package>\n  <Extension Category=\"windows.backgroundTasks\" EntryPoint=\"A\" EntryPoint=\"B\"/>\n</Package>",
				"bad.appxmanifest:2:3: attribute EntryPoint given twice in <Extension>, expected each attribute once"),
			Entry("unknown task type with a case suggestion", string(wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
          <BackgroundTasks>
            <Task Type="systemEvent" />
            <uap:Task xmlns:uap="urn:uap" Type="systemevent" />
          </BackgroundTasks>
        </Extension>
`)), `bad.appxmanifest:9:13: unknown task type "systemevent" (did you mean "systemEvent"?)`),
			Entry("unknown task type with a spelling suggestion", string(wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
          <BackgroundTasks><Task Type="timmer" /></BackgroundTasks>
        </Extension>
`)), `bad.appxmanifest:7:28: unknown task type "timmer" (did you mean "timer"?)`),
			Entry("unknown task type without a suggestion", string(wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
          <BackgroundTasks><Task Type="cellular" /></BackgroundTasks>
        </Extension>
`)), `bad.appxmanifest:7:28: unknown task type "cellular", expected one of general, audio, controlChannel, systemEvent, timer, pushNotification, location, deviceUse, deviceServicing, deviceConnectionChange, bluetooth, chatMessageNotification, vpnClient, phoneCall, mediaProcessing, realTimeCommunication`),
			Entry("empty task type", string(wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
          <BackgroundTasks><Task Type="" /></BackgroundTasks>
        </Extension>
`)), `bad.appxmanifest:7:28: empty task type, expected a manifest spelling such as "systemEvent"`),
			Entry("task without Type", string(wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
          <BackgroundTasks>
            <m2:Task xmlns:m2="http://schemas.microsoft.com/appx/2013/manifest" />
          </BackgroundTasks>
        </Extension>
`)), `bad.appxmanifest:8:13: <Task> without Type attribute in background task "Tasks.T", expected e.g. Type="systemEvent"`),
			Entry("extension without EntryPoint or Executable", string(wrap(`        <Extension Category="windows.backgroundTasks" ResourceGroup="g">
          <BackgroundTasks><Task Type="timer" /></BackgroundTasks>
        </Extension>
`)), "bad.appxmanifest:6:9: background-task <Extension> has neither EntryPoint nor Executable, expected an EntryPoint attribute"),
			Entry("extension without Task", string(wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.Empty">
          <BackgroundTasks>
          </BackgroundTasks>
        </Extension>
`)), `bad.appxmanifest:6:9: background task "Tasks.Empty" declares no task, expected at least one <Task Type="..."/> inside <BackgroundTasks>`),
			Entry("extension without BackgroundTasks", string(wrap(`        <Extension Category="windows.backgroundTasks" Executable="host.exe" />
`)), `bad.appxmanifest:6:9: background task "host.exe" declares no task, expected at least one <Task Type="..."/> inside <BackgroundTasks>`),
			Entry("duplicate entry point", string(wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
          <BackgroundTasks><Task Type="timer" /></BackgroundTasks>
        </Extension>
        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
          <BackgroundTasks><Task Type="general" /></BackgroundTasks>
        </Extension>
`)), `bad.appxmanifest:9:9: duplicate entry point "Tasks.T", first declared on line 6`),
			Entry("SupportsMultipleInstances with a ResourceGroup", string(wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T" ResourceGroup="g">
          <BackgroundTasks uap4:SupportsMultipleInstances="true"><Task Type="general" /></BackgroundTasks>
        </Extension>
`)), `bad.appxmanifest:7:11: background task "Tasks.T" has SupportsMultipleInstances="true" and ResourceGroup "g", expected at most one of them (a task that runs in a process of its own per firing cannot share a resource group)`),
			Entry("nested background-task extensions", string(wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.Outer">
          <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.Inner" />
        </Extension>
`)), "bad.appxmanifest:7:11: background-task <Extension> nested inside the one on line 6, expected it to be closed first"),
		)

		It("omits the file name when none was given", func() {
			_, err := manifest.Parse("", []byte("<Manifest/>"))
			Expect(err).To(MatchError("1:1: root element is <Manifest>, expected <Package>"))
		})

		It("wraps the XML syntax error", func() {
			_, err := manifest.Parse("bad", []byte("<Package><a></b></Package>"))
			var serr *xml.SyntaxError
			Expect(errors.As(err, &serr)).To(BeTrue())
			Expect(serr.Line).To(Equal(1))
		})

		It("wraps the task-type error", func() {
			_, err := manifest.Parse("bad", wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
          <BackgroundTasks><Task Type="Timer" /></BackgroundTasks>
        </Extension>
`))
			var merr *manifest.Error
			Expect(errors.As(err, &merr)).To(BeTrue())
			Expect(merr.Unwrap()).To(MatchError(`unknown task type "Timer" (did you mean "timer"?)`))
			Expect([]int{merr.Line, merr.Col}).To(Equal([]int{7, 28}))
			Expect(merr.File).To(Equal("bad"))
		})

		It("is deterministic", func() {
			data := wrap(`        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
          <BackgroundTasks><Task Type="locaton" /></BackgroundTasks>
        </Extension>
`)
			_, first := manifest.Parse("bad", data)
			for range 20 {
				_, again := manifest.Parse("bad", data)
				Expect(again).To(Equal(first))
			}
		})
	})
})
