package scenarios

import (
	"errors"
	"sort"
	"strings"

	"github.com/bgsim/bgsim/internal/position"
)

// ParseError is a file error: the scenario (or the manifest it names) does not parse, uses an
// unknown key or value, or names something that does not exist. It prints as
// "file:line:col: msg"; Line and Col are 1-based, 0 when unknown.
type ParseError struct {
	File      string
	Line, Col int
	Msg       string

	err error
}

// Error formats the error as "file:line:col: msg", leaving out the parts that are unknown.
func (e *ParseError) Error() string {
	return position.Format(e.File, e.Line, e.Col, e.Msg)
}

// Unwrap returns the cause, if any (a *manifest.Error, an fs error, an engine error).
func (e *ParseError) Unwrap() error { return e.err }

// ParseErrors is what Parse returns when a file has more than one error: every one of them, in
// file order. errors.As finds the first *ParseError in it.
type ParseErrors []*ParseError

// Error prints one error per line.
func (l ParseErrors) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the errors, for errors.As and errors.Is.
func (l ParseErrors) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// AsParseErrors returns every *ParseError in err (a *ParseError, a ParseErrors, or an error
// wrapping one), or nil when there is none.
func AsParseErrors(err error) []*ParseError {
	var list ParseErrors
	if errors.As(err, &list) {
		return list
	}
	var one *ParseError
	if errors.As(err, &one) {
		return []*ParseError{one}
	}
	return nil
}

// errorList turns collected errors into Parse's result: nil, one *ParseError, or ParseErrors
// sorted by position.
func errorList(errs []*ParseError) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i], errs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return ParseErrors(errs)
}
