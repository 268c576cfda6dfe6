package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// ChromeOptions describe the world a Chrome trace starts from.
type ChromeOptions struct {
	// Name is the process name the viewer shows (the scenario's name); "bgsim" when empty.
	Name string
	// Device and App are the state before the first record (zero fields: the engine's defaults);
	// they are the counters' first values.
	Device simulator.DeviceState
	App    simulator.AppState
	// End is the end of virtual time: an instance still running at Close ends there (or at the
	// last record, if that is later).
	End time.Duration
}

// ChromeWriter streams records as Trace Event Format JSON ({"traceEvents":[...]}), the format
// of chrome://tracing and Perfetto, on virtual time in microseconds. It implements
// simulator.Sink, so it can be an engine's sink or be fed a recorded trace; Close ends the
// document. It holds only the instances still running, never the trace.
//
// Every record appears: each instance is one complete event ("ph":"X") from run to completed,
// named after its registration, on the track (tid N) of its registration, whose thread_name is
// "NAME (task=N)" (an instance that starts while another of its registration runs goes on an
// overlap track, tid k*1000000+N, "NAME (task=N) overlap k", as viewers want the complete
// events of a track to nest); device and app state are counter events ("ph":"C") named after the state
// (power, network, user, standby, battery_saver, app, ...), one series per value, 1 while it
// holds and 0 otherwise (a true/false state is one series "on"); every other record is an instant event ("ph":"i") on its
// registration's track (a running instance's on the track of its complete event), or on
// track 0 ("system") when it names none, its category the record kind. Every event carries its
// canonical trace line(s) in args. Events come in record order, except that a complete event is
// written when its instance completes.
type ChromeWriter struct {
	w       *bufio.Writer
	opts    ChromeOptions
	err     error
	n       int // events written
	buf     []byte
	state   []string // current value of each deviceLanes entry
	rows    [][]bool // by registration number: whether each of its tracks is named and busy
	open    map[int]*openInstance
	last    time.Duration
	started bool
	closed  bool
}

// openInstance is an instance that has run and not completed.
type openInstance struct {
	at      time.Duration
	task    string
	num     int // registration number
	row     int // track of the registration: 0, or an overlap track
	tid     int
	run     string
	outcome string
	cancel  string
}

// NewChromeWriter returns a writer that streams to w. Nothing is written until the first record
// or Close.
func NewChromeWriter(w io.Writer, opts ChromeOptions) *ChromeWriter {
	if opts.Name == "" {
		opts.Name = "bgsim"
	}
	return &ChromeWriter{w: bufio.NewWriter(w), opts: opts, open: map[int]*openInstance{}}
}

// ChromeTrace writes a scenario's records as one Trace Event Format document: ChromeWriter over
// s.Records, starting from s.Device and s.App, ending at s.End.
func ChromeTrace(w io.Writer, s *Scenario) error {
	name := s.Name
	if name == "" {
		name = s.File
	}
	c := NewChromeWriter(w, ChromeOptions{Name: name, Device: s.Device, App: s.App, End: s.End})
	for i := range s.Records {
		c.Record(&s.Records[i])
	}
	return c.Close()
}

// Err returns the first write error, if any.
func (c *ChromeWriter) Err() error { return c.err }

