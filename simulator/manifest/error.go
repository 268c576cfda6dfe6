package manifest

import "github.com/bgsim/bgsim/internal/position"

// Error is every error Parse and New return. It locates the problem in the
// manifest source: File is the manifest name passed to Parse or New, Line
// and Col the 1-based position (Col counts bytes), each 0 when unknown, and
// Msg says what was found and what was expected.
type Error struct {
	File      string
	Line, Col int
	Msg       string

	err error // underlying cause, if any; see Unwrap
}

// Error formats the error as "file:line:col: msg". ":col" is omitted when
// Col is 0 and ":line:col" when Line is 0; the "file:" part is omitted when
// File is empty.
func (e *Error) Error() string {
	return position.Format(e.File, e.Line, e.Col, e.Msg)
}

// Unwrap returns the underlying cause, such as an *xml.SyntaxError for
// malformed XML or the error of ParseTaskType for an unknown task type, or
// nil when there is none.
func (e *Error) Unwrap() error { return e.err }
