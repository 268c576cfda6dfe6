package simulator

import (
	"slices"
	"strings"
)

// TaskGroup mirrors BackgroundTaskRegistrationGroup (docs/windows-model.md#task-groups): a namespace of registrations,
// so that clearing AllTasks cannot remove another component's grouped tasks. Create one with
// NewTaskGroup and set it on a builder.
type TaskGroup struct {
	id, name string
	engine   *Engine
	// BackgroundActivated runs the group's in-process tasks (no entry point) instead of
	// AppConfig.OnBackgroundActivated (docs/windows-model.md#task-groups [documented]). Nil means the app's handler.
	BackgroundActivated func(instance *Instance)
}

// NewTaskGroup returns a group with the given id (a GUID or reverse-DNS string) and friendly name.
// Two groups with the same id are the same group to an engine: the first one registered is the
// one GetTaskGroup returns.
func NewTaskGroup(id, name string) *TaskGroup { return &TaskGroup{id: id, name: name} }

// ID returns the group id.
func (g *TaskGroup) ID() string { return g.id }

// Name returns the friendly name.
func (g *TaskGroup) Name() string { return g.name }

// AllTasks returns the group's live registrations in registration order, or nil when it has none
// (the Windows remark says null).
func (g *TaskGroup) AllTasks() []*Registration {
	if g.engine == nil {
		return nil
	}
	return g.engine.tasksIn(g.id)
}

// AllTasks returns the app's live registrations that are in no group (docs/windows-model.md#registrations [documented]), in
// registration order. Windows returns a map keyed by TaskId; bgsim's order is deterministic.
func (e *Engine) AllTasks() []*Registration { return e.tasksIn("") }

func (e *Engine) tasksIn(groupID string) []*Registration {
	var out []*Registration
	for _, r := range e.regs {
		if !r.unregistered && r.groupID() == groupID {
			out = append(out, r)
		}
	}
	return out
}

// AllTaskGroups returns the groups that have at least one live registration, sorted by id.
// When a group appears is undocumented: bgsim lists it from its first registration until it has
// none (docs/windows-model.md#task-groups [bgsim's choice]).
func (e *Engine) AllTaskGroups() []*TaskGroup {
	seen := map[string]bool{}
	var out []*TaskGroup
	for _, r := range e.regs {
		if id := r.groupID(); id != "" && !r.unregistered && !seen[id] {
			seen[id] = true
			out = append(out, e.groups[id])
		}
	}
	slices.SortFunc(out, func(a, b *TaskGroup) int { return strings.Compare(a.id, b.id) })
	return out
}

// GetTaskGroup returns the group with that id, or nil when it is unknown or has no live
// registration (docs/windows-model.md#registrations [documented], docs/windows-model.md#task-groups [bgsim's choice]).
func (e *Engine) GetTaskGroup(id string) *TaskGroup {
	if id == "" || len(e.tasksIn(id)) == 0 {
		return nil
	}
	return e.groups[id]
}
