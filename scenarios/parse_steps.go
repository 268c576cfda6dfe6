package scenarios

import (
	"strings"

	"go.yaml.in/yaml/v4"
)

var (
	stepActions = []string{"take_deferral", "complete_deferral", "progress", "log", "panic",
		"signal", "register", "unregister", "request_access", "remove_access", "transfer_ownership"}
	stepKeys = append([]string{"at"}, stepActions...)
)

// steps reads a script or on_canceled list.
func (p *parser) steps(n *yaml.Node, key string) []Step {
	out := []Step{}
	for _, item := range p.list(n, key) {
		if s, ok := p.step(item, key); ok {
			out = append(out, s)
		}
	}
	return out
}

func (p *parser) step(n *yaml.Node, key string) (Step, bool) {
	before := p.count()
	fs := p.fields(n, key+" step", stepKeys)
	keysBad := p.count() > before
	if fs == nil && keysBad { // an empty mapping goes on, to be reported as one
		return Step{}, false
	}
	s := Step{Pos: posOf(n)}
	for _, f := range fs {
		if f.key == "at" {
			s.At, _ = p.bounded(f.v, "at", MaxSpan)
		}
	}
	a, ok := p.exactlyOne(n, fs, stepActions, key+" step", "action", keysBad)
	if !ok {
		return Step{}, false
	}
	switch a.key {
	case "take_deferral":
		s.Kind = StepTakeDeferral
		s.Name, ok = p.str(a.v, a.key)
	case "complete_deferral":
		s.Kind = StepCompleteDeferral
		s.Name, ok = p.str(a.v, a.key)
	case "progress":
		var v uint64
		v, ok = p.uint(a.v, a.key, 32)
		s.Kind, s.Value = StepProgress, uint32(v)
	case "log":
		s.Kind = StepLog
		s.Name, ok = p.str(a.v, a.key)
	case "panic":
		s.Kind = StepPanic
		s.Name, ok = p.str(a.v, a.key)
	case "signal", "register", "unregister", "request_access", "remove_access", "transfer_ownership":
		s.Kind = StepCall
		s.Call, ok = p.call(a)
	}
	return s, ok
}

// call reads a step that calls the background-task API from task code. signal, register and
// unregister take the value of the timeline action of the same name; request_access and
// remove_access take none ("request_access: {}"), and become the timeline's access action.
func (p *parser) call(f field) (*Action, bool) {
	a := &Action{Kind: f.key, Pos: posOf(f.k)}
	switch f.key {
	case "request_access", "remove_access":
		v := resolve(f.v)
		if v.Kind != yaml.MappingNode || len(v.Content) != 0 {
			p.errorf(v, "%s: expected no value ({}), got %s", f.key, describe(v))
			return nil, false
		}
		a.Kind, a.Text = "access", strings.TrimSuffix(f.key, "_access")
		return a, true
	}
	act, ok := p.action(f)
	return &act, ok
}
