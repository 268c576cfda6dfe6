package simulator

import (
	"io"
	"time"
)

// Sink receives every record as it happens, on the engine goroutine, in trace order. The record
// is only valid during the call: a sink that keeps it must copy it (a Record value copy is enough).
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
	last lastRendered
}

// lastRendered keeps the rendered offset and identity (task and instance fields) of the records
// a TextSink wrote last. A run writes most of its records at a few instants (its start, its
// callbacks), one after the other for the same instance, and rendering the offset, the numbers
// and the GUIDs is most of the cost of a line: reusing them makes streaming a trace cost little
// more than counting it.
type lastRendered struct {
	atSet    bool
	at       time.Duration
	atText   []byte
	idSet    bool
	task     string
	taskNum  int
	taskID   GUID
	inst     int
	instID   GUID
	identity []byte
}

// Record implements Sink.
func (s *TextSink) Record(r *Record) {
	if s.Err != nil {
		return
	}
	c := &s.last
	if !c.atSet || c.at != r.At {
		if s.JSON {
			c.atText = appendJSONAt(c.atText[:0], r.At)
		} else {
			c.atText = AppendOffset(c.atText[:0], r.At)
		}
		c.atSet, c.at = true, r.At
	}
	if !c.idSet || c.task != r.Task || c.taskNum != r.TaskNum || c.inst != r.Instance ||
		c.taskID != r.TaskID || c.instID != r.InstanceID {
		if s.JSON {
			c.identity = r.appendJSONIdent(c.identity[:0])
		} else {
			c.identity = r.appendTextIdent(c.identity[:0])
		}
		c.idSet = true
		c.task, c.taskNum, c.taskID, c.inst, c.instID = r.Task, r.TaskNum, r.TaskID, r.Instance, r.InstanceID
	}
	b := append(s.buf[:0], c.atText...)
	if s.JSON {
		b = r.appendJSONKind(b)
		b = append(b, c.identity...)
		b = r.appendJSONFields(b)
	} else {
		b = r.appendTextKind(b)
		b = append(b, c.identity...)
		b = r.appendTextFields(b)
	}
	s.buf = append(b, '\n')
	_, s.Err = s.W.Write(s.buf)
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
