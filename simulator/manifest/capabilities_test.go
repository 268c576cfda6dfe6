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
