package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// utf8BOM is the byte-order mark some editors put in front of a UTF-8 file; a rewrite keeps it.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// RewriteTrace returns data, a scenario file's bytes, with its top-level trace block replaced by
// trace (a literal block scalar, indented by two spaces), or with "trace: |" and trace appended
// when it has none. The block spans from the start of its key's line through the value's last
// line (for a literal or folded block scalar, its last line indented as its content); blank
// lines and comments after it stay. An anchor and a comment on the key's line are
// kept, line breaks follow the file's (LF, CRLF or CR), and a UTF-8 byte-order mark stays.
//
// It refuses, rather than risk a byte it should not touch: a file that is not one YAML
// document with a block mapping at the top (a flow mapping {...}, a second document), a trace
// key that is not at column 1, a comment the splice would remove or an indented line after the
// value that would join the new block, and any result that does not parse back to the same
// document with trace as the only change.
func RewriteTrace(data []byte, trace string) ([]byte, error) {
	old, err := decodeOne(data)
	if err != nil {
		return nil, fmt.Errorf("cannot rewrite the trace block: the file does not parse: %w", err)
	}
	root := old.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errors.New("cannot rewrite the trace block: the top level is not a mapping")
	}
	if root.Style&yaml.FlowStyle != 0 {
		return nil, errors.New("cannot rewrite the trace block: the top level is a flow mapping ({...}); write it as a block mapping, one key per line")
	}
	eol := lineEnding(data)
	k, v, err := topLevel(root, "trace")
	if err != nil {
		return nil, fmt.Errorf("cannot rewrite the trace block: %w", err)
	}
	var out []byte
	if k == nil {
		out = appendTrace(data, trace, eol)
	} else if out, err = spliceTrace(data, k, v, trace, eol); err != nil {
		return nil, err
	}
	if err := sameButTrace(old, out, trace); err != nil {
		return nil, fmt.Errorf("cannot rewrite the trace block safely (%w); the file is left as it was: edit the trace block by hand or simplify its surroundings", err)
	}
	return out, nil
}

// decodeOne decodes data, which must hold exactly one YAML document.
func decodeOne(data []byte) (*yaml.Node, error) {
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}) {
		return nil, errors.New("not UTF-8")
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc, second yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, errors.New("no document")
	}
	if err := dec.Decode(&second); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, err
		}
		return nil, errors.New("a second document")
	}
	return &doc, nil
}

// topLevel returns the key and value nodes of key in the mapping root, or nils. A key given
// twice is refused.
func topLevel(root *yaml.Node, key string) (k, v *yaml.Node, err error) {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if c := root.Content[i]; c.Kind == yaml.ScalarNode && c.Value == key {
			if k != nil {
				return nil, nil, fmt.Errorf("the key %s is given twice", key)
			}
			k, v = c, root.Content[i+1]
		}
	}
	return k, v, nil
}

// lineEnding returns the file's line break: that of its first line, LF when it has none.
func lineEnding(data []byte) string {
	i := bytes.IndexAny(data, "\r\n")
	switch {
	case i < 0 || data[i] == '\n':
		return "\n"
	case i+1 < len(data) && data[i+1] == '\n':
		return "\r\n"
	}
	return "\r"
}

// appendTrace appends a trace block at the end of data, after a line break if it lacks one.
func appendTrace(data []byte, trace, eol string) []byte {
	out := append([]byte(nil), data...)
	if n := len(out); n > 0 && out[n-1] != '\n' && out[n-1] != '\r' {
		out = append(out, eol...)
	}
	return append(out, traceBlock(" |", trace, eol)...)
}

// traceBlock renders "trace: |" (after props, such as an anchor, and before a comment) and the
// trace lines indented by two spaces.
func traceBlock(header, trace, eol string) string {
	var b strings.Builder
	b.WriteString("trace:" + header + eol)
	for _, l := range splitLines(trace) {
		b.WriteString("  " + l + eol)
	}
	return b.String()
}

// spliceTrace replaces the block of the top-level key k (value v) in data.
func spliceTrace(data []byte, k, v *yaml.Node, trace, eol string) ([]byte, error) {
	if k.Column != 1 {
		return nil, errors.New("cannot rewrite the trace block: trace must be a top-level key at column 1")
	}
	lines := yamlLines(data)
	if k.Line < 1 || k.Line > len(lines) {
		return nil, errors.New("cannot rewrite the trace block: its line is past the end of the file")
	}
	start := lines[k.Line-1].start
	if !bytes.HasPrefix(data[start:], []byte("trace")) {
		return nil, errors.New("cannot rewrite the trace block: the trace key is not spelt plainly at the start of its line")
	}
	last, indent := valueEnd(data, lines, k, v)
	if err := keepsComments(data, lines, k.Line, last, indent); err != nil {
		return nil, fmt.Errorf("cannot rewrite the trace block safely (%w); the file is left as it was: edit the trace block by hand", err)
	}
	end := lines[last-1].end
	header := ""
	if v.Anchor != "" {
		header += " &" + v.Anchor
	}
	header += " |"
	if c := firstNonEmpty(v.LineComment, k.LineComment); c != "" && !strings.ContainsAny(c, "\r\n") {
		header += " " + c
	}
	if orig, ok := literalHeader(data[start:lines[k.Line-1].end], v); ok {
		header = orig // already "trace: |" with its spacing, anchor and comment as written: keep it byte for byte
	}
	out := make([]byte, 0, len(data)+len(trace)+len(trace)/8)
	out = append(out, data[:start]...)
	out = append(out, traceBlock(header, trace, eol)...)
	return append(out, data[end:]...), nil
}

