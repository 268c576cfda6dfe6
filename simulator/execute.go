package simulator

import (
	"fmt"
	"slices"
	"strings"
)

// startInstance creates an instance of r and calls its Run (docs/windows-model.md#task-instances, #delivery). The instance
// completes when Run has returned and every deferral is complete; a panic completes it with an
// error and the engine goes on.
func (e *Engine) startInstance(r *Registration, details any) {
	e.nextInst++
	in := &Instance{reg: r, num: e.nextInst, id: newGUID(e.instRNG)}
	if details != nil {
		in.more().details = details
	}
	e.running = append(e.running, in)
	r.running++
	rec := in.record(KindRun)
	rec.Detail = runDetail(r, details) + e.hostDetail(r)
	e.flush()
	e.armLimits(in)

	task, run, missing := e.codeFor(r)
	if missing != "" {
		e.fail(in, missing)
		return
	}
	if (task != nil || run != nil) && !e.guardRun(in, task, run) {
		return
	}
	in.runReturned = true
	if in.open == 0 && !in.finished {
		e.finish(in, ResultOK, "")
	}
}

// codeFor returns what runs an instance of r: the entry point's task, or for an in-process task
// the group's BackgroundActivated, else the app's OnBackgroundActivated (both nil: nothing runs).
// missing is set when an entry point has no Go task factory. The task is returned as itself,
// not as the method value t.Run, which would cost an allocation per run.
func (e *Engine) codeFor(r *Registration) (task Task, run func(*Instance), missing string) {
	if r.entryPoint == "" {
		if r.group != nil && r.group.BackgroundActivated != nil {
			return nil, r.group.BackgroundActivated, ""
		}
		return nil, e.onBackgroundActivated, ""
	}
	f := e.tasks[r.entryPoint]
	if f == nil {
		return nil, nil, "no task factory for entry point " + r.entryPoint
	}
	t := e.newTask(f)
	if t == nil {
		return nil, nil, "the task factory for " + r.entryPoint + " returned nil"
	}
	return t, nil, ""
}

// newTask calls a task factory: user code, run as a call out of the engine.
func (e *Engine) newTask(f TaskFactory) Task {
	defer e.fromUser(e.toUser())
	return f()
}

// runFielder is TriggerDetails that add fields to the run record after trigger=.
type runFielder interface{ runFields() string }

func runDetail(r *Registration, details any) string {
	if f, ok := details.(runFielder); ok {
		return r.runDetail + f.runFields()
	}
	d, ok := details.(*ApplicationTriggerDetails)
	if !ok {
		return r.runDetail
	}
	return r.runDetail + argumentsField(d.Arguments)
}

// argumentsField is a run record's " arguments=k:v,..." field, keys sorted, quoted when a value
// needs it; "" for no arguments.
func argumentsField(args map[string]string) string {
	if len(args) == 0 {
		return ""
	}
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString(" arguments=")
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k + ":" + args[k])
	}
	return quoteArgs(b.String())
}

// quoteArgs keeps the arguments field one token when values contain spaces.
func quoteArgs(s string) string {
	head, args, _ := strings.Cut(s, " arguments=")
	return head + " arguments=" + quoteDetail(args)
}

// guard runs task code for in, containing a panic: the instance then completes with an error.
// It reports whether f returned normally.
func (e *Engine) guard(in *Instance, what string, f func()) (ok bool) {
	e.taskCode++
	owner := e.toUser()
	defer func() {
		p := recover()
		var why string
		if p != nil {
			why = fmt.Sprintf("panic in %s: %v", what, p) // may call the value's methods: user code
		}
		e.taskCode--
		e.fromUser(owner)
		if p != nil {
			ok = false
			e.fail(in, why)
		}
	}()
	f()
	return true
}

// guardRun is guard for Run itself (task.Run, or run when task is nil), without the closure
// guard would need.
func (e *Engine) guardRun(in *Instance, task Task, run func(*Instance)) (ok bool) {
	e.taskCode++
	owner := e.toUser()
	defer func() {
		p := recover()
		var why string
		if p != nil {
			why = fmt.Sprintf("panic in Run: %v", p) // may call the value's methods: user code
		}
		e.taskCode--
		e.fromUser(owner)
		if p != nil {
			ok = false
			e.fail(in, why)
		}
	}()
	if task != nil {
		task.Run(in)
	} else {
		run(in)
	}
	return true
}

