package scenarios

import (
	"errors"
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
// walked whatever its name. A path or subfolder that cannot be read, or a folder with no
// scenario file, does not stop the rest: the files found are returned with an error naming
// every such path (errors.Join of *PathError), so a caller can report it, run the rest, and fail
// at the end. A file named twice (the same cleaned absolute path, given twice or also found in
// a folder) is returned once, where it was first seen, so no file is replayed or rewritten by
// two workers at once; so is a path error.
func Collect(paths ...string) ([]string, error) {
	var out []string
	var errs []error
	seen := map[string]bool{}
	first := func(path string) bool {
		key, err := filepath.Abs(path)
		if err != nil {
			key = filepath.Clean(path)
		}
		if seen[key] {
			return false
		}
		seen[key] = true
		return true
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			if first(p) {
				errs = append(errs, &PathError{Path: p, Err: reason(err)})
			}
			continue
		}
		if !fi.IsDir() {
			if first(p) {
				out = append(out, p)
			}
			continue
		}
		found, werrs := collectFS(os.DirFS(p), p)
		if len(found) == 0 && len(werrs) == 0 {
			werrs = append(werrs, &PathError{Path: p, Err: ErrNoScenarioFiles})
		}
		for _, f := range found {
			if first(f) {
				out = append(out, f)
			}
		}
		for _, e := range werrs {
			if first(e.Path) {
				errs = append(errs, e)
			}
		}
	}
	return out, errors.Join(errs...)
}

// ErrNoScenarioFiles is the reason of a *PathError for a folder with no scenario file in it.
var ErrNoScenarioFiles = errors.New("no scenario files")

// PathError is a path Collect could not expand: a path or a folder below it that cannot be
// read (Err is the reason, such as fs.ErrNotExist or fs.ErrPermission), or a folder with no
// scenario file (Err is ErrNoScenarioFiles).
type PathError struct {
	Path string
	Err  error
}

// Error says what is wrong with the path, naming it.
func (e *PathError) Error() string {
	if errors.Is(e.Err, ErrNoScenarioFiles) {
		return "no scenario files in " + e.Path + " (looked for *.yaml and *.yml)"
	}
	return "cannot read " + e.Path + ": " + e.Err.Error()
}

// Unwrap returns the reason.
func (e *PathError) Unwrap() error { return e.Err }

// isScenarioName reports whether a file name has a scenario extension.
func isScenarioName(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// collectFS walks fsys, the folder root, and returns its scenario files as paths under root,
// sorted, with one error for each entry that could not be read.
func collectFS(fsys fs.FS, root string) ([]string, []*PathError) {
	var found []string
	var errs []*PathError
	_ = fs.WalkDir(fsys, ".", func(rel string, d fs.DirEntry, err error) error {
		path := filepath.Join(root, filepath.FromSlash(rel))
		if d != nil && d.IsDir() && rel != "." && skippedDir(d.Name()) {
			return fs.SkipDir
		}
		if err != nil {
			errs = append(errs, &PathError{Path: path, Err: reason(err)})
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
