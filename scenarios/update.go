package scenarios

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrExpectationsFailed is returned by Update when the replay fails an expectation and
// Options.Force is not set: the file is left as it was.
var ErrExpectationsFailed = errors.New("expectations failed; trace not recorded (use --force to record anyway)")

// ErrFileChanged is returned (inside a *ParseError) by Update when the file changed on disk
// while it was replayed: writing would revert that edit, so the file is left as it is.
var ErrFileChanged = errors.New("cannot record the trace: the file changed while it was replayed; the edit is kept and nothing was written (run again)")

// Update replays the scenario file at path and rewrites only its trace block with the replay's
// trace, appending "trace: |" at the end when the file has none. See UpdateContext.
func Update(path string, opts Options) (*Report, error) {
	return UpdateContext(context.Background(), path, opts)
}

// UpdateContext is Update, stopped at the next engine event once ctx is done (the file is then
// left as it was and the error wraps ctx.Err()). Every byte outside the trace block, comments
// included, is kept (see RewriteTrace, which refuses what it cannot rewrite safely). The file
// is replaced atomically (a temporary file in the same folder, then a rename), keeps its
// permissions, and is written only when its bytes change. A symbolic link is kept and its
// target rewritten. It refuses, leaving the file untouched: a read-only file, a file that
// changed on disk during the replay, and, unless opts.Force, a replay that fails an expectation
// (the report is returned with ErrExpectationsFailed). A trace that would make the file larger
// than MaxFileSize is an error too (not a *ParseError).
func UpdateContext(ctx context.Context, path string, opts Options) (*Report, error) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, &ParseError{File: path, Msg: fmt.Sprintf("cannot read scenario: %v", reason(err)), err: err}
	}
	data, fi, err := readInput(target)
	if err != nil {
		return nil, &ParseError{File: path, Msg: fmt.Sprintf("cannot read scenario: %v", err), err: err}
	}
	s, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	if fi.Mode().Perm()&0o222 == 0 {
		return nil, &ParseError{File: path, Msg: "cannot record the trace: the file is read-only (make it writable to record)"}
	}
	rep, err := execute(ctx, s, opts, keepText|recording)
	if err != nil {
		return nil, err
	}
	if !rep.Passed() && !opts.Force {
		return rep, ErrExpectationsFailed
	}
	out, err := RewriteTrace(data, rep.Trace)
	if err != nil {
		pe := &ParseError{File: path, Line: 1, Col: 1, Msg: err.Error(), err: err}
		if s.Trace != nil {
			pe.Line, pe.Col = s.Trace.Pos.Line, s.Trace.Pos.Col
		}
		return rep, pe
	}
	if bytes.Equal(out, data) {
		return rep, nil
	}
	if len(out) > MaxFileSize {
		return rep, fmt.Errorf("cannot record the trace: the file would be %d bytes, more than the %d MiB a scenario may hold", len(out), MaxFileSize>>20)
	}
	if err := writeAtomic(target, out, data, fi); err != nil {
		if errors.Is(err, ErrFileChanged) {
			return rep, &ParseError{File: path, Msg: err.Error(), err: err}
		}
		return rep, fmt.Errorf("cannot record trace: %w", err)
	}
	rep.Updated = true
	return rep, nil
}

// beforeRename runs in writeAtomic once the temporary file is written, just before the file is
// checked for changes and replaced. Tests set it to edit the file at that moment.
var beforeRename = func() {}

// writeAtomic replaces path with data through a temporary file in the same folder and a rename,
// with the file's permissions. It refuses with ErrFileChanged, removing the temporary file,
// when path no longer holds was (read with info fi): someone edited it meanwhile.
func writeAtomic(path string, data, was []byte, fi os.FileInfo) error {
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
		err = os.Chmod(name, fi.Mode().Perm())
	}
	if err == nil {
		beforeRename()
		err = unchanged(path, was, fi)
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		_ = os.Remove(name)
	}
	return err
}

// unchanged returns ErrFileChanged unless path still has the size, modification time and bytes
// it had when it was read.
func unchanged(path string, was []byte, fi os.FileInfo) error {
	now, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("cannot check the file before replacing it: %w", err)
	}
	if now.Size() != fi.Size() || !now.ModTime().Equal(fi.ModTime()) || now.Mode() != fi.Mode() {
		return ErrFileChanged
	}
	data, _, err := readInput(path)
	if err != nil || !bytes.Equal(data, was) {
		return ErrFileChanged
	}
	return nil
}
