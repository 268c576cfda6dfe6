package scenarios_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v4"

	"github.com/bgsim/bgsim/scenarios"
	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// schemaFile is the committed schema; editors find it through the first line of each file.
const schemaFile = "scenario.schema.json"

// editorLine is the first line of every library file (two folders below scenarios/).
const editorLine = "# yaml-language-server: $schema=../../scenario.schema.json"

var _ = Describe("JSONSchema", func() {
	var (
		generated []byte
		doc       map[string]any
	)
	BeforeEach(func() {
		var err error
		generated, err = scenarios.JSONSchema()
		Expect(err).NotTo(HaveOccurred())
		Expect(json.Unmarshal(generated, &doc)).To(Succeed())
	})

	It("is the committed scenario.schema.json", func() {
		if os.Getenv("BGSIM_UPDATE") == "1" {
			Expect(os.WriteFile(schemaFile, generated, 0o644)).To(Succeed())
		}
		committed, err := os.ReadFile(schemaFile)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(committed)).To(Equal(string(generated)),
			"scenarios/scenario.schema.json is stale: run go run ./cmd/bgsim schema > scenarios/scenario.schema.json (or go generate ./scenarios/) and commit it")
	})

	It("is the same bytes on every call", func() {
		again, err := scenarios.JSONSchema()
		Expect(err).NotTo(HaveOccurred())
		Expect(again).To(Equal(generated))
		Expect(generated).To(HaveSuffix("}\n"))
	})

	It("compiles as a draft 2020-12 schema", func() {
		Expect(compileSchema(generated)).NotTo(BeNil())
	})

	DescribeTable("lists the keys the parser reads, and no others",
		func(def string) {
			Expect(propertyNames(doc, def)).To(ConsistOf(scenarios.ParserKeys[def]))
		},
		parserKeyEntries(),
	)

	It("allows each trigger type exactly the keys the parser takes for it", func() {
		rules := definition(doc, "Trigger")["allOf"].([]any)
		got := map[string][]string{}
		for _, r := range rules {
			rule := r.(map[string]any)
			typ := dig(rule, "if", "properties", "type", "const").(string)
			keys := dig(rule, "then", "propertyNames", "enum").([]any)
			Expect(keys[0]).To(Equal("type"))
			got[typ] = []string{}
			for _, k := range keys[1:] {
				got[typ] = append(got[typ], k.(string))
			}
		}
		Expect(got).To(HaveLen(len(scenarios.TriggerKeys)))
		for typ, keys := range scenarios.TriggerKeys {
			Expect(got[typ]).To(ConsistOf(keys), typ)
		}
	})

	It("lists every member of the simulator's enums", func() {
		Expect(enumValues(doc, "SystemTriggerType")).To(Equal(names(simulator.SystemTriggerTypes())))
		Expect(enumValues(doc, "SystemConditionType")).To(Equal(names(simulator.SystemConditionTypes())))
		Expect(enumValues(doc, "CancellationReason")).To(Equal(names(simulator.CancellationReasons())))
		Expect(enumValues(doc, "ApplicationTriggerResult")).To(Equal(names(simulator.ApplicationTriggerResults())))
		Expect(enumValues(doc, "BackgroundAccessStatus")).To(Equal(names(simulator.AccessStatuses())))
		Expect(enumValues(doc, "BackgroundAccessStatus")).To(ContainElement("not_requested"))
		Expect(enumValues(doc, "RegisterErrorCode")).To(Equal(names(simulator.RegisterErrorCodes())))
		Expect(enumValues(doc, "TaskType")).To(Equal(names(manifest.TaskTypes())))
		Expect(enumValues(doc, "StatelessSystemEvent")).To(ConsistOf("SmsReceived", "ControlChannelReset",
			"OnlineIdConnectedStateChange", "DefaultSignInAccountChange"))
		for _, v := range enumValues(doc, "RequestAccessResult") {
			_, err := simulator.ParseAccessStatus(v)
			Expect(err).NotTo(HaveOccurred())
		}
	})

	It("writes the engine's own defaults", func() {
		e, err := simulator.New(simulator.Config{})
		Expect(err).NotTo(HaveOccurred())
		pol, dev := simulator.DefaultPolicy(), e.Device()
		want := map[string]any{
			"Policy.cancel_grace":           scenarios.FormatDuration(pol.CancelGrace),
			"Policy.latched_firings":        pol.LatchedFirings.String(),
			"Policy.overlap":                pol.Overlap.String(),
			"Policy.deliver_after_relaunch": pol.DeliverAfterRelaunch,
			"Device.time_zone":              dev.TimeZone,
			"Device.network":                dev.Network.String(),
			"Device.network_cost":           dev.NetworkCost.String(),
			"Device.power":                  dev.Power.String(),
			"Device.battery_saver":          dev.BatterySaver,
			"Device.standby":                dev.Standby,
			"Device.user":                   dev.User.String(),
			"Device.session":                dev.Session.String(),
			"Device.lock_screen":            dev.LockScreen,
			"App.state":                     e.AppState().String(),
			"App.access":                    e.AccessStatus().String(),
			".start":                        simulator.DefaultStart.Format("2006-01-02T15:04:05Z07:00"),
		}
		for path, v := range want {
			def, key, _ := strings.Cut(path, ".")
			Expect(dig(definition(doc, def), "properties", key, "default")).To(Equal(v), path)
		}
	})

	It("writes a default for every policy knob and device and app field but the maintenance window and the activation behaviour", func() {
		for _, def := range []string{"Policy", "Device", "App"} {
			props := definition(doc, def)["properties"].(map[string]any)
			for key, p := range props {
				if def == "Device" && key == "maintenance_window" || def == "App" && key == "on_background_activated" ||
					def == "Policy" && key == "idle_watchdog" {
					continue // absent means "any time on AC" / "returns at once" / "off": no value says that
				}
				Expect(p).To(HaveKey("default"), def+"."+key)
			}
		}
	})

	DescribeTable("reads durations as ParseDuration does",
		func(s string) {
			pattern := regexp.MustCompile(dig(definition(doc, "Duration"), "oneOf").([]any)[0].(map[string]any)["pattern"].(string))
			_, err := scenarios.ParseDuration(s)
			Expect(pattern.MatchString(s)).To(Equal(err == nil), "%q: ParseDuration error %v", s, err)
		},
		Entry(nil, "90s"), Entry(nil, "15m"), Entry(nil, "1h30m"), Entry(nil, "2d"), Entry(nil, "2d6h"),
		Entry(nil, "0"), Entry(nil, "0s"), Entry(nil, "1.5h"), Entry(nil, ".5s"), Entry(nil, "300ms"),
		Entry(nil, "2µs"), Entry(nil, "10us"), Entry(nil, "2d0"), Entry(nil, "+5s"),
		Entry(nil, ""), Entry(nil, "5"), Entry(nil, "d"), Entry(nil, "2d2d"), Entry(nil, "-5s"),
		Entry(nil, "5x"), Entry(nil, "1h 30m"), Entry(nil, "5S"), Entry(nil, "two days"),
	)
})

