package scenarios

import (
	"time"

	"github.com/invopop/jsonschema"
)

// The document model of properties and explore, for the JSON Schema only (see schema_model.go).

type schemaProperty struct {
	Never      *schemaPropertyBody `yaml:"never" jsonschema_description:"No record may match this body."`
	Eventually *schemaPropertyBody `yaml:"eventually" jsonschema_description:"At least one record matches this body by the end of the run."`
	Always     *schemaAlways       `yaml:"always" jsonschema_description:"Every record that matches when is followed within by one that matches then (for the same registration when both name the same task)."`
}

// schemaPropertyBody is an expectation body without count.
type schemaPropertyBody schemaExpectation

type schemaAlways struct {
	When   *schemaPropertyBody `yaml:"when" jsonschema:"required" jsonschema_description:"The records that start an obligation."`
	Then   *schemaPropertyBody `yaml:"then" jsonschema:"required" jsonschema_description:"The record that fulfils it."`
	Within ref[time.Duration]  `yaml:"within" jsonschema:"required" jsonschema_description:"How long after the when record the then record may come."`
}

type schemaExplore struct {
	Vary   []ref[varyName]    `yaml:"vary" jsonschema:"uniqueItems=true" jsonschema_description:"What inserted events may change. Default: every device action and the app, not faults."`
	Events uint32             `yaml:"events" jsonschema:"minimum=0,maximum=1000,default=4" jsonschema_description:"At most this many device events inserted per run."`
	Jitter ref[time.Duration] `yaml:"jitter" jsonschema_extras:"default=0s" jsonschema_description:"Each timeline entry is moved by up to plus or minus this."`
	Seeds  bool               `yaml:"seeds" jsonschema:"default=false" jsonschema_description:"Vary the scenario seed too."`
}

// JSONSchemaExtend says a property has exactly one quantifier.
func (schemaProperty) JSONSchemaExtend(s *jsonschema.Schema) {
	s.Description = "One quantifier key: never, eventually or always."
	s.OneOf = requireEach(propertyKeys)
}

// JSONSchemaExtend makes a property body an expectation without count.
func (schemaPropertyBody) JSONSchemaExtend(s *jsonschema.Schema) {
	schemaExpectation{}.JSONSchemaExtend(s)
	s.Description = "An expectation body: one kind key whose value is a registration name, plus optional filters (no count)."
	s.Properties.Delete("count")
}
