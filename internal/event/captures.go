package event

import (
	"strconv"
	"strings"
)

// The text of the values the kernel side read behind pointers (Off*,
// Flock, Argv, Envc): what the "off_in", "off_out", "flock", "argv" and
// "envc" fields hold, and what Args shows of them, strace-like. A value
// the kernel side could not read is "?", never a guess; "" when the
// call has no such value.

// OffText is offset i (0: OffIn, 1: OffOut) as text: its number, "?"
// when its pointer could not be read, "" when none was passed.
func (e *Event) OffText(i int) string {
	st, v := e.OffState, e.OffIn
	if i == 1 {
		st, v = st>>2, e.OffOut
	}
	switch {
	case st&OffInSet != 0:
		return strconv.FormatInt(v, 10)
	case st&OffInFault != 0:
		return "?"
	}
	return ""
}

// lockTypes and whences name struct flock's l_type and l_whence
// (include/uapi/asm-generic/fcntl.h, SEEK_* of unistd.h).
var (
	lockTypes = []string{"F_RDLCK", "F_WRLCK", "F_UNLCK"}
	whences   = []string{"SEEK_SET", "SEEK_CUR", "SEEK_END"}
)

func named(names []string, v int16) string {
	if v >= 0 && int(v) < len(names) {
		return names[v]
	}
	return strconv.Itoa(int(v))
}

// FlockText is Flock as strace shows it: {l_type=F_WRLCK,
// l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=0}; "" when none.
func (e *Event) FlockText() string {
	f := e.Flock
	if f == nil {
		return ""
	}
	return "{l_type=" + named(lockTypes, f.Type) + ", l_whence=" + named(whences, f.Whence) +
		", l_start=" + strconv.FormatInt(f.Start, 10) + ", l_len=" + strconv.FormatInt(f.Len, 10) +
		", l_pid=" + strconv.Itoa(int(f.PID)) + "}"
}

// ArgvText is Argv as a list of quoted strings: ["ls", "-l"], with
// "..." after it when cut and ", ?" inside it where the rest could not
// be read; "" when none.
func (e *Event) ArgvText() string {
	if e.Argv == nil {
		return ""
	}
	var b strings.Builder
	b.WriteByte('[')
	for i, a := range e.Argv {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(a))
	}
	if e.ArgvFault {
		if len(e.Argv) > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('?')
	}
	b.WriteByte(']')
	if e.ArgvCut {
		b.WriteString("...")
	}
	return b.String()
}

// EnvcText is envp's count: "3", "?" when envp could not be read,
// "65536+" when there were more than counted; "" for a call with no
// argv recorded.
func (e *Event) EnvcText() string {
	switch {
	case e.Argv == nil:
		return ""
	case e.Envc < 0:
		return "?"
	case e.EnvcCut:
		return strconv.Itoa(int(e.Envc)) + "+"
	}
	return strconv.Itoa(int(e.Envc))
}

// CapturedArgs is the text Args gets for the captured values:
// off_in=0, off_out=5 / the struct flock / argv=[...], envc=3.
func (e *Event) CapturedArgs() string {
	var parts []string
	if t := e.OffText(0); t != "" {
		parts = append(parts, "off_in="+t)
	}
	if t := e.OffText(1); t != "" {
		parts = append(parts, "off_out="+t)
	}
	if t := e.FlockText(); t != "" {
		parts = append(parts, t)
	}
	if t := e.ArgvText(); t != "" {
		parts = append(parts, "argv="+t, "envc="+e.EnvcText())
	}
	return strings.Join(parts, ", ")
}