var _ = Describe("scenario files against the JSON Schema", func() {
	var sch *jsonschema.Schema
	BeforeEach(func() {
		data, err := scenarios.JSONSchema()
		Expect(err).NotTo(HaveOccurred())
		sch = compileSchema(data)
	})

	DescribeTable("every library file and every good testdata file is valid",
		func(path string) {
			data, err := os.ReadFile(path)
			Expect(err).NotTo(HaveOccurred())
			Expect(sch.Validate(yamlInstance(data))).To(Succeed())
		},
		fileEntries(),
	)

	It("accepts an empty trace key, which the parser takes as \"record here\"", func() {
		doc := []byte("name: x\ntrace:\n")
		_, err := scenarios.Parse("t.yaml", doc)
		Expect(err).NotTo(HaveOccurred())
		Expect(sch.Validate(yamlInstance(doc))).To(Succeed())
		Expect(sch.Validate(yamlInstance([]byte("name: x\ntrace: 5\n")))).NotTo(Succeed())
	})

	It("every library file names the schema on its first line", func() {
		for _, path := range libraryFiles() {
			data, err := os.ReadFile(path)
			Expect(err).NotTo(HaveOccurred())
			first, _, _ := strings.Cut(string(data), "\n")
			Expect(first).To(Equal(editorLine), "%s: make this its first line:\n%s", path, editorLine)
			Expect(filepath.Join(filepath.Dir(path), "../..", schemaFile)).To(BeARegularFile())
		}
	})

	DescribeTable("rejects what the parser rejects",
		func(doc string) {
			_, perr := scenarios.Parse("t.yaml", []byte(doc))
			Expect(perr).To(HaveOccurred(), "the parser accepts it")
			Expect(sch.Validate(yamlInstance([]byte(doc)))).NotTo(Succeed())
		},
		Entry("an unknown top-level key", "name: x\ndevcie: {}\n"),
		Entry("an unknown device key", "name: x\ndevice: {powr: ac}\n"),
		Entry("an unknown enum value", "name: x\ndevice: {power: acc}\n"),
		Entry("a bad duration", "name: x\nuntil: 5x\n"),
		Entry("a seed that is not a number", "name: x\nseed: abc\n"),
		Entry("a timeline entry without an action", minimal+"timeline:\n  - at: 1m\n"),
		Entry("a timeline entry with two actions", minimal+"timeline:\n  - at: 1m\n    user: away\n    power: ac\n"),
		Entry("a timeline entry without at", minimal+"timeline:\n  - user: away\n"),
		Entry("a system_event that follows device state", minimal+"timeline:\n  - at: 1m\n    system_event: TimeZoneChange\n"),
		Entry("a step with two actions", "name: x\ntasks:\n  T.A:\n    script:\n      - log: a\n        panic: b\n"),
		Entry("a fixture and a script", "name: x\ntasks:\n  T.A:\n    fixture: never_completes\n    script: []\n"),
		Entry("an unknown fixture", "name: x\ntasks:\n  T.A:\n    fixture: nope\n"),
		Entry("a trigger key of another type", "name: x\nregistrations:\n  - name: A\n    trigger: {type: system, freshness: 15m}\n"),
		Entry("a trigger without type", "name: x\nregistrations:\n  - name: A\n    trigger: {event: TimeZoneChange}\n"),
		Entry("a registration without name", "name: x\nregistrations:\n  - trigger: {type: application}\n"),
		Entry("a manifest with both file and declarations", "name: x\nmanifest:\n  file: a.appxmanifest\n  declarations: []\n"),
		Entry("a policy_cancel fault without reason", minimal+"timeline:\n  - at: 1m\n    fault: {kind: policy_cancel, task: A}\n"),
		Entry("an expectation with two kinds", minimal+"expect:\n  - run: A\n    completed: A\n"),
		Entry("a filter that does not apply to the kind", minimal+"expect:\n  - run: A\n    reason: Abort\n"),
		Entry("a signal_result result that is not an ApplicationTriggerResult", minimal+"expect:\n  - signal_result: A\n    result: ok\n"),
		Entry("a completed result that is an ApplicationTriggerResult", minimal+"expect:\n  - completed: A\n    result: Allowed\n"),
		Entry("between with one value", minimal+"expect:\n  - run: A\n    between: [1m]\n"),
		Entry("a maintenance window that is not HH:MM-HH:MM", "name: x\ndevice: {maintenance_window: 2-4}\n"),
		Entry("a start that is not RFC 3339", "name: x\nstart: yesterday\n"),
	)

	It("rejects the bad testdata file", func() {
		data, err := os.ReadFile("testdata/cli/bad.yaml")
		Expect(err).NotTo(HaveOccurred())
		Expect(sch.Validate(yamlInstance(data))).NotTo(Succeed())
	})

	It("accepts the keys the engine is gaining before the parser reads them", func() {
		doc := "name: x\npolicy:\n  wall_clock_limit: 30s\n  application_wall_clock_limit: 10m\n  idle_watchdog: 1m\n" +
			"  energy_saver_cancels_running: true\n  request_access_result: DeniedByUser\n" +
			"manifest:\n  declarations: [{entry_point: T.A, task_types: [systemEvent]}]\n  capabilities: [extendedBackgroundTaskTime]\n" +
			"timeline:\n  - at: 1m\n    access: request\n  - at: 2m\n    fault: {kind: kill_host, task: A}\n"
		Expect(sch.Validate(yamlInstance([]byte(doc)))).To(Succeed())
	})
})

