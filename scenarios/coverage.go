package scenarios

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/invariants"
)

// Coverage counts how often each rule point of the model was exercised. Points are named
// "category/name" (see CoveragePoints); merging two Coverages adds their counts, so the order of
// the runs or machines that made them does not matter.
type Coverage struct {
	Points map[string]uint64 `json:"points"`
}

// NewCoverage returns an empty Coverage.
func NewCoverage() *Coverage { return &Coverage{Points: map[string]uint64{}} }

// Merge adds other's counts to c.
func (c *Coverage) Merge(other *Coverage) {
	for k, v := range other.Points {
		c.Points[k] += v
	}
}

// Hit reports how many times point was exercised.
func (c *Coverage) Hit(point string) uint64 { return c.Points[point] }

// add counts one hit and reports whether it was the point's first.
func (c *Coverage) add(point string) bool {
	c.Points[point]++
	return c.Points[point] == 1
}

// MarshalFile renders c as the JSON of a coverage file: indented, keys sorted, a trailing
// newline, so equal coverage gives equal bytes.
func (c *Coverage) MarshalFile() []byte {
	b, err := json.MarshalIndent(struct {
		Format string            `json:"format"`
		Points map[string]uint64 `json:"points"`
	}{coverageFormat, c.Points}, "", "  ")
	if err != nil {
		panic(err) // a map of strings to numbers always encodes
	}
	return append(b, '\n')
}

// coverageFormat names the file format, so a reader can refuse another one.
const coverageFormat = "bgsim-coverage/1"

