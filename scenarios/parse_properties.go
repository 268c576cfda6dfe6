package scenarios

import (
	"go.yaml.in/yaml/v4"

	"github.com/bgsim/bgsim/simulator"
)

var (
	// propertyKeys are the quantifiers: a properties item has exactly one.
	propertyKeys = []string{"never", "eventually", "always"}
	// alwaysKeys are the keys of an always property.
	alwaysKeys = []string{"when", "then", "within"}
)

func (p *parser) properties(n *yaml.Node) []Property {
	var out []Property
	for _, item := range p.list(n, "properties") {
		before := p.count()
		fs := p.fields(item, "property", propertyKeys)
		keysBad := p.count() > before
		if fs == nil && keysBad { // an empty mapping goes on, to be reported as one
			continue
		}
		q, ok := p.exactlyOne(item, fs, propertyKeys, "property", "quantifier", keysBad)
		if !ok {
			continue
		}
		prop := Property{Pos: posOf(item)}
		switch q.key {
		case "never":
			prop.Quantifier = QuantifierNever
			prop.Body, ok = p.propertyBody(q.v, "never")
		case "eventually":
			prop.Quantifier = QuantifierEventually
			prop.Body, ok = p.propertyBody(q.v, "eventually")
		case "always":
			prop.Quantifier = QuantifierAlways
			ok = p.always(q.v, &prop)
		}
		if ok {
			out = append(out, prop)
		}
	}
	return out
}

// propertyBody reads an expectation body: one kind key and the usual filters, but no count (a
// property quantifies over records itself).
func (p *parser) propertyBody(n *yaml.Node, what string) (Expectation, bool) {
	before := p.count()
	fs := p.fields(n, what, expectKeys)
	keysBad := p.count() > before
	if fs == nil && keysBad { // an empty mapping goes on, to be reported as one
		return Expectation{}, false
	}
	for _, f := range fs {
		if f.key == "count" {
			p.errorf(f.k, "%s: count does not apply to a property; never, eventually and always say how many", what)
			return Expectation{}, false
		}
	}
	kind, ok := p.exactlyOne(n, fs, expectKinds, what, "kind", keysBad)
	if !ok {
		return Expectation{}, false
	}
	if kind.key == "registered" {
		p.errorf(kind.k, "%s: registered counts a registration's listings at one offset, which is an expectation, not a property; write it under expect", what)
		return Expectation{}, false
	}
	return p.expectation(n, kind, fs)
}

func (p *parser) always(n *yaml.Node, prop *Property) bool {
	before := p.count()
	fs := p.fields(n, "always", alwaysKeys)
	if fs == nil && p.count() > before { // an empty mapping goes on, to be reported as one
		return false
	}
	ok := true
	have := map[string]bool{}
	for _, f := range fs {
		have[f.key] = true
		var fok bool
		switch f.key {
		case "when":
			prop.Body, fok = p.propertyBody(f.v, "when")
		case "then":
			prop.Then, fok = p.propertyBody(f.v, "then")
		case "within":
			prop.Within, fok = p.bounded(f.v, "within", MaxSpan)
		}
		ok = ok && fok
	}
	for _, k := range alwaysKeys {
		if !have[k] {
			p.errorf(n, "always: missing %s; always takes when, then and within", k)
			ok = false
		}
	}
	return ok
}

// validateProperties checks that every task a property names is registered in the file.
func (p *parser) validateProperties(s *Scenario) {
	if len(s.Properties) == 0 {
		return
	}
	names := expectationNames(s)
	for _, prop := range s.Properties {
		if prop.Body.Kind != simulator.KindDevice { // a device record names no task
			p.knownTask(prop.Body.Task, prop.Body.TaskPos, names, prop.Body.Kind.String())
		}
		if prop.Quantifier == QuantifierAlways && prop.Then.Kind != simulator.KindDevice {
			p.knownTask(prop.Then.Task, prop.Then.TaskPos, names, prop.Then.Kind.String())
		}
	}
}
