// Package tzdb loads IANA time zones from a copy of the zone database that is compiled into the
// binary (zoneinfo.zip, taken from the Go distribution). Unlike time.LoadLocation, it never looks
// at the ZONEINFO variable or the host's /usr/share/zoneinfo, so the offsets a simulation sees
// depend only on the bgsim version, never on the machine it runs on. That is part of the
// determinism contract: two machines with different system tzdata must replay the same trace.
package tzdb

import (
	"archive/zip"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"sync"
	"time"
)

//go:embed zoneinfo.zip
var zoneinfo []byte

var (
	once  sync.Once
	files map[string]*zip.File
	names []string
	err0  error
)

func index() {
	r, err := zip.NewReader(bytes.NewReader(zoneinfo), int64(len(zoneinfo)))
	if err != nil {
		err0 = fmt.Errorf("cannot read the embedded zone database: %w", err)
		return
	}
	files = make(map[string]*zip.File, len(r.File))
	for _, f := range r.File {
		files[f.Name] = f
		names = append(names, f.Name)
	}
	sort.Strings(names)
}

// Load returns the zone with the given IANA name. "" and "UTC" give time.UTC.
func Load(name string) (*time.Location, error) {
	if name == "" || name == "UTC" {
		return time.UTC, nil
	}
	once.Do(index)
	if err0 != nil {
		return nil, err0
	}
	f, ok := files[name]
	if !ok {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("cannot open time zone %q: %w", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("cannot read time zone %q: %w", name, err)
	}
	loc, err := time.LoadLocationFromTZData(name, data)
	if err != nil {
		return nil, fmt.Errorf("cannot load time zone %q: %w", name, err)
	}
	return loc, nil
}

// Names returns every zone name in the database, sorted.
func Names() []string {
	once.Do(index)
	return append([]string(nil), names...)
}
