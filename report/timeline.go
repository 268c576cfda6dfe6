package report

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

// Bounds on what one scenario draws, so that a huge trace gives a report of bounded size.
const (
	plotWidth    = 1000 // initial width of the plot in px; the script fits it to the window
	labelWidth   = 240  // width of the lane labels in px
	plotPad      = 8    // px left free at each end of the plot, so that marks at the start and end show whole
	axisHeight   = 22   // height of the time axis in px
	rowHeight    = 18   // height of one row of a lane in px
	maxItems     = 1500 // drawn segments, bars and marks per scenario; the rest are counted
	maxTaskLanes = 60   // registration lanes per scenario; the rest are counted
	maxSubRows   = 4    // rows of one registration lane (overlapping instances)
	maxLines     = 12   // trace lines kept per item
	maxLineLen   = 300  // characters kept per trace line or label
	maxFailures  = 40   // failures listed per scenario
	maxMsgLen    = 4000 // characters kept per failure message
)

// item is one drawn thing: a state segment, an instance bar or a mark.
type item struct {
	Kind          string // "seg", "bar" or "mk"
	Class         string // CSS class: the state value, the outcome, the mark's kind
	T0, T1        int64  // virtual time in µs
	X, W          string // initial position and width in px, for the full range
	Y, H          int
	Text          string // a segment's value
	Lines         string // the trace lines it stands for, one per line
	Task, Outcome string // bars only
	Instance      int    // bars only
	Shape         string // marks only: the path, centred on 0,0
	Dx            int    // marks only: px to the side of its instant, to show marks of one instant and row apart
	lines         []string
	more          int
	row           int
	bar           *item // an instance's mark: its bar, whose row it is drawn on
	done          bool  // a bar whose instance completed
}

// lane is one row of the timeline.
type lane struct {
	Kind  string // "state", "task", "events" or "expect"
	Key   string // a state lane's key; a registration's number
	Label string
	Title string
	Y, H  int
	Items []*item
	rows  []int64 // end of the last bar of each row (task lanes)
	// overlaps counts the bars drawn over others on the last row, the lane having all its rows
	overlaps int
}

// timeline is one scenario laid out.
type timeline struct {
	End      int64 // µs
	Fit      int64 // µs: the end of the first view, just past the last record
	Lanes    []*lane
	Height   int
	Drawn    int
	NotDrawn int    // items left out of drawn lanes, over the budget
	From     string // virtual time of the first of them
	Cut      *item  // the shaded range from the first item left out to the end, when there is one
	// HiddenLanes counts the registrations beyond the first maxTaskLanes, whose lanes are not drawn.
	HiddenLanes int
	// Overlaps counts the instances drawn over others, their lane having maxSubRows rows.
	Overlaps int
}

// markShapes are the mark paths, centred on 0,0.
var markShapes = map[string]string{
	"event":      "M0,-6L6,0L0,6L-6,0Z",
	"latched":    "M-5,-6H5L0,0L5,6H-5L0,0Z",
	"canceled":   "M-5,-5L5,5M5,-5L-5,5",
	"delivered":  "M-4,0A4,4 0 1 0 4,0A4,4 0 1 0 -4,0Z",
	"dropped":    "M-4,0A4,4 0 1 0 4,0A4,4 0 1 0 -4,0ZM-4,4L4,-4",
	"register":   "M-1,-7H1V7H-1Z",
	"unregister": "M-4,-4H4V4H-4Z",
	"fault":      "M0,-7L6,6H-6Z",
	"error":      "M0,-7L6,6H-6Z",
	"failure":    "M-6,-6L6,6M6,-6L-6,6",
	// a tick on a disc, and a no-entry sign
	"allowed": "M-5.5,0A5.5,5.5 0 1 0 5.5,0A5.5,5.5 0 1 0 -5.5,0ZM-3.4,-0.2L-1.4,1.8L2.6,-2.2L3.8,-1L-1.4,4.2L-4.6,1Z",
	"refused": "M-2.5,-6H2.5L6,-2.5V2.5L2.5,6H-2.5L-6,2.5V-2.5ZM-4,-1.2V1.2H4V-1.2Z",
	"info":    "M-3,-3H3V3H-3Z",
}

