// Package suggest finds the closest valid spelling for a mistyped word, for "did you mean" hints
// in error messages. It is deterministic: ties go to the candidate listed first.
package suggest

import (
	"strings"
	"unicode/utf8"
)

// MaxDistance is the largest edit distance at which a candidate is still suggested.
const MaxDistance = 2

// Closest returns the candidate that word most likely misspells, or "" when none is close: a
// candidate that differs only by letter case wins outright; otherwise the one with the smallest
// case-insensitive edit distance, at most MaxDistance, ties going to the earlier candidate. word
// itself is never suggested.
func Closest(word string, candidates []string) string {
	for _, c := range candidates {
		if c != word && strings.EqualFold(c, word) {
			return c
		}
	}
	best, bestDist := "", MaxDistance+1
	lw := strings.ToLower(word)
	for _, c := range candidates {
		if c == word {
			continue
		}
		if d := distance(lw, strings.ToLower(c), bestDist); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Hint returns ` (did you mean "X"?)` for the closest candidate, or "" when there is none.
func Hint(word string, candidates []string) string {
	if c := Closest(word, candidates); c != "" {
		return ` (did you mean "` + c + `"?)`
	}
	return ""
}

// distance returns the Levenshtein distance between a and b in runes, or limit when it is limit
// or more. Strings whose lengths differ by limit or more are rejected without computing
// anything, so the cost stays small however long a is.
func distance(a, b string, limit int) int {
	if diff := utf8.RuneCountInString(a) - utf8.RuneCountInString(b); diff >= limit || -diff >= limit {
		return limit
	}
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], limit)
}
