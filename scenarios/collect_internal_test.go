package scenarios

import (
	"errors"
	"io/fs"
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
})
