package scenarios

//go:generate sh -c "go run ../cmd/bgsim schema > scenario.schema.json"

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/invopop/jsonschema"

	"github.com/bgsim/bgsim/fixtures/tasks"
	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// SchemaID is the $id of the scenario format's JSON Schema.
const SchemaID = "https://github.com/bgsim/bgsim/scenarios/scenario.schema.json"

// JSONSchema returns the JSON Schema (draft 2020-12) of the scenario format: pretty-printed, with
// a trailing newline, and the same bytes on every call. scenarios/scenario.schema.json in the
// repository is this output; "bgsim schema" prints it.
func JSONSchema() ([]byte, error) {
	defs := schemaDefs()
	byType := make(map[reflect.Type]string, len(defs))
	for _, d := range defs {
		byType[d.typ] = d.name
	}
	r := &jsonschema.Reflector{
		FieldNameTag:               "yaml",
		RequiredFromJSONSchemaTags: true,
		ExpandedStruct:             true,
		Anonymous:                  true,
		Namer:                      func(t reflect.Type) string { return strings.TrimPrefix(t.Name(), "schema") },
		Mapper: func(t reflect.Type) *jsonschema.Schema {
			if name, ok := byType[t]; ok {
				return refTo(name)
			}
			return nil
		},
	}
	s := r.Reflect(&schemaScenario{})
	s.ID = SchemaID
	s.Title = "bgsim scenario"
	s.Description = "A bgsim scenario file: the world before, what happens, what must be seen, and the recorded trace. See the Go documentation of package github.com/bgsim/bgsim/scenarios."
	for _, d := range defs {
		s.Definitions[d.name] = d.schema
	}
	if t, ok := s.Properties.Get("trace"); ok {
		// an empty trace key ("trace:") is allowed too: Update records the trace there
		t.AnyOf = []*jsonschema.Schema{{Type: "string"}, {Type: "null"}}
		t.Type = ""
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("cannot encode the scenario schema: %w", err)
	}
	return buf.Bytes(), nil
}

// schemaDef is one $defs entry: the schema of the ref[T] values of the document model.
type schemaDef struct {
	typ    reflect.Type
	name   string
	schema *jsonschema.Schema
}

func def[T any](name string, s *jsonschema.Schema) schemaDef {
	return schemaDef{reflect.TypeFor[ref[T]](), name, s}
}

