package manifest

// Declaration is one windows.backgroundTasks extension: the background task
// a package registers and the task types it may be triggered by.
type Declaration struct {
	// EntryPoint is Extension/@EntryPoint, the activatable class that runs
	// the task, such as "Tasks.SampleBackgroundTask". It may be empty only
	// when Executable is set.
	EntryPoint string
	// TaskTypes are the Type attributes of the extension's Task elements,
	// in document order, with duplicates removed (the first is kept).
	TaskTypes []TaskType
	// Executable is Extension/@Executable, the host process, if any.
	Executable string
	// ResourceGroup is Extension/@ResourceGroup, if any.
	ResourceGroup string
	// SupportsMultipleInstances is true when BackgroundTasks carries
	// SupportsMultipleInstances="true" (under any prefix, usually uap4:).
	SupportsMultipleInstances bool
	// Line and Col locate the <Extension> start tag in the source (1-based,
	// Col in bytes); both are 0 for a declaration built in code.
	Line, Col int
}

// Declares reports whether d lists task type t. It is false for a nil d.
func (d *Declaration) Declares(t TaskType) bool {
	if d == nil {
		return false
	}
	for _, have := range d.TaskTypes {
		if have == t {
			return true
		}
	}
	return false
}

// name returns what identifies d in messages: its entry point, or its
// executable when it has none.
func (d *Declaration) name() string {
	if d.EntryPoint != "" {
		return d.EntryPoint
	}
	return d.Executable
}

// addTaskType appends t to d.TaskTypes unless it is already there.
func (d *Declaration) addTaskType(t TaskType) {
	if !d.Declares(t) {
		d.TaskTypes = append(d.TaskTypes, t)
	}
}
