package simulator

import "time"

// RecordKind is the kind of a trace record. The names are the vocabulary of the trace text and of
// scenario expectations (package scenarios). Zero is invalid.
type RecordKind uint8

// The record kinds, in the order of the table in the package doc.
const (
	KindInvalid           RecordKind = iota
	KindRegister                     // a registration succeeded
	KindRegisterFailed               // Register failed (Code)
	KindUnregister                   // Unregister(cancel) was called
	KindDevice                       // device state changed (Detail)
	KindEvent                        // a system event occurred (Event)
	KindLatched                      // a trigger fired but the task may not start yet (Detail)
	KindRun                          // Run was called: an instance started
	KindDeferral                     // the task took a deferral (Deferral)
	KindProgress                     // the task set Progress (Value)
	KindProgressDelivered            // Progress reached the app (Value)
	KindDeferralCompleted            // a deferral was completed (Deferral)
	KindCanceled                     // the instance was canceled (Reason)
	KindTerminated                   // the host was terminated (Detail)
	KindWorkLost                     // async work was pending when the host went away (Value)
	KindCompleted                    // the instance finished (Result)
	KindDelivered                    // Completed reached the app (Result)
	KindDropped                      // Completed will never reach the app (Result)
	KindSignalResult                 // ApplicationTrigger.RequestAsync answered (Signal)
	KindApp                          // the app's lifecycle state changed (Detail)
	KindAccess                       // background access changed (Detail)
	KindLog                          // task code logged a line (Detail)
	KindTaskError                    // task or handler code panicked (Detail)
	KindFault                        // a fault was injected (Detail)
)

var recordKinds = enumTable[RecordKind]{"record kind", []string{"",
	"register", "register_failed", "unregister", "device", "event", "latched", "run", "deferral",
	"progress", "progress_delivered", "deferral_completed", "canceled", "terminated", "work_lost",
	"completed", "delivered", "dropped", "signal_result", "app", "access", "log", "task_error",
	"fault"}}

// String returns the kind's name in the trace.
func (k RecordKind) String() string { return recordKinds.str(k) }

// ParseRecordKind parses a kind name.
func ParseRecordKind(s string) (RecordKind, error) { return recordKinds.parse(s) }

// RecordKinds lists every kind.
func RecordKinds() []RecordKind { return recordKinds.values() }

// Result is how an instance completed: what CheckResult reports. Zero means "no result".
type Result uint8

// The results.
const (
	ResultNone  Result = iota
	ResultOK           // CheckResult returns nil
	ResultError        // CheckResult returns an error
)

var results = enumTable[Result]{"result", []string{"", "ok", "error"}}

// String returns "ok" or "error".
func (r Result) String() string { return results.str(r) }

// ParseResult parses "ok" or "error".
func ParseResult(s string) (Result, error) { return results.parse(s) }

// Record is one observable step of a simulation. Only the fields its kind uses are set; the text
// and JSON renderings print the set ones in a fixed order. Records hold no pointers into the
// engine, so a sink may keep them.
type Record struct {
	At         time.Duration // virtual offset from the simulation start
	Kind       RecordKind
	Task       string // registration name; the entry point for the update task, which has none
	TaskNum    int    // registration number, from 1 in order of registration ("task="); 0 for the update task
	TaskID     GUID   // the registration's TaskId (JSON only)
	Instance   int    // instance number, from 1 in order of creation ("instance=")
	InstanceID GUID   // the instance's InstanceId (JSON only)
	Deferral   int    // deferral number within its instance
	Event      SystemTriggerType
	Reason     CancellationReason
	Result     Result
	Signal     ApplicationTriggerResult
	Code       RegisterErrorCode
	Value      uint32 // progress value or a count, for the kinds that carry one
	Detail     string // further canonical key=value fields, already rendered
}

// hasValue reports whether the kind prints Value (0 included).
func (k RecordKind) hasValue() bool {
	return k == KindProgress || k == KindProgressDelivered || k == KindWorkLost
}

// onlyValue reports whether Value is the only field after the identity that r may print: no
// deferral, event, reason, result, signal, error code or detail.
func (r *Record) onlyValue() bool {
	return r.Deferral == 0 && uint8(r.Event)|uint8(r.Reason)|uint8(r.Result)|uint8(r.Signal)|uint8(r.Code) == 0 &&
		r.Detail == ""
}

// Value is printed under the key "callbacks" for work_lost, "value" for the other kinds.

// valueJSONField is what the JSON form writes before Value.
func (k RecordKind) valueJSONField() string {
	if k == KindWorkLost {
		return `,"callbacks":`
	}
	return `,"value":`
}

// valueField is what the text form writes before Value.
func (k RecordKind) valueField() string {
	if k == KindWorkLost {
		return " callbacks="
	}
	return " value="
}
