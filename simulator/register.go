package simulator

import (
	"fmt"

	"github.com/bgsim/bgsim/simulator/manifest"
)

// register validates and registers; the checks run in this order, and the first failure wins:
// trigger set (NoTrigger), the trigger's own arguments (InvalidTrigger, InvalidFreshness,
// InvalidOneShot), background access (AccessDenied), the manifest (ClassNotRegistered), the
// one-ApplicationTrigger rule (DuplicateApplicationTrigger), and the once-per-app triggers
// (DuplicateTrigger). Windows does not document an order.
func (e *Engine) register(b *BackgroundTaskBuilder, name string, replace bool) (*Registration, error) {
	defer e.enter()()
	if err := e.validate(b, name, replace); err != nil {
		e.emit(Record{Kind: KindRegisterFailed, Task: name, Code: err.Code, Detail: "detail=" + quoteDetail(err.Detail)})
		return nil, err
	}
	if replace {
		for _, old := range e.regs {
			if old.name == name && !old.unregistered {
				old.unregister(false)
			}
		}
	}
	e.nextReg++
	r := &Registration{
		engine:                e,
		num:                   e.nextReg,
		taskID:                newGUID(e.regRNG),
		name:                  name,
		entryPoint:            entryPointOf(b),
		trigger:               snapshot(b.trigger),
		conditions:            append([]SystemConditionType(nil), b.conditions...),
		cancelOnConditionLoss: b.CancelOnConditionLoss,
		networkRequested:      b.IsNetworkRequested,
		heldInStandby:         replace && !(b.AllowRunningTaskInStandby && e.IsRunningTaskInStandbySupported()),
		allowStandby:          b.AllowRunningTaskInStandby,
		group:                 b.TaskGroup,
	}
	r.oneShot = r.trigger.isOneShot()
	r.exclusive = exclusiveClassOf(r.trigger)
	switch t := r.trigger.(type) {
	case *TimeTrigger:
		r.freshness = t.Freshness
	case *MaintenanceTrigger:
		r.freshness = t.Freshness
	}
	r.describe = describeRegistration(r)
	r.runDetail = "trigger=" + quoteToken(r.trigger.String())
	if g := r.group; g != nil {
		if _, ok := e.groups[g.id]; !ok {
			e.groups[g.id] = g
		}
		if g.engine == nil {
			g.engine = e
		}
	}
	e.regs = append(e.regs, r)
	e.emit(Record{Kind: KindRegister, Task: name, TaskNum: r.num, TaskID: r.taskID, Detail: r.describe})
	switch t := r.trigger.(type) {
	case *ApplicationTrigger:
		t.engine = e
		e.appTriggerLive = r
	case *TimeTrigger:
		e.armTimer(r, addSat(e.now, t.Freshness))
	case *MaintenanceTrigger:
		e.armTimer(r, addSat(e.now, t.Freshness))
	case *ControlChannelTrigger:
		e.allocateSlot(r, t)
	}
	return r, nil
}

func (e *Engine) validate(b *BackgroundTaskBuilder, name string, replace bool) *RegisterError {
	if b.trigger == nil {
		return registerError(NoTrigger, name, "SetTrigger was not called")
	}
	if err := b.trigger.validate(name); err != nil {
		return err
	}
	for _, c := range b.conditions {
		if !c.Valid() {
			return registerError(InvalidTrigger, name, "condition %v is not a SystemConditionType member", c)
		}
	}
	if err := checkDeviceTrigger(b, name); err != nil {
		return err
	}
	if !e.access.mayRegister() && !e.policy.RegisterWithoutAccess {
		// docs/windows-model.md#background-access [bgsim's choice]: Register fails when RequestAccessAsync was never called or the status is
		// Denied* (or Unspecified); docs/windows-model.md#registration-errors [documented] "user disabled background access".
		return registerError(AccessDenied, name, "background access is %v", e.access)
	}
	if !b.clsid.IsZero() {
		if err := e.checkComClass(b, name); err != nil {
			return err
		}
	} else if b.TaskEntryPoint != "" {
		if err := e.checkManifest(b, name); err != nil {
			return err
		}
	}
	if _, ok := b.trigger.(*ApplicationTrigger); ok {
		if live := e.appTriggerLive; live != nil && !(replace && live.name == name) {
			return registerError(DuplicateApplicationTrigger, name,
				"the app already has an ApplicationTrigger registration %q (task=%d)", live.name, live.num)
		}
	}
	if class := oncePerApp(b.trigger); class != "" {
		for _, r := range e.regs {
			if !r.unregistered && oncePerApp(r.trigger) == class && !(replace && r.name == name) {
				return registerError(DuplicateTrigger, name,
					"the app already has a %s registration %q (task=%d)", class, r.name, r.num)
			}
		}
	}
	return nil
}

