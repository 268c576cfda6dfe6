package simulator

import (
	"errors"
	"fmt"
)

// RegisterErrorCode names why Register failed (docs/windows-model.md#registration-rules). Zero is invalid.
type RegisterErrorCode uint8

// The registration failures bgsim models, each with the rule of docs/windows-model.md it follows.
const (
	RegisterErrorInvalid RegisterErrorCode = iota
	// NoTrigger: SetTrigger was never called. docs/windows-model.md#task-builder SetTrigger "required for Register" [documented].
	NoTrigger
	// ClassNotRegistered: an out-of-process entry point is not declared in the manifest, or does
	// not declare the task type the trigger needs. docs/windows-model.md#registration-errors "runtime class not registered" [documented];
	// HRESULT REGDB_E_CLASSNOTREG [bgsim's choice].
	ClassNotRegistered
	// InvalidFreshness: a time or maintenance freshness under 15 minutes or not whole minutes, or a
	// maintenance freshness over 30 days. docs/windows-model.md#time-triggers, #maintenance-triggers [documented]; HRESULT E_INVALIDARG [bgsim's choice].
	InvalidFreshness
	// InvalidOneShot: a one-shot ControlChannelReset trigger. docs/windows-model.md#system-triggers table [documented]; HRESULT
	// E_INVALIDARG [bgsim's choice].
	InvalidOneShot
	// DuplicateApplicationTrigger: the app already has an ApplicationTrigger registration.
	// docs/windows-model.md#application-triggers, #registration-rules [documented]; no HRESULT is documented.
	DuplicateApplicationTrigger
	// AccessDenied: background access is denied (Denied, DeniedByUser, DeniedBySystemPolicy) or
	// was never requested (not_requested). docs/windows-model.md#registration-errors "user disabled background access" [documented], docs/windows-model.md#background-access access
	// model [bgsim's choice]; no HRESULT is documented.
	AccessDenied
	// InvalidTrigger: the trigger's own arguments are invalid (an Invalid SystemTriggerType, a
	// custom system event without an id or recurrence). Windows' constructors take typed values,
	// so this is an argument error [bgsim's choice]; HRESULT E_INVALIDARG [bgsim's choice].
	InvalidTrigger
	// DuplicateTrigger: the app already has a registration of a trigger it may register only once:
	// LocationTrigger (one geofence trigger per app, docs/windows-model.md#location-triggers
	// [documented]) or MediaProcessingTrigger (docs/windows-model.md#other-trigger-classes
	// [bgsim's choice]); no HRESULT is documented.
	DuplicateTrigger
)

var registerErrorCodes = enumTable[RegisterErrorCode]{"register error", []string{"",
	"NoTrigger", "ClassNotRegistered", "InvalidFreshness", "InvalidOneShot",
	"DuplicateApplicationTrigger", "AccessDenied", "InvalidTrigger", "DuplicateTrigger"}}

// String returns the code's name, as used in scenario expectations.
func (c RegisterErrorCode) String() string { return registerErrorCodes.str(c) }

// ParseRegisterErrorCode parses a code name.
func ParseRegisterErrorCode(s string) (RegisterErrorCode, error) { return registerErrorCodes.parse(s) }

// RegisterErrorCodes lists every code.
func RegisterErrorCodes() []RegisterErrorCode { return registerErrorCodes.values() }

// HRESULTs bgsim reports. Where Windows documents none, HResult is 0.
const (
	HResultClassNotRegistered uint32 = 0x80040154 // REGDB_E_CLASSNOTREG
	HResultInvalidArg         uint32 = 0x80070057 // E_INVALIDARG
)

// HResult is the HRESULT Windows gives for the code, or 0 where none is known.
func (c RegisterErrorCode) HResult() uint32 {
	switch c {
	case ClassNotRegistered:
		return HResultClassNotRegistered
	case InvalidFreshness, InvalidOneShot, InvalidTrigger:
		return HResultInvalidArg
	}
	return 0
}

// RegisterError is the error Register returns. errors.Is matches it against the Err* sentinels
// by code.
type RegisterError struct {
	Code    RegisterErrorCode
	HResult uint32 // 0 where Windows documents none
	Task    string // the registration name
	Detail  string // what exactly was wrong
}

// Error implements error.
func (e *RegisterError) Error() string {
	msg := fmt.Sprintf("cannot register %q: %s", e.Task, e.Code)
	if e.HResult != 0 {
		msg += fmt.Sprintf(" (0x%08X)", e.HResult)
	}
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// Is reports whether target is a *RegisterError with the same code.
func (e *RegisterError) Is(target error) bool {
	var t *RegisterError
	return errors.As(target, &t) && t.Code == e.Code
}

func registerError(code RegisterErrorCode, task, format string, args ...any) *RegisterError {
	return &RegisterError{Code: code, HResult: code.HResult(), Task: task, Detail: fmt.Sprintf(format, args...)}
}

// Sentinels for errors.Is on a Register error.
var (
	ErrNoTrigger                   error = &RegisterError{Code: NoTrigger}
	ErrClassNotRegistered          error = &RegisterError{Code: ClassNotRegistered}
	ErrInvalidFreshness            error = &RegisterError{Code: InvalidFreshness}
	ErrInvalidOneShot              error = &RegisterError{Code: InvalidOneShot}
	ErrDuplicateApplicationTrigger error = &RegisterError{Code: DuplicateApplicationTrigger}
	ErrAccessDenied                error = &RegisterError{Code: AccessDenied}
	ErrInvalidTrigger              error = &RegisterError{Code: InvalidTrigger}
	ErrDuplicateTrigger            error = &RegisterError{Code: DuplicateTrigger}
)

// ErrTaskFailed is what CompletedEventArgs.CheckResult wraps when an instance completed with an
// error: its task code panicked, or its host was terminated. docs/windows-model.md#task-errors CheckResult [bgsim's choice].
var ErrTaskFailed = errors.New("background task completed with an error")
