package simulator

// LaunchApp starts the app in the foreground. From terminated or not running it is a new
// process: Progress and Completed handlers attached before are gone (registrations stay, spec §6
// "Persistence" [D]), and completions queued under Policy.DeliverAfterRelaunch are delivered.
// From suspended it is a resume.
func (e *Engine) LaunchApp() {
	switch e.app {
	case AppForeground:
		return
	case AppSuspended:
		e.ResumeApp()
		return
	}
	for _, r := range e.regs {
		r.completed, r.progress = nil, nil
	}
	e.setApp(AppForeground, "launch")
	e.flushUndelivered(true)
	e.settle()
}

// SuspendApp suspends a foreground app: completions queue until it resumes, and Progress is no
// longer delivered.
func (e *Engine) SuspendApp() {
	if e.app != AppForeground {
		return
	}
	e.setApp(AppSuspended, "suspend")
	e.settle()
}

// ResumeApp brings a suspended app back to the foreground and delivers the completions that
// queued meanwhile, in the order the instances finished (spec §7 [D]).
func (e *Engine) ResumeApp() {
	if e.app != AppSuspended {
		return
	}
	e.setApp(AppForeground, "resume")
	e.flushUndelivered(true)
	e.settle()
}

// TerminateApp terminates the app process. Completions queued while it was suspended are dropped
// (spec §7 [D]) unless Policy.DeliverAfterRelaunch keeps them for the next launch.
func (e *Engine) TerminateApp() {
	if e.app == AppTerminated || e.app == AppNotRunning {
		return
	}
	e.setApp(AppTerminated, "terminate")
	if !e.policy.DeliverAfterRelaunch {
		e.flushUndelivered(false)
	}
	e.settle()
}

// UpdateApp applies a servicing update: running instances are canceled with ServicingUpdate
// (spec §4 [D]), then ServicingComplete fires (spec §2.1 [D]).
func (e *Engine) UpdateApp() {
	e.emit(Record{Kind: KindApp, Detail: "update=true state=" + e.app.String()})
	n := len(e.running)
	for i := 0; i < n; i++ {
		e.cancel(e.running[i], ReasonServicingUpdate)
	}
	var c change
	c.fire(SystemTriggerServicingComplete)
	e.deviceChanged("", c)
}

func (e *Engine) setApp(s AppState, how string) {
	e.app = s
	e.emit(Record{Kind: KindApp, Detail: how + " state=" + s.String()})
}
