package simulator

import "github.com/bgsim/bgsim/simulator/manifest"

// SystemTrigger mirrors Windows' SystemTrigger(triggerType, oneShot) (docs/windows-model.md#system-triggers): it fires on
// every occurrence of a system event, or only on the next one when OneShot is set.
type SystemTrigger struct {
	TriggerType SystemTriggerType
	OneShot     bool
}

// NewSystemTrigger returns a SystemTrigger, as its Windows constructor does.
func NewSystemTrigger(t SystemTriggerType, oneShot bool) *SystemTrigger {
	return &SystemTrigger{TriggerType: t, OneShot: oneShot}
}

// String implements Trigger.
func (t *SystemTrigger) String() string {
	return "System(" + t.TriggerType.String() + oneShotSuffix(t.OneShot) + ")"
}

// A SystemTrigger needs the systemEvent task type (docs/windows-model.md#manifest-task-types).
func (t *SystemTrigger) taskTypes() []manifest.TaskType { return systemEventTypes }

var systemEventTypes = []manifest.TaskType{manifest.SystemEvent}

func (t *SystemTrigger) validate(task string) *RegisterError {
	if !t.TriggerType.Valid() {
		// Windows' constructor takes the enum, so an invalid member is an argument error.
		return registerError(InvalidTrigger, task, "system trigger type %v is not valid", t.TriggerType)
	}
	if t.TriggerType == SystemTriggerControlChannelReset && t.OneShot {
		return registerError(InvalidOneShot, task, "ControlChannelReset does not support one-shot triggers")
	}
	return nil
}

func (t *SystemTrigger) isOneShot() bool { return t.OneShot }