// schemaDefs lists the $defs entries. Enum values come from the simulator's Parse functions and
// the parser's own word lists, so the schema offers exactly what the parser accepts.
func schemaDefs() []schemaDef {
	return []schemaDef{
		def[time.Duration]("Duration", durationSchema()),
		def[maintenanceWindow]("MaintenanceWindow", &jsonschema.Schema{Type: "string", Pattern: windowPattern.String(),
			Description: "HH:MM-HH:MM, local time, 24-hour clock.", Examples: []any{"02:00-04:00"}}),
		def[scalarValue]("ScalarValue", &jsonschema.Schema{Description: "A string, number or boolean.",
			AnyOf: []*jsonschema.Schema{{Type: "string"}, {Type: "number"}, {Type: "boolean"}}}),
		def[expectResult]("ExpectResult", &jsonschema.Schema{Description: "A Result, or for signal_result an ApplicationTriggerResult member.",
			AnyOf: []*jsonschema.Schema{refTo("Result"), refTo("ApplicationTriggerResult")}}),

		def[simulator.SystemTriggerType]("SystemTriggerType", enumOf("A Windows SystemTriggerType member.",
			enumNames(simulator.ParseSystemTriggerType))),
		def[stateless]("StatelessSystemEvent", enumOf("A SystemTriggerType member that follows no device state; the others come from their device actions.",
			statelessEvents())),
		def[simulator.SystemConditionType]("SystemConditionType", enumOf("A Windows SystemConditionType member.",
			enumNames(simulator.ParseSystemConditionType))),
		def[simulator.CancellationReason]("CancellationReason", enumOf("A Windows BackgroundTaskCancellationReason member.",
			enumNames(simulator.ParseCancellationReason))),
		def[simulator.ApplicationTriggerResult]("ApplicationTriggerResult", enumOf("A Windows ApplicationTriggerResult member.",
			enumNames(simulator.ParseApplicationTriggerResult))),
		def[simulator.AccessStatus]("BackgroundAccessStatus", enumOf("A Windows BackgroundAccessStatus member, or not_requested: the app never called RequestAccessAsync.",
			enumNames(simulator.ParseAccessStatus))),
		def[requestAccessResult]("RequestAccessResult", enumOf("A BackgroundAccessStatus member RequestAccessAsync answers on Windows 10 and later.",
			requestAccessResults)),
		def[simulator.RegisterErrorCode]("RegisterErrorCode", enumOf("Why Register failed.",
			enumNames(simulator.ParseRegisterErrorCode))),
		def[simulator.Result]("Result", enumOf("What CheckResult gives: ok, or error.",
			enumNames(simulator.ParseResult))),
		def[simulator.CustomSystemEventRecurrence]("CustomSystemEventRecurrence", enumOf("A Windows CustomSystemEventTriggerRecurrence member.",
			enumNames(simulator.ParseCustomSystemEventRecurrence))),
		def[simulator.StandbyTaskSupport]("StandbyTaskSupport", enumOf("", enumNames(simulator.ParseStandbyTaskSupport))),
		def[simulator.LocationTriggerType]("LocationTriggerType", enumOf("A Windows LocationTriggerType member.",
			enumNames(simulator.ParseLocationTriggerType))),
		def[simulator.GeofenceState]("GeofenceState", enumOf("The GeofenceState a geofence report carries.",
			enumNames(simulator.ParseGeofenceState))),
		def[simulator.SocketActivityTriggerReason]("SocketActivityTriggerReason", enumOf("A Windows SocketActivityTriggerReason member that activates a task.",
			enumNames(simulator.ParseSocketActivityTriggerReason))),
		def[manifest.TaskType]("TaskType", enumOf("A background task type as spelled in a Package.appxmanifest.",
			enumNames(manifest.ParseTaskType))),

		def[simulator.LatchMode]("LatchMode", enumOf("", enumNames(simulator.ParseLatchMode))),
		def[simulator.OverlapMode]("OverlapMode", enumOf("", enumNames(simulator.ParseOverlapMode))),
		def[simulator.NetworkLevel]("NetworkLevel", enumOf("", enumNames(simulator.ParseNetworkLevel))),
		def[simulator.NetworkCost]("NetworkCost", enumOf("", enumNames(simulator.ParseNetworkCost))),
		def[simulator.PowerSource]("PowerSource", enumOf("", enumNames(simulator.ParsePowerSource))),
		def[simulator.UserPresence]("UserPresence", enumOf("", enumNames(simulator.ParseUserPresence))),
		def[simulator.SessionState]("SessionState", enumOf("", enumNames(simulator.ParseSessionState))),
		def[simulator.AppState]("AppState", enumOf("", enumNames(simulator.ParseAppState))),

		def[triggerType]("TriggerType", enumOf("", triggerTypes)),
		def[controlChannelEventName]("ControlChannelEvent", enumOf("", enumNames(simulator.ParseControlChannelEvent))),
		def[triggerClass]("TriggerClass", enumOf("A trigger class a generic trigger plays.", simulator.TriggerClasses())),
		def[appAction]("AppAction", enumOf("", appActions)),
		def[accessAction]("AccessAction", enumOf("", accessActions)),
		def[lockScreenAction]("LockScreenAction", enumOf("", lockActions)),
		def[faultKind]("FaultKind", enumOf("", faultKinds)),
		def[policyCancelReason]("PolicyCancelReason", enumOf("A cancellation reason no other engine rule produces.",
			reasonNames(simulator.PolicyCancelReasons()))),
		def[fixtureName]("Fixture", enumOf("A Go task of package fixtures/tasks.", tasks.Names())),
		def[varyName]("Vary", enumOf("What bgsim explore may change with inserted events.", varyNames)),
	}
}

// requestAccessResults are the answers RequestAccessAsync gives since Windows 10 version 1607.
var requestAccessResults = []string{"AlwaysAllowed", "AllowedSubjectToSystemPolicy", "DeniedBySystemPolicy", "DeniedByUser"}

// durationPattern matches what ParseDuration reads: an optional leading whole-day part, then a Go
// duration (units ns, us, µs, μs, ms, s, m, h), or the days alone.
const durationPattern = `^(?:[0-9]+d(?:\+?(?:0|(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+))?` +
	`|\+?(?:0|(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+))$`

func durationSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A Go duration with an optional leading whole-day part (90s, 15m, 1h30m, 2d, 2d6h), or a bare 0.",
		OneOf: []*jsonschema.Schema{
			{Type: "string", Pattern: durationPattern},
			{Type: "integer", Const: 0},
		},
		Examples: []any{"90s", "15m", "1h30m", "2d6h"},
	}
}

func refTo(name string) *jsonschema.Schema { return &jsonschema.Schema{Ref: "#/$defs/" + name} }

func enumOf(description string, values []string) *jsonschema.Schema {
	s := &jsonschema.Schema{Type: "string", Description: description}
	for _, v := range values {
		s.Enum = append(s.Enum, v)
	}
	return s
}

// statelessEvents lists the SystemTriggerType members a timeline system_event may raise.
func statelessEvents() []string {
	var out []string
	for _, t := range simulator.SystemTriggerTypes() {
		if raisable(t) {
			out = append(out, t.String())
		}
	}
	return out
}

func reasonNames(rs []simulator.CancellationReason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return out
}
