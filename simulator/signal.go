package simulator

// RequestApplicationTrigger is ApplicationTrigger.RequestAsync(arguments) called by the app for
// its ApplicationTrigger registration (docs/windows-model.md#application-trigger-requests). It
// answers, the first rule that applies winning:
//   - DisabledByPolicy, cause=from_task, when called from task code: Run, a Canceled handler or
//     AfterFunc work of a running instance, or Instance.RequestApplicationTrigger [documented refusal,
//     bgsim's choice of answer];
//   - DisabledByPolicy, cause=app_<state>, when the app is not in the foreground (suspended,
//     terminated, not running) [documented refusal, bgsim's choice of answer];
//   - DisabledByPolicy when background access is denied, unspecified or was never requested [documented]
//     (the policy refuses whatever is registered);
//   - DisabledByPolicy, cause=battery_saver, while Battery Saver keeps the app's tasks from
//     starting (on, and access AllowedSubjectToSystemPolicy) [documented];
//   - UnknownError when the app has no ApplicationTrigger registration [bgsim's choice];
//   - CurrentlyRunning while any ApplicationTrigger instance of the app runs, whichever
//     registration started it, one since unregistered with Unregister(false) included [documented];
//   - Allowed otherwise: the task runs now, or latches until its conditions hold [bgsim's choice].
//
// The answer is a signal_result record; the arguments reach the task as
// *ApplicationTriggerDetails.
func (e *Engine) RequestApplicationTrigger(arguments map[string]string) ApplicationTriggerResult {
	defer e.disown(e.own("Engine.RequestApplicationTrigger"))
	defer e.enter()()
	cause := ""
	if e.taskCode > 0 {
		cause = "from_task"
	}
	return e.requestApplicationTrigger(arguments, cause)
}

func (e *Engine) requestApplicationTrigger(arguments map[string]string, cause string) ApplicationTriggerResult {
	r := e.appTriggerLive
	var res ApplicationTriggerResult
	cause, refused := e.requestRefused(cause)
	switch {
	case refused:
		res = SignalDisabledByPolicy
	case r == nil:
		res = SignalUnknownError
	case e.classRunning(exclusiveApplication):
		res = SignalCurrentlyRunning
	default:
		res = SignalAllowed
	}
	rec := Record{Kind: KindSignalResult, Signal: res}
	if r != nil {
		rec.Task, rec.TaskNum, rec.TaskID = r.name, r.num, r.taskID
	}
	if cause != "" {
		rec.Detail = "cause=" + cause
	}
	e.emit(rec)
	if res == SignalAllowed {
		e.fire(r, &ApplicationTriggerDetails{Arguments: copyArgs(arguments)})
	}
	return res
}

// requestRefused applies the policy's refusals of a task the app asks for (ApplicationTrigger and
// MediaProcessingTrigger RequestAsync), the first that applies winning: from task code (cause
// from_task, which the caller passes), outside the foreground (app_<state>), without background
// access (no cause), under Battery Saver (battery_saver). It returns the cause and whether the
// request is refused.
func (e *Engine) requestRefused(cause string) (string, bool) {
	switch {
	case cause != "":
		return cause, true
	case e.app != AppForeground:
		return "app_" + e.app.String(), true
	case e.access.blocksAll() || e.access == AccessNotRequested:
		return "", true
	case e.batterySaverBlocks():
		return "battery_saver", true
	}
	return "", false
}

// RaiseCustomSystemEvent raises the custom system event with the given id: every
// CustomSystemEventTrigger registration with that id fires, in registration order; one with
// recurrence Once fires at most once per session.
func (e *Engine) RaiseCustomSystemEvent(id string) {
	defer e.disown(e.own("Engine.RaiseCustomSystemEvent"))
	defer e.enter()()
	e.emit(Record{Kind: KindEvent, Detail: "custom_system_event=" + quoteDetail(id)})
	n := len(e.regs)
	for i := 0; i < n; i++ {
		r := e.regs[i]
		t, ok := r.trigger.(*CustomSystemEventTrigger)
		if !ok || t.TriggerID != id || r.unregistered {
			continue
		}
		if t.Recurrence == RecurrenceOnce {
			if r.firedThisSession {
				continue
			}
			r.firedThisSession = true
		}
		e.fire(r, nil)
	}
}

func copyArgs(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
