package scenarios

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/bgsim/bgsim/internal/suggest"
)

// parser walks a yaml.Node tree and collects every file error it meets, so one run of Parse
// reports them all.
type parser struct {
	file string
	dir  string
	errs []*ParseError

	reported map[errorKey]bool // errors already listed: an alias's errors count once
	dropped  int               // errors past MaxErrors, only counted
	firstOut Pos               // where the first dropped error was
}

// MaxErrors is how many errors Parse lists for one file; the rest are counted in a last
// "... and N more errors" line, so a hostile file cannot make the output or the time explode.
const MaxErrors = 50

// errorKey identifies an error for de-duplication.
type errorKey struct {
	pos Pos
	msg string
}

func posOf(n *yaml.Node) Pos { return Pos{n.Line, n.Column} }

func (p *parser) errorAt(pos Pos, format string, args ...any) {
	if p.full(pos) {
		return
	}
	msg := fmt.Sprintf(format, args...)
	key := errorKey{pos, msg}
	if p.reported[key] {
		return
	}
	if p.reported == nil {
		p.reported = map[errorKey]bool{}
	}
	p.reported[key] = true
	p.errs = append(p.errs, &ParseError{File: p.file, Line: pos.Line, Col: pos.Col, Msg: msg})
}

// full reports whether MaxErrors errors are listed already; then the error about to be made at
// pos is only counted. Callers that compute a costly message (a spelling suggestion) ask first.
func (p *parser) full(pos Pos) bool {
	if len(p.errs) < MaxErrors {
		return false
	}
	if p.dropped == 0 {
		p.firstOut = pos
	}
	p.dropped++
	return true
}

// count is how many errors were made so far, listed or dropped: "did this part add an error".
func (p *parser) count() int { return len(p.errs) + p.dropped }

// result returns the collected errors as Parse does: nil, one *ParseError, or ParseErrors in
// position order, with a last "... and N more errors" line when some were dropped.
func (p *parser) result() error {
	err := errorList(p.errs)
	if p.dropped == 0 {
		return err
	}
	more := &ParseError{File: p.file, Line: p.firstOut.Line, Col: p.firstOut.Col,
		Msg: fmt.Sprintf("... and %d more errors (only the first %d are listed)", p.dropped, MaxErrors)}
	list := AsParseErrors(err)
	return append(ParseErrors(list), more)
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.errorAt(posOf(n), format, args...)
}

// field is one key of a mapping, in file order.
type field struct {
	key  string
	k, v *yaml.Node
}

// resolve follows aliases.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// describe names a node's type for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing"
		case "!!int":
			return "an integer"
		case "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		case "!!timestamp":
			return "a timestamp"
		case "!!str":
			return "a string"
		}
		return "a " + n.ShortTag() + " value" // !!binary, a custom !tag: not "a string"
	}
	return "an unsupported node"
}

// fields checks that n is a mapping whose keys are strings from allowed, reports unknown and
// duplicate keys, and returns the valid fields in file order. what names the mapping in messages.
func (p *parser) fields(n *yaml.Node, what string, allowed []string) []field {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s: expected a mapping, got %s", what, describe(n))
		return nil
	}
	seen := map[string]*yaml.Node{}
	var out []field
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			p.errorf(k, "%s: expected a key, got %s", what, describe(k))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			p.errorf(k, "duplicate key %q in %s (first at %d:%d)", k.Value, what, first.Line, first.Column)
			continue
		}
		seen[k.Value] = k
		if !contains(allowed, k.Value) {
			if !p.full(posOf(k)) {
				p.errorf(k, "unknown key %q in %s%s", k.Value, what, hintOrList(k.Value, allowed))
			}
			continue
		}
		out = append(out, field{k.Value, k, v})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scalar checks n is a scalar with one of the tags and returns its value.
func (p *parser) scalar(n *yaml.Node, key, want string, tags ...string) (string, bool) {
	if n.Kind == yaml.ScalarNode {
		tag := n.ShortTag()
		for _, t := range tags {
			if t == tag {
				return n.Value, true
			}
		}
	}
	p.errorf(n, "%s: expected %s, got %s", key, want, describe(n))
	return "", false
}

func (p *parser) str(n *yaml.Node, key string) (string, bool) {
	// An unquoted date (2026-01-01) is a YAML timestamp; where a string is wanted it is its text.
	return p.scalar(n, key, "a string", "!!str", "!!timestamp")
}

func (p *parser) boolean(n *yaml.Node, key string) (bool, bool) {
	s, ok := p.scalar(n, key, "a boolean (true or false)", "!!bool")
	if !ok {
		return false, false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		p.errorf(n, "%s: expected a boolean (true or false), got %q", key, s)
		return false, false
	}
	return b, true
}

