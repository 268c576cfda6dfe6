package simulator

// LaunchApp starts the app in the foreground. From terminated or not running it is a new
// process: Progress and Completed handlers attached before are gone (registrations stay, docs/windows-model.md#persistence
// "Persistence" [documented]), and completions queued under Policy.DeliverAfterRelaunch are delivered by
// an event at the same instant, after whatever is already queued for it, so handlers attached
// right after LaunchApp receive them.
// From suspended it is a resume.
func (e *Engine) LaunchApp() {
	defer e.disown(e.own("Engine.LaunchApp"))
	defer e.enter()()
	switch e.app {
	case AppForeground:
		return
	case AppSuspended:
		e.resumeApp()
		return
	}
	for _, r := range e.regs {
		r.completed, r.progress = nil, nil
	}
	e.setApp(AppForeground, "launch")
	if len(e.undelivered) > 0 {
		// Deliver once the launch code has run: it re-attaches handlers first, as apps do in
		// OnLaunched (docs/windows-model.md#persistence), so the queued completions reach them.
		e.later(func() {
			if e.app == AppForeground {
				e.flushUndelivered(true)
			}
		})
	}
}

// SuspendApp suspends a foreground app: completions queue until it resumes, and Progress is no
// longer delivered.
func (e *Engine) SuspendApp() {
	defer e.disown(e.own("Engine.SuspendApp"))
	defer e.enter()()
	if e.app != AppForeground {
		return
	}
	e.setApp(AppSuspended, "suspend")
}

// ResumeApp brings a suspended app back to the foreground and delivers the completions that
// queued meanwhile, in the order the instances finished (docs/windows-model.md#delivery [documented]).
func (e *Engine) ResumeApp() {
	defer e.disown(e.own("Engine.ResumeApp"))
	e.resumeApp()
}

func (e *Engine) resumeApp() {
	defer e.enter()()
	if e.app != AppSuspended {
		return
	}
	e.setApp(AppForeground, "resume")
	e.flushUndelivered(true)
}

// TerminateApp terminates the app process. Completions queued while it was suspended are dropped
// (docs/windows-model.md#completion [documented]) unless Policy.DeliverAfterRelaunch keeps them for the next launch. In-process
// instances die with the process (cause=app_terminated); out-of-process hosts go on.
func (e *Engine) TerminateApp() {
	defer e.disown(e.own("Engine.TerminateApp"))
	defer e.enter()()
	if e.endAppProcess("terminate") {
		e.terminateInProcess("app_terminated")
	}
}

// endAppProcess moves a running app (foreground or suspended) to terminated, dropping the queued
// completions unless Policy.DeliverAfterRelaunch keeps them. It reports whether the app was
// running.
func (e *Engine) endAppProcess(how string) bool {
	if e.app == AppTerminated || e.app == AppNotRunning {
		return false
	}
	e.setApp(AppTerminated, how)
	if !e.policy.DeliverAfterRelaunch {
		e.flushUndelivered(false)
	}
	return true
}

// UpdateApp applies a servicing update: running instances are canceled with ServicingUpdate
// (docs/windows-model.md#cancellation [documented]); background access is reset to NotRequested unless Policy.KeepAccessOnUpdate
// (docs/windows-model.md#access-after-an-update [documented], applied by the system [bgsim's choice]); then the manifest's update
// task starts, if it declares one (docs/windows-model.md#the-update-task); then ServicingComplete fires
// (docs/windows-model.md#system-triggers [documented]), which runs even without access, as it is a system trigger.
func (e *Engine) UpdateApp() {
	defer e.disown(e.own("Engine.UpdateApp"))
	defer e.enter()()
	e.emit(Record{Kind: KindApp, Detail: "update=true state=" + e.app.String()})
	n := len(e.running)
	e.holdReleases++ // a Canceled handler that completes its instance must not start a latched run mid-update
	for i := 0; i < n; i++ {
		e.cancel(e.running[i], ReasonServicingUpdate)
	}
	e.holdReleases--
	if !e.policy.KeepAccessOnUpdate && e.access != AccessNotRequested {
		e.setAccess("reset", AccessNotRequested)
	}
	e.startUpdateTask()
	var c change
	c.fire(SystemTriggerServicingComplete)
	e.deviceChanged("", c)
}

func (e *Engine) setApp(s AppState, how string) {
	e.app = s
	e.emit(Record{Kind: KindApp, Detail: how + " state=" + s.String()})
}
