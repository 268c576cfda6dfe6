package simulator

import "github.com/bgsim/bgsim/simulator/manifest"

// PushNotificationTrigger mirrors Windows' PushNotificationTrigger
// (docs/windows-model.md#push-notification-triggers): a raw notification for the app
// ([Engine.DeliverRawNotification]) starts the task, with the notification as TriggerDetails. Battery
// Saver holds it as it holds every trigger (docs/windows-model.md#battery-saver).
type PushNotificationTrigger struct{}

// NewPushNotificationTrigger returns a PushNotificationTrigger for the app itself.
func NewPushNotificationTrigger() *PushNotificationTrigger { return &PushNotificationTrigger{} }

// String implements Trigger.
func (t *PushNotificationTrigger) String() string { return "PushNotification" }

var pushNotificationTypes = []manifest.TaskType{manifest.PushNotification}

// A push notification task is declared as pushNotification (Microsoft Learn: "Declare background
// tasks in the application manifest").
func (t *PushNotificationTrigger) taskTypes() []manifest.TaskType { return pushNotificationTypes }

func (t *PushNotificationTrigger) validate(string) *RegisterError { return nil }

func (t *PushNotificationTrigger) isOneShot() bool { return false }

// RawNotification is the TriggerDetails of an instance started by a PushNotificationTrigger: the
// part of Windows' RawNotification bgsim plays.
type RawNotification struct {
	// Content is the app-defined payload.
	Content string
}

func (d *RawNotification) runFields() string { return " content=" + quoteDetail(d.Content) }

// DeliverRawNotification is a raw push notification reaching the app
// (docs/windows-model.md#push-notification-triggers): an event record "raw_notification=CONTENT",
// then every live PushNotificationTrigger registration fires, in registration order, with a
// *RawNotification holding the content. While Battery Saver holds the app back (on, and the app
// not AlwaysAllowed) the notification is not received: the event record says
// "not_delivered=battery_saver" and nothing fires or latches [documented].
func (e *Engine) DeliverRawNotification(content string) {
	defer e.disown(e.own("Engine.DeliverRawNotification"))
	defer e.enter()()
	if e.batterySaverBlocks() {
		e.emit(Record{Kind: KindEvent, Detail: "raw_notification=" + quoteDetail(content) + " not_delivered=battery_saver"})
		return
	}
	e.emit(Record{Kind: KindEvent, Detail: "raw_notification=" + quoteDetail(content)})
	n := len(e.regs)
	for i := 0; i < n; i++ {
		r := e.regs[i]
		if _, ok := r.trigger.(*PushNotificationTrigger); ok && !r.unregistered {
			e.fire(r, &RawNotification{Content: content})
		}
	}
}