// guardApp runs an app-side handler (Completed, Progress), containing a panic as a task_error
// record: the app's bug is visible, and the simulation goes on.
func (e *Engine) guardApp(what string, f func()) {
	inTask := e.taskCode
	e.taskCode = 0 // the app's handler is app code, even when task code completed the instance
	owner := e.toUser()
	defer func() {
		p := recover()
		var why string
		if p != nil {
			why = fmt.Sprintf("panic in %s handler: %v", what, p) // may call the value's methods: user code
		}
		e.taskCode = inTask
		e.fromUser(owner)
		if p != nil {
			e.emit(Record{Kind: KindTaskError, Detail: "msg=" + quoteDetail(why)})
		}
	}()
	f()
}

// fail records why in failed and completes it with an error.
func (e *Engine) fail(in *Instance, why string) {
	r := in.record(KindTaskError)
	r.Detail = "msg=" + quoteDetail(why)
	e.flush()
	e.finish(in, ResultError, why)
}

// finish completes an instance once: the work it still had queued is lost, the completion goes
// to the app (delivery rules of docs/windows-model.md#delivery), and a registration waiting under OverlapLatch may
// start its next instance.
func (e *Engine) finish(in *Instance, result Result, failure string) {
	if in.finished {
		return
	}
	in.finished = true
	in.result = result
	if failure != "" {
		in.more().failure = failure
	}
	r := in.reg
	r.running--
	e.runDead++
	if in.pendingWork > 0 {
		in.record(KindWorkLost).Value = uint32(in.pendingWork)
		e.flush()
		in.pendingWork = 0
	}
	rec := in.record(KindCompleted)
	rec.Result = result
	e.flush()
	e.completed(in)
	if in.rare != nil && in.rare.finishedHandlers != nil {
		in.runFinished()
	}
	// Activations waiting for this instance to end may start now: its registration's under
	// OverlapLatch, the app's ApplicationTrigger registration's when it was application-triggered.
	if e.holdReleases > 0 {
		return // the change under way releases what it frees once it is over
	}
	if r.pending > 0 && !r.unregistered {
		e.release(r)
	}
	if r.exclusive == exclusiveApplication {
		if live := e.appTriggerLive; live != nil && live != r && live.pending > 0 {
			e.release(live)
		}
	}
}

// cancel raises Canceled on a running instance (docs/windows-model.md#cancellation): the first reason wins, handlers run in
// order, and an instance not finished CancelGrace later is terminated.
func (e *Engine) cancel(in *Instance, reason CancellationReason) {
	if in.finished || in.canceled != ReasonInvalid {
		return
	}
	in.canceled = reason
	rec := in.record(KindCanceled)
	rec.Reason = reason
	e.flush()
	e.q.push(event{at: addSat(e.now, e.policy.CancelGrace), kind: evGraceExpired, target: in})
	for i := 0; in.rare != nil && i < len(in.rare.canceledHandlers) && !in.finished; i++ {
		h := in.rare.canceledHandlers[i]
		e.guard(in, "Canceled handler", func() { h(in, reason) })
	}
}

func (e *Engine) onGraceExpired(in *Instance) bool {
	if in.finished {
		return false
	}
	e.kill(in, "cancel_grace_expired")
	return true
}

// kill ends in's host: an out-of-process host is terminated alone, or with every instance in it
// when its declaration names a ResourceGroup (docs/windows-model.md#resource-groups); the host
// of an in-process task is the app itself, so the app process is terminated with every
// in-process instance in it (docs/windows-model.md#in-process-cancellation [documented]: a
// handler that has not returned when the cancellation takes effect takes the whole process
// down).
func (e *Engine) kill(in *Instance, cause string) {
	if in.finished {
		return
	}
	if in.reg.entryPoint != "" {
		if g := e.resourceGroup(in.reg); g != "" {
			e.endSharedHost(g, cause)
			return
		}
		e.terminate(in, cause)
		return
	}
	e.endAppProcess("terminate cause=" + cause)
	e.terminate(in, cause)
	e.terminateInProcess("app_process_terminated")
}

// terminateInProcess terminates every running in-process instance, in creation order: their host,
// the app process, is gone.
func (e *Engine) terminateInProcess(cause string) {
	n := len(e.running)
	for i := 0; i < n; i++ {
		if in := e.running[i]; !in.finished && in.reg.entryPoint == "" {
			e.terminate(in, cause)
		}
	}
}

// terminate kills the instance's host: it completes with an error.
func (e *Engine) terminate(in *Instance, cause string) {
	rec := in.record(KindTerminated)
	rec.Detail = "cause=" + cause
	e.flush()
	e.finish(in, ResultError, "host terminated: "+cause)
}

func (e *Engine) onInstanceWork(in *Instance, t *Timer) bool {
	if t.stopped || in.finished {
		return false
	}
	t.fired = true
	in.pendingWork--
	in.touch()
	e.guard(in, "scheduled work", t.fn)
	return true
}
