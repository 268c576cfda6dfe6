package simulator

import (
	"io"
	"slices"
	"strconv"
	"time"
)

// Sink receives every record as it happens, on the engine goroutine, in trace order. The record
// is only valid during the call: a sink that keeps it must copy it (a Record value copy is enough),
// and must not modify it (a Tee hands the same record to the next sink).
type Sink interface {
	Record(r *Record)
}

// TraceBuffer is a Sink that keeps every record in memory. It is the engine's default sink.
type TraceBuffer struct {
	records []Record
}

// Record implements Sink.
func (t *TraceBuffer) Record(r *Record) { t.records = append(t.records, *r) }

// Records returns the records so far. The slice is the buffer's own: do not modify it.
func (t *TraceBuffer) Records() []Record { return t.records }

// Text returns the canonical trace text.
func (t *TraceBuffer) Text() string { return FormatText(t.records) }

// TextSink streams the canonical text of each record to a writer, one line each, so that a long
// run holds no records in memory. The first write error is kept and later records are skipped.
// Each line is exactly Record.AppendText's (or AppendJSON's).
type TextSink struct {
	W    io.Writer
	JSON bool // write JSON lines instead of text
	Err  error
	buf  []byte

	// Rendering the offset, the numbers and the GUIDs is most of the cost of a line, and a run
	// writes its records at a few instants (its start, its callbacks), interleaved with other
	// instances' records at the same instants. So the sink keeps the rendered offset of the last
	// instant (at the start of buf, atLen bytes, left there from the previous line), and the
	// rendered identity (task and instance fields) of recent instances, indexed by instance
	// number: reusing them makes streaming a trace cost little more than counting it.
	at    time.Duration
	atLen int // 0 until the first line: an offset's text is never empty
	ids   [identitySlots]renderedIdentity
	tasks [taskSlots]renderedTask // the registration's part of identities, by task number
}

// taskSlots is how many rendered registration parts a TextSink keeps: more than the busy
// device's registrations.
const taskSlots = 128

// renderedTask is the rendered registration part of an identity (name, task number and id),
// with what it was rendered from: a new instance's identity starts from its registration's. An
// unused slot is right as it is for records that have none of these fields: their part is empty.
type renderedTask struct {
	task    string
	taskNum int
	taskID  GUID
	text    []byte
}

// identitySlots is how many rendered identities a TextSink keeps: more than the instances a busy
// device has running at once.
const identitySlots = 64

// renderedIdentity is the rendered task and instance fields of one record, with what they were
// rendered from. A short one is also kept as a piece. An unused slot is right as it is for
// records that have no identity fields (device, event, app records): their identity is empty.
type renderedIdentity struct {
	task    string
	taskNum int
	taskID  GUID
	inst    int
	instID  GUID
	text    []byte
	short   piece // text, when it fits a piece (n is 0 otherwise)
}

// piece is a short rendered fragment in a fixed-size array. Copying it into a line is a few
// register moves (appendPiece) where appending a slice is a call to memmove: a text line is built
// from four fragments, and for the kind column and the identity this halves their cost.
type piece struct {
	n    int
	text [pieceCap]byte
}

const pieceCap = 48

// makePiece returns s as a piece, or a piece with n 0 when s is empty or does not fit.
func makePiece(s []byte) piece {
	var p piece
	if len(s) <= pieceCap {
		p.n = copy(p.text[:], s)
	}
	return p
}

// appendPiece appends p to b. The whole array is copied, into spare capacity that it makes sure
// of, and the bytes after p.n are overwritten by what follows.
func appendPiece(b []byte, p *piece) []byte {
	n := len(b)
	if cap(b)-n < pieceCap {
		b = slices.Grow(b, pieceCap)
	}
	*(*[pieceCap]byte)(b[n : n+pieceCap]) = p.text
	return b[:n+p.n]
}

// progressPieces and progressJSONPieces hold the end of a progress line that has no other field
// (" value=N", `,"value":N}`) for N from 0 to 100, as pieces: progress records are about half the
// lines of a busy trace, and mostly carry a percentage.
var progressPieces, progressJSONPieces = func() (text, json [101]piece) {
	for v := range text {
		text[v] = makePiece([]byte(" value=" + strconv.Itoa(v)))
		json[v] = makePiece([]byte(`,"value":` + strconv.Itoa(v) + "}"))
	}
	return text, json
}()

