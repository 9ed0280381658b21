//go:build linux && amd64

package syscalls

import (
	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

// The table's building blocks: a spec with nothing set, and the shapes
// many syscalls share.

func s(name string, nr int, fn func(*Spec)) Spec {
	sp := Spec{Name: name, NR: nr, Path: [2]int8{None, None}, Dir: [2]int8{None, None},
		FD: None, FD2: None, Flags: None, Mode: None, Offset: None, Len: None, Blob: None, CopyLen: None, TS: None, BlobArg: None,
		CapArg: [2]int8{None, None}}
	if fn != nil {
		fn(&sp)
	}
	return sp
}

// fdOp: a syscall on one fd in arg 0.
func fdOp(sp *Spec) { sp.FD = 0 }

// rw: a transfer on the fd in arg 0 that returns bytes.
func rw(sp *Spec) { sp.FD = 0; sp.Bytes = true }

// transfer: an in-kernel copy from the file at fd in to the file at fd
// out, returning bytes; both files are named (Path the input's, Path2
// the output's); offIn and offOut (None: none) are the offsets it takes
// by pointer, read at entry.
func transfer(sp *Spec, in, out, offIn, offOut int8) {
	sp.FD, sp.FD2, sp.NameFD2, sp.Bytes = in, out, true, true
	if offIn != None || offOut != None {
		sp.Capture, sp.CapArg = CaptureOffsets, [2]int8{offIn, offOut}
	}
}

func path0(sp *Spec) { sp.Path[0] = 0 }

// at: path in arg 1 relative to the dirfd in arg 0.
func at(sp *Spec) { sp.Path[0] = 1; sp.Dir[0] = 0 }

// xattrName: path in arg 0, attribute name in arg 1.
func xattrName(sp *Spec) {
	sp.Path, sp.Dir, sp.StrMax[1] = [2]int8{0, 1}, [2]int8{None, Raw}, StrXattr
}

// xattrAtName: path in arg 1 relative to the dirfd in arg 0, attribute
// name in arg 3.
func xattrAtName(sp *Spec) {
	sp.Path, sp.Dir, sp.StrMax[1] = [2]int8{1, 3}, [2]int8{0, Raw}, StrXattr
}

// onMapping: a call on the mapping at the address in arg 0, of the
// length in arg 1, recorded when that mapping is a file's.
func onMapping(sp *Spec) {
	sp.Filter, sp.Effect = FilterFileVMA, EffectOnMapping
	sp.Wide = 1 << 1
}

// newFD: the return value is a new fd with no path.
func newFD(sp *Spec) { sp.Effect, sp.NewFDs = EffectNewFiles, NewFDRet }

// pair: the int[2] at arg a receives two new fds with no path.
func pair(sp *Spec, a int8) {
	sp.Effect, sp.NewFDs = EffectNewFiles, NewFDPair
	sp.Blob, sp.BlobLen = a, 8
}

// getevents: io_getevents and io_pgetevents; Flags min_nr, Mode nr; the
// results (struct io_event: data, obj, res, res2) are read at exit, each
// on its own, as many as the call returned: a record each, for the
// requests they complete (FilterAIOReap).
func getevents(sp *Spec) {
	sp.Flags, sp.Mode, sp.Wide = 1, 2, 1<<1|1<<2
	sp.Filter, sp.Effect = FilterAIOReap, EffectAIOReap
}

// sockaddrIn: connect(fd, addr, addrlen), bind: the address read at
// enter, as long as addrlen says (Len), at most a sockaddr_storage.
func sockaddrIn(sp *Spec) {
	fdOp(sp)
	sp.Len = 2
	sp.Copy, sp.Blob, sp.BlobLen, sp.CopyLen, sp.Args = CopyEnter, 1, SockaddrLen, 2, addrIn
}

// sockaddrOut: (fd, addr, *addrlen): the address the kernel wrote at
// exit (getsockname, getpeername, accept's peer).
func sockaddrOut(sp *Spec) {
	sp.FD = 0
	sp.Copy, sp.Blob, sp.BlobLen, sp.CopyLen, sp.Args = CopyValRes, 1, SockaddrLen, 2, addrOut
}

// createMode: open's mode (argument n, a umode_t) is one only with
// O_CREAT or O_TMPFILE; the kernel ignores it otherwise.
func createMode(sp *Spec, n int8) {
	sp.Mode, sp.Short = n, 1<<n
	sp.ModeIf = unix.O_CREAT | unix.O_TMPFILE&^unix.O_DIRECTORY
}

// tmpfile: an open whose flags (argument n) have O_TMPFILE makes an
// unnamed file the kernel side names (#INODE in its directory).
func tmpfile(sp *Spec, n int8) { sp.NewFDs, sp.BlobArg = NewFDTmpfile, n }

// fcntlSpec: fcntl(fd, cmd, arg); Flags carries the command, Mode its
// argument as the kernel reads it for that command (fcntlArg).
func fcntlSpec(sp *Spec) {
	sp.FD, sp.Flags, sp.Mode, sp.Wide, sp.Effect = 0, 1, 2, 1<<2, EffectFcntl
	// The lock commands' struct flock (Event.Flock).
	sp.Capture, sp.CapArg[0] = CaptureFlock, 2
	sp.Hook = func(_ *[6]uint64, _ []byte, ev *event.Event) { ev.Mode = fcntlArg(ev.Flags, ev.Mode) }
}

// ioctlSpec: ioctl(fd, request, arg); a request that makes an fd returns
// it (NewFDIoctl), always close-on-exec.
func ioctlSpec(sp *Spec) {
	fdOp(sp)
	sp.Flags, sp.Effect, sp.NewFDs, sp.Cloexec = 1, EffectNewFiles, NewFDIoctl, AlwaysCloexec
}

// recvmsgSpec: recvmsg(fd, msg, flags); the fds an SCM_RIGHTS message
// brought (NewFDRights), close-on-exec with MSG_CMSG_CLOEXEC.
func recvmsgSpec(sp *Spec) {
	rw(sp)
	sp.Flags, sp.Effect, sp.NewFDs, sp.Cloexec = 2, EffectNewFiles, NewFDRights, unix.MSG_CMSG_CLOEXEC
}

// fcntlArg is fcntl's argument as the kernel reads it for command cmd:
// none for the commands that take none (F_GETFD, F_GETFL, ...), the low
// 32 bits for those that take an int (F_DUPFD, F_SETFD, F_SETFL, ...),
// all 64 for those that take a pointer (the lock commands, F_GETOWN_EX,
// the read/write hints).
func fcntlArg(cmd, arg uint64) uint64 {
	switch cmd {
	case unix.F_GETFD, unix.F_GETFL, unix.F_GETOWN, unix.F_GETSIG, unix.F_GETLEASE, unix.F_GETPIPE_SZ, unix.F_GET_SEALS:
		return 0
	case unix.F_GETLK, unix.F_SETLK, unix.F_SETLKW, unix.F_OFD_GETLK, unix.F_OFD_SETLK, unix.F_OFD_SETLKW:
		// A struct flock: what it holds is Event.Flock (its address, in
		// Args, when it could not be read), not a mode.
		return 0
	case unix.F_GETOWN_EX, unix.F_SETOWN_EX, unix.F_GET_RW_HINT, unix.F_SET_RW_HINT, unix.F_GET_FILE_RW_HINT, unix.F_SET_FILE_RW_HINT:
		return arg
	}
	return uint64(uint32(arg))
}

// umode: argument n is a umode_t (a mode of mkdir, chmod, mknod ...).
func umode(sp *Spec, n int8) { sp.Mode, sp.Short = n, 1<<n }
