package tzdb

import (
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	loc, err := Load("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	winter := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC).In(loc)
	summer := time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC).In(loc)
	if _, off := winter.Zone(); off != 3600 {
		t.Errorf("Berlin winter offset = %d, want 3600", off)
	}
	if _, off := summer.Zone(); off != 7200 {
		t.Errorf("Berlin summer offset = %d, want 7200", off)
	}
	if _, err := Load("Mars/Olympus_Mons"); err == nil {
		t.Error("an unknown zone loaded without error")
	}
	if loc, _ := Load(""); loc != time.UTC {
		t.Error(`Load("") is not UTC`)
	}
	if n := len(Names()); n < 300 {
		t.Errorf("only %d zone names", n)
	}
}