// Record implements simulator.Sink.
func (c *ChromeWriter) Record(r *simulator.Record) {
	if c.err != nil || c.closed {
		return
	}
	c.start()
	c.last = max(c.last, r.At)
	line := r.String()
	if li, v, ok := stateChange(r); ok {
		c.counter(r.At, li, c.state[li], v, line)
		c.state[li] = v
		return
	}
	tid := 0
	if r.TaskNum != 0 && r.Kind != simulator.KindRegisterFailed {
		tid = r.TaskNum
		c.track(tid, 0, r.Task)
	}
	// The update task has no registration (task number 0): its instances get tracks of "number"
	// 0 from row 1 on, row 0 being the system track.
	if r.Instance != 0 && (tid != 0 || r.TaskNum == 0) {
		switch r.Kind {
		case simulator.KindRun:
			row := c.freeRow(tid, r.Task)
			c.open[r.Instance] = &openInstance{at: r.At, task: r.Task, num: tid, row: row, tid: rowTid(tid, row), run: line}
			return
		case simulator.KindCanceled:
			if o := c.open[r.Instance]; o != nil {
				o.outcome, o.cancel = "canceled", r.Reason.String()
			}
		case simulator.KindTerminated:
			if o := c.open[r.Instance]; o != nil {
				o.outcome = "terminated"
			}
		case simulator.KindCompleted:
			if o := c.open[r.Instance]; o != nil {
				delete(c.open, r.Instance)
				if o.outcome == "" {
					o.outcome = "completed"
				}
				c.complete(r.Instance, o, r.At, r.Result.String(), line)
				c.rows[o.num][o.row] = false
				return
			}
		}
		if o := c.open[r.Instance]; o != nil {
			tid = o.tid // on the track of the instance's complete event
		}
	}
	name := r.Kind.String()
	switch {
	case r.Kind == simulator.KindEvent:
		name = "event " + r.Event.String()
		if r.Event == simulator.SystemTriggerInvalid {
			name = "event " + r.Detail
		}
	case r.Reason != simulator.ReasonInvalid:
		name += " " + r.Reason.String()
	case r.Kind == simulator.KindDevice || r.Kind == simulator.KindFault || r.Kind == simulator.KindAccess:
		name += " " + r.Detail
	}
	c.event(func(b []byte) []byte {
		b = append(b, `{"name":`...)
		b = simulator.AppendJSONString(b, name)
		b = append(b, `,"cat":`...)
		b = simulator.AppendJSONString(b, r.Kind.String())
		b = append(b, `,"ph":"i","s":"t","ts":`...)
		b = strconv.AppendInt(b, r.At.Microseconds(), 10)
		b = append(b, `,"pid":1,"tid":`...)
		b = strconv.AppendInt(b, int64(tid), 10)
		b = append(b, `,"args":{"line":`...)
		b = simulator.AppendJSONString(b, line)
		return append(b, "}}"...)
	})
}

// Close writes the instances still running as complete events ending at the end of virtual
// time, in instance order, ends the document and flushes it. It returns the first write error.
func (c *ChromeWriter) Close() error {
	if c.closed {
		return c.err
	}
	c.start()
	c.closed = true
	end := max(c.opts.End, c.last)
	keys := make([]int, 0, len(c.open))
	for k := range c.open {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		o := c.open[k]
		if o.outcome == "" {
			o.outcome = "running"
		}
		c.complete(k, o, end, "", "")
		c.rows[o.num][o.row] = false
	}
	c.open = nil
	c.write([]byte("\n],\"displayTimeUnit\":\"ms\"}\n"))
	if c.err == nil {
		if err := c.w.Flush(); err != nil {
			c.err = fmt.Errorf("cannot write the Chrome trace: %w", err)
		}
	}
	return c.err
}

// start writes the document's head, the process and system track names and the first value of
// every state counter, once.
func (c *ChromeWriter) start() {
	if c.started {
		return
	}
	c.started = true
	c.write([]byte(`{"traceEvents":[`))
	c.meta("process_name", 0, c.opts.Name)
	c.meta("thread_name", 0, "system")
	c.rows = [][]bool{{true}} // the system track is tid 0: number 0, row 0
	c.state = initialState(c.opts.Device, c.opts.App)
	for li, v := range c.state {
		c.counter(0, li, "", v, "")
	}
}

// overlapTids separates the overlap tracks of registrations: the k-th overlap track of
// registration n has tid k*overlapTids+n.
const overlapTids = 1_000_000

func rowTid(num, row int) int { return row*overlapTids + num }

// track names a track of registration num on first sight, and orders it by number: row 0 is
// "NAME (task=N)", row k "NAME (task=N) overlap k".
func (c *ChromeWriter) track(num, row int, task string) {
	for len(c.rows) <= num {
		c.rows = append(c.rows, nil)
	}
	if row < len(c.rows[num]) {
		return
	}
	c.rows[num] = append(c.rows[num], false)
	name := task + " (task=" + strconv.Itoa(num) + ")"
	if row > 0 {
		name += " overlap " + strconv.Itoa(row)
	}
	if num == 0 { // the update task, from row 1
		name = task + " (update task)"
		if row > 1 {
			name += " overlap " + strconv.Itoa(row-1)
		}
	}
	tid := rowTid(num, row)
	c.meta("thread_name", tid, name)
	c.event(func(b []byte) []byte {
		b = append(b, `{"name":"thread_sort_index","ph":"M","pid":1,"tid":`...)
		b = strconv.AppendInt(b, int64(tid), 10)
		b = append(b, `,"args":{"sort_index":`...)
		b = strconv.AppendInt(b, int64(num*1000+row), 10)
		return append(b, "}}"...)
	})
}

