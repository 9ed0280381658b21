// Package fdtable keeps, per traced process, which file each fd names and
// the current directory, so that events which only carry an fd (read,
// fsync, ...) or a relative path get an absolute path.
//
// Paths are resolved lexically: "a/../b" becomes "b" even if a is a
// symlink. The kernel's own resolution may differ in that case.
package fdtable

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ior-tracer/ior/internal/decode"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/syscalls"
	"golang.org/x/sys/unix"
)

const atFDCWD = int32(unix.AT_FDCWD)

// Unresolved paths are shown like this, never as an empty string when a
// path was expected.
const (
	UnknownFD = "?"       // an fd ior never saw opened and /proc no longer knows
	Faulted   = "<fault>" // the path string could not be read from the process
	IOUring   = "anon_inode:[io_uring]"
)

type file struct {
	path    string
	cloexec bool
	// Who installed this fd, when the installing call returned, and what
	// the fd named before: see closedBefore.
	installer   uint32
	installedNs uint64
	prevPath    string
}

// Process is one traced process's view.
type Process struct {
	fds    map[int32]file
	cwd    string
	probed map[int32]bool // fds already looked up in /proc
}

// Lookup answers what /proc says about a process: the target of fd
// (fd >= 0) or of cwd (fd == -1). Replaced in tests.
type Lookup func(pid uint32, fd int32) (string, bool)

// ProcLookup reads /proc/PID/fd/N and /proc/PID/cwd.
func ProcLookup(pid uint32, fd int32) (string, bool) {
	p := "/proc/" + strconv.FormatUint(uint64(pid), 10)
	if fd == -1 {
		p += "/cwd"
	} else {
		p += "/fd/" + strconv.FormatInt(int64(fd), 10)
	}
	s, err := os.Readlink(p)
	return s, err == nil
}

// Tracker holds every traced process's table.
type Tracker struct {
	lookup  Lookup
	procs   map[uint32]*Process
	handles map[string]string // file handle bytes -> path (from name_to_handle_at)
}

// NewTracker returns an empty tracker that asks lookup about fds it never
// saw opened.
func NewTracker(lookup Lookup) *Tracker {
	if lookup == nil {
		lookup = ProcLookup
	}
	return &Tracker{lookup: lookup, procs: map[uint32]*Process{}, handles: map[string]string{}}
}

// Snapshot records the fds a process has open now (before tracing saw
// them being opened) and its cwd.
func (t *Tracker) Snapshot(pid uint32) {
	p := t.proc(pid)
	ents, err := os.ReadDir("/proc/" + strconv.FormatUint(uint64(pid), 10) + "/fd")
	if err != nil {
		return
	}
	for _, e := range ents {
		n, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		fd := int32(n)
		if s, ok := t.lookup(pid, fd); ok {
			p.fds[fd] = file{path: s}
		}
		p.probed[fd] = true
	}
}

func (t *Tracker) proc(pid uint32) *Process {
	p := t.procs[pid]
	if p == nil {
		p = &Process{fds: map[int32]file{}, probed: map[int32]bool{}}
		if cwd, ok := t.lookup(pid, -1); ok {
			p.cwd = cwd
		}
		t.procs[pid] = p
	}
	return p
}

// Forget drops a process (it exited).
func (t *Tracker) Forget(pid uint32) { delete(t.procs, pid) }

// Path returns what fd names in process pid.
func (t *Tracker) Path(pid uint32, fd int32) string { return t.fdPath(t.proc(pid), pid, fd) }

func (t *Tracker) fdPath(p *Process, pid uint32, fd int32) string {
	if f, ok := p.fds[fd]; ok {
		return f.path
	}
	if !p.probed[fd] {
		p.probed[fd] = true
		if s, ok := t.lookup(pid, fd); ok {
			p.fds[fd] = file{path: s}
			return s
		}
	}
	return UnknownFD
}

// resolve makes name absolute against dirfd.
func (t *Tracker) resolve(p *Process, pid uint32, dirfd int32, name string) string {
	if strings.HasPrefix(name, "/") {
		return filepath.Clean(name)
	}
	base := p.cwd
	if dirfd != atFDCWD {
		base = t.fdPath(p, pid, dirfd)
	}
	if name == "" {
		return base
	}
	if base == "" || base == UnknownFD || !strings.HasPrefix(base, "/") {
		return name
	}
	return filepath.Join(base, name)
}

// install makes fd name f, as the call ev made it.
func install(p *Process, fd int32, f file, ev *event.Event) {
	f.installer, f.installedNs = ev.TID, ev.ExitNs
	if old, ok := p.fds[fd]; ok {
		f.prevPath = old.path
	}
	p.fds[fd] = f
}

// closedBefore reports whether a close-like call ev on fd, from another
// thread, entered before the fd's current file was installed. Events
// arrive in exit order, but close frees the number inside the syscall:
// another thread's open can reuse it and return first. Such a close
// closed the previous file, never the one installed after it began.
func closedBefore(f file, ev *event.Event) bool {
	return f.installer != ev.TID && f.installedNs != 0 && ev.EnterNs < f.installedNs
}

