package simulator

import "errors"

// errHostGone is what a call from task code returns once its instance has finished: the host
// that would make the call is gone.
var errHostGone = errors.New("cannot call the API from task code: the instance has finished and its host is gone")

// The methods below are the calls task code makes to the background-task API while it runs:
// the same as the app's, but made from the task's host. They lock Config.Gate like every other
// Instance method, so goroutine tasks may call them; once the instance has finished they do
// nothing. See docs/windows-model.md#calls-from-task-code.

// RequestApplicationTrigger is ApplicationTrigger.RequestAsync called from the task's own code.
// Windows does not let a background task signal an ApplicationTrigger: the answer is always
// DisabledByPolicy with cause=from_task, written as a signal_result record, and nothing runs
// (docs/windows-model.md#application-trigger-requests). After the instance finished it returns
// SignalInvalid and writes nothing.
func (in *Instance) RequestApplicationTrigger(arguments map[string]string) ApplicationTriggerResult {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.RequestApplicationTrigger"))
	if in.finished {
		return SignalInvalid
	}
	in.touch()
	e := in.reg.engine
	defer e.enter()()
	return e.requestApplicationTrigger(arguments, "from_task")
}

// RequestAccess is BackgroundExecutionManager.RequestAccessAsync called from task code, as the
// update flow does from a ServicingComplete task: the same as Engine.RequestAccess. After the
// instance finished it returns the status in force and changes nothing.
func (in *Instance) RequestAccess() AccessStatus {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.RequestAccess"))
	if in.finished {
		return in.reg.engine.access
	}
	in.touch()
	return in.reg.engine.requestAccess()
}

// RemoveAccess is BackgroundExecutionManager.RemoveAccess called from task code: the same as
// Engine.RemoveAccess. After the instance finished it does nothing.
func (in *Instance) RemoveAccess() {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.RemoveAccess"))
	if in.finished {
		return
	}
	in.touch()
	in.reg.engine.removeAccess()
}

// Register registers b from task code: the same as b.Register. After the instance finished it
// registers nothing and returns an error.
func (in *Instance) Register(b *BackgroundTaskBuilder) (*Registration, error) {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.Register"))
	if in.finished {
		return nil, errHostGone
	}
	in.touch()
	return b.engine.register(b, b.Name, false)
}

// Unregister unregisters r from task code: the same as r.Unregister(cancelTask). An instance
// may unregister its own registration; Unregister(true) then cancels it with Abort. After the
// instance finished it does nothing.
func (in *Instance) Unregister(r *Registration, cancelTask bool) {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.Unregister"))
	if in.finished {
		return
	}
	in.touch()
	r.unregister(cancelTask)
}

// NewBackgroundTaskBuilder is new BackgroundTaskBuilder() in task code: the same as
// Engine.NewBackgroundTaskBuilder.
func (in *Instance) NewBackgroundTaskBuilder() *BackgroundTaskBuilder {
	return in.reg.engine.NewBackgroundTaskBuilder()
}

// AllTasks is BackgroundTaskRegistration.AllTasks read from task code: the same as
// Engine.AllTasks.
func (in *Instance) AllTasks() []*Registration {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.AllTasks"))
	return in.reg.engine.AllTasks()
}

// AllTaskGroups is BackgroundTaskRegistration.AllTaskGroups read from task code: the same as
// Engine.AllTaskGroups.
func (in *Instance) AllTaskGroups() []*TaskGroup {
	defer in.reg.engine.unlock(in.reg.engine.lock("Instance.AllTaskGroups"))
	return in.reg.engine.AllTaskGroups()
}
