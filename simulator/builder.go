package simulator

// BackgroundTaskBuilder mirrors Windows' BackgroundTaskBuilder (docs/windows-model.md#task-builder). Set the fields, call
// SetTrigger and AddCondition, then Register. Only what is set before Register counts: later
// changes to the builder do not reach the registration.
type BackgroundTaskBuilder struct {
	// Name is copied to the registration; Register does not require it to be unique.
	Name string
	// TaskEntryPoint is "Namespace.Class", declared in the manifest; "" means an in-process task.
	TaskEntryPoint string
	// CancelOnConditionLoss cancels a running instance with ConditionLoss when a condition stops
	// holding. Default false [bgsim's choice] (docs/windows-model.md#task-builder).
	CancelOnConditionLoss bool
	// IsNetworkRequested keeps the network up for the task in connected standby (docs/windows-model.md#task-builder, #connected-standby).
	IsNetworkRequested bool
	// TaskGroup puts the registration in a group (docs/windows-model.md#task-groups); nil means ungrouped.
	TaskGroup *TaskGroup
	// AllowRunningTaskInStandby opts a registration made with RegisterWithName in to running in
	// modern standby, where the device supports it (docs/windows-model.md#standby-opt-in).
	AllowRunningTaskInStandby bool

	engine     *Engine
	trigger    Trigger
	conditions []SystemConditionType
	clsid      GUID // SetTaskEntryPointClsid's class; zero when not set
}

// NewBackgroundTaskBuilder returns a builder that registers with e.
func (e *Engine) NewBackgroundTaskBuilder() *BackgroundTaskBuilder {
	return &BackgroundTaskBuilder{engine: e}
}

// SetTrigger sets the one trigger (a later call replaces an earlier one).
func (b *BackgroundTaskBuilder) SetTrigger(t Trigger) { b.trigger = t }

// AddCondition adds a condition; all conditions must hold for the task to run. A duplicate
// condition has no effect (docs/windows-model.md#conditions [bgsim's choice]); contradictory ones are accepted and the task never
// runs.
func (b *BackgroundTaskBuilder) AddCondition(c SystemConditionType) {
	for _, have := range b.conditions {
		if have == c {
			return
		}
	}
	b.conditions = append(b.conditions, c)
}

// SetTaskEntryPointClsid mirrors SetTaskEntryPointClsid(GUID) (Windows 10, version 2004;
// docs/windows-model.md#com-entry-points): the task is the COM class with that CLSID, which the
// manifest must declare in a windows.comServer extension, and runs out of process. Its Go code
// is the Config.Tasks factory named "{clsid}" (the CLSID in braces, lower case, as
// [ClsidEntryPoint] writes it). Setting TaskEntryPoint too makes Register fail with
// InvalidTrigger.
func (b *BackgroundTaskBuilder) SetTaskEntryPointClsid(clsid GUID) { b.clsid = clsid }

// ClsidEntryPoint is the entry point a task registered with SetTaskEntryPointClsid has: the
// CLSID in braces, "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}". Config.Tasks keys its Go code so.
func ClsidEntryPoint(clsid GUID) string { return "{" + clsid.String() + "}" }

// IsRunningTaskInStandbySupported mirrors the static property of that name: whether the device
// runs background tasks in modern standby ([DeviceState].StandbyTasks;
// docs/windows-model.md#standby-opt-in).
func (e *Engine) IsRunningTaskInStandbySupported() bool {
	return e.device.StandbyTasks != StandbyTasksUnsupported
}

// Validate mirrors BackgroundTaskBuilder.Validate (docs/windows-model.md#task-builder): it reports
// whether Register would succeed now, running the same checks without registering anything or
// writing a record.
func (b *BackgroundTaskBuilder) Validate() bool {
	defer b.engine.disown(b.engine.own("BackgroundTaskBuilder.Validate"))
	return b.engine.validate(b, b.Name, false) == nil
}

// Register validates the builder (docs/windows-model.md#registration-errors) and registers it. A failure returns a *RegisterError
// and writes a register_failed record; nothing is registered.
func (b *BackgroundTaskBuilder) Register() (*Registration, error) {
	defer b.engine.disown(b.engine.own("BackgroundTaskBuilder.Register"))
	return b.engine.register(b, b.Name, false)
}

// RegisterWithName mirrors the newer Register(taskName): the name overrides Name, and every live
// registration with that name (in any group) is unregistered first, without canceling its
// running instances (docs/windows-model.md#task-builder [documented]).
func (b *BackgroundTaskBuilder) RegisterWithName(name string) (*Registration, error) {
	defer b.engine.disown(b.engine.own("BackgroundTaskBuilder.RegisterWithName"))
	return b.engine.register(b, name, true)
}

// MustRegister is Register for test set-up: it panics on failure.
func (b *BackgroundTaskBuilder) MustRegister() *Registration {
	r, err := b.Register()
	if err != nil {
		panic("simulator: " + err.Error())
	}
	return r
}
