package simulator

import "github.com/bgsim/bgsim/simulator/manifest"

// DeviceTriggerResult is Windows' DeviceTriggerResult (docs/windows-model.md#device-triggers):
// what DeviceUseTrigger.RequestAsync and DeviceServicingTrigger.RequestAsync answer. Windows
// numbers Allowed 0; bgsim keeps 0 invalid.
type DeviceTriggerResult uint8

// The DeviceTriggerResult members.
const (
	DeviceTriggerInvalid        DeviceTriggerResult = iota
	DeviceTriggerAllowed                            // Allowed: the task runs
	DeviceTriggerDeniedByUser                       // DeniedByUser: the user did not consent
	DeviceTriggerDeniedBySystem                     // DeniedBySystem: the system's policy refused
	DeviceTriggerLowBattery                         // LowBattery: not enough battery for servicing
)

var deviceTriggerResults = enumTable[DeviceTriggerResult]{"DeviceTriggerResult",
	[]string{"", "Allowed", "DeniedByUser", "DeniedBySystem", "LowBattery"}}

// String returns the Windows member name.
func (r DeviceTriggerResult) String() string { return deviceTriggerResults.str(r) }

// ParseDeviceTriggerResult parses a member name.
func ParseDeviceTriggerResult(s string) (DeviceTriggerResult, error) {
	return deviceTriggerResults.parse(s)
}

// MinServicingBattery is the battery level servicing needs more than, on battery power
// (docs/windows-model.md#device-triggers [documented]).
const MinServicingBattery = 33

// DeviceUseTrigger mirrors Windows' DeviceUseTrigger (docs/windows-model.md#device-triggers): the
// app in the foreground asks for it with [Engine.RequestDeviceTrigger] to sync with a device in
// the background. An app registers one (a second Register fails with DuplicateTrigger), and its
// task may run for 10 minutes (DeviceUseWallClockLimit).
type DeviceUseTrigger struct{}

// NewDeviceUseTrigger returns a DeviceUseTrigger.
func NewDeviceUseTrigger() *DeviceUseTrigger { return &DeviceUseTrigger{} }

// String implements Trigger.
func (t *DeviceUseTrigger) String() string { return "DeviceUse" }

func (t *DeviceUseTrigger) taskTypes() []manifest.TaskType { return deviceUseTypes }

func (t *DeviceUseTrigger) validate(string) *RegisterError { return nil }

func (t *DeviceUseTrigger) isOneShot() bool { return false }

// DeviceServicingTrigger mirrors Windows' DeviceServicingTrigger
// (docs/windows-model.md#device-triggers): like DeviceUseTrigger, for a firmware update or
// another long operation on a device; it needs battery, and may run for 30 minutes
// (DeviceServicingWallClockLimit).
type DeviceServicingTrigger struct{}

// NewDeviceServicingTrigger returns a DeviceServicingTrigger.
func NewDeviceServicingTrigger() *DeviceServicingTrigger { return &DeviceServicingTrigger{} }

// String implements Trigger.
func (t *DeviceServicingTrigger) String() string { return "DeviceServicing" }

func (t *DeviceServicingTrigger) taskTypes() []manifest.TaskType { return deviceServicingTypes }

func (t *DeviceServicingTrigger) validate(string) *RegisterError { return nil }

func (t *DeviceServicingTrigger) isOneShot() bool { return false }

var (
	deviceUseTypes       = []manifest.TaskType{manifest.DeviceUse}
	deviceServicingTypes = []manifest.TaskType{manifest.DeviceServicing}
)

// isDeviceTrigger reports whether t is a DeviceUseTrigger or a DeviceServicingTrigger.
func isDeviceTrigger(t Trigger) bool {
	switch t.(type) {
	case *DeviceUseTrigger, *DeviceServicingTrigger:
		return true
	}
	return false
}

