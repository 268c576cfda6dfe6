package simulator

import (
	"time"
)

// Instance mirrors IBackgroundTaskInstance (docs/windows-model.md#task-instances): what Run receives. Its methods must be
// called on the engine goroutine, from Run, a Canceled handler or work scheduled with AfterFunc,
// or, when Config.Gate is set, from goroutines that its owner keeps from running beside the
// engine (see Gate).
//
// The engine allocates one Instance per run and nothing else, so its size sets how often the
// garbage collector runs in a long simulation: the fields are ordered and sized to keep it in
// a small size class, and what few runs use lives apart, in rare.
type Instance struct {
	reg        *Registration // its engine is reg.engine (one pointer less per Instance)
	rare       *instanceRare // nil until a run needs one of its fields
	num        int
	id         GUID
	lastActive time.Duration // when the task last did something (idle watchdog)
	deadline   time.Duration // when its wall-clock limit runs out

	// The first deferral and the first timers live in the instance, so that a typical run (a
	// deferral and a couple of AfterFunc calls) costs one allocation, the Instance, instead of
	// one per object. Later ones are allocated.
	firstDeferral Deferral
	inlineTimers  [inlineTimers]Timer

	progress      uint32
	deferrals     int32 // deferrals taken
	open          int32 // deferrals not yet completed
	pendingWork   int32 // AfterFunc callbacks still queued
	timersUsed    uint8 // how many of inlineTimers are handed out
	runReturned   bool
	deferralInRun bool // a deferral was taken before Run returned (extendedBackgroundTaskTime)
	finished      bool
	canceled      CancellationReason
	result        Result
}

// instanceRare holds the fields of an Instance that most runs leave empty.
type instanceRare struct {
	details          any // TriggerDetails
	canceledHandlers []func(*Instance, CancellationReason)
	finishedHandlers []func(*Instance)
	failure          string // why it completed with an error
	cause            error  // the error Fail was given, if any
}

// more returns in's rare fields, allocating them on first use.
func (in *Instance) more() *instanceRare {
	if in.rare == nil {
		in.rare = &instanceRare{}
	}
	return in.rare
}

// failure returns why in completed with an error ("" if it did not).
func (in *Instance) failure() string {
	if in.rare == nil {
		return ""
	}
	return in.rare.failure
}

// inlineTimers is how many AfterFunc timers an instance holds inline.
const inlineTimers = 2

// InstanceID returns the instance's GUID, new for each run (drawn from the seeded stream).
func (in *Instance) InstanceID() GUID { return in.id }

// Number returns the instance's number in the trace ("instance=N"), from 1 in creation order.
func (in *Instance) Number() int { return in.num }

// Task returns the registration this instance runs for.
func (in *Instance) Task() *Registration { return in.reg }

// TriggerDetails returns *ApplicationTriggerDetails for an ApplicationTrigger,
// *SocketActivityTriggerDetails for a SocketActivityTrigger, *RawNotification for a
// PushNotificationTrigger, *ControlChannelTriggerEventDetails for a ControlChannelTrigger,
// *DeviceTriggerDetails for a device trigger, *GeofenceReport for a LocationTrigger, *TriggerEventDetails for a
// GenericTrigger, else nil
// (docs/windows-model.md#task-instances: unused for system and time triggers).
func (in *Instance) TriggerDetails() any {
	if in.rare == nil {
		return nil
	}
	return in.rare.details
}

// SuspendedCount is how many times resource policy suspended this instance. bgsim does not model
// CPU or network quotas, so it is always 0.
func (in *Instance) SuspendedCount() uint32 { return 0 }

// Progress returns the value last set with SetProgress.
func (in *Instance) Progress() uint32 {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.Progress"))
	return in.progress
}

// Canceled returns the reason the instance was canceled, or ReasonInvalid if it was not.
func (in *Instance) Canceled() CancellationReason {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.Canceled"))
	return in.canceled
}

// Finished reports whether the instance has completed or been terminated.
func (in *Instance) Finished() bool {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.Finished"))
	return in.finished
}

// Now returns the current virtual instant.
func (in *Instance) Now() time.Time {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.Now"))
	return in.reg.engine.Now()
}

// SetProgress sets Progress, which raises the registration's Progress event: delivered to the
// app only while it is in the foreground, never queued (docs/windows-model.md#delivery [documented], [bgsim's choice]).
func (in *Instance) SetProgress(v uint32) {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.SetProgress"))
	if in.finished {
		return
	}
	in.progress = v
	in.touch()
	e := in.reg.engine
	in.record(KindProgress).Value = v
	e.flush()
	if e.app != AppForeground || in.reg.isUpdateTask() { // the update task has no registration to raise Progress on
		return
	}
	in.record(KindProgressDelivered).Value = v
	e.flush()
	args := ProgressEventArgs{InstanceID: in.id, Progress: v}
	for _, h := range in.reg.progress {
		e.guardApp("Progress", func() { h(in.reg, args) })
	}
}

// OnCanceled attaches a Canceled handler; handlers run in the order attached, once, with the
// reason of the first cancellation.
func (in *Instance) OnCanceled(h func(instance *Instance, reason CancellationReason)) {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.OnCanceled"))
	in.more().canceledHandlers = append(in.more().canceledHandlers, h)
}

