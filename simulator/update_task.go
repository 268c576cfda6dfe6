package simulator

import "github.com/bgsim/bgsim/simulator/manifest"

// The update task (docs/windows-model.md#the-update-task): the task a package declares with a
// windows.updateTask extension, which Windows runs after every update of the app without a
// registration, even for an app that has never run. The engine plays it with a Registration of
// its own that was never registered: Number 0, Unregistered true, never listed by AllTasks, its
// name the entry point, so that its records read "run ENTRY_POINT instance=N
// trigger=UpdateTask" and an expectation names it by its entry point. Nobody can attach a
// Completed handler to it, so its completion goes nowhere: it has a completed record and no
// delivered or dropped one.

// updateTaskTrigger is the trigger of the update task's registration: no builder can set it.
type updateTaskTrigger struct{}

func (updateTaskTrigger) String() string                 { return "UpdateTask" }
func (updateTaskTrigger) taskTypes() []manifest.TaskType { return nil }
func (updateTaskTrigger) validate(string) *RegisterError { return nil }
func (updateTaskTrigger) isOneShot() bool                { return false }

// startUpdateTask starts the manifest's update task, if it declares one. An instance of it still
// running from an earlier update has already been canceled with ServicingUpdate, as every
// running task is; the new one starts all the same.
func (e *Engine) startUpdateTask() {
	if e.manifest == nil || e.manifest.UpdateTask == nil {
		return
	}
	if e.updateTask == nil {
		ep := e.manifest.UpdateTask.EntryPoint
		e.updateTask = &Registration{
			engine:       e,
			trigger:      updateTaskTrigger{},
			name:         ep,
			entryPoint:   ep,
			unregistered: true, // it never was registered: Unregister does nothing
			runDetail:    "trigger=UpdateTask",
		}
	}
	e.startInstance(e.updateTask, nil)
}

// isUpdateTask reports whether r is the update task's registration.
func (r *Registration) isUpdateTask() bool { return r.num == 0 }