// checkDeviceTrigger refuses what Windows refuses for a device trigger at Register: conditions
// and an in-process task (docs/windows-model.md#device-triggers [documented];
// InvalidTrigger is bgsim's choice of code).
func checkDeviceTrigger(b *BackgroundTaskBuilder, name string) *RegisterError {
	if !isDeviceTrigger(b.trigger) {
		return nil
	}
	if len(b.conditions) > 0 {
		return registerError(InvalidTrigger, name, "a %s takes no conditions", b.trigger)
	}
	if entryPointOf(b) == "" {
		return registerError(InvalidTrigger, name, "a %s runs out of process only: it needs an entry point", b.trigger)
	}
	return nil
}

// DeviceTriggerDetails is the TriggerDetails of an instance started by a device trigger: the
// device the app asked for and the arguments it passed.
type DeviceTriggerDetails struct {
	DeviceID  string
	Arguments string
}

func (d *DeviceTriggerDetails) runFields() string {
	s := " device=" + quoteDetail(d.DeviceID)
	if d.Arguments != "" {
		s += " arguments=" + quoteDetail(d.Arguments)
	}
	return s
}

// DeviceTriggerRequest is one RequestAsync call on a device trigger.
type DeviceTriggerRequest struct {
	// Task names the registration whose trigger is asked for: the first live one of that name
	// with a DeviceUseTrigger or DeviceServicingTrigger.
	Task string
	// DeviceID is the device's id (RequestAsync's deviceId).
	DeviceID string
	// Arguments are RequestAsync's arguments, if any.
	Arguments string
	// DeniedByUser plays the user refusing the consent prompt.
	DeniedByUser bool
}

// RequestDeviceTrigger is DeviceUseTrigger.RequestAsync or DeviceServicingTrigger.RequestAsync
// called by the app (docs/windows-model.md#device-triggers). It answers, the first rule that
// applies winning, with an event record "device_trigger=DEVICE result=R" (and cause= when
// DeniedBySystem):
//   - DeniedBySystem cause=from_task from task code, cause=app_<state> when the app is not in the
//     foreground [documented: foreground only; bgsim's choice of answer];
//   - DeniedBySystem cause=no_registration when task names no live device-trigger registration
//     [bgsim's choice];
//   - DeniedBySystem cause=currently_running while a task of the same device trigger type runs:
//     one DeviceUse and one DeviceServicing task at a time, neither holding the other back
//     [documented; the answer is bgsim's choice];
//   - LowBattery for servicing on battery at MinServicingBattery percent or less [documented];
//   - DeniedByUser when the user refuses [documented];
//   - Allowed otherwise: the task runs now, or latches as any trigger does.
func (e *Engine) RequestDeviceTrigger(req DeviceTriggerRequest) DeviceTriggerResult {
	defer e.disown(e.own("Engine.RequestDeviceTrigger"))
	defer e.enter()()
	var r *Registration
	for _, o := range e.regs {
		if o.name == req.Task && !o.unregistered && isDeviceTrigger(o.trigger) {
			r = o
			break
		}
	}
	res, cause := DeviceTriggerAllowed, ""
	servicing := false
	if r != nil {
		_, servicing = r.trigger.(*DeviceServicingTrigger)
	}
	switch {
	case e.taskCode > 0:
		res, cause = DeviceTriggerDeniedBySystem, "from_task"
	case e.app != AppForeground:
		res, cause = DeviceTriggerDeniedBySystem, "app_"+e.app.String()
	case r == nil:
		res, cause = DeviceTriggerDeniedBySystem, "no_registration"
	case e.classRunning(r.exclusive):
		res, cause = DeviceTriggerDeniedBySystem, "currently_running"
	case servicing && e.device.Power != PowerAC && e.device.BatteryLevel <= MinServicingBattery:
		res = DeviceTriggerLowBattery
	case req.DeniedByUser:
		res = DeviceTriggerDeniedByUser
	}
	rec := Record{Kind: KindEvent, Task: req.Task, Detail: "device_trigger=" + quoteDetail(req.DeviceID) + " result=" + res.String()}
	if r != nil {
		rec.TaskNum, rec.TaskID = r.num, r.taskID
	}
	if cause != "" {
		rec.Detail += " cause=" + cause
	}
	e.emit(rec)
	if res == DeviceTriggerAllowed {
		e.fire(r, &DeviceTriggerDetails{DeviceID: req.DeviceID, Arguments: req.Arguments})
	}
	return res
}
