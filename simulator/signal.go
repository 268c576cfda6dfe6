package simulator

// RequestApplicationTrigger is ApplicationTrigger.RequestAsync(arguments) for the app's
// ApplicationTrigger registration (docs/windows-model.md#application-triggers). It answers, the first rule that applies winning:
//   - DisabledByPolicy when background access is denied, unspecified or was never requested [documented]
//     (the policy refuses whatever is registered);
//   - UnknownError when the app has no ApplicationTrigger registration [bgsim's choice];
//   - CurrentlyRunning when an instance is running now [documented];
//   - Allowed otherwise: the task runs now, or latches until its conditions hold [bgsim's choice].
//
// The answer is a signal_result record; the arguments reach the task as
// *ApplicationTriggerDetails.
func (e *Engine) RequestApplicationTrigger(arguments map[string]string) ApplicationTriggerResult {
	defer e.enter()()
	r := e.appTriggerLive
	var res ApplicationTriggerResult
	switch {
	case e.access.blocksAll() || e.access == AccessNotRequested:
		res = SignalDisabledByPolicy
	case r == nil:
		res = SignalUnknownError
	case r.running > 0:
		res = SignalCurrentlyRunning
	default:
		res = SignalAllowed
	}
	rec := Record{Kind: KindSignalResult, Signal: res}
	if r != nil {
		rec.Task, rec.TaskNum, rec.TaskID = r.name, r.num, r.taskID
	}
	e.emit(rec)
	if res == SignalAllowed {
		e.fire(r, &ApplicationTriggerDetails{Arguments: copyArgs(arguments)})
	}
	return res
}

// RaiseCustomSystemEvent raises the custom system event with the given id: every
// CustomSystemEventTrigger registration with that id fires, in registration order; one with
// recurrence Once fires at most once per session.
func (e *Engine) RaiseCustomSystemEvent(id string) {
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
