package bgsim_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/scenarios"
)

// libraryDir holds the recorded scenarios, one folder per topic.
const libraryDir = "scenarios/library"

func TestBgsim(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "bgsim library Suite")
}

// libraryFiles lists every scenario file of the library, in path order.
func libraryFiles() ([]string, error) { return scenarios.Collect(libraryDir) }

// libraryEntries makes one Entry per scenario file, labelled with its topic folder.
func libraryEntries() []TableEntry {
	files, err := libraryFiles()
	if err != nil {
		panic(err)
	}
	entries := make([]TableEntry, 0, len(files))
	for _, f := range files {
		rel, _ := filepath.Rel(libraryDir, f)
		topic := strings.Split(filepath.ToSlash(rel), "/")[0]
		entries = append(entries, Entry(filepath.ToSlash(rel), Label(topic), f))
	}
	return entries
}

var _ = DescribeTable("scenario library", func(path string) {
	var (
		rep *scenarios.Report
		err error
	)
	if os.Getenv("BGSIM_UPDATE") == "1" {
		rep, err = scenarios.Update(path, scenarios.Options{})
	} else {
		var s *scenarios.Scenario
		s, err = scenarios.ParseFile(path)
		Expect(err).NotTo(HaveOccurred())
		rep, err = scenarios.Run(s, scenarios.Options{})
	}
	Expect(err).NotTo(HaveOccurred())
	if !rep.Passed() {
		AddReportEntry("trace", rep.Trace)
		msgs := make([]string, len(rep.Failures))
		for i, f := range rep.Failures {
			msgs[i] = f.Error()
		}
		Fail(strings.Join(msgs, "\n"))
	}
	Expect(rep.Scenario.Trace).NotTo(BeNil(), "%s has no recorded trace: run bgsim run --update %s", path, path)
}, libraryEntries())