// literalHeader returns what follows "trace:" on the key's line, without its line break, when
// that is already the header traceBlock writes: a plain literal block indicator "|" (no
// chomping or indentation indicator), after the value's anchor if it has one, then perhaps a
// comment. Its spacing is the writer's and is kept.
func literalHeader(line []byte, v *yaml.Node) (string, bool) {
	text := strings.TrimRight(strings.TrimPrefix(string(line), "trace:"), "\r\n")
	body := text
	for i := 1; i < len(text); i++ { // a comment starts at a # after white space
		if text[i] == '#' && (text[i-1] == ' ' || text[i-1] == '\t') {
			body = text[:i]
			break
		}
	}
	want := []string{"|"}
	if v.Anchor != "" {
		want = []string{"&" + v.Anchor, "|"}
	}
	return text, v.Style&yaml.LiteralStyle != 0 && slices.Equal(strings.Fields(body), want)
}

// valueEnd returns the line (from 1) the trace value ends on. A literal or folded block scalar
// ends at its last line indented as its content (indent, > 0, returned); any other value at its
// own last line (indent 0): the shortest run of lines from the key's that reads back as the
// same value, so comments and blank lines after it are not part of it.
func valueEnd(data []byte, lines []yamlLine, k, v *yaml.Node) (last, indent int) {
	last = k.Line
	if v.Kind == yaml.ScalarNode && v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		indent = blockIndent(data, lines, k.Line)
		for i := k.Line; i < len(lines); i++ {
			text := data[lines[i].start:lines[i].content]
			if len(bytes.TrimSpace(text)) == 0 {
				continue
			}
			if indent == 0 {
				indent = leadingSpaces(text)
			}
			if indent == 0 || leadingSpaces(text) < indent {
				break
			}
			last = i + 1
		}
		return last, max(indent, 1)
	}
	start := lines[k.Line-1].start
	for i := k.Line - 1; i < len(lines); i++ {
		if i >= k.Line {
			if text := data[lines[i].start:lines[i].content]; len(text) > 0 && text[0] != ' ' && text[0] != '\t' {
				break // the next top-level line: the value ended before it
			}
		}
		var doc yaml.Node
		if yaml.Unmarshal(data[start:lines[i].end], &doc) != nil || len(doc.Content) == 0 {
			continue
		}
		if _, got, err := topLevel(doc.Content[0], "trace"); err == nil && got != nil && sameNode(got, v, map[*yaml.Node]bool{}) {
			return i + 1, 0
		}
	}
	return v.Line, 0 // not found (an alias, say): the check after the splice decides
}

// blockIndent returns the explicit indentation indicator of the block scalar header on line n,
// 0 when it has none.
func blockIndent(data []byte, lines []yamlLine, n int) int {
	text := string(data[lines[n-1].start:lines[n-1].content])
	_, rest, _ := strings.Cut(text, ":")
	for _, tok := range strings.Fields(rest) {
		if tok[0] == '&' || tok[0] == '!' {
			continue
		}
		if tok[0] == '|' || tok[0] == '>' {
			for _, c := range tok[1:] {
				if c >= '1' && c <= '9' {
					return int(c - '0')
				}
			}
		}
		break
	}
	return 0
}

func leadingSpaces(b []byte) int {
	n := 0
	for n < len(b) && b[n] == ' ' {
		n++
	}
	return n
}

// keepsComments checks that replacing lines key+1..last loses no comment and that no line after
// them would join the new block: a comment among them outside a block scalar's content (lines
// indented by indent or more; indent 0 for any other value, whose only lines starting with "#"
// inside a quoted scalar are the scalar's), and an indented line after them before the next
// top-level line, are refused.
func keepsComments(data []byte, lines []yamlLine, key, last, indent int) error {
	for i := key; i < last; i++ {
		text := data[lines[i].start:lines[i].content]
		trimmed := bytes.TrimLeft(text, " \t")
		if !bytes.HasPrefix(trimmed, []byte("#")) {
			continue
		}
		if indent > 0 && leadingSpaces(text) >= indent {
			continue // block scalar content
		}
		if indent == 0 && quotedContinuation(data, lines, key, i) {
			continue
		}
		return fmt.Errorf("it would remove the comment on line %d", i+1)
	}
	for i := last; i < len(lines); i++ {
		text := data[lines[i].start:lines[i].content]
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		if text[0] == ' ' || text[0] == '\t' {
			return fmt.Errorf("line %d, indented after the trace value, would join the new block", i+1)
		}
		break
	}
	return nil
}