// markRank orders the marks of a lane: a mark of a higher rank is drawn over one of a lower.
var markRank = map[string]int{
	"mk-info": 0, "mk-register": 1, "mk-unregister": 1, "mk-event": 2, "mk-allowed": 3,
	"mk-delivered": 3, "mk-latched": 4, "mk-dropped": 5, "mk-refused": 6, "mk-canceled": 7,
	"mk-error": 8, "mk-fault": 8, "mk-failure": 9,
}

// Marks of one instant and row are drawn markGap px apart (closer when there are many), centred on
// the instant; bars are at least minBarWidth px wide, so that an instance that ran no time shows.
const (
	markGap     = 8
	markSpread  = 24 // px: the most the marks of one instant and row spread
	minBarWidth = 5
)

// builder lays out one scenario.
type builder struct {
	t         timeline
	byTask    []*lane          // task lanes by registration number (index 0: the update task)
	byName    map[string]*lane // the last registration lane of each name, or the lane of a name whose registration failed
	events    *lane
	state     []*lane
	cur       []*item // the current segment of each state lane
	instances map[int]*item
	last      *item // the last mark, to group marks of one instant and lane
	taskLanes int   // registration lanes drawn
}

func micros(d time.Duration) int64 { return int64(d / time.Microsecond) }

// layout builds the timeline of s.
func layout(s *Scenario) *timeline {
	b := &builder{instances: map[int]*item{}, byName: map[string]*lane{}}
	failures := timedFailures(s)
	last := time.Duration(0) // the last record or timed failure
	for i := range s.Records {
		last = max(last, s.Records[i].At)
	}
	for _, f := range failures {
		last = max(last, f.At)
	}
	b.t.End = max(micros(max(s.End, last)), 1)
	b.t.Fit = min(b.t.End, micros(last+max(last/10, 10*time.Second)))
	if len(failures) > 0 {
		l := &lane{Kind: "expect", Label: "failed expectations"}
		b.t.Lanes = append(b.t.Lanes, l)
		for _, f := range failures {
			b.mark(l, "failure", micros(f.At), text("FAILED "+clip(f.Where)+": "+clipMsg(f.Msg)))
		}
	}
	b.events = &lane{Kind: "events", Label: "system events"}
	b.t.Lanes = append(b.t.Lanes, b.events)
	b.stateLanes(s)
	for i := range s.Records {
		b.record(&s.Records[i])
	}
	for _, l := range b.state {
		if c := b.cur[laneIndex(l.Key)]; c != nil {
			c.T1 = b.t.End
		}
	}
	for _, l := range b.t.Lanes { // instances that never completed run to the end
		for _, it := range l.Items {
			if it.Kind == "bar" && !it.done {
				it.T1 = b.t.End
				if it.Outcome == "" {
					it.Outcome = "running"
				}
				it.Class = it.Outcome
			}
		}
	}
	if b.t.NotDrawn > 0 {
		b.t.Cut.T1 = b.t.End
		b.t.Cut.lines = []string{"From " + b.t.From + " to the end, " + strconv.Itoa(b.t.NotDrawn) +
			" bars, segments and marks are not drawn: the report draws at most " + strconv.Itoa(maxItems) +
			" a scenario. The trace has them all."}
	}
	b.finish()
	return &b.t
}

// timedFailures lists the failures with a known time, at most maxFailures.
func timedFailures(s *Scenario) []Failure {
	var out []Failure
	for _, f := range s.Failures[:min(len(s.Failures), maxFailures)] {
		if f.Known {
			out = append(out, f)
		}
	}
	return out
}

