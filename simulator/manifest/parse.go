package manifest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// backgroundTasksCategory is the Extension/@Category of a background task.
const backgroundTasksCategory = "windows.backgroundTasks"

// comServerCategory is the Extension/@Category of a COM server (com:Extension), whose Class
// elements declare the classes SetTaskEntryPointClsid may name.
const comServerCategory = "windows.comServer"

// updateTaskCategory is the Extension/@Category of the package's update task, which Windows runs
// after an update without a registration.
const updateTaskCategory = "windows.updateTask"

// utf8BOM is the byte-order mark some editors put at the start of a file.
const utf8BOM = "\ufeff"

// Parse reads the background-task declarations of the manifest document
// data; name is only used in the result and in error messages (normally the
// file name). See the package documentation for what is accepted. Every
// error is an *Error locating the problem.
func Parse(name string, data []byte) (*Manifest, error) {
	if len(data) == 0 {
		return nil, &Error{File: name, Line: 1, Col: 1, Msg: "empty file, expected an XML document with a <Package> root element"}
	}
	p := &parser{
		name:    name,
		pos:     newPositions(data),
		dec:     xml.NewDecoder(bytes.NewReader(data)),
		first:   make(map[string]int),
		capSeen: make(map[string]bool),
	}
	decls, err := p.run()
	if err != nil {
		return nil, err
	}
	return &Manifest{Name: name, Declarations: decls, Capabilities: p.caps, ComClasses: p.classes, UpdateTask: p.update}, nil
}

// frame is what an open element means to the parser.
type frame uint8

const (
	frameOther           frame = iota // anything the parser ignores
	frameExtension                    // a windows.backgroundTasks Extension
	frameBackgroundTasks              // BackgroundTasks directly inside it
	frameTask                         // Task directly inside that
	frameCapabilities                 // the package's Capabilities element
	frameComServer                    // a windows.comServer Extension, or an element inside it
)

// parser holds the state of one Parse call.
type parser struct {
	name  string
	pos   *positions
	dec   *xml.Decoder
	stack []frame // open elements, outermost first

	rootSeen bool
	cur      *Declaration    // the open background-task extension, if any
	decls    []Declaration   // finished declarations, in document order
	first    map[string]int  // entry point -> line of its first declaration
	caps     []string        // capability names, in document order, each once
	capSeen  map[string]bool // the names in caps, so a long list is not checked quadratically
	classes  []string        // COM server class ids, in document order, each once
	update   *UpdateTask     // the windows.updateTask extension, if any
}

// run consumes the whole token stream and returns the declarations.
func (p *parser) run() ([]Declaration, error) {
	for {
		off := p.dec.InputOffset()
		tok, err := p.dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, p.xmlError(err, off)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			err = p.start(t, off)
		case xml.EndElement:
			err = p.end()
		case xml.CharData:
			err = p.text(t, off)
		}
		if err != nil {
			return nil, err
		}
	}
	if !p.rootSeen {
		return nil, p.errorAt(p.dec.InputOffset(), nil, "no root element, expected <Package>")
	}
	return p.decls, nil
}

// start handles a start tag found at byte offset off.
func (p *parser) start(t xml.StartElement, off int64) error {
	if err := p.uniqueAttrs(t, off); err != nil {
		return err
	}
	if len(p.stack) == 0 {
		if p.rootSeen {
			return p.errorAt(off, nil, "second root element <%s>, expected a single <Package> root", t.Name.Local)
		}
		p.rootSeen = true
		if t.Name.Local != "Package" {
			return p.errorAt(off, nil, "root element is <%s>, expected <Package>", t.Name.Local)
		}
	}
	kind := frameOther
	switch parent := p.top(); {
	case parent == frameExtension && t.Name.Local == "BackgroundTasks":
		kind = frameBackgroundTasks
		if v, _ := attr(t, "SupportsMultipleInstances"); v == "true" {
			if p.cur.ResourceGroup != "" {
				return p.errorAt(off, nil, "background task %q has SupportsMultipleInstances=\"true\" and ResourceGroup %q, expected at most one of them (a task that runs in a process of its own per firing cannot share a resource group)", p.cur.name(), p.cur.ResourceGroup)
			}
			p.cur.SupportsMultipleInstances = true
		}
	case parent == frameBackgroundTasks && t.Name.Local == "Task":
		kind = frameTask
		if err := p.task(t, off); err != nil {
			return err
		}
	case t.Name.Local == "Capabilities" && parent == frameOther && len(p.stack) == 1:
		kind = frameCapabilities
	case parent == frameCapabilities:
		// Capability, rescap:Capability, uap:Capability, DeviceCapability, ...
		if n, ok := attr(t, "Name"); ok && n != "" && !p.capSeen[n] {
			p.capSeen[n] = true
			p.caps = append(p.caps, n)
		}
	case parent == frameComServer:
		kind = frameComServer
		if id, ok := attr(t, "Id"); ok && t.Name.Local == "Class" && id != "" && !slices.ContainsFunc(p.classes, func(c string) bool { return sameClassID(c, id) }) {
			p.classes = append(p.classes, id)
		}
	case t.Name.Local == "Extension":
		if category, _ := attr(t, "Category"); category == comServerCategory {
			kind = frameComServer
		} else if category == backgroundTasksCategory {
			kind = frameExtension
			if err := p.extension(t, off); err != nil {
				return err
			}
		} else if category == updateTaskCategory {
			if err := p.updateTask(t, off); err != nil {
				return err
			}
		}
	}
	p.stack = append(p.stack, kind)
	return nil
}

