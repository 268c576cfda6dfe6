package report_test

import (
	"strings"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/format"

	"github.com/bgsim/bgsim/report"
	"github.com/bgsim/bgsim/scenarios"
	"github.com/bgsim/bgsim/simulator"
)

func TestReport(t *testing.T) {
	RegisterFailHandler(Fail)
	format.MaxLength = 1500 // a page is large: show its start
	RunSpecs(t, "Report Suite")
}

// replayed replays scenario files (relative to the repository root) as the CLI does.
func replayed(files ...string) []report.Scenario {
	var out []report.Scenario
	for _, f := range files {
		out = append(out, replayOne(mustParseFile("../"+f)))
	}
	return out
}

func mustParseFile(path string) *scenarios.Scenario {
	s, err := scenarios.ParseFile(path)
	Expect(err).NotTo(HaveOccurred())
	return s
}

func mustParse(doc string) *scenarios.Scenario {
	s, err := scenarios.Parse("t.yaml", []byte(doc))
	Expect(err).NotTo(HaveOccurred())
	return s
}

func replayOne(s *scenarios.Scenario) report.Scenario {
	rep, err := scenarios.Run(s, scenarios.Options{})
	Expect(err).NotTo(HaveOccurred())
	return report.FromReport(rep)
}

// runs counts the run records of the scenarios.
func runs(items []report.Scenario) int {
	n := 0
	for _, s := range items {
		for _, r := range s.Records {
			if r.Kind == simulator.KindRun {
				n++
			}
		}
	}
	return n
}

// sample is a few library scenarios that between them end instances in every way.
var sample = []string{
	"scenarios/library/cancellation/grace_termination.yaml",  // terminated after a cancel
	"scenarios/library/cancellation/kill_host.yaml",          // terminated, and completed
	"scenarios/library/cancellation/condition_loss.yaml",     // canceled
	"scenarios/library/policy/overlap_start_new.yaml",        // overlapping instances
	"scenarios/library/conditions/time_trigger_latched.yaml", // latches
	"scenarios/library/inprocess/grace_terminates_app.yaml",  // app state, dropped completions
	"scenarios/library/power/battery_saver_holds_time_trigger.yaml",
}

// longNames is a scenario whose registrations have names of every width, each run once.
var longNames = []string{
	strings.Repeat("W", 30),
	strings.Repeat("i", 32),
	"AVeryLongRegistrationNameThatWillNotFit_00_WWWWWWWWWW",
	strings.Repeat("同步任务", 6),
	"Short",
}

func longNamed() report.Scenario {
	s := report.Scenario{Name: "long names", File: "long.yaml", End: 10 * time.Minute}
	for i, name := range longNames {
		n := i + 1
		s.Records = append(s.Records,
			simulator.Record{Kind: simulator.KindRegister, Task: name, TaskNum: n},
			simulator.Record{At: time.Minute, Kind: simulator.KindRun, Task: name, TaskNum: n, Instance: n},
			simulator.Record{At: 2 * time.Minute, Kind: simulator.KindCompleted, Task: name, TaskNum: n, Instance: n, Result: simulator.ResultOK})
	}
	return s
}
