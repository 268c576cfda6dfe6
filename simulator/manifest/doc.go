// Package manifest reads the background-task declarations of a Windows
// package manifest (Package.appxmanifest).
//
// # What is read
//
// Parse walks the XML token stream of the document and matches elements by
// their local name, whatever their namespace prefix, so manifests written
// against any schema revision are accepted: the Windows 8 and 8.1 schemas
// (m2:, m3:), the Windows 10 foundation schema and its uap:, uap4: and later
// extensions. The root element must be Package. Every Extension element
// whose Category attribute is "windows.backgroundTasks" becomes one
// [Declaration]:
//
//   - Extension/@EntryPoint, @Executable and @ResourceGroup are copied as is;
//     at least one of EntryPoint and Executable must be present.
//   - Each BackgroundTasks child of the Extension contributes its Task
//     children (Task, uap:Task, m2:Task, m3:Task, ...); every Task must carry
//     a Type attribute spelled exactly as a [TaskType], and at least one Task
//     is required. Repeated types are kept once, in document order.
//   - BackgroundTasks/@SupportsMultipleInstances (any prefix, usually uap4:)
//     equal to "true" sets [Declaration.SupportsMultipleInstances]. A
//     declaration that has it cannot also name a ResourceGroup: Windows runs
//     such a task in a process of its own for every firing, so the pair is
//     an error, located at the BackgroundTasks start tag.
//   - An entry point may be declared only once per manifest.
//
// Attributes are matched by local name too; namespace declarations (xmlns,
// xmlns:p) are never mistaken for attributes.
//
// An Extension whose Category is "windows.updateTask" becomes [Manifest.UpdateTask]: its
// EntryPoint is required, and a package has at most one (a second is an error at its start
// tag).
//
// Every Class element inside an Extension whose Category is "windows.comServer"
// (com:Extension, com:ComServer, com:ExeServer, com:Class) adds its Id to
// [Manifest.ComClasses]: the COM classes SetTaskEntryPointClsid may name.
//
// # What is ignored
//
// Everything else: identity, properties, visual elements, capabilities,
// extensions of other categories (windows.protocol, windows.fileTypeAssociation, ...),
// unknown attributes, and elements other than Task inside BackgroundTasks.
// A manifest without any background-task extension is valid and has no
// declarations. Only UTF-8 input is supported (a leading byte-order mark is
// allowed); a document declaring another encoding is rejected.
//
// # Errors
//
// Every error returned by [Parse] and [New] is an [*Error] whose Error method
// formats as "file:line:col: message", where line and col (1-based, col
// counting bytes) locate the start tag of the offending element, or the
// point where malformed XML was detected. ":col" is omitted when the column
// is unknown and ":line:col" when the line is (for example for an empty
// file). Unknown task types come with a "did you mean" suggestion when a
// valid spelling is close.
//
// # Guarantees
//
// The package uses the standard library only, keeps no global mutable state,
// is deterministic (the same input always gives the same result or the same
// error) and never touches the file system: callers read the manifest
// themselves and pass its bytes to [Parse], or build one in code with [New].
package manifest
