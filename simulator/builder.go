package simulator

// BackgroundTaskBuilder mirrors Windows' BackgroundTaskBuilder (spec §1.1). Set the fields, call
// SetTrigger and AddCondition, then Register. Only what is set before Register counts: later
// changes to the builder do not reach the registration.
type BackgroundTaskBuilder struct {
	// Name is copied to the registration; Register does not require it to be unique.
	Name string
	// TaskEntryPoint is "Namespace.Class", declared in the manifest; "" means an in-process task.
	TaskEntryPoint string
	// CancelOnConditionLoss cancels a running instance with ConditionLoss when a condition stops
	// holding. Default false [I] (spec §1.1).
	CancelOnConditionLoss bool
	// IsNetworkRequested keeps the network up for the task in connected standby (spec §1.1, §5).
	IsNetworkRequested bool
	// TaskGroup puts the registration in a group (spec §1.3); nil means ungrouped.
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
// condition has no effect (spec §3 [I]); contradictory ones are accepted and the task never
// runs.
func (b *BackgroundTaskBuilder) AddCondition(c SystemConditionType) {
	for _, have := range b.conditions {
		if have == c {
			return
		}
	}
	b.conditions = append(b.conditions, c)
}

// Register validates the builder (spec §6) and registers it. A failure returns a *RegisterError
// and writes a register_failed record; nothing is registered.
func (b *BackgroundTaskBuilder) Register() (*Registration, error) {
	return b.engine.register(b, b.Name, false)
}

// RegisterWithName mirrors the newer Register(taskName): the name overrides Name, and every live
// registration with that name (in any group) is unregistered first, without canceling its
// running instances (spec §1.1 [D]).
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
