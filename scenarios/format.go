package scenarios

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/bgsim/bgsim/simulator"
)

// Format writes s back as canonical YAML in the documented format: keys in the order the format
// documents them, a key left out when leaving it out parses to the same value, durations as
// [FormatDuration] writes them, triggers, conditions and action arguments in flow style, and the
// trace as a literal block. Comments and the original spelling are not kept. Parsing the result
// under the same file name gives a model equal to s except for positions (Pos fields and the
// Line and Col of inline manifest declarations). A manifest read from a file is written as that
// file: reference, so it is read again relative to the same folder.
func Format(s *Scenario) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(scenarioNode(s)); err != nil {
		return nil, fmt.Errorf("cannot format scenario %s: %w", s.File, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("cannot format scenario %s: %w", s.File, err)
	}
	return buf.Bytes(), nil
}

// mapNode builds a mapping node key by key.
type mapNode struct{ n *yaml.Node }

func newMap(flow bool) mapNode {
	m := mapNode{&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}}
	if flow {
		m.n.Style = yaml.FlowStyle
	}
	return m
}

func (m mapNode) add(key string, v *yaml.Node) {
	m.n.Content = append(m.n.Content, strNode(key), v)
}

// addStr adds a string unless it is empty.
func (m mapNode) addStr(key, v string) {
	if v != "" {
		m.add(key, strNode(v))
	}
}

// addTrue adds a boolean when it is true: false is every boolean's default.
func (m mapNode) addTrue(key string, v bool) {
	if v {
		m.add(key, scalarNode("!!bool", "true"))
	}
}

// addEnum adds an enum value unless it is the zero (absent) value.
func addEnum[T enumeration](m mapNode, key string, v T) {
	if v != 0 {
		m.add(key, strNode(v.String()))
	}
}

func strNode(s string) *yaml.Node {
	n := scalarNode("!!str", s)
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle // the emitter falls back to quotes when a block cannot hold it
	}
	return n
}

func scalarNode(tag, v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}
}

func intNode[T ~int | ~uint64 | ~uint32](v T) *yaml.Node {
	return scalarNode("!!int", strconv.FormatUint(uint64(v), 10))
}

// durationNode writes d as FormatDuration does, without zero trailing units: 10m, 2h, 1d2h.
func durationNode(d time.Duration) *yaml.Node {
	s := FormatDuration(d)
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return strNode(s)
}

func seqNode(flow bool, items ...*yaml.Node) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}
	if flow {
		n.Style = yaml.FlowStyle
	}
	if n.Content == nil {
		n.Content = []*yaml.Node{}
	}
	return n
}

func scenarioNode(s *Scenario) *yaml.Node {
	m := newMap(false)
	m.addStr("name", s.Name)
	m.addStr("description", s.Description)
	if s.Seed != 1 {
		m.add("seed", intNode(s.Seed))
	}
	if !s.Start.Equal(simulator.DefaultStart) {
		m.add("start", scalarNode("!!timestamp", s.Start.UTC().Format(time.RFC3339Nano)))
	}
	if s.UntilSet {
		m.add("until", durationNode(s.Until))
	}
	if p := policyNode(&s.Policy); len(p.Content) > 0 {
		m.add("policy", p)
	}
	if d := deviceNode(&s.Device); len(d.Content) > 0 {
		m.add("device", d)
	}
	if a := appNode(&s.App); len(a.Content) > 0 {
		m.add("app", a)
	}
	if s.Manifest != nil {
		m.add("manifest", manifestNode(s))
	}
	if len(s.Tasks) > 0 {
		m.add("tasks", tasksNode(s.Tasks))
	}
	if len(s.Registrations) > 0 {
		var items []*yaml.Node
		for i := range s.Registrations {
			items = append(items, registrationNode(&s.Registrations[i]))
		}
		m.add("registrations", seqNode(false, items...))
	}
	if len(s.Timeline) > 0 {
		m.add("timeline", timelineNode(s.Timeline))
	}
	if len(s.Expect) > 0 {
		m.add("expect", expectNode(s.Expect))
	}
	if len(s.Properties) > 0 {
		m.add("properties", propertiesNode(s.Properties))
	}
	if s.Explore != nil {
		m.add("explore", exploreNode(s.Explore))
	}
	switch {
	case s.Trace != nil && s.Trace.Pending:
		m.add("trace", scalarNode("!!null", ""))
	case s.Trace != nil:
		t := scalarNode("!!str", s.Trace.Text)
		t.Style = yaml.LiteralStyle
		m.add("trace", t)
	}
	return m.n
}

