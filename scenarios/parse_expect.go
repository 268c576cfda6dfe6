package scenarios

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/bgsim/bgsim/simulator"
)

var (
	// expectKinds are the record kinds an expectation may name: every kind that carries a task.
	expectKinds = []string{"run", "latched", "progress", "deferral_completed", "canceled", "completed",
		"terminated", "delivered", "dropped", "progress_delivered", "register_failed", "signal_result",
		"register", "unregister", "deferral", "work_lost", "log", "task_error", "device", "registered"}
	expectFilters = []string{"at", "between", "count", "reason", "result", "value", "error", "instance",
		"waiting", "arguments", "group"}
	expectKeys = append(append([]string(nil), expectKinds...), expectFilters...)
	// filterKinds lists the kinds a kind-specific filter applies to.
	filterKinds = map[string][]string{
		"reason":    {"canceled"},
		"result":    {"completed", "delivered", "dropped", "signal_result"},
		"value":     {"progress", "progress_delivered", "work_lost"},
		"error":     {"register_failed"},
		"waiting":   {"latched"},
		"arguments": {"run"},
		"group":     {"registered"},
	}
)

func (p *parser) expectations(n *yaml.Node) []Expectation {
	var out []Expectation
	for _, item := range p.list(n, "expect") {
		before := p.count()
		fs := p.fields(item, "expectation", expectKeys)
		keysBad := p.count() > before
		if fs == nil && keysBad { // an empty mapping goes on, to be reported as one
			continue
		}
		k, ok := p.exactlyOne(item, fs, expectKinds, "expectation", "kind", keysBad)
		if !ok {
			continue
		}
		if e, ok := p.expectation(item, k, fs); ok {
			out = append(out, e)
		}
	}
	return out
}

func (p *parser) expectation(n *yaml.Node, kind field, fs []field) (Expectation, bool) {
	e := Expectation{Pos: posOf(n), TaskPos: posOf(kind.v)}
	e.Kind, _ = simulator.ParseRecordKind(kind.key)
	task, ok := p.str(kind.v, kind.key)
	e.Task = task
	switch kind.key {
	case "device":
		e.Task = ""
		e.Fields = strings.Fields(task)
		for _, f := range e.Fields {
			if k, _, found := strings.Cut(f, "="); !found || k == "" {
				p.errorf(kind.v, "device: %q is not a key=value field, such as battery_saver=false", f)
				ok = false
			}
		}
		if ok && len(e.Fields) == 0 {
			p.errorf(kind.v, "device: expected key=value fields, such as battery_saver=false")
			ok = false
		}
	case "registered":
		e.Kind, e.Registered = simulator.KindRegister, true
		if !hasKey(fs, "at") || hasKey(fs, "between") {
			p.errorf(n, "registered: expected at (the offset at which the registration is looked up), not between")
			ok = false
		}
	}
	for _, f := range fs {
		if f.key == kind.key {
			continue
		}
		if kinds, specific := filterKinds[f.key]; specific && !contains(kinds, kind.key) {
			p.errorf(f.k, "filter %s does not apply to %s; it applies to: %s", f.key, kind.key, join(kinds))
			ok = false
			continue
		}
		if !p.filter(f, kind.key, &e) {
			ok = false
		}
	}
	return e, ok
}

// filter reads one filter of an expectation.
func (p *parser) filter(f field, kind string, e *Expectation) bool {
	var ok bool
	switch f.key {
	case "at":
		var d time.Duration
		if d, ok = p.duration(f.v, f.key); ok {
			e.At = &d
		}
	case "between":
		ok = p.between(f.v, e)
	case "count":
		var v uint64
		if v, ok = p.uint(f.v, f.key, 31); ok {
			c := int(v)
			e.Count = &c
		}
	case "instance":
		var v uint64
		v, ok = p.uint(f.v, f.key, 31)
		e.Instance = int(v)
	case "reason":
		e.Reason, ok = enum(p, f.v, f.key, simulator.ParseCancellationReason)
	case "result":
		if kind == "signal_result" {
			e.Signal, ok = enum(p, f.v, f.key, simulator.ParseApplicationTriggerResult)
		} else {
			e.Result, ok = enum(p, f.v, f.key, simulator.ParseResult)
		}
	case "value":
		var v uint64
		if v, ok = p.uint(f.v, f.key, 32); ok {
			u := uint32(v)
			e.Value = &u
		}
	case "error":
		e.Error, ok = enum(p, f.v, f.key, simulator.ParseRegisterErrorCode)
	case "waiting":
		e.Waiting, ok = p.str(f.v, f.key)
	case "group":
		e.Group, ok = p.str(f.v, f.key)
	case "arguments":
		a := Action{}
		ok = p.arguments(f.v, &a)
		e.Arguments = a.Arguments
	}
	return ok
}

// hasKey reports whether fs has the key.
func hasKey(fs []field, key string) bool {
	for _, f := range fs {
		if f.key == key {
			return true
		}
	}
	return false
}

func (p *parser) between(n *yaml.Node, e *Expectation) bool {
	items := p.list(n, "between")
	if items == nil {
		return false
	}
	if len(items) != 2 {
		p.errorf(n, "between: expected [from, to], got %d values", len(items))
		return false
	}
	from, ok1 := p.duration(items[0], "between")
	to, ok2 := p.duration(items[1], "between")
	if !ok1 || !ok2 {
		return false
	}
	if to < from {
		p.errorf(n, "between: %s is before %s", FormatDuration(to), FormatDuration(from))
		return false
	}
	e.Between = &[2]time.Duration{from, to}
	return true
}