// ParseCoverage reads a coverage file written by MarshalFile.
func ParseCoverage(name string, data []byte) (*Coverage, error) {
	var f struct {
		Format string            `json:"format"`
		Points map[string]uint64 `json:"points"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("cannot read coverage file %s: %w", name, err)
	}
	if f.Format != coverageFormat {
		return nil, fmt.Errorf("cannot read coverage file %s: format %q, want %q", name, f.Format, coverageFormat)
	}
	c := NewCoverage()
	for k, v := range f.Points {
		c.Points[k] = v
	}
	return c, nil
}

// Sorted lists the points of c with their counts: every point of CoveragePoints first, in its
// order (a count of 0 is a point never hit), then any other point c holds, sorted.
func (c *Coverage) Sorted() []PointCount {
	known := CoveragePoints()
	out := make([]PointCount, 0, len(known))
	seen := make(map[string]bool, len(known))
	for _, p := range known {
		out = append(out, PointCount{p, c.Points[p]})
		seen[p] = true
	}
	var extra []string
	for p := range c.Points {
		if !seen[p] {
			extra = append(extra, p)
		}
	}
	slices.Sort(extra)
	for _, p := range extra {
		out = append(out, PointCount{p, c.Points[p]})
	}
	return out
}

// PointCount is one row of a coverage table.
type PointCount struct {
	Point string
	Count uint64
}

// policyKnobs are the policy points: a knob "applied" when a record shows its rule deciding.
var policyKnobs = []string{"wall_clock_limit", "application_wall_clock_limit", "maintenance_wall_clock_limit",
	"cancel_grace", "idle_watchdog", "latched_firings:coalesce", "latched_firings:each_firing",
	"overlap:start_new", "overlap:latch", "deliver_after_relaunch", "energy_saver_cancels_running",
	"register_without_access", "reset_access_on_update", "request_access_result"}

// latchReasons are the latched record's waiting= values besides a condition.
var latchReasons = []string{"ac_power", "maintenance_window", "standby", "access", "battery_saver", "running_instance"}

// triggerClassPoints are the trigger/ points besides System:EVENT, by the class a trigger's text
// starts with (Time(15m) is Time): the classes with rules of their own, the update task, then
// every class GenericTrigger takes, without its "Trigger" suffix.
var triggerClassPoints = func() []string {
	out := []string{"Time", "Maintenance", "Application", "CustomSystemEvent", "SocketActivity",
		"PushNotification", "ControlChannel", "Location", "DeviceUse", "DeviceServicing", "UpdateTask"}
	for _, c := range simulator.TriggerClasses() {
		if c := strings.TrimSuffix(c, "Trigger"); !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}()

// CoveragePoints lists every rule point, in table order: trigger types fired
// (trigger/System:EVENT, trigger/Time, ..., every trigger class, and trigger/UpdateTask for the
// update task), what latched (latched/CONDITION or reason),
// conditions held at a run and lost (held/C, lost/C), cancellations (canceled/REASON),
// delivery outcomes (delivered/ok, dropped/error, ...), registration errors
// (register_failed/CODE), ApplicationTrigger results (signal_result/RESULT) and policy knobs
// (policy/KNOB).
func CoveragePoints() []string {
	var out []string
	for _, t := range simulator.SystemTriggerTypes() {
		out = append(out, "trigger/System:"+t.String())
	}
	for _, t := range triggerClassPoints {
		out = append(out, "trigger/"+t)
	}
	conds := simulator.SystemConditionTypes()
	for _, c := range conds {
		out = append(out, "latched/"+c.String())
	}
	for _, r := range latchReasons {
		out = append(out, "latched/"+r)
	}
	for _, what := range []string{"held/", "lost/"} {
		for _, c := range conds {
			out = append(out, what+c.String())
		}
	}
	for _, r := range simulator.CancellationReasons() {
		out = append(out, "canceled/"+r.String())
	}
	for _, k := range []string{"delivered", "dropped"} {
		out = append(out, k+"/ok", k+"/error")
	}
	for _, c := range simulator.RegisterErrorCodes() {
		out = append(out, "register_failed/"+c.String())
	}
	for _, r := range simulator.ApplicationTriggerResults() {
		out = append(out, "signal_result/"+r.String())
	}
	for _, k := range policyKnobs {
		out = append(out, "policy/"+k)
	}
	return out
}

// coverTask is what the coverage sink knows of one registration, from its register record.
type coverTask struct {
	class      string // trigger class: System, Time, Maintenance, Application, CustomSystemEvent
	point      string // its trigger/ point: the class, or System:EVENT
	conditions []simulator.SystemConditionType
	netReq     bool
	pending    bool // latched and not run since
	running    int
}

// coverInstance is what the coverage sink knows of one instance.
type coverInstance struct {
	task     int
	canceled bool
	heldBack bool // completed while the app was not running
}

// coverageSink records the rule points a replay exercises into a Coverage, and reports whether
// a run reached a point the Coverage had not seen (fresh).
type coverageSink struct {
	cov       *Coverage
	e         *simulator.Engine
	tasks     map[int]*coverTask
	instances []coverInstance
	fresh     int // points hit for the first time
}

func newCoverageSink(cov *Coverage) *coverageSink {
	return &coverageSink{cov: cov, tasks: map[int]*coverTask{}}
}

func (cs *coverageSink) attach(e *simulator.Engine) { cs.e = e }

func (cs *coverageSink) hit(point string) {
	if cs.cov.add(point) {
		cs.fresh++
	}
}

// Record implements simulator.Sink.
func (cs *coverageSink) Record(r *simulator.Record) {
	switch r.Kind {
	case simulator.KindRegister:
		cs.register(r)
	case simulator.KindRegisterFailed:
		cs.hit("register_failed/" + r.Code.String())
	case simulator.KindSignalResult:
		cs.hit("signal_result/" + r.Signal.String())
	case simulator.KindLatched:
		cs.latched(r)
	case simulator.KindRun:
		cs.run(r)
	case simulator.KindCanceled:
		cs.canceled(r)
	case simulator.KindTerminated:
		if in := cs.instance(r); in != nil && in.canceled && strings.Contains(r.Detail, "cancel_grace_expired") {
			cs.hit("policy/cancel_grace")
		}
	case simulator.KindCompleted:
		if in := cs.instance(r); in != nil {
			if t := cs.tasks[in.task]; t != nil {
				t.running--
			}
			if cs.e != nil {
				app := cs.e.AppState()
				in.heldBack = app == simulator.AppTerminated || app == simulator.AppNotRunning
			}
		}
	case simulator.KindDelivered, simulator.KindDropped:
		cs.hit(r.Kind.String() + "/" + r.Result.String())
		if in := cs.instance(r); in != nil && in.heldBack && r.Kind == simulator.KindDelivered {
			cs.hit("policy/deliver_after_relaunch")
		}
	case simulator.KindAccess:
		switch {
		case strings.HasPrefix(r.Detail, "reset "):
			cs.hit("policy/reset_access_on_update")
		case strings.HasPrefix(r.Detail, "request ") && (strings.HasSuffix(r.Detail, " was=not_requested") || strings.HasSuffix(r.Detail, " was=Unspecified")):
			cs.hit("policy/request_access_result")
		}
	}
}

func (cs *coverageSink) instance(r *simulator.Record) *coverInstance {
	if r.Instance < 1 || r.Instance > len(cs.instances) {
		return nil
	}
	return &cs.instances[r.Instance-1]
}

// register learns a registration's trigger class and conditions from the registration itself
// (from the record's fields, read as fields, when there is no engine), and its network request
// from the record's network_requested field: names the app chose never count.
func (cs *coverageSink) register(r *simulator.Record) {
	t := &coverTask{netReq: invariants.NetworkRequested(r.Detail)}
	var reg *simulator.Registration
	if cs.e != nil {
		reg = invariants.RegistrationOf(cs.e, r.TaskNum)
	}
	if reg != nil {
		t.class, t.point = triggerPoint(reg.Trigger())
		t.conditions = slices.Clone(reg.Conditions())
		t.netReq = reg.IsNetworkRequested()
	} else {
		if v, ok := invariants.DetailField(r.Detail, "trigger"); ok {
			t.class, t.point = triggerPointOf(v)
		}
		if v, ok := invariants.DetailField(r.Detail, "conditions"); ok {
			for _, name := range strings.Split(v, ",") {
				if c, err := simulator.ParseSystemConditionType(name); err == nil {
					t.conditions = append(t.conditions, c)
				}
			}
		}
	}
	cs.tasks[r.TaskNum] = t
	if cs.e != nil && cs.e.AccessStatus() == simulator.AccessNotRequested {
		cs.hit("policy/register_without_access")
	}
}

// triggerPoint returns a trigger's class (System, Time, Maintenance, Application, SocketActivity,
// a generic class without its "Trigger" suffix, ...) and the name of its trigger/ point
// (System:EVENT for a system trigger): what triggerPointOf reads from the trigger's text, which
// starts with the class.
func triggerPoint(tr simulator.Trigger) (class, point string) {
	if st, ok := tr.(*simulator.SystemTrigger); ok {
		return "System", "System:" + st.TriggerType.String()
	}
	if tr == nil {
		return "", ""
	}
	class, _, _ = strings.Cut(tr.String(), "(")
	return class, class
}

// triggerPointOf is triggerPoint for a record's trigger= value, unquoted: CLASS(ARGS).
func triggerPointOf(v string) (class, point string) {
	class, rest, _ := strings.Cut(v, "(")
	point = class
	if class == "System" {
		event, _, _ := strings.Cut(rest, ")")
		event, _, _ = strings.Cut(event, ",")
		point += ":" + event
	}
	return class, point
}

func (cs *coverageSink) latched(r *simulator.Record) {
	why, pending := "", ""
	for _, f := range strings.Fields(r.Detail) {
		k, v, _ := strings.Cut(f, "=")
		switch k {
		case "waiting":
			why = v
		case "pending":
			pending = v
		}
	}
	cs.hit("latched/" + why)
	if why == "running_instance" {
		cs.hit("policy/overlap:latch")
	}
	t := cs.tasks[r.TaskNum]
	switch {
	case pending != "1" && pending != "":
		cs.hit("policy/latched_firings:each_firing")
	case t != nil && t.pending:
		cs.hit("policy/latched_firings:coalesce")
	}
	if t != nil {
		t.pending = true
	}
}

func (cs *coverageSink) run(r *simulator.Record) {
	cs.instances = append(cs.instances, coverInstance{task: r.TaskNum})
	t := cs.tasks[r.TaskNum]
	switch {
	case t != nil && t.point != "":
		cs.hit("trigger/" + t.point)
	default:
		if v, ok := invariants.DetailField(r.Detail, "trigger"); ok {
			_, point := triggerPointOf(v)
			cs.hit("trigger/" + point)
		}
	}
	if t == nil {
		return
	}
	t.pending = false
	for _, c := range t.conditions {
		cs.hit("held/" + c.String())
	}
	if t.running > 0 {
		cs.hit("policy/overlap:start_new")
	}
	t.running++
}

func (cs *coverageSink) canceled(r *simulator.Record) {
	cs.hit("canceled/" + r.Reason.String())
	in := cs.instance(r)
	if in == nil {
		return
	}
	in.canceled = true
	t := cs.tasks[in.task]
	switch r.Reason {
	case simulator.ReasonExecutionTimeExceeded:
		switch {
		case t != nil && t.class == "Application":
			cs.hit("policy/application_wall_clock_limit")
		case t != nil && t.class == "Maintenance":
			cs.hit("policy/maintenance_wall_clock_limit")
		default:
			cs.hit("policy/wall_clock_limit")
		}
	case simulator.ReasonIdleTask:
		cs.hit("policy/idle_watchdog")
	case simulator.ReasonEnergySaver:
		cs.hit("policy/energy_saver_cancels_running")
	case simulator.ReasonConditionLoss:
		if t == nil || cs.e == nil {
			return
		}
		d := cs.e.Device()
		for _, c := range t.conditions {
			if !invariants.ConditionHolds(d, t.netReq, c) {
				cs.hit("lost/" + c.String())
			}
		}
	}
}

// CoverageOf replays s and returns the rule points it exercised: what "bgsim run --coverage"
// records for each file. The error is as RunContext's.
func CoverageOf(ctx context.Context, s *Scenario, opts Options) (*Coverage, error) {
	cov := NewCoverage()
	if _, err := play(ctx, s, opts, newCoverageSink(cov)); err != nil {
		return nil, err
	}
	return cov, nil
}