func policyNode(p *Policy) *yaml.Node {
	m := newMap(false)
	for _, d := range []struct {
		key string
		v   time.Duration
	}{
		{"wall_clock_limit", p.WallClockLimit},
		{"application_wall_clock_limit", p.ApplicationWallClockLimit},
		{"maintenance_wall_clock_limit", p.MaintenanceWallClockLimit},
		{"cancel_grace", p.CancelGrace},
		{"idle_watchdog", p.IdleWatchdog},
	} {
		if d.v != 0 {
			m.add(d.key, durationNode(d.v))
		}
	}
	addEnum(m, "latched_firings", p.LatchedFirings)
	addEnum(m, "overlap", p.Overlap)
	m.addTrue("deliver_after_relaunch", p.DeliverAfterRelaunch)
	if p.KeepRunningOnEnergySaver {
		m.add("energy_saver_cancels_running", scalarNode("!!bool", "false"))
	}
	m.addTrue("energy_saver_on_ac", p.EnergySaverOnAC)
	m.addTrue("hold_critical_on_battery_saver", p.HoldCriticalOnBatterySaver)
	m.addTrue("register_without_access", p.RegisterWithoutAccess)
	if p.KeepAccessOnUpdate {
		m.add("reset_access_on_update", scalarNode("!!bool", "false"))
	}
	addEnum(m, "request_access_result", p.RequestAccessResult)
	return m.n
}

func deviceNode(d *Device) *yaml.Node {
	m := newMap(false)
	m.addStr("time_zone", d.TimeZone)
	addEnum(m, "network", d.Network)
	addEnum(m, "network_cost", d.NetworkCost)
	addEnum(m, "power", d.Power)
	m.addTrue("battery_saver", d.BatterySaver)
	m.addTrue("standby", d.Standby)
	addEnum(m, "user", d.User)
	addEnum(m, "session", d.Session)
	m.addTrue("lock_screen", d.LockScreen)
	addEnum(m, "standby_tasks", d.StandbyTasks)
	if d.BatteryLevel != 0 {
		m.add("battery_level", intNode(uint32(d.BatteryLevel)))
	}
	if !d.MaintenanceWindow.IsZero() {
		m.add("maintenance_window", strNode(d.MaintenanceWindow.String()))
	}
	return m.n
}

func appNode(a *App) *yaml.Node {
	m := newMap(false)
	addEnum(m, "state", a.State)
	addEnum(m, "access", a.Access)
	if b := a.OnBackgroundActivated; b != nil {
		m.add("on_background_activated", behaviourNode(b))
	}
	return m.n
}

func manifestNode(s *Scenario) *yaml.Node {
	m := newMap(false)
	if s.ManifestFile != "" {
		m.add("file", strNode(s.ManifestFile))
		return m.n
	}
	var items []*yaml.Node
	for _, d := range s.Manifest.Declarations {
		dm := newMap(false)
		dm.addStr("entry_point", d.EntryPoint)
		var types []*yaml.Node
		for _, t := range d.TaskTypes {
			types = append(types, strNode(t.String()))
		}
		dm.add("task_types", seqNode(true, types...))
		dm.addStr("executable", d.Executable)
		dm.addStr("resource_group", d.ResourceGroup)
		dm.addTrue("supports_multiple_instances", d.SupportsMultipleInstances)
		items = append(items, dm.n)
	}
	m.add("declarations", seqNode(false, items...))
	if u := s.Manifest.UpdateTask; u != nil {
		m.addStr("update_task", u.EntryPoint)
	}
	if len(s.Manifest.Capabilities) > 0 {
		var caps []*yaml.Node
		for _, c := range s.Manifest.Capabilities {
			caps = append(caps, strNode(c))
		}
		m.add("capabilities", seqNode(true, caps...))
	}
	return m.n
}

