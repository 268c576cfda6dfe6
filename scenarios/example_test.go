package scenarios_test

import (
	"encoding/json"
	"fmt"

	"github.com/bgsim/bgsim/scenarios"
)

// ExampleJSONSchema reads the schema "bgsim schema" prints (see "JSON Schema" in the package
// doc): the values it offers come from the simulator's own enum tables.
func ExampleJSONSchema() {
	data, err := scenarios.JSONSchema()
	if err != nil {
		fmt.Println(err)
		return
	}
	var doc struct {
		Schema string `json:"$schema"`
		Defs   map[string]struct {
			Enum []string `json:"enum"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Schema)
	fmt.Println(doc.Defs["StatelessSystemEvent"].Enum)
	fmt.Println(doc.Defs["LatchMode"].Enum)
	// Output:
	// https://json-schema.org/draft/2020-12/schema
	// [SmsReceived ControlChannelReset OnlineIdConnectedStateChange DefaultSignInAccountChange]
	// [coalesce each_firing]
}

// ExampleRun parses a scenario and replays it: the report holds the trace and any failed
// expectation (here none).
func ExampleRun() {
	s, err := scenarios.Parse("example.yaml", []byte(`name: a time trigger held by Battery Saver
device: {power: battery, battery_saver: true}
registrations:
  - name: Sync
    trigger: {type: time, freshness: 15m, one_shot: true}
timeline:
  - at: 40m
    battery_saver: false
expect:
  - run: Sync
    at: 40m
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := scenarios.Run(s, scenarios.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("passed:", rep.Passed())
	fmt.Print(rep.Trace)
	// Output:
	// passed: true
	// +00:00:00.000 register  Sync task=1 trigger=Time(15m,one_shot) in_process=true
	// +00:15:00.000 latched   Sync task=1 waiting=battery_saver pending=1
	// +00:40:00.000 device    battery_saver=false
	// +00:40:00.000 run       Sync task=1 instance=1 trigger=Time(15m,one_shot)
	// +00:40:00.000 completed Sync task=1 instance=1 result=ok
	// +00:40:00.000 delivered Sync task=1 instance=1 result=ok
}

// ExampleFormat writes a parsed scenario back in canonical form.
func ExampleFormat() {
	s, err := scenarios.Parse("example.yaml", []byte("name: x\npolicy: {wall_clock_limit: 2m, energy_saver_cancels_running: false}\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := scenarios.Format(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// name: x
	// policy:
	//   wall_clock_limit: 2m
	//   energy_saver_cancels_running: false
}