// stateLanes adds the state lanes: the first alwaysDrawn, then those the trace changes.
func (b *builder) stateLanes(s *Scenario) {
	changed := make([]bool, len(deviceLanes))
	for i := range s.Records {
		if l, _, ok := stateChange(&s.Records[i]); ok {
			changed[l] = true
		}
	}
	init := initialState(s.Device, s.App)
	b.cur = make([]*item, len(deviceLanes))
	for i, key := range deviceLanes {
		if i >= alwaysDrawn && !changed[i] {
			continue
		}
		l := &lane{Kind: "state", Key: key, Label: key}
		b.t.Lanes = append(b.t.Lanes, l)
		b.state = append(b.state, l)
		b.cur[i] = b.add(l, &item{Kind: "seg", Class: valueClass(init[i]), Text: init[i], T0: 0},
			text("initial "+key+"="+clip(init[i])+" (the scenario's device and app blocks)"))
	}
}

// valueClass is the CSS class of a state value: "v-" and the value, letters, digits and _ only.
func valueClass(v string) string {
	var sb strings.Builder
	sb.WriteString("v-")
	for _, c := range v {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' {
			sb.WriteRune(c)
		}
	}
	return sb.String()
}

// record places one record.
func (b *builder) record(r *simulator.Record) {
	line := recLine{r: r}
	at := micros(r.At)
	if li, v, ok := stateChange(r); ok {
		b.stateChanged(li, v, at, line)
		return
	}
	// Records of no task go to the events lane; the update task's (task number 0, an instance)
	// get a lane of their own.
	answer := answerKind(r)
	if r.Kind == simulator.KindRegisterFailed && r.Task != "" {
		b.mark(b.nameLane(r.Task), "error", at, line)
		return
	}
	if r.TaskNum == 0 && r.Instance == 0 || r.Kind == simulator.KindRegisterFailed {
		cls := "info"
		switch {
		case answer != "":
			cls = answer
		case r.Kind == simulator.KindEvent, r.Kind == simulator.KindDevice:
			cls = "event"
		case r.Kind == simulator.KindFault:
			cls = "fault"
		case r.Kind == simulator.KindTaskError, r.Kind == simulator.KindRegisterFailed:
			cls = "error"
		}
		b.mark(b.events, cls, at, line)
		return
	}
	l := b.taskLane(r)
	if r.Instance != 0 {
		b.instanceRecord(l, r, at, line)
		return
	}
	switch {
	case answer != "":
		b.mark(l, answer, at, line)
		return
	}
	switch r.Kind {
	case simulator.KindRegister:
		b.mark(l, "register", at, line)
	case simulator.KindUnregister:
		b.mark(l, "unregister", at, line)
	case simulator.KindLatched:
		b.mark(l, "latched", at, line)
	case simulator.KindTaskError:
		b.mark(l, "error", at, line)
	default:
		b.mark(l, "info", at, line)
	}
}

// answerKind tells an answer to a request from the other records: "allowed" for a request the
// system granted, "refused" for one it refused or a trigger it did not deliver, "" for any other
// record. The answers are signal_result records (ApplicationTrigger.RequestAsync), the event
// records of a device trigger or media processing request (device_trigger=... result=R,
// request=media_processing result=R), and event records that say not_delivered=...
func answerKind(r *simulator.Record) string {
	switch r.Kind {
	case simulator.KindSignalResult:
		if r.Signal == simulator.SignalAllowed {
			return "allowed"
		}
		return "refused"
	case simulator.KindEvent:
		if _, ok := detailField(r.Detail, "not_delivered"); ok {
			return "refused"
		}
		first, _, _ := strings.Cut(r.Detail, "=")
		if first != "device_trigger" && first != "request" {
			return ""
		}
		switch res, ok := detailField(r.Detail, "result"); {
		case !ok:
			return ""
		case res == "Allowed":
			return "allowed"
		}
		return "refused"
	}
	return ""
}

// detailField returns the value of a key=value field of a record's details, whose values may be
// quoted as Go strings (a quoted value is returned as written).
func detailField(detail, key string) (string, bool) {
	for detail != "" {
		k, rest, found := strings.Cut(detail, "=")
		if !found {
			return "", false
		}
		v := rest
		if q, err := strconv.QuotedPrefix(rest); err == nil && rest[0] == '"' {
			v = q
		} else if i := strings.IndexByte(rest, ' '); i >= 0 {
			v = rest[:i]
		}
		if k == key {
			return v, true
		}
		detail = strings.TrimLeft(rest[len(v):], " ")
	}
	return "", false
}

