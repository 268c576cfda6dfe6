package simulator

import "io"

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
type TextSink struct {
	W    io.Writer
	JSON bool // write JSON lines instead of text
	Err  error
	buf  []byte
}

// Record implements Sink.
func (s *TextSink) Record(r *Record) {
	if s.Err != nil {
		return
	}
	if s.JSON {
		s.buf = r.AppendJSON(s.buf[:0])
	} else {
		s.buf = r.AppendText(s.buf[:0])
	}
	s.buf = append(s.buf, '\n')
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
