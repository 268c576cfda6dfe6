package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// printer writes results for humans (stdout, or stderr under --json), JSON (stdout), and GitHub
// annotations.
type printer struct {
	human, machine io.Writer // machine is nil without --json
	color, github  bool
	validate       bool // bgsim validate: OK for a valid file, "N valid, M invalid"
}

func newPrinter(stdout, stderr io.Writer, jsonOut bool) *printer {
	p := &printer{human: stdout, github: os.Getenv("GITHUB_ACTIONS") == "true"}
	if jsonOut {
		p.human, p.machine = stderr, stdout
	}
	p.color = os.Getenv("NO_COLOR") == "" && isTerminal(p.human)
	return p
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	if e, ok := w.(*errWriter); ok {
		w = e.w
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

var labels = map[string]struct{ text, color string }{
	statusPass:     {"PASS ", "\x1b[32m"},
	statusFail:     {"FAIL ", "\x1b[31m"},
	statusError:    {"ERROR", "\x1b[31m"},
	statusInternal: {"ERROR", "\x1b[35m"},
}

func (p *printer) results(results []result) {
	passed := 0
	for _, r := range results {
		if r.Status == statusPass {
			passed++
		}
		if !r.announced {
			p.one(r)
		}
	}
	failed := len(results) - passed
	if p.machine != nil {
		out := struct {
			Results []result `json:"results"`
			Passed  int      `json:"passed"`
			Failed  int      `json:"failed"`
		}{results, passed, failed}
		if out.Results == nil {
			out.Results = []result{}
		}
		b, _ := json.MarshalIndent(out, "", "  ")
		fmt.Fprintln(p.machine, string(b))
	}
	if p.validate {
		fmt.Fprintf(p.human, "%d valid, %d invalid\n", passed, failed)
		return
	}
	fmt.Fprintf(p.human, "%d passed, %d failed\n", passed, failed)
}

func (p *printer) one(r result) {
	l := labels[r.Status]
	if p.validate && r.Status == statusPass {
		l.text = "OK   " // "PASS" would read as if the file had been run
	}
	label := l.text
	if p.color {
		label = l.color + l.text + "\x1b[0m"
	}
	line := label + " " + clean(r.File)
	if r.Name != "" {
		line += "  (" + clean(r.Name) + ")"
	}
	if r.Updated {
		line += "  [trace recorded]"
	}
	fmt.Fprintln(p.human, line)
	for _, pr := range r.Problems {
		fmt.Fprintln(p.human, "  "+strings.ReplaceAll(clean(located(pr)), "\n", "\n  "))
		if p.github {
			fmt.Fprintln(p.human, clean(annotation(pr)))
		}
	}
}

func located(pr problem) string {
	s := pr.File
	if pr.Line > 0 {
		s += ":" + strconv.Itoa(pr.Line)
		if pr.Col > 0 {
			s += ":" + strconv.Itoa(pr.Col)
		}
	}
	return s + ": " + pr.Msg
}

// annotation renders a GitHub Actions error command, escaped as the runner expects.
func annotation(pr problem) string {
	prop := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	data := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	s := "::error file=" + prop.Replace(pr.File)
	if pr.Line > 0 {
		s += ",line=" + strconv.Itoa(pr.Line)
		if pr.Col > 0 {
			s += ",col=" + strconv.Itoa(pr.Col)
		}
	}
	return s + "::" + data.Replace(pr.Msg)
}