// stateChanged ends the current segment of a state lane and starts the next. Over the budget,
// the lane ends at the first change not drawn.
func (b *builder) stateChanged(li int, v string, at int64, line lineSource) {
	cur := b.cur[li]
	if cur == nil { // the lane ended earlier
		b.skip(at)
		return
	}
	if cur.Text == v { // the same value again: one segment
		addLine(cur, line)
		return
	}
	if cur.T0 == at { // a second change at the same instant: the segment takes the last value
		cur.Class, cur.Text = valueClass(v), v
		addLine(cur, line)
		return
	}
	cur.T1 = at
	var l *lane
	for _, s := range b.state {
		if s.Key == deviceLanes[li] {
			l = s
		}
	}
	b.cur[li] = b.add(l, &item{Kind: "seg", Class: valueClass(v), Text: v, T0: at}, line)
}

// taskLane returns the lane of the record's registration, creating it on first sight.
func (b *builder) taskLane(r *simulator.Record) *lane {
	for len(b.byTask) <= r.TaskNum {
		b.byTask = append(b.byTask, nil)
	}
	if l := b.byTask[r.TaskNum]; l != nil {
		return l
	}
	l := &lane{Kind: "task", Key: strconv.Itoa(r.TaskNum), Label: label(r.Task, ""),
		Title: clip(r.Task) + " (task=" + strconv.Itoa(r.TaskNum) + ")"}
	if r.TaskNum == 0 {
		l.Key, l.Label, l.Title = "update_task", label(r.Task, " (update task)"), clip(r.Task)+" (update task)"
	}
	b.byTask[r.TaskNum] = l
	if r.TaskNum != 0 {
		b.byName[r.Task] = l
	}
	b.addLane(l)
	return l
}

// nameLane returns the lane of the last registration of a name, for a registration of that name
// that failed; when there is none, a lane of the name, created on first sight.
func (b *builder) nameLane(name string) *lane {
	if l := b.byName[name]; l != nil {
		return l
	}
	l := &lane{Kind: "failed", Label: label(name, ""), Title: clip(name) + " (not registered)"}
	b.byName[name] = l
	b.addLane(l)
	return l
}

// addLane adds a registration's lane, or hides it beyond maxTaskLanes.
func (b *builder) addLane(l *lane) {
	if b.taskLanes < maxTaskLanes {
		b.taskLanes++
		b.t.Lanes = append(b.t.Lanes, l)
		return
	}
	l.Kind = "hidden"
	b.t.HiddenLanes++
}

// instanceRecord adds a record of one instance to its bar, and a mark for the notable ones.
func (b *builder) instanceRecord(l *lane, r *simulator.Record, at int64, line lineSource) {
	bar := b.instances[r.Instance]
	if r.Kind == simulator.KindRun {
		bar = b.add(l, &item{Kind: "bar", Class: "running", T0: at, Task: clip(r.Task), Instance: r.Instance}, line)
		b.instances[r.Instance] = bar
		return
	}
	if bar != nil {
		addLine(bar, line)
	}
	switch r.Kind {
	case simulator.KindCanceled:
		if bar != nil && bar.Outcome != "terminated" {
			bar.Outcome = "canceled"
		}
		b.instanceMark(l, bar, "canceled", at, line)
	case simulator.KindTerminated:
		if bar != nil {
			bar.Outcome = "terminated"
		}
		b.instanceMark(l, bar, "canceled", at, line)
	case simulator.KindCompleted:
		if bar != nil {
			bar.T1, bar.done = at, true
			if bar.Outcome == "" {
				bar.Outcome = "completed"
			}
			bar.Class = bar.Outcome
			if r.Result == simulator.ResultError {
				bar.Class += " result-error"
			}
		}
	case simulator.KindDelivered:
		b.instanceMark(l, bar, "delivered", at, line)
	case simulator.KindDropped:
		b.instanceMark(l, bar, "dropped", at, line)
	case simulator.KindTaskError:
		b.instanceMark(l, bar, "error", at, line)
	}
}

