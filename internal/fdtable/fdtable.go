// (Past 350 lines: one process table — fds, cwd, root, the process tree
// and the caches in front of them — whose invariants hold only together.)

// Package fdtable keeps, per traced process, which file each fd names and
// the current directory, so that events which only carry an fd (read,
// fsync, ...) or a relative path get an absolute path.
//
// Paths are resolved lexically: "a/../b" becomes "b" even if a is a
// symlink. The kernel's own resolution may differ in that case.
package fdtable

import (
	"path/filepath"
	"strings"

	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/syscalls"
	"golang.org/x/sys/unix"
)

const atFDCWD = int32(unix.AT_FDCWD)

// IOUring names an io_uring instance's fd, as /proc does.
const IOUring = "anon_inode:[io_uring]"

// A file's path is empty when ior cannot name it: the event then says
// event.PathUnknown rather than show a guess.
//
// Events arrive in the order their calls returned, but a close frees its
// number inside the call: another thread can open the number again, use
// it and even close it before the first close's event arrives. So an fd
// remembers the file it named before its current one (prevPath), and the
// time before which a call still meant that file (prevBefore: when the
// call that replaced it entered); and a closed fd stays as a closed
// entry that keeps that memory until it is no longer needed.
type file struct {
	path    string
	cloexec bool
	closed  bool // no file: a closed entry kept for its memory
	// When the call that installed the current file entered and
	// returned.
	installEnNs uint64
	installedNs uint64
	prevPath    string
	prevBefore  uint64
	tmp         bool // an O_TMPFILE file that no linkat has named yet
	gone        bool // in an fdSet's changes: deleted over a frozen layer (see fdSet)
}

// Process is one traced process's view.
type Process struct {
	fds  *fdSet
	cwd  string
	maps *mappedFiles
}

// Tracker holds every traced process's table. What processes had open
// before tracing began is read from /proc once, at attach (Snapshot);
// after that the table follows the traced calls alone: /proc, read
// later, would describe another moment (a number reused since, a file
// closed since) and name fds wrongly.
type Tracker struct {
	src     Source
	procs   map[uint32]*Process
	handles *handleTable // file handle bytes -> path (from name_to_handle_at)
	// The process of the last look-up (proc).
	lastPID uint32
	last    *Process
	// The last path resolved against a kernel-named base, per thread (a
	// few threads, by tid, share a cell): a loop opens the same one
	// again, and filepath.Join allocates.
	lastResolved [resolvedCells]resolved
}

// resolved is a path resolved against a kernel-named base.
type resolved struct {
	base calls.Name
	name string
	path string
	st   uint8
}

// resolvedCells is how many threads' last resolved paths the tracker
// keeps (a thread's cell: its tid modulo resolvedCells).
const resolvedCells = 64

// NewTracker returns an empty tracker that snapshots processes from src
// (nil: /proc).
func NewTracker(src Source) *Tracker {
	if src == nil {
		src = ProcFS{}
	}
	return &Tracker{src: src, procs: map[uint32]*Process{}, handles: newHandleTable()}
}

// Snapshot records the fds a process has open now, with their
// close-on-exec flags, and its cwd.
func (t *Tracker) Snapshot(pid uint32) {
	p := t.proc(pid)
	if cwd, ok := t.src.Cwd(pid); ok {
		p.cwd = cwd
	}
	for _, f := range t.src.FDs(pid) {
		p.fds.set(f.Num, file{path: f.Path, cloexec: f.Cloexec})
	}
}

func (t *Tracker) proc(pid uint32) *Process {
	if t.last != nil && pid == t.lastPID {
		return t.last // consecutive events are mostly one process's
	}
	p := t.procs[pid]
	if p == nil {
		p = &Process{fds: newFDSet(), maps: newMappedFiles()}
		t.procs[pid] = p
	}
	t.lastPID, t.last = pid, p
	return p
}

// setProc makes p process pid's view (nil: the process is gone).
func (t *Tracker) setProc(pid uint32, p *Process) {
	if p == nil {
		delete(t.procs, pid)
	} else {
		t.procs[pid] = p
	}
	if pid == t.lastPID {
		t.last = p
	}
}

// Cwd returns process pid's working directory; "" when ior cannot tell.
func (t *Tracker) Cwd(pid uint32) string { return t.proc(pid).cwd }

// Path returns what fd names in process pid; "" when ior cannot tell.
func (t *Tracker) Path(pid uint32, fd int32) string { return t.fdPath(t.proc(pid), fd) }

