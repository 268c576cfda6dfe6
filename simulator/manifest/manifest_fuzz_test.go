package manifest_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/bgsim/bgsim/simulator/manifest"
)

// FuzzManifest checks that Parse never panics, that every error is a
// *manifest.Error with a line, and that every successful result is well
// formed and accepted by New. Its seed corpus is testdata/fuzz/FuzzManifest
// plus the fixture manifests and the inputs below.
func FuzzManifest(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.appxmanifest"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixture manifests in %s: %v", fixtureDir, err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"",
		" ",
		"\ufeff<Package/>",
		"<Package/>",
		"<Package>",
		"<Package></Extension>",
		"<Manifest/>",
		"<Package/><Package/>",
		`<?xml version="1.0" encoding="utf-16"?><Package/>`,
		`<Package><Extension Category="windows.backgroundTasks"/></Package>`,
		`<Package><Extension Category="windows.backgroundTasks" EntryPoint="T"><BackgroundTasks><Task/></BackgroundTasks></Extension></Package>`,
		`<Package><Extension Category="windows.backgroundTasks" EntryPoint="T"><BackgroundTasks><Task Type="Timer"/></BackgroundTasks></Extension></Package>`,
		`<Package><Extension Category="windows.backgroundTasks" EntryPoint="T"><BackgroundTasks><Task Type="timer"/></BackgroundTasks></Extension>` +
			`<Extension Category="windows.backgroundTasks" EntryPoint="T"><BackgroundTasks><Task Type="timer"/></BackgroundTasks></Extension></Package>`,
		`<Package><Extension Category="windows.backgroundTasks" EntryPoint="A"><Extension Category="windows.backgroundTasks" EntryPoint="B"/></Extension></Package>`,
		"<Package>\r\n<Extension Category=windows.backgroundTasks>\r\n</Package>",
		"<Package>&bogus;</Package>",
		"<Package>\xff</Package>",
	} {
		f.Add([]byte(s))
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := manifest.Parse("fuzz.appxmanifest", data)
		if err != nil {
			if m != nil {
				t.Fatalf("Parse returned both a manifest and error %v", err)
			}
			var merr *manifest.Error
			if !errors.As(err, &merr) {
				t.Fatalf("error %v is %T, not *manifest.Error", err, err)
			}
			if merr.File != "fuzz.appxmanifest" || merr.Msg == "" {
				t.Fatalf("error %q lacks its file or message", err)
			}
			if merr.Line < 1 || merr.Col < 0 {
				t.Fatalf("error %q has no line", err)
			}
			return
		}
		for i, d := range m.Declarations {
			if d.Line < 1 || d.Col < 1 {
				t.Fatalf("declaration %d (%q) has position %d:%d", i, d.EntryPoint, d.Line, d.Col)
			}
			if len(d.TaskTypes) == 0 {
				t.Fatalf("declaration %d (%q) has no task type", i, d.EntryPoint)
			}
			if d.EntryPoint == "" && d.Executable == "" {
				t.Fatalf("declaration %d has neither entry point nor executable", i)
			}
			if d.EntryPoint != "" {
				if got, ok := m.Lookup(d.EntryPoint); !ok || got != &m.Declarations[i] {
					t.Fatalf("Lookup(%q) does not find declaration %d", d.EntryPoint, i)
				}
			}
		}
		if _, err := manifest.New(m.Name, m.Declarations...); err != nil {
			t.Fatalf("New rejects what Parse accepted: %v", err)
		}
	})
}
