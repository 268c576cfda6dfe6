package manifest_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/simulator/manifest"
)

var _ = Describe("Capabilities", func() {
	const doc = `<?xml version="1.0" encoding="utf-8"?>
<Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10"
         xmlns:rescap="http://schemas.microsoft.com/appx/manifest/foundation/windows10/restrictedcapabilities">
  <Applications><Application Id="App">
    <Extensions><Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
      <BackgroundTasks><Task Type="systemEvent"/></BackgroundTasks>
    </Extension></Extensions>
  </Application></Applications>
  <Capabilities>
    <Capability Name="internetClient"/>
    <rescap:Capability Name="extendedBackgroundTaskTime"/>
    <DeviceCapability Name="location"/>
    <Capability Name="internetClient"/>
  </Capabilities>
</Package>`

	It("lists every capability of the package once, in document order, whatever its prefix", func() {
		m, err := manifest.Parse("caps.appxmanifest", []byte(doc))
		Expect(err).NotTo(HaveOccurred())
		Expect(m.Capabilities).To(Equal([]string{"internetClient", "extendedBackgroundTaskTime", "location"}))
		Expect(m.HasCapability(manifest.ExtendedBackgroundTaskTime)).To(BeTrue())
		Expect(m.HasCapability("ExtendedBackgroundTaskTime")).To(BeFalse(), "names are case-sensitive")
	})

	It("ignores Capabilities elements that are not the package's own", func() {
		m, err := manifest.Parse("nested.appxmanifest", []byte(`<Package><Applications><Capabilities><Capability Name="x"/></Capabilities></Applications></Package>`))
		Expect(err).NotTo(HaveOccurred())
		Expect(m.Capabilities).To(BeEmpty())
	})

	It("is false on a nil manifest", func() {
		var m *manifest.Manifest
		Expect(m.HasCapability(manifest.ExtendedBackgroundTaskTime)).To(BeFalse())
	})
})

var _ = Describe("COM server classes", func() {
	const doc = `<?xml version="1.0" encoding="utf-8"?>
<Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10"
         xmlns:com="http://schemas.microsoft.com/appx/manifest/com/windows10">
  <Applications><Application Id="App">
    <Extensions>
      <com:Extension Category="windows.comServer">
        <com:ComServer>
          <com:ExeServer Executable="App.exe" DisplayName="Tasks">
            <com:Class Id="{A1B2C3D4-0000-4000-8000-000000000001}" DisplayName="Sync task"/>
            <com:Class Id="a1b2c3d4-0000-4000-8000-000000000001"/>
            <com:Class Id="B1B2C3D4-0000-4000-8000-000000000002"/>
          </com:ExeServer>
        </com:ComServer>
      </com:Extension>
      <Extension Category="windows.protocol"><Class Id="C1B2C3D4-0000-4000-8000-000000000003"/></Extension>
    </Extensions>
  </Application></Applications>
</Package>`

	It("lists the class ids of windows.comServer extensions once each, as written", func() {
		m, err := manifest.Parse("com.appxmanifest", []byte(doc))
		Expect(err).NotTo(HaveOccurred())
		Expect(m.ComClasses).To(Equal([]string{"{A1B2C3D4-0000-4000-8000-000000000001}", "B1B2C3D4-0000-4000-8000-000000000002"}))
		Expect(m.Declarations).To(BeEmpty())
	})

	It("matches a class id without braces and ignoring case", func() {
		m, err := manifest.Parse("com.appxmanifest", []byte(doc))
		Expect(err).NotTo(HaveOccurred())
		Expect(m.DeclaresComClass("a1b2c3d4-0000-4000-8000-000000000001")).To(BeTrue())
		Expect(m.DeclaresComClass("{b1b2c3d4-0000-4000-8000-000000000002}")).To(BeTrue())
		Expect(m.DeclaresComClass("C1B2C3D4-0000-4000-8000-000000000003")).To(BeFalse(), "not a COM server extension")
		var none *manifest.Manifest
		Expect(none.DeclaresComClass("a1b2c3d4-0000-4000-8000-000000000001")).To(BeFalse())
	})
})