// snapshot copies a trigger whose fields the engine reads after Register (a system trigger's
// type, a custom event's id, a generic class), so that changing the object the app passed
// changes nothing, as the builder's settings count only at Register
// (docs/windows-model.md#task-builder). An ApplicationTrigger stays the app's object: its
// RequestAsync reaches the engine through it.
func snapshot(t Trigger) Trigger {
	switch t := t.(type) {
	case *SystemTrigger:
		c := *t
		return &c
	case *CustomSystemEventTrigger:
		c := *t
		return &c
	case *GenericTrigger:
		c := *t
		return &c
	case *LocationTrigger:
		c := *t
		return &c
	case *ControlChannelTrigger:
		c := *t
		return &c
	case *TimeTrigger:
		c := *t
		return &c
	case *MaintenanceTrigger:
		c := *t
		return &c
	}
	return t
}

// entryPointOf is the registration's entry point: TaskEntryPoint, or the COM class's
// ClsidEntryPoint when SetTaskEntryPointClsid set one.
func entryPointOf(b *BackgroundTaskBuilder) string {
	if !b.clsid.IsZero() {
		return ClsidEntryPoint(b.clsid)
	}
	return b.TaskEntryPoint
}

// oncePerApp returns the class name of a trigger an app may register only once, or "".
func oncePerApp(t Trigger) string {
	switch t := t.(type) {
	case *LocationTrigger:
		return "LocationTrigger"
	case *DeviceUseTrigger:
		return "DeviceUseTrigger"
	case *GenericTrigger:
		if c, err := lookupTriggerClass(t.Class); err == nil && c.once {
			return c.name
		}
	}
	return ""
}

// checkComClass enforces docs/windows-model.md#com-entry-points: a task set with
// SetTaskEntryPointClsid must name a COM class the manifest declares, or Register fails with
// "class not registered" (REGDB_E_CLASSNOTREG), and must not also set TaskEntryPoint.
func (e *Engine) checkComClass(b *BackgroundTaskBuilder, name string) *RegisterError {
	if b.TaskEntryPoint != "" {
		return registerError(InvalidTrigger, name, "both TaskEntryPoint %s and a COM class {%s} are set", b.TaskEntryPoint, b.clsid)
	}
	if !e.manifest.DeclaresComClass(b.clsid.String()) {
		return registerError(ClassNotRegistered, name, "COM class {%s} is not declared in the manifest", b.clsid)
	}
	return nil
}

// checkManifest enforces docs/windows-model.md#manifest-task-types: an out-of-process entry point must be declared, with a task type
// that covers the trigger, or Register fails with "runtime class not registered".
func (e *Engine) checkManifest(b *BackgroundTaskBuilder, name string) *RegisterError {
	var decl *manifest.Declaration
	if e.manifest != nil {
		decl, _ = e.manifest.Lookup(b.TaskEntryPoint)
	}
	if decl == nil {
		return registerError(ClassNotRegistered, name, "entry point %s is not declared in the manifest", b.TaskEntryPoint)
	}
	want := b.trigger.taskTypes()
	for _, t := range want {
		if decl.Declares(t) {
			return nil
		}
	}
	return registerError(ClassNotRegistered, name, "entry point %s does not declare task type %s for %s",
		b.TaskEntryPoint, typeList(want), b.trigger)
}

func typeList(ts []manifest.TaskType) string {
	s := ""
	for i, t := range ts {
		if i > 0 {
			s += " or "
		}
		s += t.String()
	}
	return fmt.Sprint(s)
}
