package scenarios

import (
	"go.yaml.in/yaml/v4"

	"github.com/bgsim/bgsim/simulator"
)

var (
	registrationKeys = []string{"name", "entry_point", "clsid", "trigger", "conditions", "cancel_on_condition_loss", "network_requested", "group",
		"register_with_name", "allow_running_in_standby"}
	groupKeys    = []string{"id", "name"}
	triggerTypes = []string{"system", "time", "maintenance", "application", "custom_system_event",
		"socket_activity", "push_notification", "location", "control_channel", "device_use", "device_servicing", "generic"}
	// triggerKeys lists the keys each trigger type takes besides type.
	triggerKeys = map[string][]string{
		"system":              {"event", "one_shot"},
		"time":                {"freshness", "one_shot"},
		"maintenance":         {"freshness", "one_shot"},
		"application":         {},
		"custom_system_event": {"id", "recurrence"},
		"socket_activity":     {},
		"push_notification":   {},
		"location":            {"location_type"},
		"control_channel":     {"channel_id", "keep_alive", "hardware_slot"},
		"device_use":          {},
		"device_servicing":    {},
		"generic":             {"class"},
	}
)

// registration reads one registration (in registrations, or a timeline register action).
func (p *parser) registration(n *yaml.Node, what string) *Registration {
	before := p.count()
	fs := p.fields(n, what, registrationKeys)
	if fs == nil && p.count() > before { // an empty mapping goes on, to be reported as one
		return nil
	}
	r := &Registration{Pos: posOf(n)}
	hasName := false
	for _, f := range fs {
		switch f.key {
		case "name":
			r.Name, hasName = p.str(f.v, f.key)
		case "entry_point":
			r.EntryPoint, _ = p.str(f.v, f.key)
			r.EntryPointPos = posOf(f.v)
		case "clsid":
			if s, ok := p.str(f.v, f.key); ok {
				g, err := simulator.ParseGUID(s)
				if err != nil {
					p.errorf(f.v, "clsid: %v", err)
				}
				r.Clsid, r.ClsidPos = g, posOf(f.v)
			}
		case "trigger":
			r.Trigger = p.trigger(f.v)
		case "conditions":
			for _, item := range p.list(f.v, f.key) {
				if c, ok := enum(p, item, "conditions", simulator.ParseSystemConditionType); ok {
					r.Conditions = append(r.Conditions, c)
				}
			}
		case "cancel_on_condition_loss":
			r.CancelOnConditionLoss, _ = p.boolean(f.v, f.key)
		case "network_requested":
			r.NetworkRequested, _ = p.boolean(f.v, f.key)
		case "register_with_name":
			r.RegisterWithName, _ = p.boolean(f.v, f.key)
		case "allow_running_in_standby":
			r.AllowRunningInStandby, _ = p.boolean(f.v, f.key)
		case "group":
			r.Group = p.group(f.v)
		}
	}
	if !hasName {
		p.errorf(n, "%s: missing name", what)
	}
	return r
}

func (p *parser) group(n *yaml.Node) *Group {
	g := &Group{}
	hasID := false
	for _, f := range p.fields(n, "group", groupKeys) {
		switch f.key {
		case "id":
			g.ID, hasID = p.str(f.v, f.key)
		case "name":
			g.Name, _ = p.str(f.v, f.key)
		}
	}
	if !hasID {
		p.errorf(n, "group: missing id")
	}
	return g
}

// trigger reads a trigger; the keys allowed depend on its type, so the type is read first.
func (p *parser) trigger(n *yaml.Node) *Trigger {
	n = resolve(n)
	t := &Trigger{Pos: posOf(n)}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "trigger: expected a mapping, got %s", describe(n))
		return t
	}
	var typeNode *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "type" {
			typeNode = resolve(n.Content[i+1])
		}
	}
	if typeNode == nil {
		p.errorf(n, "trigger: missing type; want one of: %s", join(triggerTypes))
		return t
	}
	typ, ok := p.str(typeNode, "type")
	if !ok {
		return t
	}
	keys, known := triggerKeys[typ]
	if !known {
		p.errorf(typeNode, "trigger type: unknown trigger type %q%s", typ, hintOrList(typ, triggerTypes))
		return t
	}
	t.Type = typ
	for _, f := range p.fields(n, typ+" trigger", append([]string{"type"}, keys...)) {
		switch f.key {
		case "event":
			t.Event, _ = enum(p, f.v, f.key, simulator.ParseSystemTriggerType)
		case "one_shot":
			t.OneShot, _ = p.boolean(f.v, f.key)
		case "freshness":
			t.Freshness, _ = p.bounded(f.v, f.key, MaxSpan)
		case "id":
			t.ID, _ = p.str(f.v, f.key)
		case "recurrence":
			t.Recurrence, _ = enum(p, f.v, f.key, simulator.ParseCustomSystemEventRecurrence)
		case "class":
			t.Class, _ = p.triggerClass(f.v)
		case "channel_id":
			t.ID, _ = p.str(f.v, f.key)
		case "keep_alive":
			v, _ := p.uint(f.v, f.key, 32)
			t.KeepAlive = uint32(v)
		case "hardware_slot":
			t.HardwareSlot, _ = p.boolean(f.v, f.key)
		case "location_type":
			t.LocationType, _ = enum(p, f.v, f.key, simulator.ParseLocationTriggerType)
		}
	}
	return t
}

// build returns the simulator trigger.
func (t *Trigger) build() simulator.Trigger {
	switch t.Type {
	case "system":
		return &simulator.SystemTrigger{TriggerType: t.Event, OneShot: t.OneShot}
	case "time":
		return &simulator.TimeTrigger{Freshness: t.Freshness, OneShot: t.OneShot}
	case "maintenance":
		return &simulator.MaintenanceTrigger{Freshness: t.Freshness, OneShot: t.OneShot}
	case "application":
		return simulator.NewApplicationTrigger()
	case "custom_system_event":
		return &simulator.CustomSystemEventTrigger{TriggerID: t.ID, Recurrence: t.Recurrence}
	case "socket_activity":
		return simulator.NewSocketActivityTrigger()
	case "push_notification":
		return simulator.NewPushNotificationTrigger()
	case "control_channel": // bad arguments: Register fails with InvalidTrigger
		r := simulator.RequestSoftwareSlot
		if t.HardwareSlot {
			r = simulator.RequestHardwareSlot
		}
		return &simulator.ControlChannelTrigger{ChannelID: t.ID, ServerKeepAlive: t.KeepAlive, Resource: r}
	case "location":
		return simulator.NewLocationTrigger(t.LocationType) // no location_type: Register fails with InvalidTrigger
	case "device_use":
		return simulator.NewDeviceUseTrigger()
	case "device_servicing":
		return simulator.NewDeviceServicingTrigger()
	case "generic":
		return &simulator.GenericTrigger{Class: t.Class} // no class: Register fails with InvalidTrigger
	}
	return nil
}

// triggerClass reads a class name of simulator.TriggerClasses; an unknown one is a file error
// with the closest name.
func (p *parser) triggerClass(n *yaml.Node) (string, bool) {
	s, ok := p.str(n, "class")
	if !ok {
		return "", false
	}
	if _, err := simulator.TriggerClassTaskTypes(s); err != nil {
		p.errorf(n, "class: %v", err)
		return "", false
	}
	return s, true
}
