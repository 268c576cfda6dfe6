package simulator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bgsim/bgsim/internal/suggest"
	"github.com/bgsim/bgsim/simulator/manifest"
)

// triggerClass is one trigger class bgsim plays by name (docs/windows-model.md#other-trigger-classes):
// its Windows class name and the manifest task types that declare it, any one being enough.
type triggerClass struct {
	name  string
	types []manifest.TaskType
	once  bool // an app may hold one registration of the class at a time
}

var (
	generalTypes    = []manifest.TaskType{manifest.General}
	bluetoothTypes  = []manifest.TaskType{manifest.Bluetooth}
	locationTypes   = []manifest.TaskType{manifest.Location}
	unspecifiedType = generalOrSystemEvent // no page or sample gives the type: [bgsim's choice]
)

// triggerClasses are the trigger classes of Windows.ApplicationModel.Background that
// [GenericTrigger] plays, sorted by name. SocketActivityTrigger, PushNotificationTrigger and
// LocationTrigger have types of their own; ControlChannelTrigger, DeviceUseTrigger and DeviceServicingTrigger,
// which need more than a firing, are not in the list.
var triggerClasses = []triggerClass{
	{"ActivitySensorTrigger", generalTypes, false},
	{"AppBroadcastTrigger", unspecifiedType, false},
	{"AppointmentStoreNotificationTrigger", unspecifiedType, false},
	{"BluetoothLEAdvertisementPublisherTrigger", bluetoothTypes, false},
	{"BluetoothLEAdvertisementWatcherTrigger", bluetoothTypes, false},
	{"CachedFileUpdaterTrigger", unspecifiedType, false},
	{"ChatMessageNotificationTrigger", []manifest.TaskType{manifest.ChatMessageNotification}, false},
	{"ChatMessageReceivedNotificationTrigger", unspecifiedType, false},
	{"CommunicationBlockingAppSetAsActiveTrigger", unspecifiedType, false},
	{"ContactStoreNotificationTrigger", unspecifiedType, false},
	{"ContentPrefetchTrigger", unspecifiedType, false},
	{"ConversationalAgentTrigger", unspecifiedType, false},
	{"DeviceConnectionChangeTrigger", []manifest.TaskType{manifest.DeviceConnectionChange}, false},
	{"DeviceManufacturerNotificationTrigger", unspecifiedType, false},
	{"DeviceWatcherTrigger", unspecifiedType, false},
	{"EmailStoreNotificationTrigger", unspecifiedType, false},
	{"GattCharacteristicNotificationTrigger", bluetoothTypes, false},
	{"GattServiceProviderTrigger", bluetoothTypes, false},
	{"GeovisitTrigger", locationTypes, false},
	{"MediaProcessingTrigger", []manifest.TaskType{manifest.MediaProcessing}, true},
	{"MobileBroadbandDeviceServiceNotificationTrigger", unspecifiedType, false},
	{"MobileBroadbandPcoDataChangeTrigger", unspecifiedType, false},
	{"MobileBroadbandPinLockStateChangeTrigger", unspecifiedType, false},
	{"MobileBroadbandRadioStateChangeTrigger", unspecifiedType, false},
	{"MobileBroadbandRegistrationStateChangeTrigger", unspecifiedType, false},
	{"NetworkOperatorDataUsageTrigger", unspecifiedType, false},
	{"NetworkOperatorHotspotAuthenticationTrigger", unspecifiedType, false},
	{"NetworkOperatorNotificationTrigger", unspecifiedType, false},
	{"PaymentAppCanMakePaymentTrigger", unspecifiedType, false},
	{"PhoneTrigger", []manifest.TaskType{manifest.PhoneCall}, false},
	{"RcsEndUserMessageAvailableTrigger", unspecifiedType, false},
	{"RfcommConnectionTrigger", bluetoothTypes, false},
	{"SecondaryAuthenticationFactorAuthenticationTrigger", unspecifiedType, false},
	{"SensorDataThresholdTrigger", generalTypes, false},
	{"SmartCardTrigger", unspecifiedType, false},
	{"SmsMessageReceivedTrigger", generalTypes, false},
	{"StorageLibraryChangeTrackerTrigger", unspecifiedType, false},
	{"StorageLibraryContentChangedTrigger", unspecifiedType, false},
	{"TetheringEntitlementCheckTrigger", unspecifiedType, false},
	{"ToastNotificationActionTrigger", systemEventTypes, false},
	{"ToastNotificationHistoryChangedTrigger", systemEventTypes, false},
	{"UserNotificationChangedTrigger", unspecifiedType, false},
	{"WiFiOnDemandHotspotConnectTrigger", unspecifiedType, false},
	{"WiFiOnDemandHotspotUpdateMetadataTrigger", unspecifiedType, false},
}

// TriggerClasses lists the class names GenericTrigger takes, sorted.
func TriggerClasses() []string {
	out := make([]string, len(triggerClasses))
	for i, c := range triggerClasses {
		out[i] = c.name
	}
	return out
}

// TriggerClassTaskTypes returns the manifest task types that declare the class, any one being
// enough, or an error naming the closest class for an unknown name.
func TriggerClassTaskTypes(class string) ([]manifest.TaskType, error) {
	c, err := lookupTriggerClass(class)
	if err != nil {
		return nil, err
	}
	return slices.Clone(c.types), nil
}

func lookupTriggerClass(class string) (*triggerClass, error) {
	i, found := slices.BinarySearchFunc(triggerClasses, class, func(c triggerClass, name string) int {
		return strings.Compare(c.name, name)
	})
	if !found {
		names := TriggerClasses()
		hint := suggest.Hint(class, names)
		if hint == "" && !strings.HasSuffix(class, "Trigger") {
			if _, ok := slices.BinarySearch(names, class+"Trigger"); ok { // the suffix left off
				hint = ` (did you mean "` + class + `Trigger"?)`
			} else {
				hint = suggest.Hint(class+"Trigger", names)
			}
		}
		return nil, fmt.Errorf("unknown trigger class %q%s", class, hint)
	}
	return &triggerClasses[i], nil
}

// GenericTrigger plays a trigger class of [TriggerClasses] by its Windows class name
// (docs/windows-model.md#other-trigger-classes): Register checks the manifest task type the class
// needs, and [Engine.RaiseTriggerEvent] fires it, with optional details that reach the task as
// *TriggerEventDetails. What the class's own constructor arguments and events mean is not
// played.
type GenericTrigger struct {
	// Class is the Windows class name, such as "BluetoothLEAdvertisementWatcherTrigger".
	Class string
}

// NewGenericTrigger returns a GenericTrigger for the class, or an error (with the closest class
// name) for a class bgsim does not know.
func NewGenericTrigger(class string) (*GenericTrigger, error) {
	if _, err := lookupTriggerClass(class); err != nil {
		return nil, fmt.Errorf("cannot make a trigger: %w", err)
	}
	return &GenericTrigger{Class: class}, nil
}

// String implements Trigger: the class name without its "Trigger" suffix.
func (t *GenericTrigger) String() string { return strings.TrimSuffix(t.Class, "Trigger") }

func (t *GenericTrigger) taskTypes() []manifest.TaskType {
	if c, err := lookupTriggerClass(t.Class); err == nil {
		return c.types
	}
	return nil
}

func (t *GenericTrigger) validate(task string) *RegisterError {
	if _, err := lookupTriggerClass(t.Class); err != nil {
		return registerError(InvalidTrigger, task, "%v", err)
	}
	return nil
}

func (t *GenericTrigger) isOneShot() bool { return false }

// TriggerEventDetails is the TriggerDetails of an instance started by a GenericTrigger: the
// class and the details the event carried (nil when none).
type TriggerEventDetails struct {
	Class   string
	Details map[string]string
}

func (d *TriggerEventDetails) runFields() string {
	if len(d.Details) == 0 {
		return ""
	}
	keys := make([]string, 0, len(d.Details))
	for k := range d.Details {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k + ":" + d.Details[k])
	}
	return " details=" + quoteDetail(b.String())
}

// RaiseTriggerEvent is the event of a trigger class happening (docs/windows-model.md#other-trigger-classes):
// an event record "trigger_event=CLASS", then every live GenericTrigger registration of that
// class fires, in registration order, with a *TriggerEventDetails holding a copy of details. An
// unknown class is an error (with the closest class name) and changes nothing.
func (e *Engine) RaiseTriggerEvent(class string, details map[string]string) error {
	defer e.disown(e.own("Engine.RaiseTriggerEvent"))
	if _, err := lookupTriggerClass(class); err != nil {
		return fmt.Errorf("cannot raise a trigger event: %w", err)
	}
	defer e.enter()()
	e.emit(Record{Kind: KindEvent, Detail: "trigger_event=" + class})
	n := len(e.regs)
	for i := 0; i < n; i++ {
		r := e.regs[i]
		if t, ok := r.trigger.(*GenericTrigger); ok && t.Class == class && !r.unregistered {
			e.fire(r, &TriggerEventDetails{Class: class, Details: copyArgs(details)})
		}
	}
	return nil
}
