package simulator

import "github.com/bgsim/bgsim/simulator/manifest"

// ApplicationTrigger mirrors Windows' ApplicationTrigger (docs/windows-model.md#application-triggers): the app fires it with
// RequestAsync. An app may hold one ApplicationTrigger registration at a time.
type ApplicationTrigger struct {
	engine *Engine // set when registered; any ApplicationTrigger of that engine can signal
}

// NewApplicationTrigger returns an ApplicationTrigger.
func NewApplicationTrigger() *ApplicationTrigger { return &ApplicationTrigger{} }

// String implements Trigger.
func (t *ApplicationTrigger) String() string { return "Application" }

// An ApplicationTrigger is declared as general (Microsoft Learn: "Declare background tasks in the application manifest") or, as the Windows sample does,
// systemEvent: docs/windows-model.md#manifest-task-types table, "[bgsim's choice] accept either".
func (t *ApplicationTrigger) taskTypes() []manifest.TaskType { return generalOrSystemEvent }

func (t *ApplicationTrigger) validate(string) *RegisterError { return nil }

func (t *ApplicationTrigger) isOneShot() bool { return false }

// RequestAsync signals the app's ApplicationTrigger registration with the given arguments (which
// reach the task as *ApplicationTriggerDetails) and answers as Windows does. A trigger that was
// never registered answers UnknownError. See Engine.RequestApplicationTrigger.
func (t *ApplicationTrigger) RequestAsync(arguments map[string]string) ApplicationTriggerResult {
	if t.engine == nil {
		return SignalUnknownError
	}
	return t.engine.RequestApplicationTrigger(arguments)
}

// ApplicationTriggerDetails is the TriggerDetails of an instance started by an ApplicationTrigger.
type ApplicationTriggerDetails struct {
	Arguments map[string]string
}