func tasksNode(tasks []TaskBehaviour) *yaml.Node {
	m := newMap(false)
	for i := range tasks {
		m.add(tasks[i].EntryPoint, behaviourNode(&tasks[i]))
	}
	return m.n
}

func behaviourNode(t *TaskBehaviour) *yaml.Node {
	b := newMap(false)
	b.addStr("fixture", t.Fixture)
	if t.Script != nil {
		b.add("script", stepsNode(t.Script))
	}
	if t.OnCanceledSet {
		b.add("on_canceled", stepsNode(t.OnCanceled))
	}
	return b.n
}

// stepKeys maps each step kind to its key.
var stepKindKeys = map[StepKind]string{
	StepTakeDeferral:     "take_deferral",
	StepCompleteDeferral: "complete_deferral",
	StepProgress:         "progress",
	StepLog:              "log",
	StepPanic:            "panic",
}

func stepsNode(steps []Step) *yaml.Node {
	var items []*yaml.Node
	for _, st := range steps {
		m := newMap(false)
		if st.At != 0 {
			m.add("at", durationNode(st.At))
		}
		switch {
		case st.Kind == StepProgress:
			m.add("progress", intNode(st.Value))
		case st.Kind == StepCall && st.Call.Kind == "access":
			m.add(st.Call.Text+"_access", newMap(true).n)
		case st.Kind == StepCall:
			m.add(st.Call.Kind, actionNode(st.Call))
		default:
			m.add(stepKindKeys[st.Kind], strNode(st.Name))
		}
		items = append(items, m.n)
	}
	return seqNode(false, items...)
}

func registrationNode(r *Registration) *yaml.Node {
	m := newMap(false)
	m.add("name", strNode(r.Name))
	m.addStr("entry_point", r.EntryPoint)
	if !r.Clsid.IsZero() {
		m.add("clsid", strNode(r.Clsid.String()))
	}
	if r.Trigger != nil {
		m.add("trigger", triggerNode(r.Trigger))
	}
	if len(r.Conditions) > 0 {
		var cs []*yaml.Node
		for _, c := range r.Conditions {
			cs = append(cs, strNode(c.String()))
		}
		m.add("conditions", seqNode(true, cs...))
	}
	m.addTrue("cancel_on_condition_loss", r.CancelOnConditionLoss)
	m.addTrue("network_requested", r.NetworkRequested)
	m.addTrue("register_with_name", r.RegisterWithName)
	m.addTrue("allow_running_in_standby", r.AllowRunningInStandby)
	if r.Group != nil {
		g := newMap(true)
		g.add("id", strNode(r.Group.ID))
		g.addStr("name", r.Group.Name)
		m.add("group", g.n)
	}
	return m.n
}

func triggerNode(t *Trigger) *yaml.Node {
	m := newMap(true)
	m.add("type", strNode(t.Type))
	addEnum(m, "event", t.Event)
	if t.Freshness != 0 {
		m.add("freshness", durationNode(t.Freshness))
	}
	m.addTrue("one_shot", t.OneShot)
	if t.Type == "control_channel" {
		m.addStr("channel_id", t.ID)
		if t.KeepAlive != 0 {
			m.add("keep_alive", intNode(t.KeepAlive))
		}
		m.addTrue("hardware_slot", t.HardwareSlot)
	} else {
		m.addStr("id", t.ID)
	}
	addEnum(m, "recurrence", t.Recurrence)
	m.addStr("class", t.Class)
	addEnum(m, "location_type", t.LocationType)
	return m.n
}

func timelineNode(entries []Entry) *yaml.Node {
	var items []*yaml.Node
	for _, e := range entries {
		m := newMap(false)
		m.add("at", durationNode(e.At))
		m.add(e.Action.Kind, actionNode(&e.Action))
		items = append(items, m.n)
	}
	return seqNode(false, items...)
}

