package scenarios

import "go.yaml.in/yaml/v4"

var (
	stepActions = []string{"take_deferral", "complete_deferral", "progress", "log", "panic"}
	stepKeys    = append([]string{"at"}, stepActions...)
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
	if fs == nil {
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
	}
	return s, ok
}
