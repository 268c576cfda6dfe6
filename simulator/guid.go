package simulator

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
)

// GUID is a Windows GUID. bgsim draws them from a seeded stream (version 4 layout), so the same
// seed gives the same GUIDs.
type GUID [16]byte

func newGUID(r *rand.Rand) GUID {
	var g GUID
	binary.LittleEndian.PutUint64(g[0:8], r.Uint64())
	binary.LittleEndian.PutUint64(g[8:16], r.Uint64())
	g[6] = g[6]&0x0f | 0x40
	g[8] = g[8]&0x3f | 0x80
	return g
}

// String formats the GUID as 8-4-4-4-12 lowercase hex digits, as .NET's Guid.ToString() does.
func (g GUID) String() string { return string(g.appendTo(make([]byte, 0, 36))) }

// appendTo appends String's text to b without building a string: the JSON trace writes two
// GUIDs per record.
func (g *GUID) appendTo(b []byte) []byte {
	const digits = "0123456789abcdef"
	for i, c := range g {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, digits[c>>4], digits[c&0xf])
	}
	return b
}

// IsZero reports whether g is the empty GUID.
func (g GUID) IsZero() bool { return g == GUID{} }

// ParseGUID reads a GUID written as 8-4-4-4-12 hex digits, in either case, with or without
// surrounding braces, as String writes it.
func ParseGUID(s string) (GUID, error) {
	var g GUID
	t := s
	if len(t) == 38 && t[0] == '{' && t[37] == '}' {
		t = t[1:37]
	}
	if len(t) != 36 {
		return g, fmt.Errorf("cannot parse GUID %q: want 8-4-4-4-12 hex digits", s)
	}
	j := 0
	for i := 0; i < 36; {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if t[i] != '-' {
				return g, fmt.Errorf("cannot parse GUID %q: want 8-4-4-4-12 hex digits", s)
			}
			i++
			continue
		}
		hi, ok1 := hexDigit(t[i])
		lo, ok2 := hexDigit(t[i+1])
		if !ok1 || !ok2 {
			return g, fmt.Errorf("cannot parse GUID %q: %q is not a hex digit pair", s, t[i:i+2])
		}
		g[j] = hi<<4 | lo
		j++
		i += 2
	}
	return g, nil
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
