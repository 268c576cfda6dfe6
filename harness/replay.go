package harness

import (
	"errors"
	"fmt"
	"strings"

	"github.com/onsi/ginkgo/v2"
	"github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
)

// ScenarioError is why a replayed scenario did not pass: its failed expectations, each as
// "file:line:col: msg", and, when the trace differs from the recording, the first diverging line
// with the lines around it (as bgsim run prints it) and a go-cmp diff of the trace lines ("-"
// recorded, "+" replayed).
type ScenarioError struct {
	File     string
	Failures []scenarios.Failure // failed expectations, in file order (the trace check apart)
	// TraceFailure is the trace check, as the scenarios package reports it and bgsim run prints
	// it: file:line:col of the first diverging line of the trace block, the lines before it,
	// then the recorded ("-") and replayed ("+") lines from there, each with its virtual time.
	// nil when the trace matched or the file has no trace block.
	TraceFailure *scenarios.Failure
	// TraceDiff is a go-cmp diff of the recorded and replayed traces as slices of lines: each
	// differing line whole, runs of identical lines counted. "" when the trace matched.
	TraceDiff string
}

// Error lists the failures, then the first divergence and the line diff.
func (e *ScenarioError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "scenario %s did not pass", e.File)
	for _, f := range e.Failures {
		b.WriteString("\n" + f.Error())
	}
	if e.TraceFailure != nil {
		b.WriteString("\n" + e.TraceFailure.Error())
	}
	if e.TraceDiff != "" {
		b.WriteString("\nthe trace lines (-recorded +replayed; re-record with bgsim run --update, then read the diff):\n")
		b.WriteString(e.TraceDiff)
	}
	return b.String()
}

// CheckScenario parses and replays a scenario file. The report is nil, and the error a file error
// (file:line:col), when the file cannot be played; otherwise the report is returned and the error
// is a *ScenarioError when an expectation failed or the trace differs from its recording.
func CheckScenario(path string, opts scenarios.Options) (*scenarios.Report, error) {
	s, err := scenarios.ParseFile(path)
	if err != nil {
		return nil, err
	}
	rep, err := scenarios.Run(s, opts)
	if err != nil {
		return nil, err
	}
	if rep.Passed() {
		return rep, nil
	}
	se := &ScenarioError{File: s.File}
	for _, f := range rep.Failures {
		if f.Trace { // the trace check: keep it apart, and add the line diff
			se.TraceFailure = &f
			se.TraceDiff = lineDiff(s.Trace.Text, rep.Trace)
			continue
		}
		se.Failures = append(se.Failures, f)
	}
	return rep, se
}

// ReplayScenario replays a scenario file inside a Ginkgo It. When it does not pass, the replayed
// trace is attached to the spec report (a "trace" entry, shown on failure and in JUnit
// reports) and the spec fails through Gomega with every failure and the trace diff. It returns
// the report (nil when the file could not be played) for further assertions.
func ReplayScenario(path string, opts ...scenarios.Options) *scenarios.Report {
	ginkgo.GinkgoHelper()
	var o scenarios.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	rep, err := CheckScenario(path, o)
	if rep != nil && err != nil {
		ginkgo.AddReportEntry("trace", rep.Trace, ginkgo.ReportEntryVisibilityFailureOrVerbose)
	}
	gomega.Expect(err).To(passScenario{})
	return rep
}

// passScenario is the matcher behind ReplayScenario: its failure message is the error's text
// alone, which already says everything (Gomega's Succeed would add the error's Go type).
type passScenario struct{}

func (passScenario) Match(actual any) (bool, error) {
	if actual == nil {
		return true, nil
	}
	if _, ok := actual.(error); !ok {
		return false, errors.New("passScenario: expected an error")
	}
	return false, nil
}

func (passScenario) FailureMessage(actual any) string { return actual.(error).Error() }

func (passScenario) NegatedFailureMessage(any) string { return "Expected the scenario to fail" }