// instanceMark adds a mark of an instance, on its bar's row.
func (b *builder) instanceMark(l *lane, bar *item, kind string, at int64, line lineSource) {
	b.markOn(l, bar, kind, at, line)
}

// mark adds a mark of a lane, on its first row.
func (b *builder) mark(l *lane, kind string, at int64, line lineSource) *item {
	return b.markOn(l, nil, kind, at, line)
}

// markOn adds a mark on a bar's row (the lane's first row when bar is nil), or adds the line to
// the previous mark when it is of the same lane, bar, kind and instant.
func (b *builder) markOn(l *lane, bar *item, kind string, at int64, line lineSource) *item {
	if p := b.last; p != nil && p.T0 == at && p.Class == "mk-"+kind && p.bar == bar && len(l.Items) > 0 && l.Items[len(l.Items)-1] == p {
		addLine(p, line)
		return p
	}
	m := b.add(l, &item{Kind: "mk", Class: "mk-" + kind, T0: at, T1: at, Shape: markShapes[kind], bar: bar}, line)
	if m != nil {
		b.last = m
	}
	return m
}

// add appends an item to a lane unless the lane is not drawn, or the scenario is over its budget:
// then it counts it and returns nil.
func (b *builder) add(l *lane, it *item, line lineSource) *item {
	if l == nil || l.Kind == "hidden" { // counted as its lane
		return nil
	}
	if b.t.Drawn >= maxItems {
		b.skip(it.T0)
		return nil
	}
	b.t.Drawn++
	addLine(it, line)
	l.Items = append(l.Items, it)
	return it
}

// skip counts an item of a drawn lane left out over the budget, and keeps the time of the first:
// from there on, the timeline is shaded.
func (b *builder) skip(at int64) {
	if b.t.NotDrawn == 0 {
		b.t.From = simulator.FormatOffset(time.Duration(at) * time.Microsecond)
		b.t.Cut = &item{Kind: "cut", Class: "cut", T0: at}
	}
	b.t.NotDrawn++
}

// addLine keeps up to maxLines trace lines of an item and counts the others.
func addLine(it *item, line lineSource) {
	if len(it.lines) < maxLines {
		it.lines = append(it.lines, line.line())
		return
	}
	it.more++
}

// lineSource is the text of an item's line, made only when the item keeps it.
type lineSource interface{ line() string }

// text is a line given as text.
type text string

func (t text) line() string { return string(t) }

// recLine is a record's canonical line, its task name and details clipped first.
type recLine struct{ r *simulator.Record }

func (l recLine) line() string {
	r := *l.r
	r.Task, r.Detail = clip(r.Task), clip(r.Detail)
	return clip(r.String())
}

// labelFont is the size in px of a lane label, and labelRoom the room it has beside the timeline.
const (
	labelFont = 12
	labelRoom = labelWidth - 6 - 6 // the label's x, and a margin before the plot
)

// charWidths are the advances of the printable ASCII characters, from space, in thousandths of an
// em: those of DejaVu Sans Bold, wider than most fonts a browser picks for the labels. Any other
// character counts as one em.
var charWidths = [...]int{
	348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
	696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
	1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
	733, 850, 770, 680, 703, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
	500, 675, 716, 593, 716, 678, 405, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
	716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
}

// charWidth is a character's estimated advance in thousandths of an em.
func charWidth(c rune) int {
	if c >= ' ' && c <= '~' {
		return charWidths[c-' ']
	}
	return 1000
}

// textWidth is the estimated width of s in thousandths of an em.
func textWidth(s string) int {
	n := 0
	for _, c := range s {
		n += charWidth(c)
	}
	return n
}

// label cuts a lane's name to what fits in the label column with suffix after it, marking the cut
// with an ellipsis; the lane's title has the name whole.
func label(name, suffix string) string {
	room := labelRoom * 1000 / labelFont
	if textWidth(name)+textWidth(suffix) <= room {
		return name + suffix
	}
	room -= textWidth("…") + textWidth(suffix)
	n := 0
	for i, c := range name {
		if n += charWidth(c); n > room {
			return name[:i] + "…" + suffix
		}
	}
	return name + suffix
}

