package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/bgsim/bgsim/simulator"
)

var (
	//go:embed assets/report.html
	pageSource string
	//go:embed assets/report.css
	pageCSS string
	//go:embed assets/report.js
	pageJS string

	pageTemplate = template.Must(template.New("report").Parse(pageSource))
)

// page is what the template renders.
type page struct {
	Total, Passed, Failed, Errors int
	Scenarios                     []scenarioView
	Bad, Good                     []scenarioView // the index: failed or not run, passed
	CSS                           template.CSS
	JS                            template.JS
	Shapes                        map[string]string
	LabelWidth, PlotWidth         int
	PlotPad                       int
	SVGWidth                      int
	MaxItems, MaxLanes, MaxRows   int
}

// scenarioView is one scenario's section.
type scenarioView struct {
	N                      int // its number in its part of the index
	ID, Name, File, Status string
	Error                  string
	Failures               []failureView
	MoreFailures           int
	Records                int
	Length                 string
	T                      *timeline
}

// failureView is one listed failure.
type failureView struct {
	Where, Msg, At string
	T              int64
	Known          bool
}

// HTML writes the report of the scenarios as one self-contained HTML page: inline CSS, SVG and
// script, no network reference. Failing scenarios (and those that could not run) come first, then
// the passing ones, each group in the given order. The same scenarios give the same bytes. The
// only error is the writer's.
func HTML(w io.Writer, items []Scenario) error {
	p := page{CSS: template.CSS(pageCSS), JS: template.JS(pageJS), Shapes: markShapes,
		LabelWidth: labelWidth, PlotWidth: plotWidth, PlotPad: plotPad, SVGWidth: labelWidth + plotWidth, MaxItems: maxItems,
		MaxLanes: maxTaskLanes, MaxRows: maxSubRows}
	order := make([]int, 0, len(items))
	for pass := range 2 {
		for i := range items {
			if items[i].Passed() == (pass == 1) {
				order = append(order, i)
			}
		}
	}
	for _, i := range order {
		s := &items[i]
		v := view(s, i)
		switch v.Status {
		case "pass":
			p.Passed++
			v.N = len(p.Good) + 1
			p.Good = append(p.Good, v)
		case "fail":
			p.Failed++
			v.N = len(p.Bad) + 1
			p.Bad = append(p.Bad, v)
		default:
			p.Errors++
			v.N = len(p.Bad) + 1
			p.Bad = append(p.Bad, v)
		}
		p.Scenarios = append(p.Scenarios, v)
	}
	p.Total = len(items)
	bw := bufio.NewWriter(w)
	if err := pageTemplate.Execute(bw, p); err != nil {
		return fmt.Errorf("cannot write the report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("cannot write the report: %w", err)
	}
	return nil
}

// view lays out one scenario for the template.
func view(s *Scenario, i int) scenarioView {
	v := scenarioView{ID: "s" + strconv.Itoa(i+1), Name: clip(s.Name), File: clip(s.File), Status: s.status(),
		Records: len(s.Records)}
	if v.Name == "" {
		v.Name = clip(filepath.Base(s.File))
	}
	if s.Error != "" {
		v.Error = clipMsg(s.Error)
		return v
	}
	for _, f := range s.Failures[:min(len(s.Failures), maxFailures)] {
		fv := failureView{Where: clip(f.Where), Msg: clipMsg(f.Msg), Known: f.Known}
		if f.Known {
			fv.At, fv.T = simulator.FormatOffset(f.At), micros(f.At)
		}
		v.Failures = append(v.Failures, fv)
	}
	v.MoreFailures = len(s.Failures) - len(v.Failures)
	v.T = layout(s)
	v.Length = simulator.FormatOffset(time.Duration(v.T.End) * time.Microsecond)
	return v
}

// clipMsg cuts a failure message to maxMsgLen bytes.
func clipMsg(s string) string {
	if len(s) <= maxMsgLen {
		return s
	}
	cut := maxMsgLen
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