func compileSchema(data []byte) *jsonschema.Schema {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	Expect(err).NotTo(HaveOccurred())
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	Expect(c.AddResource(scenarios.SchemaID, doc)).To(Succeed())
	sch, err := c.Compile(scenarios.SchemaID)
	Expect(err).NotTo(HaveOccurred())
	return sch
}

// yamlInstance converts a YAML document to the JSON value an editor validates: a timestamp stays
// the string it was written as.
func yamlInstance(data []byte) any {
	var n yaml.Node
	Expect(yaml.Unmarshal(data, &n)).To(Succeed())
	Expect(n.Content).NotTo(BeEmpty())
	j, err := json.Marshal(yamlValue(n.Content[0]))
	Expect(err).NotTo(HaveOccurred())
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	Expect(err).NotTo(HaveOccurred())
	return v
}

func yamlValue(n *yaml.Node) any {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = yamlValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, yamlValue(c))
		}
		return l
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		b, err := strconv.ParseBool(n.Value)
		Expect(err).NotTo(HaveOccurred())
		return b
	case "!!int":
		i, err := strconv.ParseInt(n.Value, 0, 64)
		Expect(err).NotTo(HaveOccurred())
		return i
	case "!!float":
		f, err := strconv.ParseFloat(n.Value, 64)
		Expect(err).NotTo(HaveOccurred())
		return f
	}
	return n.Value
}

