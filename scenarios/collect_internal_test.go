package scenarios

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing/fstest"

	"github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// unreadableDir is an fs.FS whose folder bad cannot be listed.
type unreadableDir struct{ fstest.MapFS }

func (u unreadableDir) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == "bad" {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrPermission}
	}
	return u.MapFS.ReadDir(name)
}

var _ = ginkgo.Describe("collecting a folder", func() {
	ginkgo.It("takes .yaml and .yml files, and reports a folder it cannot list without stopping", func() {
		fsys := unreadableDir{fstest.MapFS{
			"a.yaml":       {},
			"b.yml":        {},
			"notes.txt":    {},
			"bad/c.yaml":   {},
			"good/d.yaml":  {},
			"good/e.yml":   {},
			"zz/f.yaml.gz": {},
		}}
		found, errs := collectFS(fsys, "root")
		Expect(found).To(Equal([]string{"root/a.yaml", "root/b.yml", "root/good/d.yaml", "root/good/e.yml"}))
		Expect(errs).To(HaveLen(1))
		Expect(errs[0]).To(MatchError("cannot read root/bad: permission denied"))
		Expect(errors.Is(errs[0], fs.ErrPermission)).To(BeTrue())
	})

	ginkgo.It("skips testdata and folders starting with . or _ below the folder, but not the folder named", func() {
		fsys := fstest.MapFS{
			"a.yaml":                 {},
			"testdata/broken.yaml":   {},
			".git/x.yaml":            {},
			"_old/y.yaml":            {},
			"sub/testdata/z.yaml":    {},
			"sub/.hidden/w.yaml":     {},
			"sub/b.yaml":             {},
			"sub/not_testdata/c.yml": {},
			"sub/x.testdata/d.yaml":  {},
			"under_score/e.yaml":     {},
		}
		found, errs := collectFS(fsys, "root")
		Expect(errs).To(BeEmpty())
		Expect(found).To(Equal([]string{"root/a.yaml", "root/sub/b.yaml", "root/sub/not_testdata/c.yml",
			"root/sub/x.testdata/d.yaml", "root/under_score/e.yaml"}))
		found, errs = collectFS(fsys, "testdata") // the root is walked whatever its name
		Expect(errs).To(BeEmpty())
		Expect(found).To(ContainElement("testdata/a.yaml"))
	})

	ginkgo.It("walks a testdata or hidden folder given as the path itself", func() {
		dir := ginkgo.GinkgoT().TempDir()
		for _, name := range []string{"a.yaml", "testdata/b.yaml", ".hidden/c.yaml"} {
			path := filepath.Join(dir, filepath.FromSlash(name))
			Expect(os.MkdirAll(filepath.Dir(path), 0o755)).To(Succeed())
			Expect(os.WriteFile(path, nil, 0o644)).To(Succeed())
		}
		Expect(Collect(dir)).To(Equal([]string{filepath.Join(dir, "a.yaml")}))
		Expect(Collect(filepath.Join(dir, "testdata"))).To(Equal([]string{filepath.Join(dir, "testdata", "b.yaml")}))
		Expect(Collect(filepath.Join(dir, ".hidden"))).To(Equal([]string{filepath.Join(dir, ".hidden", "c.yaml")}))
	})

	ginkgo.It("reports a folder with no scenario file in it, and still returns the files of the other paths", func() {
		dir := ginkgo.GinkgoT().TempDir()
		empty := filepath.Join(dir, "empty")
		onlyTestdata := filepath.Join(dir, "only")
		Expect(os.MkdirAll(empty, 0o755)).To(Succeed())
		Expect(os.MkdirAll(filepath.Join(onlyTestdata, "testdata"), 0o755)).To(Succeed())
		Expect(os.WriteFile(filepath.Join(onlyTestdata, "notes.md"), nil, 0o644)).To(Succeed())
		Expect(os.WriteFile(filepath.Join(onlyTestdata, "testdata", "x.yaml"), nil, 0o644)).To(Succeed())
		file := filepath.Join(dir, "a.yaml")
		Expect(os.WriteFile(file, nil, 0o644)).To(Succeed())
		found, err := Collect(empty, file, onlyTestdata)
		Expect(found).To(Equal([]string{file}))
		Expect(err).To(MatchError("no scenario files in " + empty + " (looked for *.yaml and *.yml)\n" +
			"no scenario files in " + onlyTestdata + " (looked for *.yaml and *.yml)"))
		Expect(errors.Is(err, ErrNoScenarioFiles)).To(BeTrue())
		var pe *PathError
		Expect(errors.As(err, &pe)).To(BeTrue())
		Expect(pe.Path).To(Equal(empty))
	})

	ginkgo.It("returns a file named twice once, where it was first seen", func() {
		dir := ginkgo.GinkgoT().TempDir()
		a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
		Expect(os.WriteFile(a, nil, 0o644)).To(Succeed())
		Expect(os.WriteFile(b, nil, 0o644)).To(Succeed())
		missing := filepath.Join(dir, "missing.yaml")
		found, err := Collect(b, a, dir+"/./b.yaml", dir, missing, a, dir+"/../"+filepath.Base(dir)+"/missing.yaml")
		Expect(found).To(Equal([]string{b, a}))
		Expect(err).To(MatchError("cannot read " + missing + ": no such file or directory"))
	})
})
