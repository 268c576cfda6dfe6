package simulator

// CancellationReason is a Windows BackgroundTaskCancellationReason member (docs/windows-model.md#cancellation-reasons). Windows
// numbers Abort 0; bgsim keeps 0 invalid, so each value is Windows' plus one (see WindowsValue).
type CancellationReason uint8

// The BackgroundTaskCancellationReason members.
const (
	ReasonInvalid               CancellationReason = iota // not valid
	ReasonAbort                                           // canceled by the application (Unregister(true)), or maintenance on battery
	ReasonTerminating                                     // the app is about to be terminated by system policy
	ReasonLoggingOff                                      // the user is logging off
	ReasonServicingUpdate                                 // the app was updated
	ReasonIdleTask                                        // the task was active but doing no work
	ReasonUninstall                                       // the app was uninstalled
	ReasonConditionLoss                                   // a condition stopped holding (CancelOnConditionLoss)
	ReasonSystemPolicy                                    // system policy
	ReasonQuietHoursEntered                               // quiet hours started (unused since Windows 10)
	ReasonExecutionTimeExceeded                           // the allotted run time was exceeded
	ReasonResourceRevocation                              // the system needed the resources
	ReasonEnergySaver                                     // Battery Saver policy
)

var cancellationReasons = enumTable[CancellationReason]{"BackgroundTaskCancellationReason", []string{"",
	"Abort", "Terminating", "LoggingOff", "ServicingUpdate", "IdleTask", "Uninstall",
	"ConditionLoss", "SystemPolicy", "QuietHoursEntered", "ExecutionTimeExceeded",
	"ResourceRevocation", "EnergySaver"}}

// String returns the Windows member name.
func (r CancellationReason) String() string { return cancellationReasons.str(r) }

// Valid reports whether r is a member other than Invalid.
func (r CancellationReason) Valid() bool { return cancellationReasons.valid(r) }

// WindowsValue is the member's numeric value in Windows (Abort = 0).
func (r CancellationReason) WindowsValue() int { return int(r) - 1 }

// ParseCancellationReason parses a Windows member name, exactly as spelled.
func ParseCancellationReason(s string) (CancellationReason, error) {
	return cancellationReasons.parse(s)
}

// CancellationReasons lists every valid member in Windows' order.
func CancellationReasons() []CancellationReason { return cancellationReasons.values() }
