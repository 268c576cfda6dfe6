package simulator

import (
	"fmt"

	"github.com/bgsim/bgsim/internal/suggest"
)

// enumTable is the single name table behind each typed enum: String, parsing and listing all read
// it. Index 0 is the invalid zero value and has no name.
type enumTable[T ~uint8] struct {
	typeName string
	names    []string
}

func (t *enumTable[T]) str(v T) string {
	if v != 0 && int(v) < len(t.names) {
		return t.names[v]
	}
	return fmt.Sprintf("%s(%d)", t.typeName, uint8(v))
}

func (t *enumTable[T]) parse(s string) (T, error) {
	for i := 1; i < len(t.names); i++ {
		if t.names[i] == s {
			return T(i), nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q%s", t.typeName, s, suggest.Hint(s, t.names[1:]))
}

func (t *enumTable[T]) valid(v T) bool { return v != 0 && int(v) < len(t.names) }

func (t *enumTable[T]) values() []T {
	out := make([]T, 0, len(t.names)-1)
	for i := 1; i < len(t.names); i++ {
		out = append(out, T(i))
	}
	return out
}
