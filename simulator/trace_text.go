package simulator

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// AppendText appends the record's canonical text line (without a newline): the virtual offset,
// the kind padded to 9 columns, the task name, then key=value fields in a fixed order:
// task, instance, deferral, event, reason, result, signal result, error, value, detail.
func (r *Record) AppendText(b []byte) []byte {
	b = AppendOffset(b, r.At)
	b = r.appendTextKind(b)
	b = r.appendTextIdent(b)
	return r.appendTextFields(b)
}

// kindColumns holds each kind's text column: a space, then the name padded to 9 columns. It is
// an array, indexed by the kind's byte, so a lookup needs no bounds check.
var kindColumns = func() (cols [256]string) {
	for k := range recordKinds.names {
		col := " " + RecordKind(k).String()
		for len(col) < 10 {
			col += " "
		}
		cols[k] = col
	}
	return cols
}()

// appendTextKind appends the kind column.
func (r *Record) appendTextKind(b []byte) []byte {
	if col := kindColumns[r.Kind]; col != "" {
		return append(b, col...)
	}
	b = append(b, ' ')
	kind := r.Kind.String()
	b = append(b, kind...)
	for i := len(kind); i < 9; i++ {
		b = append(b, ' ')
	}
	return b
}

// appendTextIdent appends the fields that say whose record it is: the task name, task= and
// instance=. Consecutive records often share them (TextSink caches them).
func (r *Record) appendTextIdent(b []byte) []byte {
	return r.appendTextInstance(r.appendTextTask(b))
}

// appendTextTask appends the registration's part of the identity: the name and task=.
func (r *Record) appendTextTask(b []byte) []byte {
	if r.Task != "" {
		b = append(b, ' ')
		b = appendName(b, r.Task)
	}
	if r.TaskNum != 0 {
		b = append(b, " task="...)
		b = strconv.AppendInt(b, int64(r.TaskNum), 10)
	}
	return b
}

// appendTextInstance appends the instance's part of the identity: instance=.
func (r *Record) appendTextInstance(b []byte) []byte {
	if r.Instance != 0 {
		b = append(b, " instance="...)
		b = strconv.AppendInt(b, int64(r.Instance), 10)
	}
	return b
}

// appendTextFields appends the fields after the identity, from deferral= on.
func (r *Record) appendTextFields(b []byte) []byte {
	if r.Deferral != 0 {
		b = append(b, " deferral="...)
		b = appendCount(b, r.Deferral)
	}
	if uint8(r.Event)|uint8(r.Reason) != 0 { // one test for two fields few records have
		if r.Event != SystemTriggerInvalid {
			b = append(b, ' ')
			b = append(b, r.Event.String()...)
		}
		if r.Reason != ReasonInvalid {
			b = append(b, " reason="...)
			b = append(b, r.Reason.String()...)
		}
	}
	if r.Result != ResultNone {
		if r.Result == ResultOK {
			b = append(b, " result=ok"...) // most records that have a result
		} else {
			b = append(b, " result="...)
			b = append(b, r.Result.String()...)
		}
	}
	if uint8(r.Signal)|uint8(r.Code) != 0 { // the same
		if r.Signal != SignalInvalid {
			b = append(b, " result="...)
			b = append(b, r.Signal.String()...)
		}
		if r.Code != RegisterErrorInvalid {
			b = append(b, " error="...)
			b = append(b, r.Code.String()...)
			if h := r.Code.HResult(); h != 0 {
				b = append(b, " hresult=0x"...)
				b = appendHex32(b, h)
			}
		}
	}
	if r.Kind.hasValue() {
		b = append(b, r.Kind.valueField()...)
		b = appendCount(b, int(r.Value))
	}
	if r.Detail != "" {
		b = append(b, ' ')
		b = appendDetail(b, r.Detail)
	}
	return b
}

// appendCount appends a non-negative decimal number. Most numbers of a trace (progress values,
// deferral numbers) are below 1000, and writing those digits directly saves a strconv call on
// nearly every record.
func appendCount(b []byte, v int) []byte {
	switch {
	case v < 0 || v >= 1000:
		return strconv.AppendInt(b, int64(v), 10)
	case v < 10:
		return append(b, byte('0'+v))
	case v < 100:
		return append(b, byte('0'+v/10), byte('0'+v%10))
	}
	return append(b, byte('0'+v/100), byte('0'+v/10%10), byte('0'+v%10))
}