// freeRow returns the first track of registration num with no instance running, and marks it
// busy: instances that overlap in time get tracks of their own, so that the complete events of
// one track nest as viewers require.
func (c *ChromeWriter) freeRow(num int, task string) int {
	row := 0
	for row < len(c.rows[num]) && c.rows[num][row] {
		row++
	}
	c.track(num, row, task)
	c.rows[num][row] = true
	return row
}

// meta writes a process_name or thread_name metadata event.
func (c *ChromeWriter) meta(kind string, tid int, name string) {
	c.event(func(b []byte) []byte {
		b = append(b, `{"name":"`...)
		b = append(b, kind...)
		b = append(b, `","ph":"M","pid":1,"tid":`...)
		b = strconv.AppendInt(b, int64(tid), 10)
		b = append(b, `,"args":{"name":`...)
		b = simulator.AppendJSONString(b, name)
		return append(b, "}}"...)
	})
}

// counter writes a state change: a true/false state is one series "on", 1 or 0; any other
// state has a series per value, the old value's set to 0 and the new one's to 1. A change (not
// the first value) is an instant on the system track too, with its line.
func (c *ChromeWriter) counter(at time.Duration, li int, old, v, line string) {
	c.event(func(b []byte) []byte {
		b = append(b, `{"name":`...)
		b = simulator.AppendJSONString(b, deviceLanes[li])
		b = append(b, `,"cat":"state","ph":"C","ts":`...)
		b = strconv.AppendInt(b, at.Microseconds(), 10)
		b = append(b, `,"pid":1,"tid":0,"args":{`...)
		switch {
		case v == "true":
			return append(b, `"on":1}}`...)
		case v == "false":
			return append(b, `"on":0}}`...)
		case old != "" && old != v:
			b = simulator.AppendJSONString(b, old)
			b = append(b, ":0,"...)
		}
		b = simulator.AppendJSONString(b, v)
		return append(b, ":1}}"...)
	})
	if line == "" {
		return
	}
	c.event(func(b []byte) []byte {
		b = append(b, `{"name":`...)
		b = simulator.AppendJSONString(b, deviceLanes[li]+"="+v)
		b = append(b, `,"cat":"state","ph":"i","s":"t","ts":`...)
		b = strconv.AppendInt(b, at.Microseconds(), 10)
		b = append(b, `,"pid":1,"tid":0,"args":{"line":`...)
		b = simulator.AppendJSONString(b, line)
		return append(b, "}}"...)
	})
}

// complete writes an instance as a complete event.
func (c *ChromeWriter) complete(instance int, o *openInstance, end time.Duration, result, line string) {
	c.event(func(b []byte) []byte {
		b = append(b, `{"name":`...)
		b = simulator.AppendJSONString(b, o.task)
		b = append(b, `,"cat":"instance","ph":"X","ts":`...)
		b = strconv.AppendInt(b, o.at.Microseconds(), 10)
		b = append(b, `,"dur":`...)
		b = strconv.AppendInt(b, (end - o.at).Microseconds(), 10)
		b = append(b, `,"pid":1,"tid":`...)
		b = strconv.AppendInt(b, int64(o.tid), 10)
		b = append(b, `,"args":{"instance":`...)
		b = strconv.AppendInt(b, int64(instance), 10)
		b = append(b, `,"outcome":"`...)
		b = append(b, o.outcome...)
		b = append(b, '"')
		if o.cancel != "" {
			b = append(b, `,"reason":"`...)
			b = append(b, o.cancel...)
			b = append(b, '"')
		}
		if result != "" {
			b = append(b, `,"result":"`...)
			b = append(b, result...)
			b = append(b, '"')
		}
		b = append(b, `,"run":`...)
		b = simulator.AppendJSONString(b, o.run)
		if line != "" {
			b = append(b, `,"end":`...)
			b = simulator.AppendJSONString(b, line)
		}
		return append(b, "}}"...)
	})
}

// event writes one event, after a separator from the previous one.
func (c *ChromeWriter) event(render func([]byte) []byte) {
	c.buf = c.buf[:0]
	if c.n > 0 {
		c.buf = append(c.buf, ',')
	}
	c.buf = append(c.buf, '\n')
	c.buf = render(c.buf)
	c.n++
	c.write(c.buf)
}

func (c *ChromeWriter) write(p []byte) {
	if c.err != nil {
		return
	}
	if _, err := c.w.Write(p); err != nil {
		c.err = fmt.Errorf("cannot write the Chrome trace: %w", err)
	}
}
