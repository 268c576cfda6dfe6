package scenarios

import (
	"slices"
	"sync"

	"go.yaml.in/yaml/v4"

	"github.com/bgsim/bgsim/simulator"
)

var (
	timelineActions = []string{"time_zone", "network", "network_cost", "power", "battery_saver", "standby",
		"user", "session", "lock_screen", "app", "system_event", "custom_system_event", "signal", "register",
		"unregister", "access", "fault", "socket_activity", "raw_notification", "trigger_event", "geofence", "control_channel", "battery_level", "device_trigger", "media_processing"}
	timelineKeys   = append([]string{"at"}, timelineActions...)
	signalKeys     = []string{"task", "arguments"}
	unregisterKeys = []string{"task", "cancel"}
	faultKeys      = []string{"kind", "task", "reason"}
	socketKeys     = []string{"task", "socket", "reason"}
	eventKeys      = []string{"class", "details"}
	geofenceKeys   = []string{"id", "state"}
	channelKeys    = []string{"channel_id", "event"}
	deviceReqKeys  = []string{"task", "device", "arguments", "denied_by_user"}
	appActions     = []string{"launch", "suspend", "resume", "terminate", "update"}
	accessActions  = []string{"request", "remove"}
	lockActions    = []string{"added", "removed"}
	faultKinds     = []string{"kill_host", "low_memory_kill", "policy_cancel"}
)

func (p *parser) timeline(n *yaml.Node) []Entry {
	var out []Entry
	for _, item := range p.list(n, "timeline") {
		before := p.count()
		fs := p.fields(item, "timeline entry", timelineKeys)
		keysBad := p.count() > before
		if fs == nil && keysBad { // an empty mapping goes on, to be reported as one
			continue
		}
		e := Entry{Pos: posOf(item)}
		hasAt := false
		for _, f := range fs {
			if f.key == "at" {
				e.At, _ = p.bounded(f.v, "at", MaxOffset)
				hasAt = true // a bad value is reported as such, not as a missing at
			}
		}
		if !hasAt {
			p.errorf(item, "timeline entry: missing at")
		}
		a, ok := p.exactlyOne(item, fs, timelineActions, "timeline entry", "action", keysBad)
		if !ok {
			continue
		}
		if act, ok := p.action(a); ok {
			e.Action = act
			out = append(out, e)
		}
	}
	return out
}

// action reads the value of one timeline action.
func (p *parser) action(f field) (Action, bool) {
	a := Action{Kind: f.key, Pos: posOf(f.k)}
	ok := true
	switch f.key {
	case "time_zone":
		a.Text, ok = p.timeZone(f.v, f.key)
	case "network":
		a.Network, ok = enum(p, f.v, f.key, simulator.ParseNetworkLevel)
	case "network_cost":
		a.Cost, ok = enum(p, f.v, f.key, simulator.ParseNetworkCost)
	case "power":
		a.Power, ok = enum(p, f.v, f.key, simulator.ParsePowerSource)
	case "battery_saver", "standby":
		a.Bool, ok = p.boolean(f.v, f.key)
	case "user":
		a.User, ok = enum(p, f.v, f.key, simulator.ParseUserPresence)
	case "session":
		a.Session, ok = enum(p, f.v, f.key, simulator.ParseSessionState)
	case "lock_screen":
		a.Text, ok = p.word(f.v, f.key, lockActions)
		a.Bool = a.Text == "added"
	case "app":
		a.Text, ok = p.word(f.v, f.key, appActions)
	case "access":
		a.Text, ok = p.word(f.v, f.key, accessActions)
	case "system_event":
		a.Event, ok = p.systemEvent(f.v)
	case "custom_system_event", "raw_notification", "transfer_ownership":
		a.Text, ok = p.str(f.v, f.key)
	case "socket_activity":
		ok = p.socketActivity(f.v, &a)
	case "trigger_event":
		ok = p.triggerEvent(f.v, &a)
	case "geofence":
		ok = p.geofence(f.v, &a)
	case "control_channel":
		ok = p.controlChannel(f.v, &a)
	case "battery_level":
		var v uint8
		v, ok = p.batteryLevel(f.v)
		a.Level = v
	case "device_trigger":
		ok = p.deviceTrigger(f.v, &a)
	case "signal", "media_processing":
		ok = p.request(f.v, &a, f.key)
	case "register":
		a.Register = p.registration(f.v, "register")
		ok = a.Register != nil
	case "unregister":
		ok = p.unregister(f.v, &a)
	case "fault":
		ok = p.fault(f.v, &a)
	}
	return a, ok
}

// word reads a string that must be one of words.
func (p *parser) word(n *yaml.Node, key string, words []string) (string, bool) {
	s, ok := p.str(n, key)
	if !ok {
		return "", false
	}
	if !contains(words, s) {
		p.errorf(n, "%s: unknown value %q%s", key, s, hintOrList(s, words))
		return "", false
	}
	return s, true
}

