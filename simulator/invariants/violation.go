package invariants

import (
	"fmt"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// Violation is the first broken rule of a run.
type Violation struct {
	Rule   Rule
	At     time.Duration // virtual offset of the record or check that broke it
	Record string        // the record's trace line; "" for a check between steps or at the end
	Msg    string
}

// Error prints "invariant RULE broken at +HH:MM:SS.mmm: msg (record: line)".
func (v *Violation) Error() string {
	s := fmt.Sprintf("invariant %s broken at %s: %s", v.Rule, simulator.FormatOffset(v.At), v.Msg)
	if v.Record != "" {
		s += " (record: " + v.Record + ")"
	}
	return s
}
