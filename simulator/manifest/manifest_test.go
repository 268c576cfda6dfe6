package manifest_test

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator/manifest"
)

var _ = Describe("Manifest", func() {
	Describe("New", func() {
		It("copies valid declarations, removing repeated task types", func() {
			in := []manifest.Declaration{
				{EntryPoint: "Tasks.A", TaskTypes: types(manifest.Timer, manifest.SystemEvent, manifest.Timer)},
				{Executable: "host.exe", TaskTypes: types(manifest.ControlChannel), ResourceGroup: "g"},
			}
			m, err := manifest.New("inline", in...)
			Expect(err).NotTo(HaveOccurred())
			Expect(m.Name).To(Equal("inline"))
			Expect(m.Declarations).To(Equal([]manifest.Declaration{
				{EntryPoint: "Tasks.A", TaskTypes: types(manifest.Timer, manifest.SystemEvent)},
				{Executable: "host.exe", TaskTypes: types(manifest.ControlChannel), ResourceGroup: "g"},
			}))
			in[1].TaskTypes[0] = manifest.Audio
			Expect(m.Declarations[1].TaskTypes).To(Equal(types(manifest.ControlChannel)))
		})

		It("accepts no declarations", func() {
			m, err := manifest.New("none")
			Expect(err).NotTo(HaveOccurred())
			Expect(m.Declarations).To(BeEmpty())
		})

		It("accepts what Parse returned", func() {
			parsed, err := manifest.Parse("legacy-m2.appxmanifest", readFixture("legacy-m2.appxmanifest"))
			Expect(err).NotTo(HaveOccurred())
			rebuilt, err := manifest.New(parsed.Name, parsed.Declarations...)
			Expect(err).NotTo(HaveOccurred())
			Expect(rebuilt.Declarations).To(Equal(parsed.Declarations))
			Expect(rebuilt.Name).To(Equal(parsed.Name))
		})

		DescribeTable("rejects invalid declarations",
			func(want string, decls ...manifest.Declaration) {
				m, err := manifest.New("inline", decls...)
				Expect(m).To(BeNil())
				var merr *manifest.Error
				Expect(errors.As(err, &merr)).To(BeTrue())
				Expect(err.Error()).To(Equal(want))
			},
			Entry("empty entry point",
				"inline: declaration 1: empty entry point, expected an EntryPoint (or an Executable)",
				manifest.Declaration{TaskTypes: types(manifest.Timer)}),
			Entry("no task type",
				`inline: declaration 2: "Tasks.B" declares no task type, expected at least one`,
				manifest.Declaration{EntryPoint: "Tasks.A", TaskTypes: types(manifest.Timer)},
				manifest.Declaration{EntryPoint: "Tasks.B"}),
			Entry("zero task type",
				`inline: declaration 1: "Tasks.A" has invalid task type TaskType(0), expected one of TaskTypes()`,
				manifest.Declaration{EntryPoint: "Tasks.A", TaskTypes: types(manifest.Timer, manifest.TaskTypeInvalid)}),
			Entry("out-of-range task type",
				`inline: declaration 1: "Tasks.A" has invalid task type TaskType(200), expected one of TaskTypes()`,
				manifest.Declaration{EntryPoint: "Tasks.A", TaskTypes: types(manifest.TaskType(200))}),
			Entry("duplicate entry point, naming both",
				`inline: declaration 3: duplicate entry point "Tasks.A", already declared by declaration 1`,
				manifest.Declaration{EntryPoint: "Tasks.A", TaskTypes: types(manifest.Timer)},
				manifest.Declaration{EntryPoint: "Tasks.B", TaskTypes: types(manifest.Timer)},
				manifest.Declaration{EntryPoint: "Tasks.A", TaskTypes: types(manifest.General)}),
			Entry("duplicate entry point with positions",
				`inline:20:9: declaration 2: duplicate entry point "Tasks.A", already declared by declaration 1 on line 12`,
				manifest.Declaration{EntryPoint: "Tasks.A", TaskTypes: types(manifest.Timer), Line: 12, Col: 9},
				manifest.Declaration{EntryPoint: "Tasks.A", TaskTypes: types(manifest.Timer), Line: 20, Col: 9}),
			Entry("SupportsMultipleInstances with a ResourceGroup",
				`inline:7:5: declaration 1: "Tasks.A" has SupportsMultipleInstances and ResourceGroup "g", expected at most one of them`,
				manifest.Declaration{EntryPoint: "Tasks.A", TaskTypes: types(manifest.General),
					ResourceGroup: "g", SupportsMultipleInstances: true, Line: 7, Col: 5}),
		)

		It("allows several executable-only declarations", func() {
			m, err := manifest.New("inline",
				manifest.Declaration{Executable: "a.exe", TaskTypes: types(manifest.Timer)},
				manifest.Declaration{Executable: "a.exe", TaskTypes: types(manifest.General)})
			Expect(err).NotTo(HaveOccurred())
			Expect(m.Declarations).To(HaveLen(2))
		})
	})

	Describe("Lookup", func() {
		var m *manifest.Manifest
		BeforeEach(func() {
			var err error
			m, err = manifest.Parse("sample.appxmanifest", readFixture("sample.appxmanifest"))
			Expect(err).NotTo(HaveOccurred())
		})

		It("finds a declaration by exact entry point", func() {
			d, ok := m.Lookup("Tasks.ServicingComplete")
			Expect(ok).To(BeTrue())
			Expect(d.TaskTypes).To(Equal(types(manifest.SystemEvent)))
			Expect(d).To(BeIdenticalTo(&m.Declarations[1]))
		})

		DescribeTable("misses anything else",
			func(entryPoint string) {
				d, ok := m.Lookup(entryPoint)
				Expect(ok).To(BeFalse())
				Expect(d).To(BeNil())
			},
			Entry("different case", "tasks.servicingcomplete"),
			Entry("unknown", "Tasks.Nope"),
			Entry("empty", ""),
		)

		It("never matches an executable-only declaration by empty entry point", func() {
			legacy, err := manifest.Parse("legacy", readFixture("legacy-m2.appxmanifest"))
			Expect(err).NotTo(HaveOccurred())
			_, ok := legacy.Lookup("")
			Expect(ok).To(BeFalse())
		})

		It("is safe on a nil manifest", func() {
			var none *manifest.Manifest
			_, ok := none.Lookup("Tasks.ServicingComplete")
			Expect(ok).To(BeFalse())
		})
	})

	Describe("Declaration.Declares", func() {
		It("reports exactly the listed task types", func() {
			d := manifest.Declaration{EntryPoint: "T", TaskTypes: types(manifest.Timer, manifest.Location)}
			for _, t := range manifest.TaskTypes() {
				Expect(d.Declares(t)).To(Equal(t == manifest.Timer || t == manifest.Location), "%v", t)
			}
			Expect(d.Declares(manifest.TaskTypeInvalid)).To(BeFalse())
		})

		It("is false on a nil declaration", func() {
			var d *manifest.Declaration
			Expect(d.Declares(manifest.Timer)).To(BeFalse())
		})
	})

	Describe("Error", func() {
		DescribeTable("formats as file:line:col: msg",
			func(e manifest.Error, want string) { Expect(e.Error()).To(Equal(want)) },
			Entry("full", manifest.Error{File: "a.appxmanifest", Line: 3, Col: 7, Msg: "boom"}, "a.appxmanifest:3:7: boom"),
			Entry("no column", manifest.Error{File: "a.appxmanifest", Line: 3, Msg: "boom"}, "a.appxmanifest:3: boom"),
			Entry("no line", manifest.Error{File: "a.appxmanifest", Col: 7, Msg: "boom"}, "a.appxmanifest: boom"),
			Entry("no file", manifest.Error{Line: 3, Col: 7, Msg: "boom"}, "3:7: boom"),
			Entry("nothing but a message", manifest.Error{Msg: "boom"}, "boom"),
		)

		It("unwraps to nil when there is no cause", func() {
			Expect((&manifest.Error{Msg: "x"}).Unwrap()).To(BeNil())
		})
	})
})
