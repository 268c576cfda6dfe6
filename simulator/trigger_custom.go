package simulator

import "github.com/bgsim/bgsim/simulator/manifest"

// CustomSystemEventRecurrence is Windows' CustomSystemEventTriggerRecurrence (docs/windows-model.md#custom-system-event-triggers). Windows
// numbers Once 0; bgsim keeps 0 invalid.
type CustomSystemEventRecurrence uint8

// The CustomSystemEventTriggerRecurrence members.
const (
	RecurrenceInvalid CustomSystemEventRecurrence = iota
	RecurrenceOnce                                // at most once per session
	RecurrenceAlways                              // every time the event is raised
)

var recurrences = enumTable[CustomSystemEventRecurrence]{"CustomSystemEventTriggerRecurrence", []string{"", "Once", "Always"}}

// String returns the Windows member name.
func (r CustomSystemEventRecurrence) String() string { return recurrences.str(r) }

// ParseCustomSystemEventRecurrence parses "Once" or "Always".
func ParseCustomSystemEventRecurrence(s string) (CustomSystemEventRecurrence, error) {
	return recurrences.parse(s)
}

// CustomSystemEventTrigger mirrors Windows' CustomSystemEventTrigger(triggerId, recurrence): it
// fires when the event with that id is raised (Engine.RaiseCustomSystemEvent). With Once it fires
// at most once per user session; a SessionConnected starts a new session.
type CustomSystemEventTrigger struct {
	TriggerID  string
	Recurrence CustomSystemEventRecurrence
}

// NewCustomSystemEventTrigger returns a CustomSystemEventTrigger.
func NewCustomSystemEventTrigger(id string, r CustomSystemEventRecurrence) *CustomSystemEventTrigger {
	return &CustomSystemEventTrigger{TriggerID: id, Recurrence: r}
}

// String implements Trigger.
func (t *CustomSystemEventTrigger) String() string {
	return "CustomSystemEvent(" + t.TriggerID + "," + t.Recurrence.String() + ")"
}

// A custom system event is declared as systemEvent [bgsim's choice] (Windows' table of task types does not list it; it is
// a system event).
func (t *CustomSystemEventTrigger) taskTypes() []manifest.TaskType { return systemEventTypes }

func (t *CustomSystemEventTrigger) validate(task string) *RegisterError {
	if t.TriggerID == "" || !recurrences.valid(t.Recurrence) {
		return registerError(InvalidTrigger, task, "custom system event trigger needs an id and a recurrence")
	}
	return nil
}

func (t *CustomSystemEventTrigger) isOneShot() bool { return false }