// uniqueAttrs refuses an attribute given twice in one start tag, which XML forbids and the
// decoder lets through (Parse would otherwise silently read the first).
func (p *parser) uniqueAttrs(t xml.StartElement, off int64) error {
	for i, a := range t.Attr {
		for _, b := range t.Attr[:i] {
			if a.Name == b.Name {
				return p.errorAt(off, nil, "attribute %s given twice in <%s>, expected each attribute once", qualified(a.Name), t.Name.Local)
			}
		}
	}
	return nil
}

// qualified renders an attribute name as written when it has no namespace, else as space:local.
func qualified(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// extension opens the background-task declaration of an Extension start tag
// found at byte offset off.
func (p *parser) extension(t xml.StartElement, off int64) error {
	line, col := p.pos.at(off)
	if p.cur != nil {
		return p.errorAt(off, nil, "background-task <Extension> nested inside the one on line %d, expected it to be closed first", p.cur.Line)
	}
	d := Declaration{Line: line, Col: col}
	d.EntryPoint, _ = attr(t, "EntryPoint")
	d.Executable, _ = attr(t, "Executable")
	d.ResourceGroup, _ = attr(t, "ResourceGroup")
	if d.EntryPoint == "" && d.Executable == "" {
		return p.errorAt(off, nil, "background-task <Extension> has neither EntryPoint nor Executable, expected an EntryPoint attribute")
	}
	if d.EntryPoint != "" {
		if firstLine, dup := p.first[d.EntryPoint]; dup {
			return p.errorAt(off, nil, "duplicate entry point %q, first declared on line %d", d.EntryPoint, firstLine)
		}
		p.first[d.EntryPoint] = line
	}
	p.cur = &d
	return nil
}

// updateTask reads a windows.updateTask extension found at byte offset off.
func (p *parser) updateTask(t xml.StartElement, off int64) error {
	line, col := p.pos.at(off)
	if p.update != nil {
		return p.errorAt(off, nil, "second windows.updateTask <Extension>, expected one per package (the first is on line %d)", p.update.Line)
	}
	ep, _ := attr(t, "EntryPoint")
	if ep == "" {
		return p.errorAt(off, nil, "windows.updateTask <Extension> has no EntryPoint, expected the update task's class, e.g. EntryPoint=\"BackgroundTasks.UpdateTask\"")
	}
	p.update = &UpdateTask{EntryPoint: ep, Line: line, Col: col}
	return nil
}

// task adds the type of a Task start tag found at byte offset off to the
// open declaration.
func (p *parser) task(t xml.StartElement, off int64) error {
	s, ok := attr(t, "Type")
	if !ok {
		return p.errorAt(off, nil, "<%s> without Type attribute in background task %q, expected e.g. Type=\"systemEvent\"", t.Name.Local, p.cur.name())
	}
	tt, err := ParseTaskType(s)
	if err != nil {
		return p.errorAt(off, err, "%v", err)
	}
	p.cur.addTaskType(tt)
	return nil
}

// end handles an end tag; closing a background-task extension completes its
// declaration.
func (p *parser) end() error {
	if len(p.stack) == 0 { // cannot happen: the decoder checks nesting
		return nil
	}
	kind := p.top()
	p.stack = p.stack[:len(p.stack)-1]
	if kind != frameExtension {
		return nil
	}
	d := p.cur
	p.cur = nil
	if len(d.TaskTypes) == 0 {
		return &Error{File: p.name, Line: d.Line, Col: d.Col,
			Msg: fmt.Sprintf("background task %q declares no task, expected at least one <Task Type=\"...\"/> inside <BackgroundTasks>", d.name())}
	}
	p.decls = append(p.decls, *d)
	return nil
}

// text rejects non-blank character data outside the root element; a
// byte-order mark is allowed at the very start of the document.
func (p *parser) text(t xml.CharData, off int64) error {
	if len(p.stack) > 0 {
		return nil
	}
	s := string(t)
	if off == 0 {
		s = strings.TrimPrefix(s, utf8BOM)
	}
	trimmed := strings.TrimLeft(s, " \t\r\n")
	if trimmed == "" {
		return nil
	}
	off += int64(len(t) - len(trimmed)) // point at the text, not at the blanks before it
	return p.errorAt(off, nil, "text outside the root element, expected only the <Package> element")
}

// top returns the innermost open element's frame, or frameOther at the
// document level.
func (p *parser) top() frame {
	if len(p.stack) == 0 {
		return frameOther
	}
	return p.stack[len(p.stack)-1]
}

// xmlError converts an error of the XML decoder into an *Error. The line is
// the decoder's; the column is added when the decoder's position agrees. A
// mismatched end tag is located at its start (tokenOff, where the failing
// token began), not after its ">".
func (p *parser) xmlError(err error, tokenOff int64) *Error {
	line, col := p.dec.InputPos()
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg = se.Msg
		if strings.Contains(msg, " closed by </") || strings.HasPrefix(msg, "unexpected end element") {
			line, col = p.pos.at(tokenOff)
		} else if se.Line != line {
			line, col = se.Line, 0
		}
	}
	msg = strings.TrimPrefix(msg, "xml: ")
	return &Error{File: p.name, Line: line, Col: col, Msg: "malformed XML: " + msg, err: err}
}

// errorAt returns an *Error located at byte offset off, wrapping cause.
func (p *parser) errorAt(off int64, cause error, format string, args ...any) *Error {
	line, col := p.pos.at(off)
	return &Error{File: p.name, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), err: cause}
}

// attr returns the value of t's first attribute with the given local name,
// whatever its prefix, ignoring namespace declarations.
func attr(t xml.StartElement, local string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == local && a.Name.Space != "xmlns" {
			return a.Value, true
		}
	}
	return "", false
}