func (p *parser) uint(n *yaml.Node, key string, bits int) (uint64, bool) {
	s, ok := p.scalar(n, key, "a whole number", "!!int")
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 0, bits)
	if err != nil {
		p.errorf(n, "%s: expected a whole number from 0 to %d, got %s", key, uint64(1)<<bits-1, s)
		return 0, false
	}
	return v, true
}

// duration reads a duration string; a bare 0 is accepted too.
func (p *parser) duration(n *yaml.Node, key string) (time.Duration, bool) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" && n.Value == "0" {
		return 0, true
	}
	s, ok := p.scalar(n, key, "a duration (90s, 1h30m, 2d)", "!!str")
	if !ok {
		return 0, false
	}
	d, err := ParseDuration(s)
	if err != nil {
		p.errorf(n, "%s: %v", key, err)
		return 0, false
	}
	return d, true
}

// bounded reads a duration of at most limit (MaxOffset or MaxSpan).
func (p *parser) bounded(n *yaml.Node, key string, limit time.Duration) (time.Duration, bool) {
	d, ok := p.duration(n, key)
	if ok && d > limit {
		what := "a duration"
		if limit == MaxOffset {
			what = "an offset"
		}
		p.errorf(n, "%s: %s is longer than %s may be (%s), which keeps every instant the simulator computes in range", key, FormatDuration(d), what, FormatDuration(limit))
		return 0, false
	}
	return d, ok
}

// positive reads a duration that must be more than zero (a limit or a grace period), or returns 0
// after recording the error.
func (p *parser) positive(n *yaml.Node, key string) time.Duration {
	d, ok := p.bounded(n, key, MaxSpan)
	if ok && d <= 0 {
		p.errorf(n, "%s: expected a duration above zero, got %s", key, FormatDuration(d))
		return 0
	}
	return d
}

// enumeration is what the simulator's typed enums are: a uint8 whose zero is invalid, with a
// String that its Parse function reads back.
type enumeration interface {
	~uint8
	fmt.Stringer
}

// maxListed is how many names an unknown-value error lists when no spelling is close.
const maxListed = 12

// enum reads a string and parses it with a simulator Parse* function, whose error names the
// enum and suggests a spelling; when it has no suggestion and the enum is short, the valid
// names are listed.
func enum[T enumeration](p *parser, n *yaml.Node, key string, parse func(string) (T, error)) (T, bool) {
	var zero T
	s, ok := p.str(n, key)
	if !ok {
		return zero, false
	}
	v, err := parse(s)
	if err != nil {
		if p.full(posOf(n)) {
			return zero, false
		}
		msg := err.Error()
		if names := enumNames(parse); !strings.Contains(msg, "did you mean") && len(names) <= maxListed {
			msg += "; want one of: " + join(names)
		}
		p.errorf(n, "%s: %s", key, msg)
		return zero, false
	}
	return v, true
}

// enumNames lists the names parse accepts, in value order: every non-zero value whose String
// parses back to itself.
func enumNames[T enumeration](parse func(string) (T, error)) []string {
	key := reflect.TypeFor[T]()
	if names, ok := enumNameCache.Load(key); ok {
		return names.([]string)
	}
	var out []string
	for i := 1; i < 256; i++ {
		v := T(i)
		if got, err := parse(v.String()); err == nil && got == v {
			out = append(out, v.String())
		}
	}
	enumNameCache.Store(key, out)
	return out
}

// enumNameCache holds enumNames per enum type: listing them parses 255 values, each failure
// costing a spelling suggestion.
var enumNameCache sync.Map

// list checks n is a sequence and returns its items.
func (p *parser) list(n *yaml.Node, key string) []*yaml.Node {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s: expected a list, got %s", key, describe(n))
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = resolve(c)
	}
	return out
}

// hintOrList suggests the closest candidate, or lists them all when none is close.
func hintOrList(word string, candidates []string) string {
	if h := suggest.Hint(word, candidates); h != "" {
		return h
	}
	return fmt.Sprintf("; want one of: %s", strings.Join(candidates, ", "))
}

// exactlyOne finds the single action key among fs; it reports none or several. noun names
// what the key is ("action", "kind"). Having none is not reported when n's keys already had
// errors (keysBad): a misspelt action is an unknown key, and saying "no action" too is noise.
func (p *parser) exactlyOne(n *yaml.Node, fs []field, actions []string, what, noun string, keysBad bool) (field, bool) {
	var found []field
	for _, f := range fs {
		if contains(actions, f.key) {
			found = append(found, f)
		}
	}
	switch len(found) {
	case 1:
		return found[0], true
	case 0:
		if !keysBad {
			p.errorf(n, "%s has no %s; want exactly one of: %s", what, noun, strings.Join(actions, ", "))
		}
	default:
		p.errorf(found[1].k, "%s has two %ss (%q at %d:%d and %q); want exactly one",
			what, noun, found[0].key, found[0].k.Line, found[0].k.Column, found[1].key)
	}
	return field{}, false
}

func join(list []string) string { return strings.Join(list, ", ") }
