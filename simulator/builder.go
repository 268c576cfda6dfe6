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

	engine     *Engine
	trigger    Trigger
	conditions []SystemConditionType
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

// Register validates the builder (docs/windows-model.md#registration-errors) and registers it. A failure returns a *RegisterError
// and writes a register_failed record; nothing is registered.
func (b *BackgroundTaskBuilder) Register() (*Registration, error) {
	return b.engine.register(b, b.Name, false)
}

// RegisterWithName mirrors the newer Register(taskName): the name overrides Name, and every live
// registration with that name (in any group) is unregistered first, without canceling its
// running instances (docs/windows-model.md#task-builder [documented]).
func (b *BackgroundTaskBuilder) RegisterWithName(name string) (*Registration, error) {
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