// appendName appends a registration (task) name as one token, so that no name can pose as other
// fields or start a line of its own: bare when it has no space, double quote or unprintable
// character (every ordinary name), else Go-quoted ("my task", "a\nb").
func appendName(b []byte, s string) []byte {
	if plainToken(s) {
		return append(b, s...)
	}
	return strconv.AppendQuote(b, s)
}

// plainToken reports whether s prints as itself within one token: no space, no double quote, no
// control or other unprintable character.
func plainToken(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '"' || c < 0x20 || c == 0x7f:
			return false
		case c >= utf8.RuneSelf:
			return printableRunes(s[i:], true)
		}
	}
	return true
}

// quoteToken renders a value built from names the app chose (an entry point, a custom trigger's
// id) for a Detail field: as is when plainToken, else Go-quoted, so that it stays one field.
func quoteToken(s string) string {
	if plainToken(s) {
		return s
	}
	return strconv.Quote(s)
}

// appendDetail appends a record's Detail. Its fields are rendered already, free text quoted
// (quoteDetail), so it may hold spaces and quotes; a control or other unprintable character,
// which could end the line and forge the next one, is escaped as in a Go string (\n, \x00,
// \u2028). Details without one print unchanged.
func appendDetail(b []byte, s string) []byte {
	if printable(s) {
		return append(b, s...)
	}
	for _, c := range s {
		if c == ' ' || unicode.IsPrint(c) {
			b = utf8.AppendRune(b, c)
			continue
		}
		q := strconv.QuoteRune(c) // '\n', '\x00', '\u2028'
		b = append(b, q[1:len(q)-1]...)
	}
	return b
}

// printable reports whether s has no control or other unprintable character (spaces allowed).
// It runs on every detail written, so it checks eight bytes at a time while they are all
// printable ASCII, then bytes, then runes once it meets a non-ASCII byte.
func printable(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		del := w ^ 0x7f*ones
		// A byte of 0x80 or more; a byte under 0x20 (valid as all bytes are under 0x80); a
		// byte equal to 0x7f (a zero byte in del).
		if w&highs != 0 || (w-0x20*ones)&^w&highs != 0 || (del-ones)&^del&highs != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == 0x7f:
			return false
		case c >= utf8.RuneSelf:
			return printableRunes(s[i:], false)
		}
	}
	return true
}

// printableRunes reports whether s has only printable runes and spaces; in a token (a name),
// spaces and double quotes are not allowed either.
func printableRunes(s string, token bool) bool {
	for _, c := range s {
		if token && (c == ' ' || c == '"') {
			return false
		}
		if c != ' ' && !unicode.IsPrint(c) {
			return false
		}
	}
	return true
}

// String returns the record's text line.
func (r Record) String() string { return string(r.AppendText(nil)) }

// FormatText renders records as canonical trace text, one line each, each ending in a newline.
func FormatText(records []Record) string {
	var b []byte
	for i := range records {
		b = records[i].AppendText(b)
		b = append(b, '\n')
	}
	return string(b)
}

// AppendOffset appends a virtual offset as +HH:MM:SS.mmm, with +Nd in front from one day on
// (+1d02:00:00.000). Sub-millisecond parts are truncated.
func AppendOffset(b []byte, d time.Duration) []byte {
	b = append(b, '+')
	if d < 0 {
		d = 0
	}
	ms := int64(d / time.Millisecond)
	days := ms / (24 * 3600 * 1000)
	ms -= days * 24 * 3600 * 1000
	if days > 0 {
		b = strconv.AppendInt(b, days, 10)
		b = append(b, 'd')
	}
	b = append2(b, ms/3600000)
	b = append(b, ':')
	b = append2(b, ms/60000%60)
	b = append(b, ':')
	b = append2(b, ms/1000%60)
	b = append(b, '.')
	m := ms % 1000
	b = append(b, byte('0'+m/100), byte('0'+m/10%10), byte('0'+m%10))
	return b
}

// FormatOffset returns AppendOffset's text.
func FormatOffset(d time.Duration) string { return string(AppendOffset(nil, d)) }

func append2(b []byte, v int64) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }

func appendHex32(b []byte, v uint32) []byte {
	const digits = "0123456789ABCDEF"
	for shift := 28; shift >= 0; shift -= 4 {
		b = append(b, digits[v>>uint(shift)&0xf])
	}
	return b
}

// quoteDetail renders a free-text value for a Detail field: bare when it is a single safe word,
// otherwise Go-quoted, so a line always splits unambiguously into fields.
func quoteDetail(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n\r\"=\\") {
		return s
	}
	return strconv.Quote(s)
}
