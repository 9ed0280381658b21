// Package textsafe shows strings that come from a traced process or a
// recording (task names, paths, syscall names, a header's host) in human
// output, so that no byte of them reaches a terminal raw: a crafted name
// cannot clear the screen, move the cursor or forge a line.
package textsafe

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Word is s as it is when it is a plain word, quoted and escaped as a Go
// string otherwise (spaces, quotes, control bytes, invalid UTF-8, an
// empty string).
func Word(s string) string {
	if s == "" || !utf8.ValidString(s) {
		return strconv.Quote(s)
	}
	for _, r := range s {
		if !unicode.IsPrint(r) || r == ' ' || r == '"' {
			return strconv.Quote(s)
		}
	}
	return s
}

// Text is s as it is when every character of it is printable (spaces
// included), quoted and escaped otherwise: for phrases such as a reason
// a recording gives for ending early.
func Text(s string) string {
	if !utf8.ValidString(s) {
		return strconv.Quote(s)
	}
	for _, r := range s {
		if !unicode.IsPrint(r) || r == '"' {
			return strconv.Quote(s)
		}
	}
	return s
}
