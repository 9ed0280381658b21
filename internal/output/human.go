package output

import (
	"bufio"
	"bytes"
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
	cache lineCache
}

// lineCache keeps what the previous lines computed from strings that the
// next ones mostly repeat (an I/O loop's command, syscalls and file):
// comparing them beats a map look-up, a scan and a quote per line. The
// ring interleaves the threads that run at once (a 16-thread burst on 2
// CPUs), so a few of each are kept, not only the last.
type lineCache struct {
	// tasks: the last tasks seen, replaced round-robin; last: the one
	// the previous line had, looked at first.
	tasks          [16]taskEntry
	last, nextTask int
	// names: the last syscalls seen (a loop's openat, pread64, close),
	// replaced round-robin.
	names [8]nameEntry
	next  int
}

// taskEntry: a task's " PID/TID COMM ", and its last first path as
// shown (a thread's loop works on its own file).
type taskEntry struct {
	pid, tid uint32
	comm     string
	text     []byte
	path     string
	pathSt   uint8
	pathText []byte
}

type nameEntry struct {
	syscall string // as the event has it
	word    string // as shown
	kind    *kind.Kind
}

// task returns ev's task's entry, made if new.
func (c *lineCache) task(ev *event.Event) *taskEntry {
	if t := &c.tasks[c.last]; t.tid == ev.TID && t.pid == ev.PID && t.comm == ev.Comm && t.text != nil {
		return t
	}
	for i := range c.tasks {
		if t := &c.tasks[i]; t.tid == ev.TID && t.pid == ev.PID && t.comm == ev.Comm && t.text != nil {
			c.last = i
			return t
		}
	}
	c.last = c.nextTask
	c.nextTask = (c.nextTask + 1) % len(c.tasks)
	t := &c.tasks[c.last]
	b := append(t.text[:0], ' ')
	b = strconv.AppendUint(b, uint64(ev.PID), 10)
	b = append(b, '/')
	b = strconv.AppendUint(b, uint64(ev.TID), 10)
	b = append(b, ' ')
	b = append(b, textsafe.Word(ev.Comm)...)
	*t = taskEntry{pid: ev.PID, tid: ev.TID, comm: ev.Comm, text: append(b, ' '), pathText: t.pathText[:0]}
	return t
}

// syscall returns ev's name as shown and its kind.
func (c *lineCache) syscall(ev *event.Event) (string, *kind.Kind) {
	for i := range c.names {
		if e := &c.names[i]; e.kind != nil && e.syscall == ev.Syscall {
			return e.word, e.kind
		}
	}
	e := &c.names[c.next]
	c.next = (c.next + 1) % len(c.names)
	// As strace names it: fstat, not newfstat.
	*e = nameEntry{ev.Syscall, textsafe.Word(syscalls.StraceName(ev.Syscall)), kind.Of(ev)}
	return e.word, e.kind
}

func (t *taskEntry) pathBytes(p string, st uint8) []byte {
	if p != t.path || st != t.pathSt || len(t.pathText) == 0 {
		t.path, t.pathSt = p, st
		t.pathText = arg.AppendPath(t.pathText[:0], p, st)
	}
	return t.pathText
}

// flushAt: a line starts a write of the buffer when less than this is
// left in it (a longer line grows past it, and is copied once).
const flushAt = 1 << 10

// Write formats the line in place in the buffer's free space: no copy,
// no allocation per line.
func (h *human) Write(ev *event.Event) error {
	if h.w.Available() < flushAt {
		if err := h.w.Flush(); err != nil {
			return err
		}
	}
	b := appendLine(h.w.AvailableBuffer(), ev, &h.opt, &h.cache)
	_, err := h.w.Write(append(b, '\n'))
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
	b.Write(appendLine(b.AvailableBuffer(), ev, o, &lineCache{}))
}

// execField is io_uring's "exec" field (how a request ran).
var execField = event.FieldByName("exec")

