package output

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/ior-tracer/ior/internal/aio"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/syscalls"
	"github.com/ior-tracer/ior/internal/textsafe"
	"github.com/ior-tracer/ior/internal/uring"
	"golang.org/x/sys/unix"
)

type human struct {
	w   *bufio.Writer
	opt Options
	b   bytes.Buffer
}

func (h *human) Write(ev *event.Event) error {
	h.b.Reset()
	FormatLineWith(&h.b, ev, &h.opt)
	h.b.WriteByte('\n')
	_, err := h.w.Write(h.b.Bytes()) // the buffer is kept: no allocation per line
	return err
}

func (h *human) Flush() error { return h.w.Flush() }

// FormatLine renders an event for people, with its time relative to
// startNs; see FormatLineWith.
func FormatLine(b *bytes.Buffer, ev *event.Event, startNs uint64) {
	FormatLineWith(b, ev, &Options{StartNs: startNs})
}

// FormatLineWith renders an event for people, strace-like, its flag and
// mode arguments by name:
//
//	0.001234 1234/1235 cat openat("/etc/passwd", O_RDONLY|O_CLOEXEC) = 3 <0.000012>
//	0.001300 1234/1235 cat read("/etc/passwd", fd=3, len=4096) = 1234 <0.000004>
//
// With o.Time "t" or "tt" the time is the wall clock (15:04:05, or
// 15:04:05.000000). What the traced program controls (its name, paths)
// is escaped, so no byte of it reaches a terminal raw.
func FormatLineWith(b *bytes.Buffer, ev *event.Event, o *Options) {
	switch o.Time {
	case "t", "tt":
		wall := time.Unix(0, int64(ev.EnterNs)+o.WallOffsetNs)
		if o.Time == "t" {
			b.WriteString(wall.Format("15:04:05"))
		} else {
			b.WriteString(wall.Format("15:04:05.000000"))
		}
	default:
		writeSeconds(b, int64(ev.EnterNs-o.StartNs), 10)
	}
	b.WriteByte(' ')
	writeInt(b, int64(ev.PID))
	b.WriteByte('/')
	writeInt(b, int64(ev.TID))
	b.WriteByte(' ')
	b.WriteString(word(ev.Comm))
	b.WriteByte(' ')
	b.WriteString(textsafe.Word(syscalls.StraceName(ev.Syscall))) // as strace names it: fstat, not newfstat
	b.WriteByte('(')
	writeArgs(b, ev)
	b.WriteString(") = ")
	if name, ok := event.Restarted(ev.Ret); ok {
		fmt.Fprintf(b, "? %s (to be restarted)", name)
	} else if ev.Ret < 0 && ev.Ret >= -4095 {
		errno := unix.Errno(-ev.Ret)
		fmt.Fprintf(b, "-1 %s (%s)", unix.ErrnoName(errno), errno.Error())
	} else if sp := syscalls.ByName(ev.Syscall); sp != nil && sp.Addr {
		b.WriteString("0x" + strconv.FormatInt(ev.Ret, 16)) // an address, as strace shows it
	} else {
		b.WriteString(strconv.FormatInt(ev.Ret, 10))
	}
	if ev.Bytes > 0 {
		b.WriteString(" bytes=")
		writeInt(b, ev.Bytes)
	}
	b.WriteString(" <")
	writeSeconds(b, int64(ev.Duration()), 0)
	b.WriteByte('>')
	if ev.IsURing() {
		// Submission to completion; and how it ran, when not inline.
		if x := event.FieldByName("exec").Str(ev); x != "inline" {
			b.WriteString(" [" + x + "]")
		}
	}
	if c := ev.Container(); c != "" {
		// A process in other namespaces or another cgroup than ior's.
		b.WriteString(" {" + textsafe.Word(c) + "}")
	}
}

