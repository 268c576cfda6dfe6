package harness

import (
	"fmt"

	"github.com/bgsim/bgsim/simulator"
)

// SocketActivity is the socket broker seeing activity on a socket transferred for the
// registrations named task (scenario key socket_activity {task, socket, reason}): each live one
// with a SocketActivityTrigger runs with *simulator.SocketActivityTriggerDetails, unless a task it
// activated still owns the socket (the event record says not_delivered=owned_by_task). An empty
// socket id or an invalid reason is an error. Task code gives the socket back with
// Instance.TransferOwnership.
func SocketActivity(task, socket string, reason simulator.SocketActivityTriggerReason) Action {
	return Action{"socket_activity " + task + " " + socket + " " + reason.String(), func(s *Simulation) error {
		return s.e.DeliverSocketActivity(task, socket, reason)
	}}
}

// RawNotification is a raw push notification for the app (scenario key raw_notification): every
// live PushNotificationTrigger registration runs with *simulator.RawNotification.
func RawNotification(content string) Action {
	return Action{"raw_notification " + content, func(s *Simulation) error {
		s.e.DeliverRawNotification(content)
		return nil
	}}
}

// ControlChannel is data arriving on a control channel, or its keep-alive timer expiring (scenario
// key control_channel {channel_id, event}): its ControlChannelTrigger registrations run with
// *simulator.ControlChannelTriggerEventDetails, but not one whose configuration gave PolicyError,
// nor a software slot in connected standby. An empty id or an invalid event is an error.
func ControlChannel(id string, ev simulator.ControlChannelEvent) Action {
	return Action{"control_channel " + id + " " + ev.String(), func(s *Simulation) error {
		return s.e.DeliverControlChannel(id, ev)
	}}
}

// BatteryLevel sets the battery's charge, 1 to 100 percent (scenario key battery_level).
func BatteryLevel(percent uint8) Action {
	return Action{"battery_level " + fmt.Sprint(percent), func(s *Simulation) error { return s.e.SetBatteryLevel(percent) }}
}

// DeviceTrigger is DeviceUseTrigger or DeviceServicingTrigger RequestAsync called by the app
// (scenario key device_trigger {task, device, arguments, denied_by_user}): the answer is an event
// record with a simulator.DeviceTriggerResult, and Allowed runs the task.
func DeviceTrigger(req simulator.DeviceTriggerRequest) Action {
	return Action{"device_trigger " + req.Task, func(s *Simulation) error {
		s.e.RequestDeviceTrigger(req)
		return nil
	}}
}

// MediaProcessing is MediaProcessingTrigger.RequestAsync(arguments) called by the app for its
// registration named task, a simulator.GenericTrigger of class MediaProcessingTrigger (scenario
// key media_processing {task, arguments}): the answer is an event record with a
// simulator.MediaProcessingTriggerResult, and Allowed runs the task with
// *simulator.MediaProcessingTriggerDetails.
func MediaProcessing(task string, arguments map[string]string) Action {
	return Action{"media_processing " + task, func(s *Simulation) error {
		s.e.RequestMediaProcessing(task, arguments)
		return nil
	}}
}

// Geofence is the device entering or leaving one of the app's geofences (scenario key geofence
// {id, state}): the app's LocationTrigger registration runs with *simulator.GeofenceReport. An
// empty id or an invalid state is an error.
func Geofence(id string, state simulator.GeofenceState) Action {
	return Action{"geofence " + id + " " + state.String(), func(s *Simulation) error {
		return s.e.ReportGeofence(id, state)
	}}
}

// TriggerEvent is the event of a trigger class (scenario key trigger_event {class, details}):
// every live GenericTrigger registration of that class runs with
// *simulator.TriggerEventDetails. An unknown class is an error naming the closest one.
func TriggerEvent(class string, details map[string]string) Action {
	return Action{"trigger_event " + class, func(s *Simulation) error {
		return s.e.RaiseTriggerEvent(class, details)
	}}
}
