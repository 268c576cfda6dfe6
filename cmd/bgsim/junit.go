package main

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The JUnit XML shape CI servers read (Jenkins, GitLab, Ant's junitreport):
// testsuites > testsuite > testcase > failure | error, system-out. testdata/junit.xsd is the
// schema the specs check it against.
type (
	junitSuites struct {
		XMLName  xml.Name      `xml:"testsuites"`
		Name     string        `xml:"name,attr"`
		Tests    int           `xml:"tests,attr"`
		Failures int           `xml:"failures,attr"`
		Errors   int           `xml:"errors,attr"`
		Time     string        `xml:"time,attr"`
		Suites   []*junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name      string       `xml:"name,attr"`
		Tests     int          `xml:"tests,attr"`
		Failures  int          `xml:"failures,attr"`
		Errors    int          `xml:"errors,attr"`
		Skipped   int          `xml:"skipped,attr"`
		Time      string       `xml:"time,attr"`
		Timestamp string       `xml:"timestamp,attr"`
		Hostname  string       `xml:"hostname,attr"`
		Cases     []*junitCase `xml:"testcase"`
		elapsed   time.Duration
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *junitProblem `xml:"failure,omitempty"`
		Error     *junitProblem `xml:"error,omitempty"`
		SystemOut *junitOutput  `xml:"system-out,omitempty"`
	}
	junitOutput struct {
		Text string `xml:",innerxml"` // escaped by escapeText
	}
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",innerxml"` // escaped by escapeText
	}
)

// writeJUnit writes the results as a JUnit XML report to path (an error is its reason alone: the
// caller names path): one testsuite per folder, in the order
// the folders first appear; one testcase per scenario file, named by the scenario's name (the
// file's name when it has none), its classname the file's path. A failed expectation or trace
// check is a failure, a file or internal error an error; their message is the first problem
// and their text every problem, each as file:line:col: message. The replayed trace is the
// testcase's system-out.
func writeJUnit(path string, results []result, start, end time.Time) error {
	doc := junitReport(results, start, end)
	data, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("cannot encode it: %w", err)
	}
	data = append([]byte(xml.Header), data...)
	data = append(data, '\n')
	return reasonOf(os.WriteFile(path, data, 0o644))
}

// junitReport builds the document.
func junitReport(results []result, start, end time.Time) *junitSuites {
	host, _ := os.Hostname()
	doc := &junitSuites{Name: "bgsim scenarios", Time: seconds(end.Sub(start))}
	byDir := map[string]*junitSuite{}
	for _, r := range results {
		dir := filepath.ToSlash(filepath.Dir(r.File))
		suite := byDir[dir]
		if suite == nil {
			suite = &junitSuite{Name: dir, Timestamp: start.UTC().Format("2006-01-02T15:04:05"), Hostname: host}
			byDir[dir] = suite
			doc.Suites = append(doc.Suites, suite)
		}
		name := r.Name
		if name == "" {
			name = filepath.Base(r.File)
		}
		tc := &junitCase{Name: name, Classname: filepath.ToSlash(r.File), Time: seconds(r.Elapsed)}
		if r.Trace != "" {
			tc.SystemOut = &junitOutput{escapeText(r.Trace)}
		}
		switch r.Status {
		case statusFail:
			tc.Failure = junitProblemOf(r, "failure")
			suite.Failures++
		case statusError, statusInternal:
			kind := "file error"
			if r.Status == statusInternal {
				kind = "internal error"
			}
			tc.Error = junitProblemOf(r, kind)
			suite.Errors++
		}
		suite.Tests++
		suite.elapsed += r.Elapsed
		suite.Cases = append(suite.Cases, tc)
	}
	for _, s := range doc.Suites {
		s.Time = seconds(s.elapsed)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
	}
	return doc
}

// junitProblemOf renders a result's problems, each as file:line:col: message.
func junitProblemOf(r result, kind string) *junitProblem {
	lines := make([]string, 0, len(r.Problems))
	for _, pr := range r.Problems {
		lines = append(lines, located(pr))
	}
	msg := r.File + ": " + kind
	if len(lines) > 0 {
		msg, _, _ = strings.Cut(lines[0], "\n")
	}
	return &junitProblem{Message: msg, Type: kind, Text: escapeText(strings.Join(lines, "\n"))}
}

// escapeText escapes s as XML character data the way encoding/xml does (characters XML cannot
// hold become U+FFFD), but keeps newlines and quotes as they are, so the text stays readable in
// the file.
func escapeText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return strings.NewReplacer("&#xA;", "\n", "&#34;", `"`, "&#39;", "'").Replace(b.String())
}

// seconds renders a duration as JUnit's time attribute: seconds with millisecond precision.
func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }
