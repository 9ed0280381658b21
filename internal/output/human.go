package output

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/ior-tracer/ior/internal/arg"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/kind"
	"github.com/ior-tracer/ior/internal/syscalls"
	"github.com/ior-tracer/ior/internal/textsafe"
	"github.com/ior-tracer/ior/internal/uring"
	"golang.org/x/sys/unix"
)

type human struct {
	w     *bufio.Writer
	opt   Options
	b     bytes.Buffer
	cache lineCache
}

// lineCache keeps what the previous line computed from strings that the
// next one mostly repeats (an I/O loop's command, syscall and file):
// comparing them beats a map look-up, a scan and a quote per line.
type lineCache struct {
	comm, commWord string
	name, nameWord string
	kind           *kind.Kind
	path           string
	pathSt         uint8
	pathText       []byte
}

func (c *lineCache) commText(comm string) string {
	if comm != c.comm || c.commWord == "" {
		c.comm, c.commWord = comm, word(comm)
	}
	return c.commWord
}

// syscall returns ev's name as shown and its kind.
func (c *lineCache) syscall(ev *event.Event) (string, *kind.Kind) {
	if ev.Syscall != c.name || c.kind == nil {
		c.name, c.kind = ev.Syscall, kind.Of(ev)
		c.nameWord = textsafe.Word(syscalls.StraceName(ev.Syscall)) // as strace names it: fstat, not newfstat
	}
	return c.nameWord, c.kind
}

func (c *lineCache) pathBytes(p string, st uint8) []byte {
	if p != c.path || st != c.pathSt || c.pathText == nil {
		c.path, c.pathSt = p, st
		c.pathText = arg.AppendPath(c.pathText[:0], p, st)
	}
	return c.pathText
}