// systemEvent reads a SystemTriggerType member that has no device state, so the engine can raise
// it directly; the others come from the device actions.
func (p *parser) systemEvent(n *yaml.Node) (simulator.SystemTriggerType, bool) {
	t, ok := enum(p, n, "system_event", simulator.ParseSystemTriggerType)
	if !ok {
		return t, false
	}
	if !raisable(t) {
		p.errorf(n, "system_event: %s follows device state: use its device action (time_zone, user, network, ...) instead", t)
		return t, false
	}
	return t, true
}

// raisable reports whether the engine can raise t on its own (it follows no device state).
func raisable(t simulator.SystemTriggerType) bool {
	if v, ok := raisableCache.Load(t); ok {
		return v.(bool)
	}
	probe, err := simulator.New(simulator.Config{})
	ok := err == nil && probe.RaiseSystemEvent(t) == nil
	raisableCache.Store(t, ok)
	return ok
}

// raisableCache holds raisable per event type: each probe builds an engine.
var raisableCache sync.Map

func (p *parser) taskRef(fs []field, a *Action, what string, n *yaml.Node) bool {
	for _, f := range fs {
		if f.key == "task" {
			var ok bool
			a.Task, ok = p.str(f.v, "task")
			a.TaskPos = posOf(f.v)
			return ok
		}
	}
	p.errorf(n, "%s: missing task", what)
	return false
}

// request reads signal or media_processing (what) {task, arguments}: an app's RequestAsync for
// the registration named task, with a ValueSet.
func (p *parser) request(n *yaml.Node, a *Action, what string) bool {
	before := p.count()
	fs := p.fields(n, what, signalKeys)
	if fs == nil && p.count() > before { // an empty mapping goes on, to be reported as one
		return false
	}
	ok := p.taskRef(fs, a, what, n)
	for _, f := range fs {
		if f.key == "arguments" && !p.arguments(f.v, a) {
			return false
		}
	}
	return ok
}

// arguments reads a ValueSet: a mapping of keys to scalars, into a.Arguments (non-nil).
func (p *parser) arguments(n *yaml.Node, a *Action) bool { return p.valueSet(n, "arguments", a) }

// valueSet reads a mapping of keys to scalars under key, into a.Arguments (non-nil).
func (p *parser) valueSet(n *yaml.Node, key string, a *Action) bool {
	args := resolve(n)
	if args.Kind != yaml.MappingNode {
		p.errorf(args, "%s: expected a mapping, got %s", key, describe(args))
		return false
	}
	ok := true
	a.Arguments = map[string]string{}
	for i := 0; i+1 < len(args.Content); i += 2 {
		k, v := resolve(args.Content[i]), resolve(args.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			p.errorf(k, "%s: expected a key, got %s", key, describe(k))
			return false
		}
		if _, dup := a.Arguments[k.Value]; dup {
			p.errorf(k, "duplicate key %q in %s", k.Value, key)
			return false
		}
		val, vok := p.scalar(v, k.Value, "a scalar", "!!str", "!!int", "!!float", "!!bool", "!!timestamp")
		ok = ok && vok
		a.Arguments[k.Value] = val
	}
	return ok
}

func (p *parser) unregister(n *yaml.Node, a *Action) bool {
	before := p.count()
	fs := p.fields(n, "unregister", unregisterKeys)
	if fs == nil && p.count() > before { // an empty mapping goes on, to be reported as one
		return false
	}
	ok := p.taskRef(fs, a, "unregister", n)
	for _, f := range fs {
		if f.key == "cancel" {
			var bok bool
			a.Cancel, bok = p.boolean(f.v, f.key)
			ok = ok && bok
		}
	}
	return ok
}

func (p *parser) fault(n *yaml.Node, a *Action) bool {
	before := p.count()
	fs := p.fields(n, "fault", faultKeys)
	if fs == nil && p.count() > before { // an empty mapping goes on, to be reported as one
		return false
	}
	ok := p.taskRef(fs, a, "fault", n)
	hasKind := false
	for _, f := range fs {
		var fok bool
		switch f.key {
		case "kind":
			a.Fault, fok = p.word(f.v, f.key, faultKinds)
			hasKind = true
		case "reason":
			a.Reason, fok = enum(p, f.v, f.key, simulator.ParseCancellationReason)
		default:
			continue
		}
		ok = ok && fok
	}
	if !hasKind {
		p.errorf(n, "fault: missing kind; want one of: %s", join(faultKinds))
		return false
	}
	if !ok {
		return false
	}
	switch {
	case a.Fault == "policy_cancel" && a.Reason == simulator.ReasonInvalid:
		p.errorf(n, "fault: policy_cancel needs a reason; want one of: %s", reasonList(simulator.PolicyCancelReasons()))
		return false
	case a.Fault == "policy_cancel" && !slices.Contains(simulator.PolicyCancelReasons(), a.Reason):
		p.errorf(n, "fault: policy_cancel cannot inject %v, which its own engine rule produces; want one of: %s", a.Reason, reasonList(simulator.PolicyCancelReasons()))
		return false
	case a.Fault != "policy_cancel" && a.Reason != simulator.ReasonInvalid:
		p.errorf(n, "fault: only policy_cancel takes a reason, not %s", a.Fault)
		return false
	}
	return true
}

func reasonList(rs []simulator.CancellationReason) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.String()
	}
	return join(names)
}