// definition returns a $defs entry, or the top level for "".
func definition(doc map[string]any, name string) map[string]any {
	if name == "" {
		return doc
	}
	d, ok := dig(doc, "$defs", name).(map[string]any)
	Expect(ok).To(BeTrue(), "no $defs entry %q", name)
	return d
}

func dig(v any, path ...string) any {
	for _, p := range path {
		m, ok := v.(map[string]any)
		Expect(ok).To(BeTrue(), "%v: not an object at %q", path, p)
		v = m[p]
	}
	return v
}

func propertyNames(doc map[string]any, def string) []string {
	var out []string
	for k := range definition(doc, def)["properties"].(map[string]any) {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func enumValues(doc map[string]any, def string) []string {
	var out []string
	for _, v := range definition(doc, def)["enum"].([]any) {
		out = append(out, v.(string))
	}
	return out
}

func names[T fmt.Stringer](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = v.String()
	}
	return out
}

func parserKeyEntries() []TableEntry {
	var defs []string
	for def := range scenarios.ParserKeys {
		defs = append(defs, def)
	}
	sort.Strings(defs)
	var out []TableEntry
	for _, def := range defs {
		label := def
		if label == "" {
			label = "top level"
		}
		out = append(out, Entry(label, def))
	}
	return out
}

func libraryFiles() []string {
	files, err := scenarios.Collect("library")
	if err != nil {
		panic(err)
	}
	return files
}

func fileEntries() []TableEntry {
	files := append(libraryFiles(), "testdata/cli/pass.yaml", "testdata/cli/fail.yaml",
		"testdata/manifest/good.yaml", "testdata/manifest/uses_broken.yaml")
	out := make([]TableEntry, len(files))
	for i, f := range files {
		out[i] = Entry(filepath.ToSlash(f), f)
	}
	return out
}