func (h *human) Write(ev *event.Event) error {
	h.b.Reset()
	formatLine(&h.b, ev, &h.opt, &h.cache)
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

// FormatLineWith renders an event for people, strace-like: the files
// the call works on, then its arguments as the event table describes
// them (flags and modes by name, numbers with their names):
//
//	0.001234 1234/1235 cat openat("/etc/passwd", O_RDONLY|O_CLOEXEC) = 3 <0.000012>
//	0.001300 1234/1235 cat read("/etc/passwd", fd=3, count=4096) = 1234 bytes=1234 <0.000004>
//
// With o.Time "t" or "tt" the time is the wall clock (15:04:05, or
// 15:04:05.000000). What the traced program controls (its name, paths)
// is escaped, so no byte of it reaches a terminal raw.
func FormatLineWith(b *bytes.Buffer, ev *event.Event, o *Options) {
	formatLine(b, ev, o, &lineCache{})
}

// formatLine is FormatLineWith, with c remembering the previous line's
// strings.
func formatLine(b *bytes.Buffer, ev *event.Event, o *Options, c *lineCache) {
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
	b.WriteString(c.commText(ev.Comm))
	b.WriteByte(' ')
	name, k := c.syscall(ev)
	b.WriteString(name)
	b.WriteByte('(')
	writeArgs(b, ev, k, c)
	b.WriteString(") = ")
	var buf [96]byte
	if name, ok := event.Restarted(ev.Ret); ok {
		fmt.Fprintf(b, "? %s (to be restarted)", name)
	} else if ev.Ret < 0 && ev.Ret >= -4095 {
		errno := unix.Errno(-ev.Ret)
		fmt.Fprintf(b, "-1 %s (%s)", unix.ErrnoName(errno), errno.Error())
	} else if k.RetAddr {
		b.WriteString("0x" + strconv.FormatInt(ev.Ret, 16)) // an address, as strace shows it
	} else {
		b.WriteString(strconv.FormatInt(ev.Ret, 10))
		if out, ok := k.AppendResult(buf[:0], ev); ok {
			b.WriteString(" (")
			b.Write(out)
			b.WriteByte(')')
		}
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

// writeArgs writes the files the call works on (its paths, and the
// files of its fds), then each argument the kind describes, in order:
// names of flags, enums, modes and signals as they are, a number with its
// argument's name (count=4096), a struct as the text ior made of it.
// An fd that no argument names and that is not the call's result (a
// pipe's pair) follows as fd=, fd2=.
func writeArgs(b *bytes.Buffer, ev *event.Event, k *kind.Kind, c *lineCache) {
	sep := ""
	next := func() {
		b.WriteString(sep)
		sep = ", "
	}
	for i, p := range [2]string{ev.Path, ev.Path2} {
		st := ev.PathStatusOf(i)
		if p != "" || st != 0 {
			next()
			if i == 0 {
				b.Write(c.pathBytes(p, st))
			} else {
				writePath(b, p, st)
			}
			writeFile(b, p, [2]string{ev.File, ev.File2}[i], ev.FileStatusOf(i))
		}
	}
	var buf [128]byte
	var named [2]bool // FD, FD2 named by an argument
	for i := range k.Args {
		d, ok := k.Args[i].Of(ev)
		if !ok {
			continue
		}
		switch d.Slot {
		case arg.SlotFD:
			named[0] = true
		case arg.SlotFD2:
			named[1] = true
		case arg.SlotPath, arg.SlotPath2:
			continue // shown first, with the files
		case arg.SlotRet:
			continue // the result
		}
		v := d.Value(ev)
		if d.Empty(v) || d.Slot == arg.SlotLen && d.Type == arg.Size && v.U == 0 {
			continue // nothing made of a struct; a length of 0 (what a version 1 recording has for every call)
		}
		next()
		out := d.AppendEventText(buf[:0], ev)
		if labeled(d, out) {
			b.WriteString(d.Name)
			b.WriteByte('=')
		}
		b.Write(out)
	}
	// An open's fd is its result, also when it failed (a v2 recording
	// kept the dirfd there).
	opens := k.Spec != nil && (k.Spec.Effect == syscalls.EffectOpen || k.Spec.Effect == syscalls.EffectOpenByHandle) ||
		k.URing != nil && k.URing.Effect == uring.Opens
	for i, fd := range [2]int32{ev.FD, ev.FD2} {
		if !named[i] && fd >= 0 && int64(fd) != ev.Ret && !(i == 0 && opens) {
			next()
			b.WriteString([2]string{"fd=", "fd2="}[i])
			writeInt(b, int64(fd))
		}
	}
}

// labeled: a value that does not say what it is is written name=value
// (flags or an enum value that no name covers: a number).
func labeled(d *arg.Desc, out []byte) bool {
	switch d.Type {
	case arg.Flags, arg.Enum:
		return len(out) > 0 && out[0] >= '0' && out[0] <= '9'
	case arg.Perm, arg.FileMode, arg.Signal, arg.Struct:
		return false
	}
	return true
}

// word prints s as it is when it is a plain word, quoted and escaped
// otherwise (spaces, control bytes, invalid UTF-8, an empty name).
func word(s string) string { return textsafe.Word(s) }

// writePath shows a path as arg.AppendPath does.
func writePath(b *bytes.Buffer, p string, st uint8) {
	var buf [256]byte
	b.Write(arg.AppendPath(buf[:0], p, st))
}

// writeFile shows, after a path argument, the file the kernel resolved
// it to, as strace -y shows an fd's file: <"/usr/lib/x">, only when it
// is not the path as shown (a symlink, "..", a bind mount on the way).
func writeFile(b *bytes.Buffer, p, f string, st uint8) {
	if f == "" || f == p && st&event.FileDeleted == 0 {
		return
	}
	var ps uint8
	if st&event.FileDeleted != 0 {
		ps = event.PathDeleted
	}
	var buf [256]byte
	b.WriteByte('<')
	b.Write(arg.AppendPath(buf[:0], f, ps))
	b.WriteByte('>')
}

// writeInt and writeSeconds append without fmt: the human
// output is ior's default, and fmt's boxing cost a third of its time.
func writeInt(b *bytes.Buffer, v int64) {
	var buf [24]byte
	b.Write(strconv.AppendInt(buf[:0], v, 10))
}

// writeSeconds writes ns as seconds with 6 decimals, rounded to the
// nearest microsecond, right-aligned to width. In integers: a sixth of
// strconv.AppendFloat's time, and exact past 2^53 ns, where a float64
// no longer holds every microsecond. A half microsecond rounds as %.6f
// of the float always did (the nearest double's side of the half), so
// that the lines stay what they were; past 2^53 ns, to even.
func writeSeconds(b *bytes.Buffer, ns int64, width int) {
	var buf [32]byte
	out := buf[:0]
	u := uint64(ns)
	if ns < 0 {
		out = append(out, '-')
		u = -u
	}
	us, rem := u/1000, u%1000
	if rem == 500 && u < 1<<53 {
		out = strconv.AppendFloat(buf[:0], float64(ns)/1e9, 'f', 6, 64)
	} else {
		if rem > 500 || rem == 500 && us%2 == 1 {
			us++
		}
		out = strconv.AppendUint(out, us/1e6, 10)
		frac := us % 1e6
		out = append(out, '.', byte('0'+frac/1e5), byte('0'+frac/1e4%10), byte('0'+frac/1e3%10),
			byte('0'+frac/100%10), byte('0'+frac/10%10), byte('0'+frac%10))
	}
	for i := len(out); i < width; i++ {
		b.WriteByte(' ')
	}
	b.Write(out)
}
