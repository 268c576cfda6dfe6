package simulator

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/bgsim/bgsim/simulator/manifest"
)

// ControlChannelResourceType is Windows' ControlChannelTriggerResourceType
// (docs/windows-model.md#control-channel-triggers): the slot a control channel asks for. Windows
// numbers RequestSoftwareSlot 0; bgsim keeps 0 invalid.
type ControlChannelResourceType uint8

// The ControlChannelTriggerResourceType members.
const (
	ControlChannelResourceInvalid ControlChannelResourceType = iota
	RequestSoftwareSlot                                      // a software slot: delivers only while the system is active
	RequestHardwareSlot                                      // a hardware slot: delivers in connected standby too
)

var controlChannelResources = enumTable[ControlChannelResourceType]{"ControlChannelTriggerResourceType",
	[]string{"", "RequestSoftwareSlot", "RequestHardwareSlot"}}

// String returns the Windows member name.
func (r ControlChannelResourceType) String() string { return controlChannelResources.str(r) }

// ParseControlChannelResourceType parses a member name.
func ParseControlChannelResourceType(s string) (ControlChannelResourceType, error) {
	return controlChannelResources.parse(s)
}

// ControlChannelTriggerStatus is Windows' ControlChannelTriggerStatus: what configuring a
// control channel gave. Windows numbers HardwareSlotRequested 0; bgsim keeps 0 invalid.
type ControlChannelTriggerStatus uint8

// The ControlChannelTriggerStatus members.
const (
	ControlChannelStatusInvalid ControlChannelTriggerStatus = iota
	HardwareSlotRequested
	SoftwareSlotAllocated
	HardwareSlotAllocated
	ControlChannelPolicyError // PolicyError: more slots than system policy permits
	ControlChannelSystemError
	TransportDisconnected
	ServiceUnavailable
)

var controlChannelStatuses = enumTable[ControlChannelTriggerStatus]{"ControlChannelTriggerStatus",
	[]string{"", "HardwareSlotRequested", "SoftwareSlotAllocated", "HardwareSlotAllocated", "PolicyError",
		"SystemError", "TransportDisconnected", "ServiceUnavailable"}}

// String returns the Windows member name.
func (s ControlChannelTriggerStatus) String() string { return controlChannelStatuses.str(s) }

// The documented limits of a ControlChannelTrigger's arguments, and bgsim's slot limits per app
// (docs/windows-model.md#control-channel-triggers [bgsim's choice]: Windows documents that a
// policy limits the slots, not how many).
const (
	MaxControlChannelIDLength = 64
	MinServerKeepAlive        = 15   // minutes
	MaxServerKeepAlive        = 1439 // minutes
	MaxSoftwareSlots          = 5
	MaxHardwareSlots          = 2
)

// ControlChannelTrigger mirrors Windows' ControlChannelTrigger(channelId,
// serverKeepAliveIntervalInMinutes, resourceRequestType)
// (docs/windows-model.md#control-channel-triggers): long-lived network work, started when data
// arrives on the channel or its keep-alive timer expires ([Engine.DeliverControlChannel]).
type ControlChannelTrigger struct {
	ChannelID string
	// ServerKeepAlive is the server keep-alive interval in minutes, 15 to 1439.
	ServerKeepAlive uint32
	// Resource is the slot asked for; NewControlChannelTrigger defaults to RequestSoftwareSlot.
	Resource ControlChannelResourceType
}

// NewControlChannelTrigger returns a ControlChannelTrigger, or an error as the Windows
// constructor fails: a channel id empty or over 64 characters, a keep-alive outside 15 to 1439
// minutes, an invalid resource type. A zero resource asks for a software slot, as Windows'
// two-argument constructor does.
func NewControlChannelTrigger(channelID string, keepAliveMinutes uint32, r ControlChannelResourceType) (*ControlChannelTrigger, error) {
	if r == ControlChannelResourceInvalid {
		r = RequestSoftwareSlot
	}
	t := &ControlChannelTrigger{ChannelID: channelID, ServerKeepAlive: keepAliveMinutes, Resource: r}
	if msg := t.problem(); msg != "" {
		return nil, fmt.Errorf("cannot make a control channel trigger: %s", msg)
	}
	return t, nil
}

func (t *ControlChannelTrigger) problem() string {
	switch n := utf8.RuneCountInString(t.ChannelID); {
	case n == 0:
		return "empty channel id"
	case n > MaxControlChannelIDLength:
		return fmt.Sprintf("channel id of %d characters, at most %d allowed", n, MaxControlChannelIDLength)
	case t.ServerKeepAlive < MinServerKeepAlive || t.ServerKeepAlive > MaxServerKeepAlive:
		return fmt.Sprintf("server keep-alive of %d minutes, want %d to %d", t.ServerKeepAlive, MinServerKeepAlive, MaxServerKeepAlive)
	case !controlChannelResources.valid(t.Resource):
		return fmt.Sprintf("%v is not a ControlChannelTriggerResourceType member", t.Resource)
	}
	return ""
}

// String implements Trigger: "ControlChannel(ID,15m,hardware)".
func (t *ControlChannelTrigger) String() string {
	slot := "software"
	if t.Resource == RequestHardwareSlot {
		slot = "hardware"
	}
	return "ControlChannel(" + t.ChannelID + "," + strconv.FormatUint(uint64(t.ServerKeepAlive), 10) + "m," + slot + ")"
}

