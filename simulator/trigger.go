package simulator

import "github.com/bgsim/bgsim/simulator/manifest"

// Trigger is what SetTrigger takes: one of *SystemTrigger, *TimeTrigger, *MaintenanceTrigger,
// *ApplicationTrigger, *CustomSystemEventTrigger, *SocketActivityTrigger,
// *PushNotificationTrigger, *ControlChannelTrigger, *DeviceUseTrigger, *DeviceServicingTrigger,
// *LocationTrigger or *GenericTrigger.
type Trigger interface {
	// String is the trigger as the trace shows it, e.g. "System(TimeZoneChange)".
	String() string

	// taskTypes are the manifest task types that declare this trigger for an entry point (docs/windows-model.md#manifest-task-types
	// "Trigger → required Task Type"); any one of them is enough.
	taskTypes() []manifest.TaskType
	// validate checks the trigger's own arguments at Register time (docs/windows-model.md#registration-rules).
	validate(task string) *RegisterError
	// isOneShot reports whether the trigger fires at most once.
	isOneShot() bool
}

func oneShotSuffix(oneShot bool) string {
	if oneShot {
		return ",one_shot"
	}
	return ""
}
