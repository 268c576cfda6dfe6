package harness

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/bgsim/bgsim/simulator"
)

// UpdateEnv is the environment variable that makes MatchGoldenTrace rewrite its golden files:
// BGSIM_UPDATE=1 go test ./... (a flag would fail in packages that do not define it). Run it,
// then read the diff before committing.
const UpdateEnv = "BGSIM_UPDATE"

// MatchGoldenTrace succeeds when the canonical trace text of actual (any trace source
// [RecordsOf] accepts) equals the golden file at path. With BGSIM_UPDATE=1 it writes the file
// instead and succeeds. The failure message shows the first differing line with the lines around
// it and their virtual times, then a go-cmp diff of the lines (-golden +actual); the golden file
// holds only the canonical text, never the diff.
func MatchGoldenTrace(path string) *GoldenMatcher { return &GoldenMatcher{path: path} }

// GoldenMatcher is the matcher MatchGoldenTrace returns.
type GoldenMatcher struct {
	path      string
	diverging string // firstDivergence
	diff      string // lineDiff
}

// Match implements types.GomegaMatcher.
func (m *GoldenMatcher) Match(actual any) (bool, error) {
	recs, err := RecordsOf(actual)
	if err != nil {
		return false, fmt.Errorf("MatchGoldenTrace: %w", err)
	}
	got := simulator.FormatText(recs)
	if os.Getenv(UpdateEnv) == "1" {
		if err := os.WriteFile(m.path, []byte(got), 0o644); err != nil {
			return false, fmt.Errorf("MatchGoldenTrace: cannot update golden file: %w", err)
		}
		return true, nil
	}
	want, err := os.ReadFile(m.path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("MatchGoldenTrace: golden file %s does not exist; record it with %s=1", m.path, UpdateEnv)
	}
	if err != nil {
		return false, fmt.Errorf("MatchGoldenTrace: cannot read golden file: %w", err)
	}
	if string(want) == got {
		return true, nil
	}
	m.diverging, m.diff = firstDivergence(string(want), got), lineDiff(string(want), got)
	return false, nil
}

// FailureMessage implements types.GomegaMatcher.
func (m *GoldenMatcher) FailureMessage(any) string {
	return fmt.Sprintf("Expected the trace to match golden file %s (-golden +actual; re-record with %s=1, then read the diff)\n%s\nthe trace lines:\n%s",
		m.path, UpdateEnv, m.diverging, m.diff)
}

// NegatedFailureMessage implements types.GomegaMatcher.
func (m *GoldenMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("Expected the trace not to match golden file %s", m.path)
}
