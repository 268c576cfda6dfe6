package main

import (
	"path/filepath"
	"strings"
	"time"

	"github.com/onsi/ginkgo/v2/reporters"
	"github.com/onsi/ginkgo/v2/types"
)

// writeJUnit writes the results as a JUnit XML report through Ginkgo's reporters, so CI tools
// read it like any Ginkgo run. Each file is one spec, in a container named after its folder.
func writeJUnit(path string, results []result, start, end time.Time) error {
	rep := types.Report{
		SuiteDescription: "bgsim scenarios",
		SuiteSucceeded:   exitCode(results) == exitOK,
		StartTime:        start,
		EndTime:          end,
		RunTime:          end.Sub(start),
		PreRunStats:      types.PreRunStats{TotalSpecs: len(results), SpecsThatWillRun: len(results)},
	}
	for _, r := range results {
		spec := types.SpecReport{
			ContainerHierarchyTexts: []string{sanitize(filepath.Base(filepath.Dir(r.File)))},
			LeafNodeType:            types.NodeTypeIt,
			LeafNodeText:            sanitize(r.File),
			LeafNodeLocation:        types.CodeLocation{FileName: r.File, LineNumber: 1},
			State:                   types.SpecStatePassed,
			RunTime:                 r.Elapsed,
			StartTime:               start,
			EndTime:                 start.Add(r.Elapsed),
		}
		if r.Status != statusPass {
			spec.State = types.SpecStateFailed
			var msgs []string
			for _, pr := range r.Problems {
				msgs = append(msgs, located(pr))
			}
			loc := spec.LeafNodeLocation
			if len(r.Problems) > 0 && r.Problems[0].Line > 0 {
				loc.LineNumber = r.Problems[0].Line
			}
			spec.Failure = types.Failure{Message: strings.Join(msgs, "\n"), Location: loc, FailureNodeType: types.NodeTypeIt}
		}
		rep.SpecReports = append(rep.SpecReports, spec)
	}
	return reporters.GenerateJUnitReport(rep, path)
}

// sanitize keeps spec names safe for tools that split on "/" (gotestsum has crashed on it).
func sanitize(s string) string { return strings.ReplaceAll(filepath.ToSlash(s), "/", "_") }