// writeArgs writes the paths, the fd (unless the call returns it), the
// flags and mode by name, and the offset and length the call named.
func writeArgs(b *bytes.Buffer, ev *event.Event) {
	sep := ""
	next := func() {
		b.WriteString(sep)
		sep = ", "
	}
	for i, p := range [2]string{ev.Path, ev.Path2} {
		st := ev.PathStatusOf(i)
		if p != "" || st != 0 {
			next()
			writePath(b, p, st)
		}
	}
	sp := syscalls.ByName(ev.Syscall)
	op := uring.ByEvent(ev.Syscall)
	aop := aio.ByEvent(ev.Syscall)
	opens := sp != nil && (sp.Effect == syscalls.EffectOpen || sp.Effect == syscalls.EffectOpenByHandle) ||
		op != nil && op.Effect == uring.Opens
	if ev.Slot1 != 0 {
		next()
		b.WriteString("slot=")
		writeInt(b, int64(ev.Slot1)-1)
	}
	if ev.FD >= 0 && !opens {
		next()
		b.WriteString("fd=")
		writeInt(b, int64(ev.FD))
	}
	if ev.FD2 >= 0 {
		next()
		b.WriteString("fd2=")
		writeInt(b, int64(ev.FD2))
	}
	args := argSets[ev.Syscall]
	var buf [96]byte
	// A request's flags of 0 say nothing (no RWF_*, no fsync flag),
	// except an open's O_RDONLY.
	quiet := op != nil && op.Effect != uring.Opens && ev.Flags == 0
	if out, ok := appendArg(buf[:0], args[0], ev.Flags); ok && !quiet {
		next()
		b.Write(out)
	}
	// open's mode means something only when it creates a file.
	showMode := !opens || ev.Syscall == "creat" || ev.Flags&unix.O_CREAT != 0 || ev.Flags&unix.O_TMPFILE == unix.O_TMPFILE
	mode := args[1]
	if mode.kind == argOptName { // a socket option, named by its level
		mode = argSpec{kind: argDec}
		if set := sockOpts[ev.Flags]; set != nil {
			mode = argSpec{kind: argSet, set: set}
		}
	}
	if out, ok := appendArg(buf[:0], mode, ev.Mode); ok && showMode {
		next()
		b.Write(out)
	}
	if ev.Args != "" {
		next()
		b.WriteString(ev.Args)
	}
	if sp != nil && sp.Offset != syscalls.None || op != nil && op.Offset || aop != nil && aop.Pos {
		next()
		b.WriteString("off=")
		writeInt(b, ev.Offset)
	}
	if (sp != nil && sp.Len != syscalls.None || op != nil && op.Len || aop != nil && aop.Pos) && ev.Len != 0 {
		next()
		b.WriteString("len=")
		b.Write(strconv.AppendUint(buf[:0], ev.Len, 10))
	}
	if ev.IsRequest() {
		if ev.SqeFlags != 0 {
			next()
			b.Write(sqeFlags.append(buf[:0], uint64(ev.SqeFlags)))
		}
		next()
		b.WriteString("user_data=")
		b.Write(strconv.AppendUint(buf[:0], ev.UserData, 10))
	}
}

// word prints s as it is when it is a plain word, quoted and escaped
// otherwise (spaces, control bytes, invalid UTF-8, an empty name).
func word(s string) string { return textsafe.Word(s) }

// writePath shows a path so that one ior could not see whole never
// reads like a real one: an unknown fd as <unknown>, a name relative to
// one as <unknown>/"name", an unreadable string as its address (unquoted,
// as strace does), a cut one as "start"... .
func writePath(b *bytes.Buffer, p string, st uint8) {
	switch {
	case st&event.PathFault != 0:
		b.WriteString(textsafe.Word(p)) // an address ior wrote; a crafted file may hold anything
	case st&event.PathUnknown != 0 && p == "":
		b.WriteString("<unknown>")
	case st&event.PathUnknown != 0:
		b.WriteString("<unknown>/")
		writeQuoted(b, p)
	default:
		writeQuoted(b, p)
		if st&event.PathCut != 0 {
			b.WriteString("...")
		}
		if st&event.PathDeleted != 0 {
			b.WriteString(" (deleted)")
		}
	}
}

// writeInt, writeQuoted and writeSeconds append without fmt: the human
// output is ior's default, and fmt's boxing cost a third of its time.
func writeInt(b *bytes.Buffer, v int64) {
	var buf [24]byte
	b.Write(strconv.AppendInt(buf[:0], v, 10))
}

func writeQuoted(b *bytes.Buffer, s string) {
	var buf [256]byte
	b.Write(strconv.AppendQuote(buf[:0], s))
}

// writeSeconds writes ns as seconds with 6 decimals (as fmt's %W.6f,
// which rounds the same way), right-aligned to width.
func writeSeconds(b *bytes.Buffer, ns int64, width int) {
	var buf [32]byte
	out := strconv.AppendFloat(buf[:0], float64(ns)/1e9, 'f', 6, 64)
	for i := len(out); i < width; i++ {
		b.WriteByte(' ')
	}
	b.Write(out)
}
