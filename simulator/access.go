package simulator

// RequestAccess is BackgroundExecutionManager.RequestAccessAsync (docs/windows-model.md#background-access): an app whose
// status is NotRequested or Unspecified gets Policy.RequestAccessResult (default
// AllowedSubjectToSystemPolicy, granted without a prompt as on Windows 10 [documented]); a status already
// answered, allowed or denied, is kept. It returns the status and writes an access record.
// Latched activations that access was holding back start at once.
func (e *Engine) RequestAccess() AccessStatus {
	defer e.disown(e.own("Engine.RequestAccess"))
	return e.requestAccess()
}

func (e *Engine) requestAccess() AccessStatus {
	defer e.enter()()
	status := e.access
	if status == AccessNotRequested || status == AccessUnspecified {
		status = e.policy.RequestAccessResult
	}
	e.setAccess("request", status)
	e.releaseLatched()
	return e.access
}

// RemoveAccess is BackgroundExecutionManager.RemoveAccess (docs/windows-model.md#background-access): the app leaves the list of
// apps allowed to run background tasks, and its status is NotRequested until it requests again.
// Registrations stay; time and application triggers stop running (see Policy.RegisterWithoutAccess).
func (e *Engine) RemoveAccess() {
	defer e.disown(e.own("Engine.RemoveAccess"))
	e.removeAccess()
}

func (e *Engine) removeAccess() {
	defer e.enter()()
	e.setAccess("remove", AccessNotRequested)
	e.releaseLatched() // from a denied status, system triggers may run again
}

// setAccess changes the access status and writes the access record: how it changed, the new
// status and the one before.
func (e *Engine) setAccess(how string, status AccessStatus) {
	before := e.access
	e.access = status
	e.emit(Record{Kind: KindAccess, Detail: how + " status=" + status.String() + " was=" + before.String()})
}

// accessBlocks says whether the app's access status keeps r from starting (docs/windows-model.md#background-access [bgsim's choice]): a
// denied or unspecified status blocks every task; an app that never requested access runs no time
// or application trigger.
func (e *Engine) accessBlocks(r *Registration) bool {
	if e.access.blocksAll() {
		return true
	}
	if e.access != AccessNotRequested {
		return false
	}
	switch r.trigger.(type) {
	case *TimeTrigger, *ApplicationTrigger:
		return true
	}
	return false
}

// batterySaverBlocks says whether Battery Saver keeps the app's tasks from starting: it is on and
// the app is not AlwaysAllowed (docs/windows-model.md#battery-saver [documented]; docs/windows-model.md#background-access [bgsim's choice]).
func (e *Engine) batterySaverBlocks() bool {
	return e.device.BatterySaver && !e.access.exemptFromBatterySaver()
}