// clip cuts a string to maxLineLen characters.
func clip(s string) string {
	if len(s) <= maxLineLen {
		return s
	}
	cut := maxLineLen
	for cut > 0 && s[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}

// finish places rows, assigns y and initial x, and renders each item's lines.
func (b *builder) finish() {
	y := axisHeight
	for _, l := range b.t.Lanes {
		rows := 1
		if l.Kind == "task" {
			for _, it := range l.Items {
				if it.Kind == "bar" {
					it.row = l.place(it)
				}
			}
			rows = max(1, len(l.rows))
			if l.overlaps > 0 {
				b.t.Overlaps += l.overlaps
				l.Title += "; " + strconv.Itoa(l.overlaps) + " instances drawn over others on the last row"
			}
		}
		l.Y, l.H = y, rows*rowHeight+4
		for _, it := range l.Items {
			b.position(l, it)
		}
		l.separate()
		y += l.H
	}
	b.t.Height = y + 4
	if c := b.t.Cut; c != nil {
		c.Y, c.H = axisHeight, y-axisHeight
		b.position(nil, c)
	}
}

// separate sets the marks of one instant and row apart, in the order of their records, and draws
// them after the bars and segments, the more important over the less.
func (l *lane) separate() {
	type at struct {
		t int64
		y int
	}
	groups := map[at][]*item{}
	var marks []*item
	for _, it := range l.Items {
		if it.Kind == "mk" {
			k := at{it.T0, it.Y}
			groups[k] = append(groups[k], it)
			marks = append(marks, it)
		}
	}
	for _, g := range groups { // each group on its own, its marks in record order: map order does not matter
		if len(g) < 2 {
			continue
		}
		gap := min(markGap, float64(markSpread)/float64(len(g)-1))
		for i, m := range g {
			m.Dx = int(gap * (float64(i) - float64(len(g)-1)/2))
			x, _ := strconv.ParseFloat(m.X, 64)
			m.X = strconv.FormatFloat(x+float64(m.Dx), 'f', 1, 64)
		}
	}
	slices.SortStableFunc(marks, func(a, b *item) int { return markRank[a.Class] - markRank[b.Class] })
	items := l.Items[:0]
	for _, it := range l.Items {
		if it.Kind != "mk" {
			items = append(items, it)
		}
	}
	l.Items = append(items, marks...)
}

// place puts a bar on the first row of the lane that is free at its start. When none is and the
// lane has all its rows, the bar goes over another on the last row: it is outlined, and counted.
func (l *lane) place(it *item) int {
	for i, end := range l.rows {
		if end <= it.T0 {
			l.rows[i] = max(it.T1, it.T0+1)
			return i
		}
	}
	if len(l.rows) < maxSubRows {
		l.rows = append(l.rows, max(it.T1, it.T0+1))
		return len(l.rows) - 1
	}
	last := len(l.rows) - 1
	l.rows[last] = max(l.rows[last], it.T1)
	it.Class += " overlaps"
	l.overlaps++
	return last
}

// position sets the item's y, its initial x and width, and its lines.
func (b *builder) position(l *lane, it *item) {
	x := func(t int64) float64 { return plotPad + float64(t)*(plotWidth-2*plotPad)/float64(b.t.End) }
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	switch it.Kind {
	case "seg":
		it.Y, it.H = l.Y+2, rowHeight
	case "bar":
		it.Y, it.H = l.Y+3+it.row*rowHeight, rowHeight-2
	case "mk":
		it.Y = l.Y + 2 + rowHeight/2
		if it.bar != nil {
			it.Y = it.bar.Y + it.bar.H/2
		}
	}
	w := 2.0
	if it.Kind == "bar" {
		w = minBarWidth
	}
	it.X, it.W = f(x(it.T0)), f(max(w, x(it.T1)-x(it.T0)))
	lines := it.lines
	if it.more > 0 {
		lines = append(lines[:len(lines):len(lines)], "… "+strconv.Itoa(it.more)+" more lines")
	}
	it.Lines = strings.Join(lines, "\n")
}
