package manifest_test

import (
	"os"
	"path/filepath"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

func TestManifest(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "Manifest Suite")
}

// fixtureDir is where the project's fixture manifests live, relative to
// this package's directory (the working directory of its tests).
const fixtureDir = "../../fixtures/manifests"

// readFixture returns the bytes of a fixture manifest, failing the spec if
// it cannot be read.
func readFixture(name string) []byte {
	GinkgoHelper()
	data, err := os.ReadFile(filepath.Join(fixtureDir, name))
	Expect(err).NotTo(HaveOccurred())
	return data
}

// wrap returns a minimal manifest whose Extensions element holds
// extensions, which start on line 6.
func wrap(extensions string) []byte {
	return []byte(`<?xml version="1.0" encoding="utf-8"?>
<Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10">
  <Applications>
    <Application Id="App" Executable="App.exe" EntryPoint="App.App">
      <Extensions>
` + extensions + `      </Extensions>
    </Application>
  </Applications>
</Package>
`)
}
