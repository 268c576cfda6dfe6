package simulator

import (
	"strings"
	"time"
)

// Registration mirrors BackgroundTaskRegistration (docs/windows-model.md#registrations): what Register returns, and what
// AllTasks lists. It stays valid after Unregister; it then never runs again.
//
// The fields every run reads or writes come first, so that they share two cache lines: with
// thousands of registrations firing on the same tick, a run would otherwise miss the cache on
// each of the struct's five lines.
type Registration struct {
	engine                *Engine
	trigger               Trigger
	num                   int
	taskID                GUID
	name                  string
	running               int           // instances running now
	timerGen              uint32        // invalidates queued ticks of a time or maintenance trigger
	pending               int           // latched activations waiting to start
	freshness             time.Duration // a time or maintenance trigger's, read at registration
	oneShot               bool          // the trigger's, read at registration
	unregistered          bool
	inert                 bool // a fired one-shot: listed but never fires again (docs/windows-model.md#time-triggers)
	cancelOnConditionLoss bool
	networkRequested      bool
	heldInStandby         bool           // made with RegisterWithName without a standby opt-in the device honours
	allowStandby          bool           // the builder's AllowRunningTaskInStandby
	firedThisSession      bool           // CustomSystemEventTrigger Once
	exclusive             exclusiveClass // one instance of its class at a time, if any (exclusive.go)
	entryPoint            string
	runDetail             string // the run record's trigger field, rendered once
	conditions            []SystemConditionType
	group                 *TaskGroup
	completed             []func(*Registration, CompletedEventArgs)
	progress              []func(*Registration, ProgressEventArgs)

	// Fields of a few trigger classes, apart from those every run reads.
	socketsHeld   []string                    // SocketActivityTrigger: sockets the task owns, in delivery order
	channelStatus ControlChannelTriggerStatus // ControlChannelTrigger: its slot, set at registration

	describe       string // the register record's fields, rendered once
	pendingDetails any    // TriggerDetails for the latched activation (the latest firing's), under LatchCoalesce
	pendingQueue   []any  // TriggerDetails of each latched activation, oldest first, under LatchEachFiring
	latchWhy       string // what latchDetail was rendered for
	latchPending   int
	latchDetail    string // the latched record's detail, rendered once per change
}

// TaskID returns the GUID the system generated at registration (from the seeded stream).
func (r *Registration) TaskID() GUID { return r.taskID }

// Name returns the registration name (the builder's Name, or Register's name argument).
func (r *Registration) Name() string { return r.name }

// Number returns the registration's number in the trace ("task=N"): 1 for the first
// registration of the simulation, counting failed ones not at all. It is 0 for the update task's
// (docs/windows-model.md#the-update-task), which was never registered.
func (r *Registration) Number() int { return r.num }

// TaskEntryPoint returns the entry point, "" for an in-process task.
func (r *Registration) TaskEntryPoint() string { return r.entryPoint }

// Trigger returns a copy of the trigger it was registered with (an ApplicationTrigger: the app's
// own object, whose RequestAsync signals it). Its settings are read when it is registered;
// changing them afterwards, on this copy or on the object the app passed, changes nothing.
func (r *Registration) Trigger() Trigger { return snapshot(r.trigger) }

// Conditions returns the conditions it was registered with, in the order they were added.
func (r *Registration) Conditions() []SystemConditionType {
	return append([]SystemConditionType(nil), r.conditions...)
}

// TaskGroup returns its group, or nil.
func (r *Registration) TaskGroup() *TaskGroup { return r.group }

// Unregistered reports whether Unregister was called. It is true for the update task's
// registration (docs/windows-model.md#the-update-task), which was never registered.
func (r *Registration) Unregistered() bool { return r.unregistered }

// IsNetworkRequested reports the builder's IsNetworkRequested at registration: the network stays
// up for its instances, even in connected standby.
func (r *Registration) IsNetworkRequested() bool { return r.networkRequested }

// Running returns how many instances are running now.
func (r *Registration) Running() int { return r.running }

func (r *Registration) groupID() string {
	if r.group == nil {
		return ""
	}
	return r.group.id
}

// OnCompleted attaches a Completed handler. Handlers run in the order attached, when the engine
// delivers a completion to the app.
func (r *Registration) OnCompleted(h func(*Registration, CompletedEventArgs)) {
	defer r.engine.disown(r.engine.own("Registration.OnCompleted"))
	r.completed = append(r.completed, h)
}

// OnProgress attaches a Progress handler. Progress is delivered only while the app is in the
// foreground (docs/windows-model.md#delivery [documented]).
func (r *Registration) OnProgress(h func(*Registration, ProgressEventArgs)) {
	defer r.engine.disown(r.engine.own("Registration.OnProgress"))
	r.progress = append(r.progress, h)
}

// Unregister removes the registration: it never fires again and latched activations are dropped.
// With cancelTask, its running instances are canceled with Abort; without, they run to the end
// (docs/windows-model.md#registrations [documented]).
func (r *Registration) Unregister(cancelTask bool) {
	defer r.engine.disown(r.engine.own("Registration.Unregister"))
	r.unregister(cancelTask)
}

// unregister is Unregister for the engine's own code.
func (r *Registration) unregister(cancelTask bool) {
	e := r.engine
	if r.unregistered {
		return
	}
	defer e.enter()()
	r.unregistered = true
	r.dropPending()
	r.timerGen++
	e.regsDead++
	if _, ok := r.trigger.(*ApplicationTrigger); ok {
		e.appTriggerLive = nil
	}
	detail := "cancel=false"
	if cancelTask {
		detail = "cancel=true"
	}
	e.emit(Record{Kind: KindUnregister, Task: r.name, TaskNum: r.num, TaskID: r.taskID, Detail: detail})
	if cancelTask {
		n := len(e.running)
		for i := 0; i < n; i++ {
			if in := e.running[i]; in.reg == r {
				e.cancel(in, ReasonAbort)
			}
		}
	}
}

// describeRegistration renders the register record's fields.
func describeRegistration(r *Registration) string {
	var b strings.Builder
	b.WriteString("trigger=")
	b.WriteString(quoteToken(r.trigger.String()))
	if len(r.conditions) > 0 {
		b.WriteString(" conditions=")
		for i, c := range r.conditions {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(c.String())
		}
	}
	if r.entryPoint != "" {
		b.WriteString(" entry_point=" + quoteToken(r.entryPoint))
	} else {
		b.WriteString(" in_process=true")
	}
	if r.group != nil {
		b.WriteString(" group=" + quoteDetail(r.group.id))
	}
	if r.cancelOnConditionLoss {
		b.WriteString(" cancel_on_condition_loss=true")
	}
	if r.allowStandby {
		b.WriteString(" allow_running_in_standby=true")
	}
	if r.networkRequested {
		b.WriteString(" network_requested=true")
	}
	return b.String()
}
