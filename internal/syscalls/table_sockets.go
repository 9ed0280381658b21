//go:build linux && amd64

package syscalls

import (
	"slices"

	"golang.org/x/sys/unix"
)

// socketTable: socket control, readiness waits and inotify watches, the
// calls a server spends its I/O on besides reads and writes (their
// argument text is args.go's). Kept apart from table.go, which holds
// the net family's data calls, so that neither file grows past reading
// in one go.
var socketTable = slices.Concat(
	family("net",
		// Socket control. Addresses are Args, decoded by family: read at
		// enter for connect and bind (Len: addrlen), at exit for
		// getsockname and getpeername (accept's peer is in newfd).
		s("connect", unix.SYS_CONNECT, sockaddrIn),
		s("bind", unix.SYS_BIND, sockaddrIn),
		// listen: Mode carries the backlog; shutdown: Flags how (SHUT_*).
		s("listen", unix.SYS_LISTEN, func(sp *Spec) { fdOp(sp); sp.Mode = 1 }),
		s("shutdown", unix.SYS_SHUTDOWN, func(sp *Spec) { fdOp(sp); sp.Flags = 1 }),
		s("getsockname", unix.SYS_GETSOCKNAME, sockaddrOut),
		s("getpeername", unix.SYS_GETPEERNAME, sockaddrOut),
		// setsockopt, getsockopt: Flags carries the level, Mode the
		// option; Args its value when it is an int.
		s("setsockopt", unix.SYS_SETSOCKOPT, func(sp *Spec) {
			fdOp(sp)
			sp.Flags, sp.Mode, sp.Len = 1, 2, 4
			sp.Copy, sp.Blob, sp.BlobLen, sp.CopyLen, sp.Args = CopyEnter, 3, SockoptLen, 4, sockoptVal
		}),
		s("getsockopt", unix.SYS_GETSOCKOPT, func(sp *Spec) {
			fdOp(sp)
			sp.Flags, sp.Mode = 1, 2
			sp.Copy, sp.Blob, sp.BlobLen, sp.CopyLen, sp.Args = CopyValRes, 3, SockoptLen, 4, getsockoptVal
		}),
	),
	family("wait",
		// Readiness waits. Len is the number of fds (poll's nfds,
		// select's nfds, epoll_wait's maxevents); ret how many are
		// ready. Args: poll's pollfds (the first PollFDs, with the
		// revents the kernel set) and every call's timeout, in ms or as
		// the struct read at enter. select's fd sets are not copied.
		s("poll", unix.SYS_POLL, func(sp *Spec) {
			sp.Len = 1
			sp.Copy, sp.Blob, sp.BlobLen, sp.CopyLen, sp.CopyShift = CopyExit, 0, PollFDs*8, 1, 3
			sp.Args = pollfds(msTimeout(2))
		}),
		s("ppoll", unix.SYS_PPOLL, func(sp *Spec) {
			sp.Len = 1
			sp.Copy, sp.Blob, sp.BlobLen, sp.CopyLen, sp.CopyShift, sp.TS = CopyExit, 0, PollFDs*8, 1, 3, 2
			sp.Args = pollfds(tsTimeout(2, false))
		}),
		s("select", unix.SYS_SELECT, func(sp *Spec) { sp.Len = 0; sp.Copy, sp.TS, sp.Args = CopyEnter, 4, tsTimeout(4, true) }),
		s("pselect6", unix.SYS_PSELECT6, func(sp *Spec) { sp.Len = 0; sp.Copy, sp.TS, sp.Args = CopyEnter, 4, tsTimeout(4, false) }),
		// epoll_ctl(epfd, op, fd, event): FD the epoll fd, FD2 the fd
		// watched, Flags the op; Args the event (events by name, data).
		s("epoll_ctl", unix.SYS_EPOLL_CTL, func(sp *Spec) {
			sp.FD, sp.FD2, sp.Flags = 0, 2, 1
			sp.Copy, sp.Blob, sp.BlobLen, sp.Args = CopyEnter, 3, EpollEvLen, epollEvent
		}),
		s("epoll_wait", unix.SYS_EPOLL_WAIT, func(sp *Spec) { sp.FD, sp.Len, sp.Args = 0, 2, msTimeout(3) }),
		s("epoll_pwait", unix.SYS_EPOLL_PWAIT, func(sp *Spec) { sp.FD, sp.Len, sp.Args = 0, 2, msTimeout(3) }),
		s("epoll_pwait2", unix.SYS_EPOLL_PWAIT2, func(sp *Spec) {
			sp.FD, sp.Len = 0, 2
			sp.Copy, sp.TS, sp.Args = CopyEnter, 3, tsTimeout(3, false)
		}),
	),
	family("inotify",
		// inotify_add_watch(fd, path, mask): Flags the IN_* mask; ret the
		// watch descriptor. inotify_rm_watch(fd, wd): Mode the wd.
		s("inotify_add_watch", unix.SYS_INOTIFY_ADD_WATCH, func(sp *Spec) { sp.FD, sp.Path[0], sp.Flags = 0, 1, 2 }),
		s("inotify_rm_watch", unix.SYS_INOTIFY_RM_WATCH, func(sp *Spec) { sp.FD, sp.Mode = 0, 1 }),
	),
)
