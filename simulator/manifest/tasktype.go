package manifest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bgsim/bgsim/internal/suggest"
)

// TaskType is a manifest <Task Type="..."> value. Zero is invalid.
type TaskType uint8

// The task types a manifest can declare, in the order TaskTypes returns
// them. Each comment gives the exact manifest spelling.
const (
	// TaskTypeInvalid is the zero TaskType; it is never declared.
	TaskTypeInvalid TaskType = iota
	// General is "general": ApplicationTrigger and other general triggers.
	General
	// Audio is "audio": background audio playback.
	Audio
	// ControlChannel is "controlChannel": ControlChannelTrigger.
	ControlChannel
	// SystemEvent is "systemEvent": SystemTrigger and related triggers.
	SystemEvent
	// Timer is "timer": TimeTrigger.
	Timer
	// PushNotification is "pushNotification": PushNotificationTrigger.
	PushNotification
	// Location is "location": LocationTrigger and geofences.
	Location
	// DeviceUse is "deviceUse": DeviceUseTrigger.
	DeviceUse
	// DeviceServicing is "deviceServicing": DeviceServicingTrigger.
	DeviceServicing
	// DeviceConnectionChange is "deviceConnectionChange":
	// DeviceConnectionChangeTrigger.
	DeviceConnectionChange
	// Bluetooth is "bluetooth": Bluetooth LE and RFCOMM triggers.
	Bluetooth
	// ChatMessageNotification is "chatMessageNotification" (a uap:Task).
	ChatMessageNotification
	// VpnClient is "vpnClient" (a uap:Task).
	VpnClient
	// PhoneCall is "phoneCall" (a uap:Task).
	PhoneCall
	// MediaProcessing is "mediaProcessing" (a uap:Task).
	MediaProcessing
	// RealTimeCommunication is "realTimeCommunication".
	RealTimeCommunication
)

// lastTaskType is the highest valid TaskType.
const lastTaskType = RealTimeCommunication

// String returns the manifest spelling of t, such as "systemEvent", or
// "TaskType(N)" when t is not a valid task type.
func (t TaskType) String() string {
	switch t {
	case General:
		return "general"
	case Audio:
		return "audio"
	case ControlChannel:
		return "controlChannel"
	case SystemEvent:
		return "systemEvent"
	case Timer:
		return "timer"
	case PushNotification:
		return "pushNotification"
	case Location:
		return "location"
	case DeviceUse:
		return "deviceUse"
	case DeviceServicing:
		return "deviceServicing"
	case DeviceConnectionChange:
		return "deviceConnectionChange"
	case Bluetooth:
		return "bluetooth"
	case ChatMessageNotification:
		return "chatMessageNotification"
	case VpnClient:
		return "vpnClient"
	case PhoneCall:
		return "phoneCall"
	case MediaProcessing:
		return "mediaProcessing"
	case RealTimeCommunication:
		return "realTimeCommunication"
	}
	return "TaskType(" + strconv.Itoa(int(t)) + ")"
}

// valid reports whether t is one of the declared task types.
func (t TaskType) valid() bool { return t > TaskTypeInvalid && t <= lastTaskType }

// TaskTypes returns every valid TaskType in declaration order, from General
// to RealTimeCommunication. The slice is freshly allocated on each call.
func TaskTypes() []TaskType {
	out := make([]TaskType, 0, int(lastTaskType))
	for t := General; t <= lastTaskType; t++ {
		out = append(out, t)
	}
	return out
}

// taskTypeNames returns the manifest spellings of TaskTypes, in order.
func taskTypeNames() []string {
	types := TaskTypes()
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = t.String()
	}
	return names
}

// ParseTaskType returns the TaskType spelled s. The match is exact and
// case-sensitive, as in a manifest. For anything else the error says what
// was expected: it suggests the intended spelling when s differs from a
// valid one only by case or by at most two edits, and lists every valid
// spelling otherwise.
func ParseTaskType(s string) (TaskType, error) {
	if s == "" {
		return TaskTypeInvalid, errors.New(`empty task type, expected a manifest spelling such as "systemEvent"`)
	}
	for _, t := range TaskTypes() {
		if t.String() == s {
			return t, nil
		}
	}
	names := taskTypeNames()
	if guess := suggest.Closest(s, names); guess != "" {
		return TaskTypeInvalid, fmt.Errorf("unknown task type %q (did you mean %q?)", s, guess)
	}
	return TaskTypeInvalid, fmt.Errorf("unknown task type %q, expected one of %s", s, strings.Join(names, ", "))
}
