package simulator

import (
	"encoding/hex"
	"math/rand/v2"
)

// GUID is a Windows GUID. bgsim draws them from a seeded stream (version 4 layout), so the same
// seed gives the same GUIDs.
type GUID [16]byte

func newGUID(r *rand.Rand) GUID {
	var g GUID
	a, b := r.Uint64(), r.Uint64()
	for i := 0; i < 8; i++ {
		g[i] = byte(a >> (8 * i))
		g[8+i] = byte(b >> (8 * i))
	}
	g[6] = g[6]&0x0f | 0x40
	g[8] = g[8]&0x3f | 0x80
	return g
}

// String formats the GUID as 8-4-4-4-12 lowercase hex digits, as .NET's Guid.ToString() does.
func (g GUID) String() string {
	var b [36]byte
	hex.Encode(b[0:8], g[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], g[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], g[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], g[8:10])
	b[23] = '-'
	hex.Encode(b[24:36], g[10:16])
	return string(b[:])
}

// IsZero reports whether g is the empty GUID.
func (g GUID) IsZero() bool { return g == GUID{} }