// GetDeferral tells the system the work goes on after Run returns: the instance completes only
// when Run has returned and every deferral is complete (docs/windows-model.md#task-instances, #delivery). A deferral taken after the
// instance finished does nothing.
func (in *Instance) GetDeferral() *Deferral {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.GetDeferral"))
	if in.finished {
		return &Deferral{in: in, done: true}
	}
	in.deferrals++
	in.open++
	in.touch()
	if !in.runReturned {
		in.deferralInRun = true
	}
	d := &in.firstDeferral
	if in.deferrals == 1 {
		*d = Deferral{in: in, num: 1}
	} else {
		d = &Deferral{in: in, num: in.deferrals}
	}
	r := in.record(KindDeferral)
	r.Deferral = int(d.num)
	in.reg.engine.flush()
	return d
}

// AfterFunc schedules f on the virtual clock d from now (d < 0 counts as 0), on the engine
// goroutine. The work runs only while the instance's host is alive: once the instance has
// completed or been terminated, queued work never runs (a work_lost record counts it).
func (in *Instance) AfterFunc(d time.Duration, f func()) *Timer {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.AfterFunc"))
	var t *Timer
	if in.timersUsed < inlineTimers {
		t = &in.inlineTimers[in.timersUsed]
		in.timersUsed++
		*t = Timer{in: in, fn: f}
	} else {
		t = &Timer{in: in, fn: f}
	}
	if in.finished {
		t.stopped = true
		return t
	}
	in.pendingWork++
	e := in.reg.engine
	e.q.push(event{at: addSat(e.now, d), kind: evInstanceWork, target: t})
	return t
}

// Log writes a log record with the instance's name and number: what task code would write to
// LocalSettings or a debug log. Once the instance has finished its host is gone, and Log does
// nothing.
func (in *Instance) Log(msg string) {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.Log"))
	if in.finished {
		return
	}
	in.touch()
	r := in.record(KindLog)
	r.Detail = "msg=" + quoteDetail(msg)
	in.reg.engine.flush()
}

// record starts the engine's scratch record for in: kind k at the current instant, with the
// task and instance fields set. The caller sets the kind's own fields, then calls Engine.flush,
// with no other record emitted in between. Filling the one scratch record in place, instead of
// building a Record value and copying it into the scratch record, saves copying about 120 bytes
// twice per record on the busiest path of the engine.
//
// The fields are set one by one rather than as a composite literal, and the two strings only
// when they change: while the GC runs, every pointer written costs a write barrier, and
// consecutive records mostly share their task name and have no detail.
func (in *Instance) record(k RecordKind) *Record {
	reg := in.reg
	r := &reg.engine.rec
	r.At, r.Kind = reg.engine.now, k
	if r.Task != reg.name {
		r.Task = reg.name
	}
	r.TaskNum, r.TaskID = reg.num, reg.taskID
	r.Instance, r.InstanceID = in.num, in.id
	r.Deferral, r.Event, r.Reason, r.Result, r.Signal, r.Code, r.Value = 0, 0, 0, 0, 0, 0, 0
	if r.Detail != "" {
		r.Detail = ""
	}
	return r
}

// Timer is work scheduled with Instance.AfterFunc.
type Timer struct {
	in      *Instance
	fn      func()
	stopped bool
	fired   bool
}

// Stop prevents the work from running. It reports whether it did (false if the work already ran
// or was stopped).
func (t *Timer) Stop() bool {
	defer t.in.reg.engine.unlock(t.in.reg.engine.lock("Timer.Stop"))
	if t.stopped || t.fired {
		return false
	}
	t.stopped = true
	if !t.in.finished {
		t.in.pendingWork--
	}
	return true
}

// Deferral mirrors BackgroundTaskDeferral.
type Deferral struct {
	in   *Instance
	num  int32
	done bool
}

// Complete says the async operation is done. Completing twice, or after the instance finished,
// does nothing.
func (d *Deferral) Complete() {
	in := d.in
	defer in.reg.engine.unlock(in.reg.engine.lock("Deferral.Complete"))
	if d.done || in.finished {
		return
	}
	d.done = true
	in.open--
	in.touch()
	r := in.record(KindDeferralCompleted)
	r.Deferral = int(d.num)
	in.reg.engine.flush()
	if in.runReturned && in.open == 0 {
		in.reg.engine.finish(in, ResultOK, "")
	}
}

// ProgressEventArgs mirrors BackgroundTaskProgressEventArgs.
type ProgressEventArgs struct {
	InstanceID GUID
	Progress   uint32
}

// CompletedEventArgs mirrors BackgroundTaskCompletedEventArgs.
type CompletedEventArgs struct {
	InstanceID GUID
	failure    string
	cause      error
}

// CheckResult returns nil when the instance completed cleanly, or an error wrapping ErrTaskFailed
// when it reported an error: its code panicked, it called Instance.Fail, or its host was
// terminated (docs/windows-model.md#task-errors [bgsim's choice]). After Fail(err) it wraps err
// too, so errors.Is and errors.As find the task's own error. A cancel followed by a clean exit
// is success.
func (a CompletedEventArgs) CheckResult() error {
	if a.failure == "" {
		return nil
	}
	return &taskFailure{a.failure, a.cause}
}

type taskFailure struct {
	why   string
	cause error
}

func (f *taskFailure) Error() string { return ErrTaskFailed.Error() + ": " + f.why }

func (f *taskFailure) Unwrap() []error {
	if f.cause == nil {
		return []error{ErrTaskFailed}
	}
	return []error{ErrTaskFailed, f.cause}
}
