package simulator

// SystemTriggerType is a Windows SystemTriggerType member (docs/windows-model.md#system-triggers). The numeric values equal
// Windows' own, so Invalid is the zero value.
type SystemTriggerType uint8

// The SystemTriggerType members, with Windows' values.
const (
	SystemTriggerInvalid                      SystemTriggerType = iota // not valid
	SystemTriggerSmsReceived                                           // an SMS arrived
	SystemTriggerUserPresent                                           // the user became present
	SystemTriggerUserAway                                              // the user went away
	SystemTriggerNetworkStateChange                                    // connectivity or cost changed
	SystemTriggerControlChannelReset                                   // a control channel was reset; never one-shot
	SystemTriggerInternetAvailable                                     // the Internet became available
	SystemTriggerSessionConnected                                      // the session connected
	SystemTriggerServicingComplete                                     // the app was updated
	SystemTriggerLockScreenApplicationAdded                            // the app's tile was added to the lock screen
	SystemTriggerLockScreenApplicationRemoved                          // the app's tile was removed from the lock screen
	SystemTriggerTimeZoneChange                                        // the UTC offset changed
	SystemTriggerOnlineIdConnectedStateChange                          // the connected Microsoft account changed
	SystemTriggerBackgroundWorkCostChange                              // the background work cost changed
	SystemTriggerPowerStateChange                                      // the battery status changed
	SystemTriggerDefaultSignInAccountChange                            // the default sign-in account changed
)

var systemTriggerTypes = enumTable[SystemTriggerType]{"SystemTriggerType", []string{"",
	"SmsReceived", "UserPresent", "UserAway", "NetworkStateChange", "ControlChannelReset",
	"InternetAvailable", "SessionConnected", "ServicingComplete", "LockScreenApplicationAdded",
	"LockScreenApplicationRemoved", "TimeZoneChange", "OnlineIdConnectedStateChange",
	"BackgroundWorkCostChange", "PowerStateChange", "DefaultSignInAccountChange"}}

// String returns the Windows member name.
func (t SystemTriggerType) String() string { return systemTriggerTypes.str(t) }

// Valid reports whether t is a member other than Invalid.
func (t SystemTriggerType) Valid() bool { return systemTriggerTypes.valid(t) }

// ParseSystemTriggerType parses a Windows member name, exactly as spelled.
func ParseSystemTriggerType(s string) (SystemTriggerType, error) { return systemTriggerTypes.parse(s) }

// SystemTriggerTypes lists every valid member in Windows' order.
func SystemTriggerTypes() []SystemTriggerType { return systemTriggerTypes.values() }

// stateless reports whether the event carries no device state, so that only a generic system
// event (Engine.RaiseSystemEvent) can produce it.
func (t SystemTriggerType) stateless() bool {
	switch t {
	case SystemTriggerSmsReceived, SystemTriggerControlChannelReset,
		SystemTriggerOnlineIdConnectedStateChange, SystemTriggerDefaultSignInAccountChange:
		return true
	}
	return false
}