// socketActivity reads {task, socket, reason}: all three are required.
func (p *parser) socketActivity(n *yaml.Node, a *Action) bool {
	before := p.count()
	fs := p.fields(n, "socket_activity", socketKeys)
	if fs == nil && p.count() > before { // an empty mapping goes on, to be reported as one
		return false
	}
	ok := p.taskRef(fs, a, "socket_activity", n)
	hasSocket, hasReason := false, false
	for _, f := range fs {
		var fok bool
		switch f.key {
		case "socket":
			a.Text, fok = p.str(f.v, f.key)
			hasSocket = true
			if fok && a.Text == "" {
				p.errorf(f.v, "socket: expected a socket id, got an empty string")
				fok = false
			}
		case "reason":
			a.Socket, fok = enum(p, f.v, f.key, simulator.ParseSocketActivityTriggerReason)
			hasReason = true
		default:
			continue
		}
		ok = ok && fok
	}
	if !hasSocket {
		p.errorf(n, "socket_activity: missing socket")
		return false
	}
	if !hasReason {
		p.errorf(n, "socket_activity: missing reason; want one of: %s", join(socketReasonNames()))
		return false
	}
	return ok
}

func socketReasonNames() []string {
	rs := simulator.SocketActivityTriggerReasons()
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return out
}

// triggerEvent reads {class, details}: class is required, details is a ValueSet.
func (p *parser) triggerEvent(n *yaml.Node, a *Action) bool {
	before := p.count()
	fs := p.fields(n, "trigger_event", eventKeys)
	if fs == nil && p.count() > before { // an empty mapping goes on, to be reported as one
		return false
	}
	ok, hasClass := true, false
	for _, f := range fs {
		var fok bool
		switch f.key {
		case "class":
			a.Text, fok = p.triggerClass(f.v)
			hasClass = true
		case "details":
			fok = p.valueSet(f.v, "details", a)
		}
		ok = ok && fok
	}
	if !hasClass {
		p.errorf(n, "trigger_event: missing class")
		return false
	}
	return ok
}

// geofence reads {id, state}: both are required.
func (p *parser) geofence(n *yaml.Node, a *Action) bool {
	before := p.count()
	fs := p.fields(n, "geofence", geofenceKeys)
	if fs == nil && p.count() > before { // an empty mapping goes on, to be reported as one
		return false
	}
	ok, hasID, hasState := true, false, false
	for _, f := range fs {
		var fok bool
		switch f.key {
		case "id":
			a.Text, fok = p.str(f.v, f.key)
			hasID = true
			if fok && a.Text == "" {
				p.errorf(f.v, "id: expected a geofence id, got an empty string")
				fok = false
			}
		case "state":
			a.Geofence, fok = enum(p, f.v, f.key, simulator.ParseGeofenceState)
			hasState = true
		}
		ok = ok && fok
	}
	switch {
	case !hasID:
		p.errorf(n, "geofence: missing id")
		return false
	case !hasState:
		p.errorf(n, "geofence: missing state; want Entered or Exited")
		return false
	}
	return ok
}

// controlChannel reads {channel_id, event}: both are required.
func (p *parser) controlChannel(n *yaml.Node, a *Action) bool {
	before := p.count()
	fs := p.fields(n, "control_channel", channelKeys)
	if fs == nil && p.count() > before { // an empty mapping goes on, to be reported as one
		return false
	}
	ok, hasID, hasEvent := true, false, false
	for _, f := range fs {
		var fok bool
		switch f.key {
		case "channel_id":
			a.Text, fok = p.str(f.v, f.key)
			hasID = true
			if fok && a.Text == "" {
				p.errorf(f.v, "channel_id: expected a channel id, got an empty string")
				fok = false
			}
		case "event":
			a.Channel, fok = enum(p, f.v, f.key, simulator.ParseControlChannelEvent)
			hasEvent = true
		}
		ok = ok && fok
	}
	switch {
	case !hasID:
		p.errorf(n, "control_channel: missing channel_id")
		return false
	case !hasEvent:
		p.errorf(n, "control_channel: missing event; want push or keep_alive")
		return false
	}
	return ok
}

// deviceTrigger reads {task, device, arguments, denied_by_user}: task and device are required.
func (p *parser) deviceTrigger(n *yaml.Node, a *Action) bool {
	before := p.count()
	fs := p.fields(n, "device_trigger", deviceReqKeys)
	if fs == nil && p.count() > before { // an empty mapping goes on, to be reported as one
		return false
	}
	ok := p.taskRef(fs, a, "device_trigger", n)
	hasDevice := false
	for _, f := range fs {
		var fok bool
		switch f.key {
		case "device":
			a.Text, fok = p.str(f.v, f.key)
			hasDevice = true
		case "arguments":
			a.DeviceArgs, fok = p.str(f.v, f.key)
		case "denied_by_user":
			a.DeniedByUser, fok = p.boolean(f.v, f.key)
		default:
			continue
		}
		ok = ok && fok
	}
	if !hasDevice {
		p.errorf(n, "device_trigger: missing device")
		return false
	}
	return ok
}
