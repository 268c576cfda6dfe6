package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/bgsim/bgsim/simulator"
)

// topKeys are the keys of a scenario file, in the order the format documents them.
var topKeys = []string{"name", "description", "seed", "start", "until", "policy", "device", "app",
	"manifest", "tasks", "registrations", "timeline", "expect", "properties", "explore", "trace"}

// ParseFile reads and parses the scenario file at path. See Parse.
func ParseFile(path string) (*Scenario, error) {
	data, _, err := readInput(path)
	if err != nil {
		return nil, &ParseError{File: path, Msg: fmt.Sprintf("cannot read scenario: %v", err), err: err}
	}
	return Parse(path, data)
}

// Parse parses and validates a scenario. file names it in errors, and a manifest `file:` is
// read relative to file's folder. Every error is a file error: one *ParseError, or ParseErrors
// when there are several.
func Parse(file string, data []byte) (*Scenario, error) {
	p := &parser{file: file, dir: filepath.Dir(file)}
	root, err := p.document(data)
	if err != nil {
		return nil, err
	}
	s := &Scenario{File: file, Seed: 1, Start: simulator.DefaultStart}
	p.scenario(root, s)
	if len(p.errs) == 0 {
		p.validate(s)
		p.validateProperties(s)
	}
	if err := p.result(); err != nil {
		return nil, err
	}
	return s, nil
}

// document decodes the file's single YAML document and returns its root node. It refuses a
// file that is not UTF-8, is empty, holds a second document, or whose aliases expand too far.
func (p *parser) document(data []byte) (*yaml.Node, error) {
	if pe := encodingError(p.file, data); pe != nil {
		return nil, pe
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, p.yamlError(err, data)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, &ParseError{File: p.file, Line: 1, Col: 1, Msg: "empty scenario: want a mapping of the top-level keys (name, registrations, timeline, expect, ...)"}
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, p.yamlError(err, data)
	default:
		return nil, &ParseError{File: p.file, Line: second.Line, Col: second.Column,
			Msg: "a second YAML document: a scenario file holds exactly one (remove the --- line and what follows, or move it to its own file)"}
	}
	if pe := p.checkAliases(doc.Content[0]); pe != nil {
		return nil, pe
	}
	return resolve(doc.Content[0]), nil
}

// yamlError turns a YAML syntax error into a *ParseError at its mark. A tab where the scanner
// stopped gets a hint, since its message alone ("cannot start any token") does not say why.
func (p *parser) yamlError(err error, data []byte) error {
	var le *yaml.LoadError
	if errors.As(err, &le) {
		msg := "invalid YAML: " + le.Message
		line, col := le.Mark.Line, le.Mark.Column
		if line == 0 { // the reader (bad UTF-8) marks only a byte offset
			line, col = lineCol(data, le.Mark.Index)
		}
		if strings.Contains(msg, "UTF-8") {
			msg += " (the file must be UTF-8 encoded)"
		} else if !strings.Contains(msg, "tab") && byteAt(data, line, col) == '\t' {
			msg += " (a tab: indent with spaces)"
		}
		return &ParseError{File: p.file, Line: line, Col: col, Msg: msg, err: err}
	}
	return &ParseError{File: p.file, Msg: "invalid YAML: " + err.Error(), err: err}
}

// lineCol returns the 1-based line and column (in characters, as YAML marks count) of byte
// offset off in data.
func lineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return bytes.Count(data[:start], []byte{'\n'}) + 1, utf8.RuneCount(data[start:off]) + 1
}

// byteAt returns the byte at 1-based line and column, or 0 when there is none.
func byteAt(data []byte, line, col int) byte {
	lines := yamlLines(data)
	if line < 1 || line > len(lines) || col < 1 {
		return 0
	}
	start := lines[line-1].start
	if start+col-1 >= len(data) {
		return 0
	}
	return data[start+col-1]
}

func (p *parser) scenario(n *yaml.Node, s *Scenario) {
	for _, f := range p.fields(n, "scenario", topKeys) {
		switch f.key {
		case "name":
			s.Name, _ = p.str(f.v, "name")
		case "description":
			s.Description, _ = p.str(f.v, "description")
		case "seed":
			if v, ok := p.uint(f.v, "seed", 64); ok {
				s.Seed = v
			}
		case "start":
			s.Start = p.start(f.v)
		case "until":
			s.Until, s.UntilSet = p.bounded(f.v, "until", MaxOffset)
		case "policy":
			p.policy(f.v, &s.Policy)
		case "device":
			p.device(f.v, &s.Device)
		case "app":
			p.app(f.v, &s.App)
		case "manifest":
			s.ManifestPos = posOf(f.k)
			s.Manifest = p.manifest(f.v, s)
		case "tasks":
			s.Tasks = p.tasks(f.v)
		case "registrations":
			for _, item := range p.list(f.v, "registrations") {
				if r := p.registration(item, "registration"); r != nil {
					s.Registrations = append(s.Registrations, *r)
				}
			}
		case "timeline":
			s.Timeline = p.timeline(f.v)
		case "expect":
			s.Expect = p.expectations(f.v)
		case "properties":
			s.Properties = p.properties(f.v)
		case "explore":
			s.Explore = p.explore(f.v)
		case "trace":
			if f.v.Kind == yaml.ScalarNode && f.v.ShortTag() == "!!null" && f.v.Value == "" {
				s.Trace = &TraceBlock{Pos: posOf(f.k), Pending: true}
			} else if text, ok := p.str(f.v, "trace"); ok {
				s.Trace = &TraceBlock{Pos: posOf(f.k), Text: text}
			}
		}
	}
}

func (p *parser) start(n *yaml.Node) time.Time {
	v, ok := p.scalar(n, "start", "an RFC 3339 instant (2026-03-01T08:00:00Z)", "!!timestamp", "!!str")
	if !ok {
		return simulator.DefaultStart
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		p.errorf(n, "start: expected an RFC 3339 instant (2026-03-01T08:00:00Z), got %q", v)
		return simulator.DefaultStart
	}
	return t.UTC()
}