var controlChannelTypes = []manifest.TaskType{manifest.ControlChannel}

// A control channel task is declared as controlChannel.
func (t *ControlChannelTrigger) taskTypes() []manifest.TaskType { return controlChannelTypes }

func (t *ControlChannelTrigger) validate(task string) *RegisterError {
	if msg := t.problem(); msg != "" {
		return registerError(InvalidTrigger, task, "%s", msg)
	}
	return nil
}

func (t *ControlChannelTrigger) isOneShot() bool { return false }

// ControlChannelStatus returns what configuring the registration's control channel gave
// (SoftwareSlotAllocated, HardwareSlotAllocated or PolicyError), or ControlChannelStatusInvalid
// for another trigger.
func (r *Registration) ControlChannelStatus() ControlChannelTriggerStatus { return r.channelStatus }

// allocateSlot gives a new ControlChannelTrigger registration its slot, or PolicyError when the
// app already holds as many live slots of that kind as bgsim allows, and writes the status as
// an event record.
func (e *Engine) allocateSlot(r *Registration, t *ControlChannelTrigger) {
	held := 0
	for _, o := range e.regs {
		ot, ok := o.trigger.(*ControlChannelTrigger)
		if ok && o != r && !o.unregistered && ot.Resource == t.Resource && o.channelStatus != ControlChannelPolicyError {
			held++
		}
	}
	switch {
	case t.Resource == RequestHardwareSlot && held < MaxHardwareSlots:
		r.channelStatus = HardwareSlotAllocated
	case t.Resource == RequestSoftwareSlot && held < MaxSoftwareSlots:
		r.channelStatus = SoftwareSlotAllocated
	default:
		r.channelStatus = ControlChannelPolicyError
	}
	e.emit(Record{Kind: KindEvent, Task: r.name, TaskNum: r.num, TaskID: r.taskID,
		Detail: "control_channel=" + quoteDetail(t.ChannelID) + " status=" + r.channelStatus.String()})
}

// ControlChannelEvent is what happened on a control channel. Zero is invalid.
type ControlChannelEvent uint8

// The ControlChannelEvent members.
const (
	ControlChannelEventInvalid ControlChannelEvent = iota
	ControlChannelPush                             // data arrived on the channel (push)
	ControlChannelKeepAlive                        // the keep-alive timer expired (keep_alive)
)

var controlChannelEvents = enumTable[ControlChannelEvent]{"control channel event", []string{"", "push", "keep_alive"}}

// String returns "push" or "keep_alive".
func (k ControlChannelEvent) String() string { return controlChannelEvents.str(k) }

// ParseControlChannelEvent parses "push" or "keep_alive".
func ParseControlChannelEvent(s string) (ControlChannelEvent, error) {
	return controlChannelEvents.parse(s)
}

// ControlChannelTriggerEventDetails is the TriggerDetails of an instance started by a
// ControlChannelTrigger: the channel and what happened on it.
type ControlChannelTriggerEventDetails struct {
	ChannelID string
	Event     ControlChannelEvent
}

func (d *ControlChannelTriggerEventDetails) runFields() string {
	return " channel=" + quoteDetail(d.ChannelID) + " event=" + d.Event.String()
}

// DeliverControlChannel is data arriving on the control channel with that id, or its keep-alive
// timer expiring (docs/windows-model.md#control-channel-triggers): an event record
// "control_channel=ID event=E", then every live registration on that channel, in registration
// order, fires with *ControlChannelTriggerEventDetails, except that a channel whose
// configuration gave PolicyError delivers nothing (not_delivered=PolicyError) and, in connected
// standby, a software slot delivers nothing (not_delivered=standby_software_slot). An empty id
// or an invalid event is an error and changes nothing.
func (e *Engine) DeliverControlChannel(id string, ev ControlChannelEvent) error {
	defer e.disown(e.own("Engine.DeliverControlChannel"))
	if id == "" {
		return fmt.Errorf("cannot deliver on a control channel: empty channel id")
	}
	if !controlChannelEvents.valid(ev) {
		return fmt.Errorf("cannot deliver on control channel %q: %v is not push or keep_alive", id, ev)
	}
	defer e.enter()()
	detail := "control_channel=" + quoteDetail(id) + " event=" + ev.String()
	e.emit(Record{Kind: KindEvent, Detail: detail})
	n := len(e.regs)
	for i := 0; i < n; i++ {
		r := e.regs[i]
		t, ok := r.trigger.(*ControlChannelTrigger)
		if !ok || t.ChannelID != id || r.unregistered {
			continue
		}
		why := ""
		switch {
		case r.channelStatus == ControlChannelPolicyError:
			why = "PolicyError"
		case e.device.Standby && r.channelStatus != HardwareSlotAllocated:
			why = "standby_software_slot"
		}
		if why != "" {
			e.emit(Record{Kind: KindEvent, Task: r.name, TaskNum: r.num, TaskID: r.taskID, Detail: detail + " not_delivered=" + why})
			continue
		}
		e.fire(r, &ControlChannelTriggerEventDetails{ChannelID: id, Event: ev})
	}
	return nil
}
