package simulator

// AccessStatus is the app's background access: a Windows BackgroundAccessStatus member (docs/windows-model.md#background-access),
// or NotRequested, bgsim's word for an app that never called RequestAccessAsync. Windows numbers
// Unspecified 0; bgsim keeps 0 invalid.
type AccessStatus uint8

// The BackgroundAccessStatus members, plus AccessNotRequested.
const (
	AccessInvalid                                 AccessStatus = iota // not valid
	AccessNotRequested                                                // RequestAccessAsync was never called (bgsim's own value)
	AccessUnspecified                                                 // Windows: no background activity may run
	AccessAllowedWithAlwaysOnRealTimeConnectivity                     // deprecated in 1607
	AccessAllowedMayUseActiveRealTimeConnectivity                     // deprecated in 1607
	AccessDeniedLegacy                                                // Windows "Denied", deprecated in 1607
	AccessAlwaysAllowed                                               // allowed, Battery Saver included
	AccessAllowedSubjectToSystemPolicy                                // allowed, subject to Battery Saver
	AccessDeniedBySystemPolicy                                        // the system said no
	AccessDeniedByUser                                                // the user said no
)

var accessStatuses = enumTable[AccessStatus]{"BackgroundAccessStatus", []string{"",
	"not_requested", "Unspecified", "AllowedWithAlwaysOnRealTimeConnectivity",
	"AllowedMayUseActiveRealTimeConnectivity", "Denied", "AlwaysAllowed",
	"AllowedSubjectToSystemPolicy", "DeniedBySystemPolicy", "DeniedByUser"}}

// String returns the Windows member name, or "not_requested".
func (a AccessStatus) String() string { return accessStatuses.str(a) }

// Valid reports whether a is a member other than Invalid.
func (a AccessStatus) Valid() bool { return accessStatuses.valid(a) }

// ParseAccessStatus parses a Windows member name or "not_requested".
func ParseAccessStatus(s string) (AccessStatus, error) { return accessStatuses.parse(s) }

// AccessStatuses lists every valid value.
func AccessStatuses() []AccessStatus { return accessStatuses.values() }

// Denied reports whether the status is one of the Denied members: registration fails (docs/windows-model.md#registration-errors,
// "user disabled background access") and tasks never run.
func (a AccessStatus) Denied() bool {
	return a == AccessDeniedLegacy || a == AccessDeniedBySystemPolicy || a == AccessDeniedByUser
}

// blocksAll reports whether no background task of the app may run: a Denied member, or
// Unspecified ("no background activity", docs/windows-model.md#background-access [documented]).
func (a AccessStatus) blocksAll() bool { return a.Denied() || a == AccessUnspecified }

// mayRegister reports whether Register succeeds under this status without
// Policy.RegisterWithoutAccess (docs/windows-model.md#background-access [bgsim's choice] "Access model").
func (a AccessStatus) mayRegister() bool { return !a.blocksAll() && a != AccessNotRequested }

// exemptFromBatterySaver reports whether tasks keep running under Battery Saver: only
// AlwaysAllowed apps are (docs/windows-model.md#battery-saver [documented]).
func (a AccessStatus) exemptFromBatterySaver() bool { return a == AccessAlwaysAllowed }