// Apply completes a decoded call: its paths made absolute, the fd it
// works on named; then the process's table is updated with what the call
// did (an exec drops close-on-exec fds).
func (t *Tracker) Apply(c *decode.Call) {
	ev := &c.Event
	p := t.proc(ev.PID)
	if c.Exec {
		for fd, f := range p.fds {
			if f.cloexec {
				delete(p.fds, fd)
			}
		}
		clear(p.probed)
		return
	}
	sp := c.Spec
	if sp == nil {
		return
	}
	for i, path := range [2]*string{&ev.Path, &ev.Path2} {
		switch {
		case sp.Path[i] == syscalls.None:
		case !c.PathOK[i]:
			*path = Faulted
		case c.Resolve[i]:
			*path = t.resolve(p, ev.PID, c.Dirfd[i], *path)
		}
	}
	// A call on an fd names that fd's file. Done before the effect below
	// so that close reports what it closed.
	if ev.Path == "" && ev.FD >= 0 && sp.Effect != syscalls.EffectCloseRange {
		ev.Path = t.fdPath(p, ev.PID, ev.FD)
		if f, ok := p.fds[ev.FD]; ok && sp.Effect == syscalls.EffectClose && closedBefore(f, ev) {
			ev.Path = f.prevPath
			if ev.Path == "" {
				ev.Path = UnknownFD
			}
		}
	}
	t.effect(p, sp, ev, c.Blob)
}

func (t *Tracker) effect(p *Process, sp *syscalls.Spec, ev *event.Event, blob []byte) {
	ok := ev.Ret >= 0
	ret := int32(ev.Ret)
	switch sp.Effect {
	case syscalls.EffectOpen:
		if ok {
			install(p, ret, file{path: ev.Path, cloexec: ev.Flags&unix.O_CLOEXEC != 0}, ev)
			ev.FD = ret
		}
	case syscalls.EffectNameToHandle:
		if ok {
			if k := handleKey(blob); k != "" {
				t.handles[k] = ev.Path
			}
		}
	case syscalls.EffectOpenByHandle:
		if path, found := t.handles[handleKey(blob)]; found {
			ev.Path = path
		} else {
			ev.Path = UnknownFD
		}
		if ok {
			install(p, ret, file{path: ev.Path, cloexec: ev.Flags&unix.O_CLOEXEC != 0}, ev)
			ev.FD = ret
		}
	case syscalls.EffectClose:
		// Linux releases the fd even when close fails, unless it was
		// not open (EBADF).
		if f, found := p.fds[ev.FD]; found && closedBefore(f, ev) {
			f.prevPath = ""
			p.fds[ev.FD] = f
		} else if ok || ev.Ret != -int64(unix.EBADF) {
			delete(p.fds, ev.FD)
		}
	case syscalls.EffectCloseRange:
		if !ok {
			return
		}
		lo, hi := uint32(ev.FD), uint32(ev.FD2)
		for fd, f := range p.fds {
			if uint32(fd) < lo || uint32(fd) > hi || closedBefore(f, ev) {
				continue
			}
			if ev.Flags&unix.CLOSE_RANGE_CLOEXEC != 0 {
				f.cloexec = true
				p.fds[fd] = f
			} else {
				delete(p.fds, fd)
			}
		}
	case syscalls.EffectDup:
		if ok {
			install(p, ret, file{path: ev.Path}, ev)
		}
	case syscalls.EffectDupTo:
		if ok && ret != ev.FD {
			install(p, ret, file{path: ev.Path, cloexec: ev.Flags&unix.O_CLOEXEC != 0}, ev)
		}
	case syscalls.EffectFcntl:
		if !ok {
			return
		}
		switch {
		case syscalls.FcntlDups(ev.Flags):
			install(p, ret, file{path: ev.Path, cloexec: ev.Flags == unix.F_DUPFD_CLOEXEC}, ev)
		case ev.Flags == unix.F_SETFD:
			if f, found := p.fds[ev.FD]; found {
				f.cloexec = ev.Mode&unix.FD_CLOEXEC != 0
				p.fds[ev.FD] = f
			}
		}
	case syscalls.EffectChdir:
		if ok {
			p.cwd = ev.Path
		}
	case syscalls.EffectFchdir:
		if ok {
			p.cwd = ev.Path
		}
	case syscalls.EffectIOUringSetup:
		if ok {
			install(p, ret, file{path: IOUring}, ev)
			ev.FD = ret
			ev.Path = IOUring
		}
	}
}

// handleKey identifies a struct file_handle by its type and bytes.
func handleKey(b []byte) string {
	if len(b) < 8 {
		return ""
	}
	n := int(binary.LittleEndian.Uint32(b))
	if n > len(b)-8 {
		return ""
	}
	return fmt.Sprintf("%x", b[4:8+n])
}

// Cloexec reports whether fd is open in pid and marked close-on-exec
// (for tests and debugging).
func (t *Tracker) Cloexec(pid uint32, fd int32) (open, cloexec bool) {
	f, ok := t.proc(pid).fds[fd]
	return ok, f.cloexec
}