// actionNode writes the value of a timeline action. The switch is sorted by action name.
func actionNode(a *Action) *yaml.Node {
	switch a.Kind {
	case "battery_level":
		return intNode(uint32(a.Level))
	case "battery_saver", "standby":
		return scalarNode("!!bool", strconv.FormatBool(a.Bool))
	case "control_channel":
		m := newMap(true)
		m.add("channel_id", strNode(a.Text))
		addEnum(m, "event", a.Channel)
		return m.n
	case "device_trigger":
		m := newMap(true)
		m.add("task", strNode(a.Task))
		m.add("device", strNode(a.Text))
		m.addStr("arguments", a.DeviceArgs)
		m.addTrue("denied_by_user", a.DeniedByUser)
		return m.n
	case "fault":
		m := newMap(true)
		m.add("kind", strNode(a.Fault))
		m.add("task", strNode(a.Task))
		addEnum(m, "reason", a.Reason)
		return m.n
	case "geofence":
		m := newMap(true)
		m.add("id", strNode(a.Text))
		addEnum(m, "state", a.Geofence)
		return m.n
	case "network":
		return strNode(a.Network.String())
	case "network_cost":
		return strNode(a.Cost.String())
	case "power":
		return strNode(a.Power.String())
	case "register":
		return registrationNode(a.Register)
	case "session":
		return strNode(a.Session.String())
	case "signal", "media_processing":
		m := newMap(true)
		m.add("task", strNode(a.Task))
		if a.Arguments != nil {
			m.add("arguments", argumentsNode(a.Arguments))
		}
		return m.n
	case "socket_activity":
		m := newMap(true)
		m.add("task", strNode(a.Task))
		m.add("socket", strNode(a.Text))
		addEnum(m, "reason", a.Socket)
		return m.n
	case "system_event":
		return strNode(a.Event.String())
	case "unregister":
		m := newMap(true)
		m.add("task", strNode(a.Task))
		m.addTrue("cancel", a.Cancel)
		return m.n
	case "trigger_event":
		m := newMap(true)
		m.add("class", strNode(a.Text))
		if a.Arguments != nil {
			m.add("details", argumentsNode(a.Arguments))
		}
		return m.n
	case "user":
		return strNode(a.User.String())
	}
	// access, app, custom_system_event, lock_screen, raw_notification, time_zone,
	// transfer_ownership: the text as read.
	return strNode(a.Text)
}

// argumentsNode writes a ValueSet, sorted by key.
func argumentsNode(arguments map[string]string) *yaml.Node {
	args := newMap(true)
	keys := make([]string, 0, len(arguments))
	for k := range arguments {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		args.add(k, strNode(arguments[k]))
	}
	return args.n
}

func expectNode(list []Expectation) *yaml.Node {
	var items []*yaml.Node
	for i := range list {
		x := &list[i]
		m := newMap(false)
		switch {
		case x.Registered:
			m.add("registered", strNode(x.Task))
		case x.Kind == simulator.KindDevice:
			m.add("device", strNode(strings.Join(x.Fields, " ")))
		default:
			m.add(x.Kind.String(), strNode(x.Task))
		}
		if x.At != nil {
			m.add("at", durationNode(*x.At))
		}
		if x.Between != nil {
			m.add("between", seqNode(true, durationNode(x.Between[0]), durationNode(x.Between[1])))
		}
		if x.Count != nil {
			m.add("count", intNode(*x.Count))
		}
		addEnum(m, "reason", x.Reason)
		addEnum(m, "result", x.Result)
		addEnum(m, "result", x.Signal)
		if x.Value != nil {
			m.add("value", intNode(*x.Value))
		}
		addEnum(m, "error", x.Error)
		if x.Instance != 0 {
			m.add("instance", intNode(x.Instance))
		}
		m.addStr("waiting", x.Waiting)
		if x.Arguments != nil {
			m.add("arguments", argumentsNode(x.Arguments))
		}
		m.addStr("group", x.Group)
		items = append(items, m.n)
	}
	return seqNode(false, items...)
}
