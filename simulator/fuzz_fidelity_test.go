package simulator_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bgsim/bgsim/simulator"
)

// fidelityRules are FuzzEngine's checks of the rules that follow the power source, the app and
// the host (docs/windows-model.md#battery-saver-and-power, #application-trigger-requests and
// #resource-groups):
//   - RequestAsync never answers Allowed while the app is not in the foreground, nor to a call
//     from task code (cause=from_task);
//   - at most one application-triggered instance runs at a time;
//   - when a shared host (a resource group) ends, every instance in it ends;
//   - Battery Saver is never on while the device is on AC power, unless Policy.EnergySaverOnAC.
type fidelityRules struct {
	err       string
	n         int
	app       simulator.AppState // the app's state, from its app records
	instances []hostedInstance   // index: instance number - 1
	hostEnded map[string]int     // shared host -> record number of its last terminated record
}

// hostedInstance is what fidelityRules know of one instance.
type hostedInstance struct {
	host    string // host= of its run record; "" for a host of its own
	started int    // record number of its run record
	ended   bool   // terminated or completed
}

func newFidelityRules() fidelityRules { return fidelityRules{hostEnded: map[string]int{}} }

func (f *fidelityRules) failf(r *simulator.Record, format string, args ...any) {
	if f.err == "" {
		f.err = fmt.Sprintf("record %d %q: %s", f.n, r.String(), fmt.Sprintf(format, args...))
	}
}

// record follows one record.
func (f *fidelityRules) record(r *simulator.Record) {
	f.n++
	switch r.Kind {
	case simulator.KindApp:
		if st, err := simulator.ParseAppState(field(r.Detail, "state=")); err == nil {
			f.app = st
		}
	case simulator.KindSignalResult:
		if r.Signal == simulator.SignalAllowed && f.app != simulator.AppForeground {
			f.failf(r, "Allowed while the app is %v", f.app)
		}
		if r.Signal == simulator.SignalAllowed && field(r.Detail, "cause=") == "from_task" {
			f.failf(r, "Allowed to task code")
		}
	case simulator.KindRun:
		f.instances = append(f.instances, hostedInstance{host: field(r.Detail, "host="), started: f.n})
	case simulator.KindTerminated, simulator.KindCompleted:
		if r.Instance < 1 || r.Instance > len(f.instances) {
			return
		}
		f.instances[r.Instance-1].ended = true
		if h := field(r.Detail, "host="); h != "" && r.Kind == simulator.KindTerminated {
			f.hostEnded[h] = f.n
		}
	}
}

// check runs the rules that look at the engine between ops, after the record rules.
func (f *fidelityRules) check(e *simulator.Engine, regs []*simulator.Registration) string {
	if f.err != "" {
		return f.err
	}
	for i, in := range f.instances {
		if end, ok := f.hostEnded[in.host]; ok && in.host != "" && !in.ended && in.started < end {
			return fmt.Sprintf("instance %d still runs after its host %s ended", i+1, in.host)
		}
	}
	if d := e.Device(); d.BatterySaver && d.Power == simulator.PowerAC && !e.Policy().EnergySaverOnAC {
		return "Battery Saver is on while the device is on AC power"
	}
	running := 0
	for _, r := range regs {
		if _, ok := r.Trigger().(*simulator.ApplicationTrigger); ok {
			running += r.Running()
		}
	}
	if running > 1 {
		return fmt.Sprintf("%d application-triggered instances run at once", running)
	}
	return ""
}

// field returns the value of the first detail field with the prefix, or "".
func field(detail, prefix string) string {
	for _, f := range strings.Fields(detail) {
		if v, ok := strings.CutPrefix(f, prefix); ok {
			return v
		}
	}
	return ""
}

// TestFidelityRulesCatchBrokenTraces feeds fidelityRules hand-made traces that break each record
// rule, so that a FuzzEngine pass means something.
func TestFidelityRulesCatchBrokenTraces(t *testing.T) {
	rows := []struct {
		reason string
		trace  []simulator.Record
		want   string
	}{
		{"allowed while suspended", []simulator.Record{{Kind: simulator.KindApp, Detail: "suspend state=suspended"},
			{Kind: simulator.KindSignalResult, Signal: simulator.SignalAllowed}}, "Allowed while the app is suspended"},
		{"allowed to task code", []simulator.Record{{Kind: simulator.KindApp, Detail: "launch state=foreground"},
			{Kind: simulator.KindSignalResult, Signal: simulator.SignalAllowed, Detail: "cause=from_task"}}, "Allowed to task code"},
		{"a good trace", []simulator.Record{{Kind: simulator.KindApp, Detail: "launch state=foreground"},
			{Kind: simulator.KindSignalResult, Signal: simulator.SignalAllowed}}, ""},
	}
	for _, row := range rows {
		f := newFidelityRules()
		for i := range row.trace {
			f.record(&row.trace[i])
		}
		if row.want == "" && f.err != "" || !strings.Contains(f.err, row.want) {
			t.Errorf("%s: got error %q, want one containing %q", row.reason, f.err, row.want)
		}
	}
	f := newFidelityRules()
	for _, r := range []simulator.Record{
		{Kind: simulator.KindRun, TaskNum: 1, Instance: 1, Detail: "trigger=Application host=G"},
		{Kind: simulator.KindRun, TaskNum: 2, Instance: 2, Detail: "trigger=Application host=G"},
		{Kind: simulator.KindTerminated, TaskNum: 1, Instance: 1, Detail: "cause=kill_host host=G"},
	} {
		f.record(&r)
	}
	e, err := simulator.New(simulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.check(e, nil); !strings.Contains(got, "instance 2 still runs after its host G ended") {
		t.Errorf("an instance left running in an ended host: check = %q", got)
	}
}
