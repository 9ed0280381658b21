package output

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

type human struct {
	w     *bufio.Writer
	start uint64
	b     strings.Builder
}

func (h *human) Write(ev *event.Event) error {
	h.b.Reset()
	FormatLine(&h.b, ev, h.start)
	h.b.WriteByte('\n')
	_, err := h.w.WriteString(h.b.String())
	return err
}

func (h *human) Flush() error { return h.w.Flush() }

// FormatLine renders an event for people, strace-like:
//
//	0.001234 1234/1235 cat openat("/etc/passwd") fd=3 = 3 <0.000012>
//
// What the traced program controls (its name, paths) is escaped, so no
// byte of it reaches a terminal raw.
func FormatLine(b *strings.Builder, ev *event.Event, startNs uint64) {
	rel := float64(int64(ev.EnterNs-startNs)) / 1e9
	fmt.Fprintf(b, "%10.6f %d/%d %s %s(", rel, ev.PID, ev.TID, word(ev.Comm), ev.Syscall)
	sep := ""
	for i, p := range [2]string{ev.Path, ev.Path2} {
		st := ev.PathStatusOf(i)
		if p == "" && st == 0 {
			continue
		}
		b.WriteString(sep)
		writePath(b, p, st)
		sep = ", "
	}
	if ev.FD >= 0 {
		fmt.Fprintf(b, "%sfd=%d", sep, ev.FD)
	}
	b.WriteString(") = ")
	if ev.Ret < 0 && ev.Ret >= -4095 {
		errno := unix.Errno(-ev.Ret)
		fmt.Fprintf(b, "-1 %s (%s)", unix.ErrnoName(errno), errno.Error())
	} else {
		b.WriteString(strconv.FormatInt(ev.Ret, 10))
	}
	if ev.Bytes > 0 {
		fmt.Fprintf(b, " bytes=%d", ev.Bytes)
	}
	fmt.Fprintf(b, " <%.6f>", float64(ev.Duration())/1e9)
}

// word prints s as it is when it is a plain word, quoted and escaped
// otherwise (spaces, control bytes, invalid UTF-8, an empty name).
func word(s string) string {
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

// writePath shows a path so that one ior could not see whole never
// reads like a real one: an unknown fd as <unknown>, a name relative to
// one as <unknown>/"name", an unreadable string as its address (unquoted,
// as strace does), a cut one as "start"... .
func writePath(b *strings.Builder, p string, st uint8) {
	switch {
	case st&event.PathFault != 0:
		b.WriteString(p)
	case st&event.PathUnknown != 0 && p == "":
		b.WriteString("<unknown>")
	case st&event.PathUnknown != 0:
		b.WriteString("<unknown>/")
		b.WriteString(strconv.Quote(p))
	default:
		b.WriteString(strconv.Quote(p))
		if st&event.PathCut != 0 {
			b.WriteString("...")
		}
	}
}
