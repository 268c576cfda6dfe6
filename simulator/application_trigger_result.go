package simulator

// ApplicationTriggerResult is what ApplicationTrigger.RequestAsync answers (docs/windows-model.md#application-triggers). Windows
// numbers Allowed 0; bgsim keeps 0 invalid, so each value is Windows' plus one.
type ApplicationTriggerResult uint8

// The ApplicationTriggerResult members.
const (
	SignalInvalid          ApplicationTriggerResult = iota // not valid
	SignalAllowed                                          // the trigger was set; the task will run (perhaps after its conditions hold)
	SignalCurrentlyRunning                                 // refused: an instance is running now
	SignalDisabledByPolicy                                 // refused by energy or privacy policy (no background access)
	SignalUnknownError                                     // no ApplicationTrigger registration to signal
)

var applicationTriggerResults = enumTable[ApplicationTriggerResult]{"ApplicationTriggerResult", []string{"",
	"Allowed", "CurrentlyRunning", "DisabledByPolicy", "UnknownError"}}

// String returns the Windows member name.
func (r ApplicationTriggerResult) String() string { return applicationTriggerResults.str(r) }

// WindowsValue is the member's numeric value in Windows (Allowed = 0).
func (r ApplicationTriggerResult) WindowsValue() int { return int(r) - 1 }

// ParseApplicationTriggerResult parses a Windows member name, exactly as spelled.
func ParseApplicationTriggerResult(s string) (ApplicationTriggerResult, error) {
	return applicationTriggerResults.parse(s)
}

// ApplicationTriggerResults lists every valid member in Windows' order.
func ApplicationTriggerResults() []ApplicationTriggerResult {
	return applicationTriggerResults.values()
}
