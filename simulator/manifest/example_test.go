package manifest_test

import (
	"fmt"

	"github.com/bgsim/bgsim/simulator/manifest"
)

func ExampleParse() {
	data := []byte(`<?xml version="1.0" encoding="utf-8"?>
<Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10"
         xmlns:uap="http://schemas.microsoft.com/appx/manifest/uap/windows10">
  <Applications>
    <Application Id="App" Executable="App.exe" EntryPoint="App.App">
      <Extensions>
        <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.SampleBackgroundTask">
          <BackgroundTasks>
            <Task Type="systemEvent" />
            <uap:Task Type="timer" />
          </BackgroundTasks>
        </Extension>
        <uap:Extension Category="windows.protocol">
          <uap:Protocol Name="example" />
        </uap:Extension>
      </Extensions>
    </Application>
  </Applications>
</Package>`)

	m, err := manifest.Parse("Package.appxmanifest", data)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range m.Declarations {
		fmt.Printf("%d:%d %s %v\n", d.Line, d.Col, d.EntryPoint, d.TaskTypes)
	}

	_, err = manifest.Parse("Broken.appxmanifest", []byte(`<Package>
  <Extension Category="windows.backgroundTasks" EntryPoint="Tasks.T">
    <BackgroundTasks><Task Type="systemevent"/></BackgroundTasks>
  </Extension>
</Package>`))
	fmt.Println(err)
	// Output:
	// 7:9 Tasks.SampleBackgroundTask [systemEvent timer]
	// Broken.appxmanifest:3:22: unknown task type "systemevent" (did you mean "systemEvent"?)
}