// kindColumnPieces and kindFieldPieces are kindColumns and kindFields as pieces.
var kindColumnPieces, kindFieldPieces = func() (cols, fields [256]piece) {
	for k := range recordKinds.names {
		cols[k] = makePiece([]byte(kindColumns[k]))
		fields[k] = makePiece([]byte(kindFields[k]))
	}
	return cols, fields
}()

// Record implements Sink.
func (s *TextSink) Record(r *Record) {
	if s.Err != nil {
		return
	}
	b := s.buf[:s.atLen]
	if s.atLen == 0 || s.at != r.At {
		if s.JSON {
			b = appendJSONAt(b[:0], r.At)
		} else {
			b = AppendOffset(b[:0], r.At)
		}
		s.at, s.atLen = r.At, len(b)
	}
	id := &s.ids[uint(r.Instance)%identitySlots]
	if id.inst != r.Instance || id.instID != r.InstanceID || id.taskNum != r.TaskNum ||
		id.taskID != r.TaskID || id.task != r.Task {
		// The identity is rendered once per instance and slot; the lines reuse it.
		task := s.task(r)
		if s.JSON {
			id.text = r.appendJSONInstance(append(id.text[:0], task...))
		} else {
			id.text = r.appendTextInstance(append(id.text[:0], task...))
		}
		id.short.n = 0
		if len(id.text) <= pieceCap {
			id.short.n = copy(id.short.text[:], id.text)
		}
		id.task, id.taskNum, id.taskID, id.inst, id.instID = r.Task, r.TaskNum, r.TaskID, r.Instance, r.InstanceID
	}
	kinds := &kindColumnPieces
	if s.JSON {
		kinds = &kindFieldPieces
	}
	switch k := &kinds[r.Kind]; {
	case k.n > 0:
		b = appendPiece(b, k)
	case s.JSON:
		b = r.appendJSONKind(b)
	default:
		b = r.appendTextKind(b)
	}
	if id.short.n > 0 {
		b = appendPiece(b, &id.short)
	} else {
		b = append(b, id.text...)
	}
	// What appendTextFields and appendJSONFields would write for a plain progress record.
	plainProgress := (r.Kind == KindProgress || r.Kind == KindProgressDelivered) && r.Value <= 100 && r.onlyValue()
	switch {
	case plainProgress && s.JSON:
		b = appendPiece(b, &progressJSONPieces[r.Value])
	case plainProgress:
		b = appendPiece(b, &progressPieces[r.Value])
	case s.JSON:
		b = r.appendJSONFields(b)
	default:
		b = r.appendTextFields(b)
	}
	b = append(b, '\n')
	// Store the line's slice, and the error, only when they change: while the GC runs, every
	// pointer stored costs a write barrier, and this runs for every record.
	if cap(b) != cap(s.buf) {
		s.buf = b // append moved the line to a new array
	} else {
		s.buf = s.buf[:len(b)]
	}
	if _, err := s.W.Write(b); err != nil {
		s.Err = err
	}
}

// task returns the rendered registration part of r's identity.
func (s *TextSink) task(r *Record) []byte {
	t := &s.tasks[uint(r.TaskNum)%taskSlots]
	if t.taskNum != r.TaskNum || t.taskID != r.TaskID || t.task != r.Task {
		if s.JSON {
			t.text = r.appendJSONTask(t.text[:0])
		} else {
			t.text = r.appendTextTask(t.text[:0])
		}
		t.task, t.taskNum, t.taskID = r.Task, r.TaskNum, r.TaskID
	}
	return t.text
}

// CountingSink counts records by kind and keeps none: for long runs and benchmarks.
type CountingSink struct {
	Total  int
	ByKind [32]int // indexed by RecordKind
}

// Record implements Sink.
func (c *CountingSink) Record(r *Record) {
	c.Total++
	c.ByKind[r.Kind]++
}

// Tee is a Sink that passes each record to every sink in order.
type Tee []Sink

// Record implements Sink.
func (t Tee) Record(r *Record) {
	for _, s := range t {
		s.Record(r)
	}
}
