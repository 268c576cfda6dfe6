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
