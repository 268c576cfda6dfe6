package manifest

import (
	"fmt"
	"slices"
	"strings"
)

// Manifest is the set of background-task declarations of one package.
type Manifest struct {
	// Name is the file name the manifest was read from, or the name passed
	// to New.
	Name string
	// Declarations are the package's background-task extensions, in
	// document order.
	Declarations []Declaration
	// Capabilities are the names of the package's capabilities (Capability,
	// rescap:Capability, DeviceCapability, ...), in document order, each once.
	// The engine reads extendedBackgroundTaskTime (docs/windows-model.md#extended-run-time).
	Capabilities []string
	// ComClasses are the Id attributes of the Class elements of the package's windows.comServer
	// extensions (com:Extension/com:ComServer/com:ExeServer/com:Class), as written, in document
	// order, each once. A background task registered with SetTaskEntryPointClsid must name one
	// (docs/windows-model.md#com-entry-points).
	ComClasses []string
	// UpdateTask is the package's windows.updateTask extension, or nil: the task Windows runs
	// after the app is updated, without a registration (docs/windows-model.md#the-update-task).
	// New leaves it nil; set it on the result to build one in code.
	UpdateTask *UpdateTask
}

// UpdateTask is a windows.updateTask extension.
type UpdateTask struct {
	// EntryPoint is Extension/@EntryPoint, the class that runs the task.
	EntryPoint string
	// Line and Col locate the <Extension> start tag in the source (1-based, Col in bytes); both
	// are 0 for one built in code.
	Line, Col int
}

// DeclaresComClass reports whether the package declares the COM class id, compared without
// braces and ignoring case. It is false for a nil manifest.
func (m *Manifest) DeclaresComClass(id string) bool {
	return m != nil && slices.ContainsFunc(m.ComClasses, func(c string) bool { return sameClassID(c, id) })
}

// sameClassID reports whether two class ids name the same class: braces and case do not count.
func sameClassID(a, b string) bool {
	return strings.EqualFold(strings.Trim(a, "{}"), strings.Trim(b, "{}"))
}

// ExtendedBackgroundTaskTime is the restricted capability that lifts the
// run-time limit and the idle watchdog of a task that took a deferral in Run
// (docs/windows-model.md#extended-run-time [documented]).
const ExtendedBackgroundTaskTime = "extendedBackgroundTaskTime"

// HasCapability reports whether the package declares the capability name
// (case-sensitive, as in the manifest schema).
func (m *Manifest) HasCapability(name string) bool {
	return m != nil && slices.Contains(m.Capabilities, name)
}

// Lookup returns the declaration whose EntryPoint is exactly entryPoint
// (case-sensitive), and whether there is one. The pointer refers into
// m.Declarations. An empty entryPoint never matches.
func (m *Manifest) Lookup(entryPoint string) (*Declaration, bool) {
	if m == nil || entryPoint == "" {
		return nil, false
	}
	for i := range m.Declarations {
		if m.Declarations[i].EntryPoint == entryPoint {
			return &m.Declarations[i], true
		}
	}
	return nil, false
}

// New builds a manifest named name from inline declarations, validating them
// as Parse validates a document: each declaration needs an entry point (or,
// as in a manifest, at least an executable), at least one task type, and
// only valid task types; no entry point may be declared twice (the error
// names both declarations); SupportsMultipleInstances and ResourceGroup
// exclude each other. Repeated task types are kept once. The
// declarations and their TaskTypes are copied, so later changes to decls do
// not affect the manifest. Errors are *Error, located at the offending
// declaration's Line and Col (0 when built in code).
func New(name string, decls ...Declaration) (*Manifest, error) {
	m := &Manifest{Name: name, Declarations: make([]Declaration, 0, len(decls))}
	first := make(map[string]int, len(decls)) // entry point -> index
	for i, d := range decls {
		fail := func(format string, args ...any) error {
			msg := fmt.Sprintf("declaration %d: ", i+1) + fmt.Sprintf(format, args...)
			return &Error{File: name, Line: d.Line, Col: d.Col, Msg: msg}
		}
		if d.EntryPoint == "" && d.Executable == "" {
			return nil, fail("empty entry point, expected an EntryPoint (or an Executable)")
		}
		if j, dup := first[d.EntryPoint]; dup && d.EntryPoint != "" {
			return nil, fail("duplicate entry point %q, already declared by declaration %d%s",
				d.EntryPoint, j+1, lineSuffix(decls[j].Line))
		}
		types := d.TaskTypes
		d.TaskTypes = make([]TaskType, 0, len(types))
		for _, t := range types {
			if !t.valid() {
				return nil, fail("%q has invalid task type %s, expected one of TaskTypes()", d.name(), t)
			}
			d.addTaskType(t)
		}
		if len(d.TaskTypes) == 0 {
			return nil, fail("%q declares no task type, expected at least one", d.name())
		}
		if d.SupportsMultipleInstances && d.ResourceGroup != "" {
			return nil, fail("%q has SupportsMultipleInstances and ResourceGroup %q, expected at most one of them", d.name(), d.ResourceGroup)
		}
		if d.EntryPoint != "" {
			first[d.EntryPoint] = i
		}
		m.Declarations = append(m.Declarations, d)
	}
	return m, nil
}

// lineSuffix returns " on line N", or "" when line is unknown.
func lineSuffix(line int) string {
	if line <= 0 {
		return ""
	}
	return fmt.Sprintf(" on line %d", line)
}
