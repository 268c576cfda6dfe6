package simulator

// SystemConditionType is a Windows SystemConditionType member (docs/windows-model.md#conditions). The numeric values equal
// Windows' own, so Invalid is the zero value.
type SystemConditionType uint8

// The SystemConditionType members, with Windows' values.
const (
	ConditionInvalid                   SystemConditionType = iota // not valid
	ConditionUserPresent                                          // the user is present
	ConditionUserNotPresent                                       // the user is away
	ConditionInternetAvailable                                    // the Internet is available
	ConditionInternetNotAvailable                                 // the Internet is not available
	ConditionSessionConnected                                     // the session is connected
	ConditionSessionDisconnected                                  // the session is disconnected
	ConditionFreeNetworkAvailable                                 // a free (unmetered) network is available
	ConditionBackgroundWorkCostNotHigh                            // background work cost is Low or Medium
)

var systemConditionTypes = enumTable[SystemConditionType]{"SystemConditionType", []string{"",
	"UserPresent", "UserNotPresent", "InternetAvailable", "InternetNotAvailable", "SessionConnected",
	"SessionDisconnected", "FreeNetworkAvailable", "BackgroundWorkCostNotHigh"}}

// String returns the Windows member name.
func (c SystemConditionType) String() string { return systemConditionTypes.str(c) }

// Valid reports whether c is a member other than Invalid.
func (c SystemConditionType) Valid() bool { return systemConditionTypes.valid(c) }

// ParseSystemConditionType parses a Windows member name, exactly as spelled.
func ParseSystemConditionType(s string) (SystemConditionType, error) {
	return systemConditionTypes.parse(s)
}

// SystemConditionTypes lists every valid member in Windows' order.
func SystemConditionTypes() []SystemConditionType { return systemConditionTypes.values() }