func (t *Tracker) fdPath(p *Process, fd int32) string { f, _ := p.fds.get(fd); return f.path } // "" when closed

// known is the path a call names, or "" when it is not whole: what an fd
// it made is then known by.
func known(ev *event.Event) string {
	if ev.PathStatusOf(0) != 0 {
		return ""
	}
	return ev.Path
}

// fork: a traced task made a task. A new process starts with a copy of
// its parent's fd table, or the table itself with CLONE_FILES, and its
// cwd; a thread is part of its process already.
func (t *Tracker) fork(c *calls.Call) {
	if c.Thread {
		return
	}
	parent := t.proc(c.Event.PID)
	child := &Process{fds: parent.fds, cwd: parent.cwd, maps: parent.maps}
	if !c.SharedFiles {
		child.fds = parent.fds.fork() // copy-on-write: see fdSet
	}
	t.setProc(c.ChildPID, child)
}

// exec drops the close-on-exec fds; a table shared with another process
// (CLONE_FILES) is unshared first, as the kernel does. The process gets
// a new address space, with no mappings ior saw made.
func (t *Tracker) exec(pid uint32) {
	p := t.proc(pid)
	p.fds = p.fds.clone(func(f file) bool { return !f.cloexec && !f.closed })
	p.maps = newMappedFiles()
}

// resolve makes name absolute against dirfd (AT_FDCWD: the cwd; an
// empty name, as AT_EMPTY_PATH uses it: the fd itself). It reports false,
// with name as given, when the base is unknown: an fd ior cannot name, a
// negative dirfd other than AT_FDCWD (which resolves nothing).
func (t *Tracker) resolve(p *Process, dirfd int32, name string) (string, bool) {
	if strings.HasPrefix(name, "/") {
		return filepath.Clean(name), true
	}
	base := p.cwd
	if dirfd != atFDCWD {
		base = t.fdPath(p, dirfd)
	}
	if name == "" {
		return base, base != ""
	}
	if !strings.HasPrefix(base, "/") { // unknown, or not a directory's path (pipe:[...])
		return name, false
	}
	return filepath.Join(base, name), true
}

// install makes fd name f, as the call ev made it.
func install(p *Process, fd int32, f file, ev *event.Event) {
	old, found := p.fds.get(fd)
	installOver(p, fd, f, ev, old, found)
}

// installOver is install with what fd held looked up already (old,
// found: fdSet.get's answer).
func installOver(p *Process, fd int32, f file, ev *event.Event, old file, found bool) {
	f.installEnNs, f.installedNs = ev.EnterNs, ev.ExitNs
	switch {
	case !found:
	case old.closed:
		f.prevPath, f.prevBefore = old.prevPath, old.prevBefore
	default:
		f.prevPath, f.prevBefore = old.path, ev.EnterNs
	}
	p.fds.set(fd, f)
}

// closedBefore reports whether a call ev on fd entered before the call
// that put the fd's current file there: it worked on the file before (on
// another thread; a single thread's events come in order).
func closedBefore(f file, ev *event.Event) bool {
	return f.prevPath != "" && ev.EnterNs < f.prevBefore
}

// enteredBeforeInstalled reports whether a close ev of fd entered before
// the call that installed the fd's current file returned. The kernel
// reserves the number early in that call and installs the file at its
// end: the close freed the number for it, so it closed the file before
// and the current one stays. (Which file it closed is shown as unknown
// when it entered while that call ran: see raced.)
func enteredBeforeInstalled(f file, ev *event.Event) bool {
	return !f.closed && ev.EnterNs < f.installedNs
}

// raced reports whether a call ev on fd entered while the call that
// installed the fd's current file was running: the kernel may have
// installed it before or after ev looked the fd up, so which file ev
// worked on cannot be told.
func raced(f file, ev *event.Event) bool {
	return !f.closed && ev.EnterNs >= f.installEnNs && ev.EnterNs < f.installedNs
}

// closeFD records that fd was closed: a closed entry keeps what the fd
// named before, for late events of calls that entered before.
func closeFD(p *Process, fd int32) {
	if f, ok := p.fds.get(fd); ok {
		closeFile(p, fd, f)
	}
}

// closeFile is closeFD with fd's file f looked up already.
func closeFile(p *Process, fd int32, f file) {
	if f.prevPath == "" {
		p.fds.del(fd)
		return
	}
	p.fds.set(fd, file{closed: true, prevPath: f.prevPath, prevBefore: f.prevBefore})
}