// quotedContinuation reports whether line i (from 0) lies inside a quoted scalar that starts
// on line key (from 1): the text from the key's line up to that line has an open quote.
func quotedContinuation(data []byte, lines []yamlLine, key, i int) bool {
	text := data[lines[key-1].start:lines[i].start]
	_, rest, _ := bytes.Cut(text, []byte(":"))
	rest = bytes.TrimLeft(rest, " \t")
	switch {
	case bytes.HasPrefix(rest, []byte("\"")):
		open, esc := true, false
		for _, c := range rest[1:] {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				open = !open
			}
		}
		return open
	case bytes.HasPrefix(rest, []byte("'")):
		return bytes.Count(rest, []byte("'"))%2 == 1 // '' escapes a quote and counts twice
	}
	return false
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// yamlLine is one line of a file as YAML counts lines: it starts at start, its text runs to
// content (the line break excluded) and the next line starts at end.
type yamlLine struct{ start, content, end int }

// yamlLines splits data into lines at every break YAML counts: LF, CRLF, CR alone, NEL
// (U+0085), LS (U+2028) and PS (U+2029). A UTF-8 byte-order mark is not part of line 1, as a
// YAML mark does not count it either.
func yamlLines(data []byte) []yamlLine {
	var out []yamlLine
	pos := 0
	if bytes.HasPrefix(data, utf8BOM) {
		pos = len(utf8BOM)
	}
	start := pos
	for pos < len(data) {
		n := breakLen(data[pos:])
		if n == 0 {
			_, size := utf8.DecodeRune(data[pos:])
			pos += size
			continue
		}
		out = append(out, yamlLine{start, pos, pos + n})
		pos += n
		start = pos
	}
	if start < len(data) || len(out) == 0 {
		out = append(out, yamlLine{start, len(data), len(data)})
	}
	return out
}

// breakLen returns the length of the line break that b starts with, 0 when it starts with none.
func breakLen(b []byte) int {
	switch {
	case len(b) == 0:
		return 0
	case b[0] == '\n':
		return 1
	case b[0] == '\r':
		if len(b) > 1 && b[1] == '\n' {
			return 2
		}
		return 1
	case len(b) > 1 && b[0] == 0xC2 && b[1] == 0x85: // NEL
		return 2
	case len(b) > 2 && b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0xA8 || b[2] == 0xA9): // LS, PS
		return 3
	}
	return 0
}

// sameButTrace parses out and checks that it is old with only the top-level trace changed, now
// holding trace.
func sameButTrace(old *yaml.Node, out []byte, trace string) error {
	doc, err := decodeOne(out)
	if err != nil {
		return fmt.Errorf("the result does not parse: %w", err)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return errors.New("the result is not a mapping")
	}
	_, v, err := topLevel(root, "trace")
	if err != nil || v == nil || v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str" || v.Value != trace {
		return errors.New("the result's trace is not the replayed trace")
	}
	if !sameNode(withoutKey(old.Content[0], "trace"), withoutKey(root, "trace"), map[*yaml.Node]bool{}) {
		return errors.New("the result differs from the file outside the trace block")
	}
	return nil
}

// withoutKey returns a copy of the mapping m without the pairs whose key is key.
func withoutKey(m *yaml.Node, key string) *yaml.Node {
	c := *m
	c.Content = nil
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			continue
		}
		c.Content = append(c.Content, m.Content[i], m.Content[i+1])
	}
	return &c
}

// sameNode compares two trees by what they mean: kinds, tags, values, anchors and aliases,
// in order; positions and comments are left out.
func sameNode(a, b *yaml.Node, seen map[*yaml.Node]bool) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind || a.ShortTag() != b.ShortTag() || a.Value != b.Value || a.Anchor != b.Anchor ||
		len(a.Content) != len(b.Content) {
		return false
	}
	if seen[a] {
		return true
	}
	seen[a] = true
	if a.Kind == yaml.AliasNode {
		// the target may be the trace value itself, left out of the comparison above
		return sameNode(a.Alias, b.Alias, seen)
	}
	for i := range a.Content {
		if !sameNode(a.Content[i], b.Content[i], seen) {
			return false
		}
	}
	return true
}

// splitLines splits trace text into its lines, without the last line's "\n".
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
