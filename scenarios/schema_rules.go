package scenarios

import (
	"github.com/invopop/jsonschema"
)

// The rules of the format that the shape of the document model cannot say: exactly one action,
// the trigger keys a type allows, which filter applies to which expectation kind. Each is a
// JSONSchemaExtend method, which the reflector calls on the type's $defs entry, and each reads
// the parser's own tables.

// JSONSchemaExtend says a timeline entry has exactly one action.
func (schemaTimelineEntry) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Description = "An offset and exactly one action."
	s.OneOf = requireEach(timelineActions)
}

// JSONSchemaExtend says a script step has exactly one action.
func (schemaStep) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Description = "One script step: an optional offset and exactly one action."
	s.OneOf = requireEach(stepActions)
}

// JSONSchemaExtend says an expectation has exactly one kind, that each kind-specific filter
// goes with one of its kinds, and that signal_result's result is an ApplicationTriggerResult.
func (schemaExpectation) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Description = "One kind key whose value is a registration name, plus optional filters."
	s.OneOf = requireEach(expectKinds)
	s.DependentSchemas = map[string]*jsonschema.Schema{}
	for filter, kinds := range filterKinds {
		s.DependentSchemas[filter] = &jsonschema.Schema{AnyOf: requireEach(kinds)}
	}
	signal := jsonschema.NewProperties()
	signal.Set("result", refTo("ApplicationTriggerResult"))
	other := jsonschema.NewProperties()
	other.Set("result", refTo("Result"))
	s.AllOf = []*jsonschema.Schema{{
		If:   &jsonschema.Schema{Required: []string{"signal_result"}},
		Then: &jsonschema.Schema{Properties: signal},
		Else: &jsonschema.Schema{Properties: other},
	}}
}

// JSONSchemaExtend says which keys each trigger type takes besides type.
func (schemaTrigger) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Description = "A registration's trigger; type selects the other keys."
	for _, typ := range triggerTypes {
		allowed := []any{"type"}
		for _, k := range triggerKeys[typ] {
			allowed = append(allowed, k)
		}
		s.AllOf = append(s.AllOf, &jsonschema.Schema{
			If:   whenEquals("type", typ),
			Then: &jsonschema.Schema{PropertyNames: &jsonschema.Schema{Enum: allowed}},
		})
	}
}

// JSONSchemaExtend says a policy_cancel fault needs a reason and the other kinds take none.
func (schemaFault) JSONSchemaExtend(s *jsonschema.Schema) {
	s.AllOf = []*jsonschema.Schema{{
		If:   whenEquals("kind", "policy_cancel"),
		Then: &jsonschema.Schema{Required: []string{"reason"}},
		Else: &jsonschema.Schema{Not: &jsonschema.Schema{Required: []string{"reason"}}},
	}}
}

// JSONSchemaExtend says a manifest is a file or inline declarations, not both.
func (schemaManifest) JSONSchemaExtend(s *jsonschema.Schema) {
	s.OneOf = requireEach([]string{"file", "declarations"})
	s.DependentSchemas = map[string]*jsonschema.Schema{
		"capabilities": {Not: &jsonschema.Schema{Required: []string{"file"}}},
		"update_task":  {Not: &jsonschema.Schema{Required: []string{"file"}}},
	}
}

// JSONSchemaExtend says a declaration needs task types and an entry point or an executable.
func (schemaDeclaration) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Required = []string{"task_types"}
	s.AnyOf = requireEach([]string{"entry_point", "executable"})
}

// JSONSchemaExtend says a behaviour is a fixture, or a script and/or on_canceled, not both.
func (schemaTask) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Description = "How an entry point behaves when Run is called: a script, or a Go fixture."
	s.OneOf = []*jsonschema.Schema{
		{Required: []string{"fixture"}},
		{AnyOf: requireEach([]string{"script", "on_canceled"})},
	}
}

// requireEach returns one schema per key, each requiring that key.
func requireEach(keys []string) []*jsonschema.Schema {
	out := make([]*jsonschema.Schema, len(keys))
	for i, k := range keys {
		out[i] = &jsonschema.Schema{Required: []string{k}}
	}
	return out
}

// whenEquals is an if-schema: key is present and equals value.
func whenEquals(key, value string) *jsonschema.Schema {
	props := jsonschema.NewProperties()
	props.Set(key, &jsonschema.Schema{Const: value})
	return &jsonschema.Schema{Properties: props, Required: []string{key}}
}
