// Package position formats the location of an error in an input file the one way bgsim prints
// it everywhere: "file:line:col: msg".
package position

import "strconv"

// Format returns "file:line:col: msg", leaving out what is unknown: ":col" when col is 0,
// ":line:col" when line is 0, and "file:" when file is empty. Line and col are 1-based.
func Format(file string, line, col int, msg string) string {
	s := file
	if line > 0 {
		if s != "" {
			s += ":"
		}
		s += strconv.Itoa(line)
		if col > 0 {
			s += ":" + strconv.Itoa(col)
		}
	}
	if s == "" {
		return msg
	}
	return s + ": " + msg
}
