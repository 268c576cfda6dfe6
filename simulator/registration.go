package simulator

import "strings"

// Registration mirrors BackgroundTaskRegistration (spec §1.2): what Register returns, and what
// AllTasks lists. It stays valid after Unregister; it then never runs again.
type Registration struct {
	engine                *Engine
	num                   int
	taskID                GUID
	name                  string
	entryPoint            string
	trigger               Trigger
	conditions            []SystemConditionType
	cancelOnConditionLoss bool
	networkRequested      bool
	group                 *TaskGroup
	describe              string // the register record's fields, rendered once
	runDetail             string // the run record's trigger field, rendered once

	unregistered     bool
	inert            bool   // a fired one-shot: listed but never fires again (spec §2.2)
	pending          int    // latched activations waiting to start
	pendingDetails   any    // TriggerDetails for the latched activation (the latest firing's)
	running          int    // instances running now
	timerGen         uint64 // invalidates queued ticks of a time or maintenance trigger
	firedThisSession bool   // CustomSystemEventTrigger Once
	latchWhy         string // what latchDetail was rendered for
	latchPending     int
	latchDetail      string // the latched record's detail, rendered once per change
	completed        []func(*Registration, CompletedEventArgs)
	progress         []func(*Registration, ProgressEventArgs)
}

// TaskID returns the GUID the system generated at registration (from the seeded stream).
func (r *Registration) TaskID() GUID { return r.taskID }

// Name returns the registration name (the builder's Name, or Register's name argument).
func (r *Registration) Name() string { return r.name }

// Number returns the registration's number in the trace ("task=N"): 1 for the first
// registration of the simulation, counting failed ones not at all.
func (r *Registration) Number() int { return r.num }

// TaskEntryPoint returns the entry point, "" for an in-process task.
func (r *Registration) TaskEntryPoint() string { return r.entryPoint }

// Trigger returns the trigger it was registered with.
func (r *Registration) Trigger() Trigger { return r.trigger }

// Conditions returns the conditions it was registered with, in the order they were added.
func (r *Registration) Conditions() []SystemConditionType {
	return append([]SystemConditionType(nil), r.conditions...)
}

// TaskGroup returns its group, or nil.
func (r *Registration) TaskGroup() *TaskGroup { return r.group }

// Unregistered reports whether Unregister was called.
func (r *Registration) Unregistered() bool { return r.unregistered }

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
	r.completed = append(r.completed, h)
}

// OnProgress attaches a Progress handler. Progress is delivered only while the app is in the
// foreground (spec §7 [D]).
func (r *Registration) OnProgress(h func(*Registration, ProgressEventArgs)) {
	r.progress = append(r.progress, h)
}

// Unregister removes the registration: it never fires again and latched activations are dropped.
// With cancelTask, its running instances are canceled with Abort; without, they run to the end
// (spec §1.2 [D]).
func (r *Registration) Unregister(cancelTask bool) {
	e := r.engine
	if r.unregistered {
		return
	}
	defer e.enter()()
	r.unregistered = true
	r.pending, r.pendingDetails = 0, nil
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
	if r.networkRequested {
		b.WriteString(" network_requested=true")
	}
	return b.String()
}