// appendLine is FormatLineWith, appending, with c remembering the
// previous lines' strings. Everything is appended: fmt's boxing cost a
// third of the human output's time, a bytes.Buffer's checks per write
// and copies from scratch buffers another third.
func appendLine(b []byte, ev *event.Event, o *Options, c *lineCache) []byte {
	switch o.Time {
	case "t", "tt":
		wall := time.Unix(0, int64(ev.EnterNs)+o.WallOffsetNs)
		if o.Time == "t" {
			b = wall.AppendFormat(b, "15:04:05")
		} else {
			b = wall.AppendFormat(b, "15:04:05.000000")
		}
	default:
		b = appendSeconds(b, int64(ev.EnterNs-o.StartNs), 10)
	}
	t := c.task(ev)
	b = append(b, t.text...)
	name, k := c.syscall(ev)
	b = append(b, name...)
	b = append(b, '(')
	b = appendArgs(b, ev, k, t)
	b = append(b, ") = "...)
	if name, ok := event.Restarted(ev.Ret); ok {
		b = append(append(append(b, "? "...), name...), " (to be restarted)"...)
	} else if ev.Ret < 0 && ev.Ret >= -4095 {
		errno := unix.Errno(-ev.Ret)
		b = append(append(b, "-1 "...), unix.ErrnoName(errno)...)
		b = append(append(append(b, " ("...), errno.Error()...), ')')
	} else if k.RetAddr {
		b = strconv.AppendInt(append(b, "0x"...), ev.Ret, 16) // an address, as strace shows it
	} else {
		b = strconv.AppendInt(b, ev.Ret, 10)
		n := len(b)
		b = append(b, " ("...)
		if out, ok := k.AppendResult(b, ev); ok {
			b = append(out, ')')
		} else {
			b = b[:n]
		}
	}
	if ev.Bytes > 0 {
		b = strconv.AppendInt(append(b, " bytes="...), ev.Bytes, 10)
	}
	b = appendSeconds(append(b, " <"...), int64(ev.Duration()), 0)
	b = append(b, '>')
	if ev.IsURing() {
		// Submission to completion; and how it ran, when not inline.
		if x := execField.Str(ev); x != "inline" {
			b = append(append(append(b, " ["...), x...), ']')
		}
	}
	if c := ev.Container(); c != "" {
		// A process in other namespaces or another cgroup than ior's.
		b = append(append(append(b, " {"...), textsafe.Word(c)...), '}')
	} else if ev.ProcUnknown {
		// Its process record lost: where it ran is not known (nothing
		// here would read as ior's own).
		b = append(b, " {process unknown}"...)
	}
	return b
}

// appendArgs appends the files the call works on (its paths, and the
// files of its fds), then each argument the kind describes, in order:
// names of flags, enums, modes and signals as they are, a number with its
// argument's name (count=4096), a struct as the text ior made of it.
// An fd that no argument names and that is not the call's result (a
// pipe's pair) follows as fd=, fd2=.
func appendArgs(b []byte, ev *event.Event, k *kind.Kind, t *taskEntry) []byte {
	first := true
	sep := func(b []byte) []byte {
		if first {
			first = false
			return b
		}
		return append(b, ", "...)
	}
	for i, p := range [2]string{ev.Path, ev.Path2} {
		st := ev.PathStatusOf(i)
		if p != "" || st != 0 {
			b = sep(b)
			if i == 0 {
				b = append(b, t.pathBytes(p, st)...)
			} else {
				b = arg.AppendPath(b, p, st)
			}
			b = appendFile(b, p, [2]string{ev.File, ev.File2}[i], ev.FileStatusOf(i))
		}
	}
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
		if u, ok := d.Number(ev); ok {
			// A plain number (fd=3, count=4096): as AppendText writes it.
			if d.Slot == arg.SlotLen && d.Type == arg.Size && u == 0 {
				continue // as below
			}
			b = append(append(sep(b), d.Name...), '=')
			if d.Type == arg.Size {
				b = strconv.AppendUint(b, u, 10)
			} else {
				b = strconv.AppendInt(b, int64(u), 10)
			}
			continue
		}
		v := d.Value(ev)
		if d.Empty(v) || d.Slot == arg.SlotLen && d.Type == arg.Size && v.U == 0 {
			continue // nothing made of a struct; a length of 0 (what a version 1 recording has for every call)
		}
		b = sep(b)
		// The text in place; the name before it when it does not say
		// what it is (labeled), moved over it in the rare case that
		// decides on the text (a flags value no name covers).
		at := len(b)
		switch d.Type {
		case arg.Flags, arg.Enum:
			b = d.AppendText(b, v)
			if labeled(d, b[at:]) {
				n := len(d.Name) + 1
				b = append(b, d.Name...)
				b = append(b, '=')
				copy(b[at+n:], b[at:len(b)-n])
				copy(b[at:], d.Name)
				b[at+n-1] = '='
			}
		default:
			if labeled(d, nil) {
				b = append(append(b, d.Name...), '=')
			}
			if d.Type == arg.Struct && d.Fields != nil {
				b = d.AppendEventText(b, ev) // field by field
			} else {
				b = d.AppendText(b, v) // what AppendEventText does, with v read once
			}
		}
	}
	// An open's fd is its result, also when it failed (a v2 recording
	// kept the dirfd there).
	opens := k.Spec != nil && (k.Spec.Effect == syscalls.EffectOpen || k.Spec.Effect == syscalls.EffectOpenByHandle) ||
		k.URing != nil && k.URing.Effect == uring.Opens
	for i, fd := range [2]int32{ev.FD, ev.FD2} {
		if !named[i] && fd >= 0 && int64(fd) != ev.Ret && !(i == 0 && opens) {
			b = sep(b)
			b = append(b, [2]string{"fd=", "fd2="}[i]...)
			b = strconv.AppendInt(b, int64(fd), 10)
		}
	}
	return b
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

// appendFile shows, after a path argument, the file the kernel resolved
// it to, as strace -y shows an fd's file: <"/usr/lib/x">, only when it
// is not the path as shown (a symlink, "..", a bind mount on the way).
func appendFile(b []byte, p, f string, st uint8) []byte {
	if f == "" || f == p && st&event.FileDeleted == 0 {
		return b
	}
	var ps uint8
	if st&event.FileDeleted != 0 {
		ps = event.PathDeleted
	}
	return append(arg.AppendPath(append(b, '<'), f, ps), '>')
}
