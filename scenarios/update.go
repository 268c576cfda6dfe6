package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrExpectationsFailed is returned by Update when the replay fails an expectation and
// Options.Force is not set: the file is left as it was.
var ErrExpectationsFailed = errors.New("expectations failed; trace not recorded (use --force to record anyway)")

// Update replays the scenario file at path and rewrites only its trace block with the replay's
// trace, appending "trace: |" at the end when the file has none. Every other byte, comments
// included, is kept. The file is replaced atomically (a temporary file in the same folder, then a
// rename) and only when its bytes change. When an expectation fails it refuses, unless
// opts.Force, and returns the report with ErrExpectationsFailed.
func Update(path string, opts Options) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &ParseError{File: path, Msg: fmt.Sprintf("cannot read scenario: %v", err), err: err}
	}
	s, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	rep, err := replay(s, opts)
	if err != nil {
		return nil, err
	}
	rep.Failures = checkExpectations(s, rep.Records)
	if !rep.Passed() && !opts.Force {
		return rep, ErrExpectationsFailed
	}
	out, err := RewriteTrace(data, s.Trace, rep.Trace)
	if err != nil {
		return rep, &ParseError{File: path, Line: s.Trace.Pos.Line, Col: s.Trace.Pos.Col, Msg: err.Error(), err: err}
	}
	if bytes.Equal(out, data) {
		return rep, nil
	}
	if err := writeAtomic(path, out); err != nil {
		return rep, fmt.Errorf("cannot record trace: %w", err)
	}
	rep.Updated = true
	return rep, nil
}

// RewriteTrace returns data with the trace block replaced by trace (a literal block scalar,
// indented by two spaces). block is where Parse found the block, nil to append one at the end.
// The block spans from the start of its key's line through its last indented line; blank lines
// and comments after it stay.
func RewriteTrace(data []byte, block *TraceBlock, trace string) ([]byte, error) {
	text := traceBlockText(trace)
	if block == nil {
		out := append([]byte(nil), data...)
		if len(out) > 0 && out[len(out)-1] != '\n' {
			out = append(out, '\n')
		}
		return append(out, text...), nil
	}
	if block.Pos.Col != 1 {
		return nil, errors.New("cannot rewrite the trace block: trace must be a top-level key at column 1")
	}
	start, ok := lineStart(data, block.Pos.Line)
	if !ok {
		return nil, errors.New("cannot rewrite the trace block: its line is past the end of the file")
	}
	end := nextLine(data, start)
	for pos := end; pos < len(data); {
		next := nextLine(data, pos)
		line := data[pos:next]
		if len(bytes.TrimSpace(line)) == 0 {
			pos = next
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			break
		}
		pos, end = next, next
	}
	out := make([]byte, 0, len(data)+len(text))
	out = append(out, data[:start]...)
	out = append(out, text...)
	return append(out, data[end:]...), nil
}

func traceBlockText(trace string) string {
	var b strings.Builder
	b.WriteString("trace: |\n")
	for _, l := range splitLines(trace) {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

// lineStart returns the byte offset where 1-based line n starts.
func lineStart(data []byte, n int) (int, bool) {
	pos := 0
	for line := 1; line < n; line++ {
		i := bytes.IndexByte(data[pos:], '\n')
		if i < 0 {
			return 0, false
		}
		pos += i + 1
	}
	return pos, true
}

// nextLine returns the offset just past the line that starts at pos.
func nextLine(data []byte, pos int) int {
	if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
		return pos + i + 1
	}
	return len(data)
}

// writeAtomic replaces path with data through a temporary file in the same folder and a rename,
// keeping the file's permissions.
func writeAtomic(path string, data []byte) error {
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, mode)
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		_ = os.Remove(name)
	}
	return err
}
