package manifest

import (
	"bytes"
	"sort"
)

// positions converts byte offsets of one document into 1-based line and
// column numbers, columns counting bytes. The line starts are computed once;
// lookups at non-decreasing offsets, the parser's only pattern, move a
// cursor forward, so a whole parse costs O(n). Other lookups fall back to a
// binary search.
type positions struct {
	starts []int // byte offset of the first byte of each line
	cur    int   // index into starts of the last line returned
}

// newPositions indexes the line starts of data.
func newPositions(data []byte) *positions {
	starts := make([]int, 1, 1+bytes.Count(data, []byte{'\n'}))
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return &positions{starts: starts}
}

// at returns the line and column of byte offset off.
func (p *positions) at(off int64) (line, col int) {
	o := max(int(off), 0)
	if o < p.starts[p.cur] {
		p.cur = sort.SearchInts(p.starts, o+1) - 1
	}
	for p.cur+1 < len(p.starts) && p.starts[p.cur+1] <= o {
		p.cur++
	}
	return p.cur + 1, o - p.starts[p.cur] + 1
}
