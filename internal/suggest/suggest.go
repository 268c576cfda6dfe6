// Package suggest finds the closest valid spelling for a mistyped word, for "did you mean" hints
// in error messages. It is deterministic: ties go to the candidate listed first.
package suggest

import "strings"

// Closest returns the candidate nearest to word: an exact case-insensitive match first, then the
// one with the smallest edit distance when that distance is at most 2 (or a third of the word's
// length, whichever is larger). It returns "" when nothing is close enough.
func Closest(word string, candidates []string) string {
	for _, c := range candidates {
		if strings.EqualFold(c, word) {
			return c
		}
	}
	limit := max(2, len(word)/3)
	best, bestDist := "", limit+1
	lw := strings.ToLower(word)
	for _, c := range candidates {
		if d := distance(lw, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Hint returns ` (did you mean "X"?)` for the closest candidate, or "" when there is none.
func Hint(word string, candidates []string) string {
	if c := Closest(word, candidates); c != "" && c != word {
		return ` (did you mean "` + c + `"?)`
	}
	return ""
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
