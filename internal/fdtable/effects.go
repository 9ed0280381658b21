package fdtable

import (
	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/syscalls"
	"golang.org/x/sys/unix"
)

// fileRaced clears the file an open resolved to (read from its new fd
// at its exit) when another call put a file on the same fd number while
// the open ran: another thread closed the fd and that call took the
// number, so the file at the fd at exit may be the other call's.
// old and found: what the fd held before (fdSet.get).
func fileRaced(old file, found bool, ev *event.Event) {
	if found && !old.closed && old.installEnNs < ev.ExitNs && old.installedNs > ev.EnterNs {
		ev.File = ""
		ev.FileStatus = ev.FileStatus&0xf0 | event.FileUnknown
	}
}

// effect updates the process's table with what the call did.
func (t *Tracker) effect(p *Process, c *calls.Call) {
	sp, ev := c.Spec, &c.Event
	ok := ev.Ret >= 0
	ret := int32(ev.Ret)
	switch sp.Effect {
	case syscalls.EffectOpen:
		if ok {
			f := file{path: known(ev), cloexec: ev.Flags&unix.O_CLOEXEC != 0}
			if ev.Flags&unix.O_TMPFILE == unix.O_TMPFILE {
				// An unnamed file in the directory Path, not the directory:
				// named as the kernel names it, DIR/#INODE (deleted), when
				// the kernel side read its dentry.
				f.path, f.tmp = "", true
				if dir := known(ev); dir != "" && c.NewFD[0] == ret && c.NewName[0] != "" {
					f.path = dir + "/" + c.NewName[0] + " (deleted)"
				}
			}
			old, found := p.fds.get(ret) // one look-up for both
			fileRaced(old, found, ev)
			installOver(p, ret, f, ev, old, found)
			ev.FD = ret
		}
	case syscalls.EffectLinkFD:
		// linkat(fd, "", dir, name, AT_EMPTY_PATH) names what fd is: an
		// O_TMPFILE file gets its name here.
		if ok && ev.Flags&unix.AT_EMPTY_PATH != 0 && ev.PathStatusOf(1) == 0 {
			if f, found := p.fds.get(c.Dirfd[0]); found && !f.closed && f.tmp && ev.Path == f.path {
				f.path, f.tmp = ev.Path2, false
				p.fds.set(c.Dirfd[0], f)
			}
		}
	case syscalls.EffectNameToHandle:
		if ok {
			if k := c.Handle; k != "" && known(ev) != "" {
				t.handles.put(k, ev.Path)
			}
		}
	case syscalls.EffectOpenByHandle:
		if path, found := t.handles.get(c.Handle); found {
			ev.Path = path
		} else {
			ev.Path, ev.PathStatus = "", ev.PathStatus|event.PathUnknown
		}
		if ok {
			install(p, ret, file{path: known(ev), cloexec: ev.Flags&unix.O_CLOEXEC != 0}, ev)
			ev.FD = ret
		}
	case syscalls.EffectClose:
		// Linux releases the fd even when close fails, unless it was
		// not open (EBADF).
		switch f, found := p.fds.get(ev.FD); {
		case found && closedBefore(f, ev):
			// It closed the file before: that memory is used up.
			f.prevPath = ""
			if f.closed {
				p.fds.del(ev.FD)
			} else {
				p.fds.set(ev.FD, f)
			}
		case found && enteredBeforeInstalled(f, ev):
			// It freed the number for the current file, which stays.
		case found && (ok || ev.Ret != -int64(unix.EBADF)):
			closeFile(p, ev.FD, f) // closeFD, its look-up done (not found: nothing to close)
		}
	case syscalls.EffectCloseRange:
		if !ok {
			return
		}
		lo, hi := uint32(ev.FD), uint32(ev.FD2)
		p.fds.each(func(fd int32, f file) {
			if uint32(fd) < lo || uint32(fd) > hi || f.closed || enteredBeforeInstalled(f, ev) {
				return
			}
			if ev.Flags&unix.CLOSE_RANGE_CLOEXEC != 0 {
				f.cloexec = true
				p.fds.set(fd, f)
			} else {
				closeFD(p, fd)
			}
		})
	case syscalls.EffectDup:
		if ok {
			install(p, ret, file{path: known(ev)}, ev)
		}
	case syscalls.EffectDupTo:
		if ok && ret != ev.FD {
			install(p, ret, file{path: known(ev), cloexec: ev.Flags&unix.O_CLOEXEC != 0}, ev)
		}
	case syscalls.EffectFcntl:
		if !ok {
			return
		}
		switch {
		case syscalls.FcntlDups(ev.Flags):
			install(p, ret, file{path: known(ev), cloexec: ev.Flags == unix.F_DUPFD_CLOEXEC}, ev)
		case ev.Flags == unix.F_SETFD:
			if f, found := p.fds.get(ev.FD); found {
				f.cloexec = ev.Mode&unix.FD_CLOEXEC != 0
				p.fds.set(ev.FD, f)
			}
		}
	case syscalls.EffectChdir:
		if ok {
			p.cwd = known(ev)
		}
	case syscalls.EffectFchdir:
		if ok {
			p.cwd = known(ev)
		}
	case syscalls.EffectNewFiles:
		if ok {
			t.newFiles(p, c)
		}
	case syscalls.EffectMapFile:
		if ok {
			mapFile(p, c)
		}
	case syscalls.EffectOnMapping:
		onMapping(p, c)
	case syscalls.EffectIOUringSetup:
		if ok {
			install(p, ret, file{path: IOUring}, ev)
			ev.FD = ret
			ev.Path = IOUring
		}
	}
}

// newFiles installs the fds a call made that have no path (pipes,
// sockets, eventfds ...), named by the kernel side, and shows them: a
// pair as FD, FD2 and Path, Path2; one fd as FD and Path, or as FD2 and
// Path2 when FD is the fd the call worked on (accept's listening socket).
func (t *Tracker) newFiles(p *Process, c *calls.Call) {
	sp, ev := c.Spec, &c.Event
	if (sp.NewFDs == syscalls.NewFDIoctl || sp.NewFDs == syscalls.NewFDRights) && c.NewFD[0] < 0 {
		return // a request that makes no fd (most), a message that brought none
	}
	cloexec := sp.CloexecOf(ev.Flags)
	for i, fd := range c.NewFD {
		if fd >= 0 {
			install(p, fd, file{path: c.NewName[i], cloexec: cloexec}, ev)
		}
	}
	show := func(slot int, fd int32, name string) {
		dstFD, dstPath := &ev.FD, &ev.Path
		if slot == 1 {
			dstFD, dstPath = &ev.FD2, &ev.Path2
		}
		*dstFD, *dstPath = fd, name
		if name == "" {
			ev.PathStatus |= event.PathUnknown << (4 * slot)
		}
	}
	switch {
	case sp.NewFDs == syscalls.NewFDPair:
		show(0, c.NewFD[0], c.NewName[0])
		show(1, c.NewFD[1], c.NewName[1])
	case sp.FD == syscalls.None:
		show(0, c.NewFD[0], c.NewName[0])
	default:
		show(1, c.NewFD[0], c.NewName[0])
	}
}
