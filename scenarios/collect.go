package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Collect expands paths into scenario files: a file as given, a folder as every *.yaml and
// *.yml file below it in lexical order, so the CLI, the library suite and the tests all see one
// order. The walk skips the folders below it named testdata or whose names start with "." or
// "_", as the go tool does (deliberately broken files live there); a folder named as a path is
// walked whatever its name. A path or subfolder that cannot be read does not stop the rest: the files found are
// returned with an error naming every path that could not be read (errors.Join), so a caller
// can report it, run the rest, and fail at the end.
func Collect(paths ...string) ([]string, error) {
	var out []string
	var errs []error
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("cannot read %s: %w", p, reason(err)))
			continue
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		found, werrs := collectFS(os.DirFS(p), p)
		out = append(out, found...)
		errs = append(errs, werrs...)
	}
	return out, errors.Join(errs...)
}

// isScenarioName reports whether a file name has a scenario extension.
func isScenarioName(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// collectFS walks fsys, the folder root, and returns its scenario files as paths under root,
// sorted, with one error for each entry that could not be read.
func collectFS(fsys fs.FS, root string) ([]string, []error) {
	var found []string
	var errs []error
	_ = fs.WalkDir(fsys, ".", func(rel string, d fs.DirEntry, err error) error {
		path := filepath.Join(root, filepath.FromSlash(rel))
		if d != nil && d.IsDir() && rel != "." && skippedDir(d.Name()) {
			return fs.SkipDir
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("cannot read %s: %w", path, reason(err)))
			return nil // a folder that cannot be listed is skipped; its siblings are walked
		}
		if !d.IsDir() && isScenarioName(d.Name()) {
			found = append(found, path)
		}
		return nil
	})
	sort.Strings(found)
	return found, errs
}

// skippedDir reports whether a folder below a walked one is left out: testdata, or a name that
// starts with "." or "_", the folders the go tool ignores too.
func skippedDir(name string) bool {
	return name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}
