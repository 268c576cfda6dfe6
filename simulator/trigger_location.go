package simulator

import (
	"fmt"

	"github.com/bgsim/bgsim/simulator/manifest"
)

// LocationTriggerType is Windows' LocationTriggerType (docs/windows-model.md#location-triggers).
// Windows numbers Geofence 0; bgsim keeps 0 invalid.
type LocationTriggerType uint8

// The LocationTriggerType members.
const (
	LocationTriggerInvalid  LocationTriggerType = iota
	LocationTriggerGeofence                     // Geofence: the app's geofences are entered or exited
)

var locationTriggerTypes = enumTable[LocationTriggerType]{"LocationTriggerType", []string{"", "Geofence"}}

// String returns the Windows member name.
func (t LocationTriggerType) String() string { return locationTriggerTypes.str(t) }

// ParseLocationTriggerType parses "Geofence".
func ParseLocationTriggerType(s string) (LocationTriggerType, error) {
	return locationTriggerTypes.parse(s)
}

// GeofenceState is the part of Windows' GeofenceState a geofence report carries: Entered or
// Exited. Windows numbers None 0; bgsim keeps 0 invalid.
type GeofenceState uint8

// The GeofenceState members bgsim reports.
const (
	GeofenceStateInvalid GeofenceState = iota
	GeofenceEntered                    // Entered: the device entered the geofence
	GeofenceExited                     // Exited: the device left the geofence
)

var geofenceStates = enumTable[GeofenceState]{"GeofenceState", []string{"", "Entered", "Exited"}}

// String returns the Windows member name.
func (s GeofenceState) String() string { return geofenceStates.str(s) }

// ParseGeofenceState parses "Entered" or "Exited".
func ParseGeofenceState(s string) (GeofenceState, error) { return geofenceStates.parse(s) }

// LocationTrigger mirrors Windows' LocationTrigger(LocationTriggerType.Geofence)
// (docs/windows-model.md#location-triggers): it fires for every geofence of the app
// ([Engine.ReportGeofence]). An app may hold one registration of it: a second Register fails
// with DuplicateTrigger.
type LocationTrigger struct {
	TriggerType LocationTriggerType
}

// NewLocationTrigger returns a LocationTrigger of that type.
func NewLocationTrigger(t LocationTriggerType) *LocationTrigger {
	return &LocationTrigger{TriggerType: t}
}

// String implements Trigger.
func (t *LocationTrigger) String() string { return "Location(" + t.TriggerType.String() + ")" }

// A location task is declared as location, as Microsoft's Geolocation sample does.
func (t *LocationTrigger) taskTypes() []manifest.TaskType { return locationTypes }

func (t *LocationTrigger) validate(task string) *RegisterError {
	if !locationTriggerTypes.valid(t.TriggerType) {
		return registerError(InvalidTrigger, task, "%v is not a LocationTriggerType member", t.TriggerType)
	}
	return nil
}

func (t *LocationTrigger) isOneShot() bool { return false }

// GeofenceReport is the TriggerDetails of an instance started by a LocationTrigger: the geofence
// and the state it reported, as GeofenceMonitor.ReadReports would give the task.
type GeofenceReport struct {
	Geofence string
	NewState GeofenceState
}

func (d *GeofenceReport) runFields() string {
	return " geofence=" + quoteDetail(d.Geofence) + " state=" + d.NewState.String()
}

// ReportGeofence is the device entering or leaving one of the app's geofences
// (docs/windows-model.md#location-triggers): an event record "geofence=ID state=S", then the
// app's LocationTrigger registration, if it has one, fires with a *GeofenceReport. An empty id or
// an invalid state is an error and changes nothing.
func (e *Engine) ReportGeofence(id string, state GeofenceState) error {
	defer e.disown(e.own("Engine.ReportGeofence"))
	if id == "" {
		return fmt.Errorf("cannot report a geofence: empty geofence id")
	}
	if !geofenceStates.valid(state) {
		return fmt.Errorf("cannot report geofence %q: %v is not Entered or Exited", id, state)
	}
	defer e.enter()()
	e.emit(Record{Kind: KindEvent, Detail: "geofence=" + quoteDetail(id) + " state=" + state.String()})
	n := len(e.regs)
	for i := 0; i < n; i++ {
		r := e.regs[i]
		if _, ok := r.trigger.(*LocationTrigger); ok && !r.unregistered {
			e.fire(r, &GeofenceReport{Geofence: id, NewState: state})
		}
	}
	return nil
}