// Apply completes a decoded call: its paths made absolute, the fd it
// works on named; then the process's table is updated with what the call
// did (an exec drops close-on-exec fds).
func (t *Tracker) Apply(c *calls.Call) {
	ev := &c.Event
	if c.ExecLost {
		t.exec(ev.PID) // its record lost: applied before the new image's first call seen
	}
	switch c.Kind {
	case calls.Exec:
		t.exec(ev.PID)
		return
	case calls.Fork:
		t.fork(c)
		return
	case calls.Exit:
		if c.GroupDead {
			t.setProc(ev.PID, nil)
		}
		return
	case calls.URing:
		t.uring(c)
		return
	case calls.FileName:
		return
	case calls.AIOIocb:
		// The iocb's fd, named as it is at the submission (the pairing
		// stage, internal/inflight, makes the request's event).
		switch {
		case c.IocbOK && c.Names[0].State != 0:
			kernelFD(ev, c.Names[0])
		case c.IocbOK:
			t.nameFD(t.proc(ev.PID), ev)
		}
		return
	case calls.AIOResult:
		return
	}
	p := t.proc(ev.PID)
	sp := c.Spec
	if sp == nil {
		return
	}
	t.resolvePaths(p, c, sp.Path[0] != syscalls.None, sp.Path[1] != syscalls.None)
	// A call on an fd names that fd's file. Done before the effect below
	// so that close reports what it closed.
	if sp.Path[0] == syscalls.None && c.Names[0].State != 0 {
		kernelFD(ev, c.Names[0])
	} else if sp.Path[0] == syscalls.None && ev.FD >= 0 && sp.Effect != syscalls.EffectCloseRange {
		t.nameFD(p, ev)
	}
	// Its second file (sendfile64, splice, tee, copy_file_range).
	if sp.NameFD2 && sp.Path[1] == syscalls.None && c.Names[1].State != 0 {
		kernelFDTo(ev, c.Names[1], 1)
	} else if sp.NameFD2 && sp.Path[1] == syscalls.None && ev.FD2 >= 0 {
		t.nameFD2(p, ev)
	}
	t.effect(p, c)
}

// resolvePaths makes the call's path arguments absolute (has[i]: it has
// path i).
func (t *Tracker) resolvePaths(p *Process, c *calls.Call, has ...bool) {
	ev := &c.Event
	for i, path := range [2]*string{&ev.Path, &ev.Path2} {
		if !has[i] || !c.PathOK[i] || !c.Resolve[i] {
			continue // no path, one that could not be read, or text
		}
		if c.Names[i].State != 0 {
			var st uint8
			if lr := &t.lastResolved[ev.TID%resolvedCells]; lr.base == c.Names[i] && lr.name == *path && lr.path != "" {
				*path, st = lr.path, lr.st
			} else {
				lr.base, lr.name = c.Names[i], *path
				*path, st = kernelResolve(c.Names[i], *path)
				lr.path, lr.st = *path, st
			}
			ev.PathStatus |= st << (4 * i)
			continue
		}
		var ok bool
		if *path, ok = t.resolve(p, c.Dirfd[i], *path); !ok {
			ev.PathStatus |= event.PathUnknown << (4 * i)
		}
	}
}

// nameFD sets Path to the file ev.FD names.
func (t *Tracker) nameFD(p *Process, ev *event.Event) {
	f, ok := p.fds.get(ev.FD)
	ev.Path = f.path // "" when closed or not there
	// A call that entered before another thread put the fd's current
	// file there worked on the file before it (a close on a third
	// thread freed the number meanwhile).
	if ok && closedBefore(f, ev) {
		ev.Path = f.prevPath
	} else if ok && raced(f, ev) {
		ev.Path = ""
	}
	if ev.Path == "" {
		ev.PathStatus |= event.PathUnknown
	}
}

// nameFD2 sets Path2 to the file ev.FD2 names, as nameFD does Path.
func (t *Tracker) nameFD2(p *Process, ev *event.Event) {
	first := *ev
	first.FD, first.Path, first.PathStatus = ev.FD2, "", 0
	t.nameFD(p, &first)
	ev.Path2 = first.Path
	ev.PathStatus |= first.PathStatus << 4
}

// Cloexec reports whether fd is open in pid and marked close-on-exec
// (for tests and debugging).
func (t *Tracker) Cloexec(pid uint32, fd int32) (open, cloexec bool) {
	f, ok := t.proc(pid).fds.get(fd)
	return ok && !f.closed, f.cloexec
}
