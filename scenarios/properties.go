package scenarios

import (
	"fmt"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// Quantifier is what a property says of its bodies. Zero is invalid.
type Quantifier uint8

// The quantifiers, one key each in a properties item.
const (
	QuantifierInvalid    Quantifier = iota
	QuantifierNever                 // never: no record matches the body
	QuantifierEventually            // eventually: at least one record matches by the end
	QuantifierAlways                // always: every when record is followed within by a then record
)

var quantifierNames = []string{"", "never", "eventually", "always"}

// String returns the quantifier's key.
func (q Quantifier) String() string {
	if int(q) < len(quantifierNames) && q != QuantifierInvalid {
		return quantifierNames[q]
	}
	return "invalid"
}

// Property is one item of properties: a statement about the whole trace, checked by Run and
// by Explore on every perturbed run.
type Property struct {
	Pos        Pos
	Quantifier Quantifier
	// Body is what never and eventually match, and always's when.
	Body Expectation
	// Then and Within are always's: a record matching Then must follow each Body record within
	// Within; when Body and Then name the same task, for the same registration.
	Then   Expectation
	Within time.Duration
}

// Describe renders the property as one phrase: "never canceled T reason=EnergySaver".
func (p *Property) Describe() string {
	if p.Quantifier == QuantifierAlways {
		return fmt.Sprintf("always when %s then %s within %s", p.Body.describe(), p.Then.describe(), FormatDuration(p.Within))
	}
	return p.Quantifier.String() + " " + p.Body.describe()
}

// obligation is a when record of an always property still waiting for its then record.
type obligation struct {
	deadline time.Duration
	taskNum  int
	line     string
}

// propertyState checks a scenario's properties on a record stream.
type propertyState struct {
	props   []Property
	broken  []string // per property: why it failed, "" while it holds
	seen    []bool   // eventually: a record matched
	pending [][]obligation
	buf     []byte
}

func newPropertyState(props []Property) *propertyState {
	return &propertyState{props: props, broken: make([]string, len(props)), seen: make([]bool, len(props)),
		pending: make([][]obligation, len(props))}
}

// line renders r once per record.
func (ps *propertyState) line(r *simulator.Record) string {
	ps.buf = r.AppendText(ps.buf[:0])
	return string(ps.buf)
}

// Record implements simulator.Sink.
func (ps *propertyState) Record(r *simulator.Record) {
	for i := range ps.props {
		p := &ps.props[i]
		if ps.broken[i] != "" {
			continue
		}
		switch p.Quantifier {
		case QuantifierNever:
			if p.Body.matches(r) {
				ps.broken[i] = "violated by " + ps.line(r)
			}
		case QuantifierEventually:
			if !ps.seen[i] && p.Body.matches(r) {
				ps.seen[i] = true
			}
		case QuantifierAlways:
			ps.always(i, p, r)
		}
	}
}

func (ps *propertyState) always(i int, p *Property, r *simulator.Record) {
	list := ps.pending[i]
	if len(list) > 0 {
		if r.At > list[0].deadline { // deadlines come in order: the oldest is due first
			ps.broken[i] = ps.missed(p, list[0])
			return
		}
		if p.Then.matches(r) {
			kept := list[:0]
			for _, ob := range list {
				if p.Body.Task == p.Then.Task && ob.taskNum != r.TaskNum {
					kept = append(kept, ob)
				}
			}
			ps.pending[i] = kept
		}
	}
	if p.Body.matches(r) {
		ps.pending[i] = append(ps.pending[i], obligation{deadline: r.At + p.Within, taskNum: r.TaskNum, line: ps.line(r)})
	}
}

func (ps *propertyState) missed(p *Property, ob obligation) string {
	return fmt.Sprintf("%s was not followed by %s within %s", ob.line, p.Then.describe(), FormatDuration(p.Within))
}

// finish checks what can only be judged at the end of a run that stopped at end: eventually
// properties that never matched, and always obligations whose deadline passed. An obligation
// whose deadline is not before end is not a violation: the run stopped first.
func (ps *propertyState) finish(end time.Duration) {
	for i := range ps.props {
		p := &ps.props[i]
		if ps.broken[i] != "" {
			continue
		}
		switch p.Quantifier {
		case QuantifierEventually:
			if !ps.seen[i] {
				ps.broken[i] = "no record matched by the end (" + simulator.FormatOffset(end) + ")"
			}
		case QuantifierAlways:
			if list := ps.pending[i]; len(list) > 0 && list[0].deadline < end {
				ps.broken[i] = ps.missed(p, list[0])
			}
		}
	}
}

// violated returns the index of the first property that failed, or -1.
func (ps *propertyState) violated() int {
	for i, b := range ps.broken {
		if b != "" {
			return i
		}
	}
	return -1
}

// failures returns one Failure per property that failed, in file order.
func (ps *propertyState) failures(file string) []Failure {
	var out []Failure
	for i, b := range ps.broken {
		if b == "" {
			continue
		}
		p := &ps.props[i]
		out = append(out, Failure{File: file, Line: p.Pos.Line, Col: p.Pos.Col,
			Msg: "property " + p.Describe() + ": " + b})
	}
	return out
}
