package simulator

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// AppendJSON appends the record as one JSON object (no newline). It carries the same fields as
// the text line plus the GUIDs and the offset in nanoseconds; keys come in a fixed order and
// unset fields are left out.
func (r *Record) AppendJSON(b []byte) []byte {
	b = appendJSONAt(b, r.At)
	b = r.appendJSONKind(b)
	b = r.appendJSONIdent(b)
	return r.appendJSONFields(b)
}

// appendJSONAt opens the object with the offset fields. Consecutive records often share them
// (TextSink caches them).
func appendJSONAt(b []byte, at time.Duration) []byte {
	b = append(b, `{"at":"`...)
	b = AppendOffset(b, at)
	b = append(b, `","at_ns":`...)
	return strconv.AppendInt(b, int64(at), 10)
}

// kindFields holds each kind's JSON field, `,"kind":"name"`.
var kindFields = func() []string {
	fields := make([]string, len(recordKinds.names))
	for k := range fields {
		fields[k] = `,"kind":"` + RecordKind(k).String() + `"`
	}
	return fields
}()

func (r *Record) appendJSONKind(b []byte) []byte {
	if int(r.Kind) < len(kindFields) {
		return append(b, kindFields[r.Kind]...)
	}
	b = append(b, `,"kind":"`...)
	b = append(b, r.Kind.String()...)
	return append(b, '"')
}

// appendJSONIdent appends the fields that say whose record it is: task, task_num, task_id,
// instance, instance_id. Consecutive records often share them (TextSink caches them).
func (r *Record) appendJSONIdent(b []byte) []byte {
	return r.appendJSONInstance(r.appendJSONTask(b))
}

// appendJSONTask appends the registration's part of the identity: task, task_num, task_id.
func (r *Record) appendJSONTask(b []byte) []byte {
	if r.Task != "" {
		b = append(b, `,"task":`...)
		b = AppendJSONString(b, r.Task)
	}
	if r.TaskNum != 0 {
		b = append(b, `,"task_num":`...)
		b = strconv.AppendInt(b, int64(r.TaskNum), 10)
	}
	if !r.TaskID.IsZero() {
		b = append(b, `,"task_id":"`...)
		b = r.TaskID.appendTo(b)
		b = append(b, '"')
	}
	return b
}

// appendJSONInstance appends the instance's part of the identity: instance, instance_id.
func (r *Record) appendJSONInstance(b []byte) []byte {
	if r.Instance != 0 {
		b = append(b, `,"instance":`...)
		b = strconv.AppendInt(b, int64(r.Instance), 10)
	}
	if !r.InstanceID.IsZero() {
		b = append(b, `,"instance_id":"`...)
		b = r.InstanceID.appendTo(b)
		b = append(b, '"')
	}
	return b
}

// appendJSONFields appends the fields after the identity, from deferral on, and closes the
// object.
func (r *Record) appendJSONFields(b []byte) []byte {
	if r.Deferral != 0 {
		b = append(b, `,"deferral":`...)
		b = appendCount(b, r.Deferral)
	}
	if uint8(r.Event)|uint8(r.Reason) != 0 { // one test for two fields few records have
		if r.Event != SystemTriggerInvalid {
			b = appendJSONName(b, `,"event":"`, r.Event.String())
		}
		if r.Reason != ReasonInvalid {
			b = appendJSONName(b, `,"reason":"`, r.Reason.String())
		}
	}
	if r.Result == ResultOK {
		b = append(b, `,"result":"ok"`...) // most records that have a result
	} else if r.Result != ResultNone {
		b = appendJSONName(b, `,"result":"`, r.Result.String())
	}
	if uint8(r.Signal)|uint8(r.Code) != 0 { // the same
		if r.Signal != SignalInvalid {
			b = appendJSONName(b, `,"signal_result":"`, r.Signal.String())
		}
		if r.Code != RegisterErrorInvalid {
			b = appendJSONName(b, `,"error":"`, r.Code.String())
			if h := r.Code.HResult(); h != 0 {
				b = append(b, `,"hresult":"0x`...)
				b = appendHex32(b, h)
				b = append(b, '"')
			}
		}
	}
	if r.Kind.hasValue() {
		b = append(b, r.Kind.valueJSONField()...)
		b = appendCount(b, int(r.Value))
	}
	if r.Detail != "" {
		b = append(b, `,"detail":`...)
		b = AppendJSONString(b, r.Detail)
	}
	return append(b, '}')
}

// appendJSONName appends an enum's name after its key (which ends in the opening quote). Enum
// names are identifiers, and an out-of-range value prints as Type(N): neither needs escaping.
func appendJSONName(b []byte, key, name string) []byte {
	b = append(b, key...)
	b = append(b, name...)
	return append(b, '"')
}

// AppendJSONString appends s as a JSON string literal (RFC 8259 escapes only; invalid UTF-8
// becomes U+FFFD): the one string encoder of the JSON trace and of the other JSON bgsim writes.
func AppendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	// Most strings (names, the engine's details) need no escaping: find the first byte that
	// might, and copy everything before it at once.
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] != '"' && s[i] != '\\' && s[i] < utf8.RuneSelf {
		i++
	}
	b = append(b, s[:i]...)
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
