package scenarios

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"

	"go.yaml.in/yaml/v4"

	"github.com/bgsim/bgsim/fixtures/tasks"
	"github.com/bgsim/bgsim/simulator"
	"github.com/bgsim/bgsim/simulator/manifest"
)

var (
	policyKeys      = []string{"wall_clock_limit", "application_wall_clock_limit", "maintenance_wall_clock_limit", "cancel_grace", "latched_firings", "overlap", "deliver_after_relaunch", "idle_watchdog", "energy_saver_cancels_running", "energy_saver_on_ac", "hold_critical_on_battery_saver", "register_without_access", "reset_access_on_update", "request_access_result"}
	deviceKeys      = []string{"time_zone", "network", "network_cost", "power", "battery_saver", "standby", "user", "session", "lock_screen", "maintenance_window", "battery_level", "standby_tasks"}
	appKeys         = []string{"state", "access", "on_background_activated"}
	manifestKeys    = []string{"file", "declarations", "capabilities", "update_task"}
	declarationKeys = []string{"entry_point", "task_types", "executable", "resource_group", "supports_multiple_instances"}
	behaviourKeys   = []string{"script", "on_canceled", "fixture"}
	windowPattern   = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$`)
)

func (p *parser) policy(n *yaml.Node, pol *Policy) {
	for _, f := range p.fields(n, "policy", policyKeys) {
		switch f.key {
		case "wall_clock_limit":
			pol.WallClockLimit = p.positive(f.v, f.key)
		case "application_wall_clock_limit":
			pol.ApplicationWallClockLimit = p.positive(f.v, f.key)
		case "maintenance_wall_clock_limit":
			pol.MaintenanceWallClockLimit = p.positive(f.v, f.key)
		case "idle_watchdog":
			pol.IdleWatchdog = p.positive(f.v, f.key)
		case "cancel_grace":
			pol.CancelGrace = p.positive(f.v, f.key)
		case "energy_saver_cancels_running":
			cancels, ok := p.boolean(f.v, f.key)
			pol.KeepRunningOnEnergySaver = ok && !cancels
		case "energy_saver_on_ac":
			pol.EnergySaverOnAC, _ = p.boolean(f.v, f.key)
		case "hold_critical_on_battery_saver":
			pol.HoldCriticalOnBatterySaver, _ = p.boolean(f.v, f.key)
		case "register_without_access":
			pol.RegisterWithoutAccess, _ = p.boolean(f.v, f.key)
		case "reset_access_on_update":
			reset, ok := p.boolean(f.v, f.key)
			pol.KeepAccessOnUpdate = ok && !reset
		case "request_access_result":
			if a, ok := enum(p, f.v, f.key, simulator.ParseAccessStatus); ok {
				switch a {
				case simulator.AccessAlwaysAllowed, simulator.AccessAllowedSubjectToSystemPolicy,
					simulator.AccessDeniedBySystemPolicy, simulator.AccessDeniedByUser:
					pol.RequestAccessResult = a
				default:
					p.errorf(f.v, "%s: %v is not an answer of RequestAccessAsync; want AlwaysAllowed, AllowedSubjectToSystemPolicy, DeniedBySystemPolicy or DeniedByUser", f.key, a)
				}
			}
		case "latched_firings":
			pol.LatchedFirings, _ = enum(p, f.v, f.key, simulator.ParseLatchMode)
		case "overlap":
			pol.Overlap, _ = enum(p, f.v, f.key, simulator.ParseOverlapMode)
		case "deliver_after_relaunch":
			pol.DeliverAfterRelaunch, _ = p.boolean(f.v, f.key)
		}
	}
}

func (p *parser) device(n *yaml.Node, d *Device) {
	for _, f := range p.fields(n, "device", deviceKeys) {
		switch f.key {
		case "time_zone":
			d.TimeZone, _ = p.timeZone(f.v, f.key)
		case "network":
			d.Network, _ = enum(p, f.v, f.key, simulator.ParseNetworkLevel)
		case "network_cost":
			d.NetworkCost, _ = enum(p, f.v, f.key, simulator.ParseNetworkCost)
		case "power":
			d.Power, _ = enum(p, f.v, f.key, simulator.ParsePowerSource)
		case "battery_saver":
			d.BatterySaver, _ = p.boolean(f.v, f.key)
			d.BatterySaverPos = posOf(f.v)
		case "standby":
			d.Standby, _ = p.boolean(f.v, f.key)
		case "user":
			d.User, _ = enum(p, f.v, f.key, simulator.ParseUserPresence)
		case "session":
			d.Session, _ = enum(p, f.v, f.key, simulator.ParseSessionState)
		case "lock_screen":
			d.LockScreen, _ = p.boolean(f.v, f.key)
		case "battery_level":
			d.BatteryLevel, _ = p.batteryLevel(f.v)
		case "standby_tasks":
			d.StandbyTasks, _ = enum(p, f.v, f.key, simulator.ParseStandbyTaskSupport)
		case "maintenance_window":
			if s, ok := p.str(f.v, f.key); ok {
				w, err := simulator.ParseMaintenanceWindow(s)
				if !windowPattern.MatchString(s) {
					p.errorf(f.v, "maintenance_window: expected \"HH:MM-HH:MM\" in local time, got %q", s)
				} else if err != nil {
					p.errorf(f.v, "%v", err)
				}
				d.MaintenanceWindow = w
			}
		}
	}
}

// timeZone reads an IANA zone name and checks the engine knows it.
func (p *parser) timeZone(n *yaml.Node, key string) (string, bool) {
	s, ok := p.str(n, key)
	if !ok {
		return "", false
	}
	if _, err := simulator.New(simulator.Config{Device: simulator.DeviceState{TimeZone: s}}); err != nil {
		p.errorf(n, "%s: unknown time zone %q: want an IANA name such as Europe/Berlin", key, s)
		return "", false
	}
	return s, true
}

func (p *parser) app(n *yaml.Node, a *App) {
	for _, f := range p.fields(n, "app", appKeys) {
		switch f.key {
		case "state":
			a.State, _ = enum(p, f.v, f.key, simulator.ParseAppState)
		case "access":
			a.Access, _ = enum(p, f.v, f.key, simulator.ParseAccessStatus)
		case "on_background_activated":
			b := p.behaviour(f.k, f.v, "on_background_activated")
			a.OnBackgroundActivated = &b
		}
	}
}

// manifest reads the manifest block: a file relative to the scenario's folder, or inline
// declarations with optional capabilities. Errors in a manifest file keep the manifest's own
// file:line:col.
func (p *parser) manifest(n *yaml.Node, s *Scenario) *manifest.Manifest {
	fs := p.fields(n, "manifest", manifestKeys)
	var file, decls, caps, update *field
	for i := range fs {
		switch fs[i].key {
		case "file":
			file = &fs[i]
		case "declarations":
			decls = &fs[i]
		case "capabilities":
			caps = &fs[i]
		case "update_task":
			update = &fs[i]
		}
	}
	switch {
	case file != nil && decls != nil:
		p.errorf(decls.k, "manifest: give either file or declarations, not both")
		return nil
	case file != nil && caps != nil:
		p.errorf(caps.k, "manifest: capabilities go with inline declarations; a manifest file lists its own <Capabilities>")
		return nil
	case file != nil && update != nil:
		p.errorf(update.k, "manifest: update_task goes with inline declarations; a manifest file declares its own windows.updateTask extension")
		return nil
	case file != nil:
		m := p.manifestFile(file.v)
		if m != nil {
			s.ManifestFile = file.v.Value
		}
		return m
	case decls == nil:
		if len(p.errs) == 0 {
			p.errorf(n, "manifest: expected file or declarations")
		}
		return nil
	}
	var ds []manifest.Declaration
	before := p.count()
	for _, item := range p.list(decls.v, "declarations") {
		ds = append(ds, p.declaration(item))
	}
	if p.count() > before {
		return nil // New would only repeat them (a dropped task type is "no task type")
	}
	m, err := manifest.New(p.file+"#manifest", ds...)
	if err != nil {
		var me *manifest.Error
		if errors.As(err, &me) && me.Line > 0 {
			p.errorAt(Pos{me.Line, me.Col}, "manifest: %s", me.Msg)
		} else {
			p.errorf(decls.v, "manifest: %v", err)
		}
		return nil
	}
	if update != nil {
		if ep, ok := p.str(update.v, "update_task"); ok && ep != "" {
			m.UpdateTask = &manifest.UpdateTask{EntryPoint: ep, Line: update.v.Line, Col: update.v.Column}
		} else if ok {
			p.errorf(update.v, "manifest: update_task: expected the update task's entry point, got an empty string")
		}
	}
	if caps != nil {
		seen := map[string]bool{}
		for _, c := range p.list(caps.v, "capabilities") {
			if name, ok := p.str(c, "capabilities"); ok && !seen[name] {
				seen[name] = true
				m.Capabilities = append(m.Capabilities, name)
			}
		}
	}
	return m
}

func (p *parser) manifestFile(n *yaml.Node) *manifest.Manifest {
	rel, ok := p.str(n, "file")
	if !ok {
		return nil
	}
	path := filepath.FromSlash(rel)
	if !filepath.IsAbs(path) {
		path = filepath.Join(p.dir, path) // relative to the scenario file's folder
	}
	path = filepath.Clean(path)
	data, _, err := readInput(path)
	if err != nil {
		p.errorf(n, "cannot read manifest %q: %v", rel, err)
		return nil
	}
	m, err := manifest.Parse(path, data)
	if err != nil {
		var me *manifest.Error
		if errors.As(err, &me) {
			p.errs = append(p.errs, &ParseError{File: me.File, Line: me.Line, Col: me.Col, Msg: me.Msg, err: err})
		} else {
			p.errorf(n, "cannot parse manifest %q: %v", rel, err)
		}
		return nil
	}
	return m
}

func (p *parser) declaration(n *yaml.Node) manifest.Declaration {
	d := manifest.Declaration{Line: n.Line, Col: n.Column}
	for _, f := range p.fields(n, "manifest declaration", declarationKeys) {
		switch f.key {
		case "entry_point":
			d.EntryPoint, _ = p.str(f.v, f.key)
		case "executable":
			d.Executable, _ = p.str(f.v, f.key)
		case "resource_group":
			d.ResourceGroup, _ = p.str(f.v, f.key)
		case "supports_multiple_instances":
			d.SupportsMultipleInstances, _ = p.boolean(f.v, f.key)
		case "task_types":
			for _, item := range p.list(f.v, f.key) {
				if t, ok := enum(p, item, "task_types", manifest.ParseTaskType); ok {
					d.TaskTypes = append(d.TaskTypes, t)
				}
			}
		}
	}
	return d
}

// tasks reads the tasks block: entry point -> behaviour, in file order.
func (p *parser) tasks(n *yaml.Node) []TaskBehaviour {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "tasks: expected a mapping of entry points, got %s", describe(n))
		return nil
	}
	var out []TaskBehaviour
	seen := map[string]Pos{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		ep, ok := p.str(k, "tasks")
		if !ok {
			continue
		}
		if first, dup := seen[ep]; dup {
			p.errorf(k, "duplicate key %q in tasks (first at %d:%d)", ep, first.Line, first.Col)
			continue
		}
		seen[ep] = posOf(k)
		out = append(out, p.behaviour(k, v, ep))
	}
	return out
}

func (p *parser) behaviour(k, n *yaml.Node, ep string) TaskBehaviour {
	b := TaskBehaviour{Pos: posOf(k), EntryPoint: ep}
	before := p.count()
	hasScript := false
	for _, f := range p.fields(n, fmt.Sprintf("task %s", ep), behaviourKeys) {
		switch f.key {
		case "fixture":
			if name, ok := p.str(f.v, f.key); ok {
				if _, known := tasks.Lookup(name); !known {
					p.errorf(f.v, "fixture: unknown fixture %q%s", name, hintOrList(name, tasks.Names()))
				}
				b.Fixture = name
			}
		case "script":
			b.Script, hasScript = p.steps(f.v, "script"), true
		case "on_canceled":
			b.OnCanceled, b.OnCanceledSet, hasScript = p.steps(f.v, "on_canceled"), true, true
		}
	}
	switch {
	case p.count() > before:
	case b.Fixture != "" && hasScript:
		p.errorf(k, "task %s: give either fixture or script, not both", ep)
	case b.Fixture == "" && !hasScript:
		p.errorf(k, "task %s: expected script or fixture", ep)
	}
	return b
}

// batteryLevel reads a battery charge in percent, 1 to 100.
func (p *parser) batteryLevel(n *yaml.Node) (uint8, bool) {
	v, ok := p.uint(n, "battery_level", 8)
	if !ok {
		return 0, false
	}
	if v < 1 || v > 100 {
		p.errorf(n, "battery_level: %d is not a percentage from 1 to 100", v)
		return 0, false
	}
	return uint8(v), true
}
