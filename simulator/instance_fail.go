package simulator

// Fail completes the instance with an error, the way a panic in task code does: a task_error
// record carrying err's text, then completed with result=error, and CheckResult in the Completed
// event reports that text (wrapping ErrTaskFailed). Deferrals still open are abandoned and queued
// work is lost. A nil err fails with the text "task failed". Fail does nothing once the instance
// has finished. It is how task code that is not a plain Run (the harness's goroutine tasks, for
// one) reports an error it returned.
func (in *Instance) Fail(err error) {
	why := "task failed"
	if err != nil {
		why = err.Error() // user code: before the call enters the engine
	}
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.Fail"))
	if in.finished {
		return
	}
	if err != nil {
		in.more().cause = err
	}
	in.reg.engine.fail(in, why)
}

// OnFinished attaches f, called once when the instance finishes, whichever way: completed,
// failed, or terminated with its host. It runs after the completion has been delivered or
// dropped, on whatever goroutine finished the instance, with the Gate held if there is one. An
// instance that has already finished calls f at once. The harness uses it to end a goroutine
// task's goroutines when their host is terminated.
func (in *Instance) OnFinished(f func(instance *Instance)) {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.OnFinished"))
	if in.finished {
		e := in.reg.engine
		defer e.fromUser(e.toUser())
		f(in)
		return
	}
	in.more().finishedHandlers = append(in.more().finishedHandlers, f)
}

// runFinished calls the OnFinished callbacks, in the order attached.
func (in *Instance) runFinished() {
	hs := in.rare.finishedHandlers
	in.rare.finishedHandlers = nil
	e := in.reg.engine
	defer e.fromUser(e.toUser())
	for _, f := range hs {
		f(in)
	}
}
