package simulator

// StandbyTaskSupport is whether the device runs background tasks in modern standby: the
// device side of BackgroundTaskBuilder.IsRunningTaskInStandbySupported
// (docs/windows-model.md#standby-opt-in). Zero is invalid (a DeviceState's default: supported).
type StandbyTaskSupport uint8

// The StandbyTaskSupport values.
const (
	StandbyTasksInvalid StandbyTaskSupport = iota
	StandbyTasksSupported
	StandbyTasksUnsupported
)

var standbyTaskSupports = enumTable[StandbyTaskSupport]{"standby task support", []string{"", "supported", "unsupported"}}

// String returns "supported" or "unsupported".
func (s StandbyTaskSupport) String() string { return standbyTaskSupports.str(s) }

// ParseStandbyTaskSupport parses "supported" or "unsupported".
func ParseStandbyTaskSupport(s string) (StandbyTaskSupport, error) {
	return standbyTaskSupports.parse(s)
}

// NetworkLevel is the device's connectivity. Zero is invalid.
type NetworkLevel uint8

// The network levels, spelled as in scenario files.
const (
	NetworkInvalid  NetworkLevel = iota
	NetworkNone                  // no connectivity
	NetworkLocal                 // local access only
	NetworkInternet              // Internet access
)

var networkLevels = enumTable[NetworkLevel]{"network level", []string{"", "none", "local", "internet"}}

// String returns the name used in scenario files and traces.
func (n NetworkLevel) String() string { return networkLevels.str(n) }

// ParseNetworkLevel parses "none", "local" or "internet".
func ParseNetworkLevel(s string) (NetworkLevel, error) { return networkLevels.parse(s) }

// NetworkCost is the cost of the current network. Zero is invalid.
type NetworkCost uint8

// The network costs, spelled as in scenario files.
const (
	CostInvalid NetworkCost = iota
	CostFree                // unrestricted (unmetered)
	CostMetered             // metered
)

var networkCosts = enumTable[NetworkCost]{"network cost", []string{"", "free", "metered"}}

// String returns the name used in scenario files and traces.
func (c NetworkCost) String() string { return networkCosts.str(c) }

// ParseNetworkCost parses "free" or "metered".
func ParseNetworkCost(s string) (NetworkCost, error) { return networkCosts.parse(s) }

// PowerSource is where the device's power comes from. Zero is invalid.
type PowerSource uint8

// The power sources, spelled as in scenario files.
const (
	PowerInvalid PowerSource = iota
	PowerAC                  // plugged in
	PowerBattery             // on battery (DC)
)

var powerSources = enumTable[PowerSource]{"power source", []string{"", "ac", "battery"}}

// String returns the name used in scenario files and traces.
func (p PowerSource) String() string { return powerSources.str(p) }

// ParsePowerSource parses "ac" or "battery".
func ParsePowerSource(s string) (PowerSource, error) { return powerSources.parse(s) }

// UserPresence says whether the user is at the device. Zero is invalid.
type UserPresence uint8

// The user presence values, spelled as in scenario files.
const (
	UserInvalid UserPresence = iota
	UserPresent              // the user is present
	UserAway                 // the user is away
)

var userPresences = enumTable[UserPresence]{"user presence", []string{"", "present", "away"}}

// String returns the name used in scenario files and traces.
func (u UserPresence) String() string { return userPresences.str(u) }

// ParseUserPresence parses "present" or "away".
func ParseUserPresence(s string) (UserPresence, error) { return userPresences.parse(s) }

// SessionState is the state of the user session. Zero is invalid.
type SessionState uint8

// The session states, spelled as in scenario files.
const (
	SessionInvalid      SessionState = iota
	SessionConnected                 // the session is connected
	SessionDisconnected              // remote-desktop disconnect or fast user switch (not logoff)
)

var sessionStates = enumTable[SessionState]{"session state", []string{"", "connected", "disconnected"}}

// String returns the name used in scenario files and traces.
func (s SessionState) String() string { return sessionStates.str(s) }

// ParseSessionState parses "connected" or "disconnected".
func ParseSessionState(s string) (SessionState, error) { return sessionStates.parse(s) }

// WorkCost is a BackgroundWorkCostValue (docs/windows-model.md#background-work-cost). Windows numbers Low 0; bgsim keeps 0 invalid.
type WorkCost uint8

// The BackgroundWorkCostValue members.
const (
	WorkCostInvalid WorkCost = iota
	WorkCostLow              // on AC
	WorkCostMedium           // on battery with the screen on
	WorkCostHigh             // on battery with the screen off (connected standby)
)

var workCosts = enumTable[WorkCost]{"BackgroundWorkCostValue", []string{"", "Low", "Medium", "High"}}

// String returns the name used in scenario files and traces.
func (w WorkCost) String() string { return workCosts.str(w) }

// AppState is the lifecycle state of the app that owns the tasks. Zero is invalid.
type AppState uint8

// The app states, spelled as in scenario files.
const (
	AppInvalid    AppState = iota
	AppForeground          // running in the foreground
	AppSuspended           // suspended by the system
	AppTerminated          // terminated (by the system or the user)
	AppNotRunning          // never launched since the device started
)

var appStates = enumTable[AppState]{"app state", []string{"", "foreground", "suspended", "terminated", "not_running"}}

// String returns the name used in scenario files and traces.
func (a AppState) String() string { return appStates.str(a) }

// ParseAppState parses "foreground", "suspended", "terminated" or "not_running".
func ParseAppState(s string) (AppState, error) { return appStates.parse(s) }
