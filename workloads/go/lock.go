package main

import (
	"fmt"
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// fcntl's lock commands pass a struct flock pointer, which ior records as
// fcntl's mode argument: it lives on a page mapped at a fixed address at
// start-up (before any tracing), so the pointer is the same in C and Go.
const lockPage = 0x100000400000

var fl = (*unix.Flock_t)(unsafe.Add(unsafe.Pointer(nil), lockPage))

func init() {
	EQ(lockPage, unix.SYS_MMAP, lockPage, 4096, unix.PROT_READ|unix.PROT_WRITE,
		unix.MAP_PRIVATE|unix.MAP_ANONYMOUS|unix.MAP_FIXED_NOREPLACE, ^uintptr(0), 0) // fd -1
}

func setLock(typ, whence int16, start, length int64, pid int32) {
	*fl = unix.Flock_t{Type: typ, Whence: whence, Start: start, Len: length, Pid: pid}
}

func wantLockType(t int16) {
	if fl.Type != t {
		fmt.Fprintf(os.Stderr, "lock type %d, want %d\n", fl.Type, t)
		exit(1)
	}
}

func init() {
	registerPrepared("fcntl_setlk", func() func() {
		f := P("f")
		return func() {
			fd := openAt(f, unix.O_RDWR, 0)
			setLock(unix.F_WRLCK, unix.SEEK_SET, 0, 10, 0)
			EQ(0, unix.SYS_FCNTL, fd, unix.F_SETLK, lockPage)
			// A process's own locks never conflict with it.
			setLock(unix.F_RDLCK, unix.SEEK_SET, 0, 0, 0)
			EQ(0, unix.SYS_FCNTL, fd, unix.F_GETLK, lockPage)
			wantLockType(unix.F_UNLCK)
			setLock(unix.F_UNLCK, unix.SEEK_SET, 0, 0, 0)
			EQ(0, unix.SYS_FCNTL, fd, unix.F_SETLKW, lockPage)
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
	// F_GETLK reports a conflicting lock held by another process: a
	// forked child takes a write lock, the parent asks for a read
	// lock's conflict and gets the child's lock and pid.
	registerPrepared("fcntl_getlk_child", func() func() {
		f := P("f")
		ready, pr := New[[2]int32]()
		gate, pg := New[[2]int32]()
		_, b := New[byte]()
		r, g := S("r"), S("g")
		begin, end := P(".ior-begin-t1"), P(".ior-end-t1")
		return func() {
			fd := openAt(f, unix.O_RDWR, 0)
			EQ(0, unix.SYS_PIPE2, pr, 0)
			EQ(0, unix.SYS_PIPE2, pg, 0)
			setLock(unix.F_WRLCK, unix.SEEK_SET, 0, 10, 0)
			rw, gr := uintptr(ready[1]), uintptr(gate[0])
			pid, _, e := unix.RawSyscall(unix.SYS_FORK, 0, 0, 0)
			if e != 0 {
				fail(unix.SYS_FORK, -1, e, ">= 0")
			}
			if pid == 0 {
				rawMarker(begin)
				rawIn(unix.SYS_FCNTL, 0, fd, unix.F_SETLK, lockPage, 0)
				rawIn(unix.SYS_WRITE, 1, rw, r, 1, 0)
				rawIn(unix.SYS_READ, 1, gr, b, 1, 0)
				rawMarker(end)
				unix.RawSyscall(unix.SYS_EXIT_GROUP, 0, 0, 0)
			}
			EQ(1, unix.SYS_READ, uintptr(ready[0]), b, 1)
			setLock(unix.F_RDLCK, unix.SEEK_SET, 0, 0, 0)
			EQ(0, unix.SYS_FCNTL, fd, unix.F_GETLK, lockPage)
			wantLockType(unix.F_WRLCK)
			if fl.Pid != int32(pid) {
				fmt.Fprintf(os.Stderr, "lock pid %d, want %d\n", fl.Pid, pid)
				os.Exit(1)
			}
			EQ(1, unix.SYS_WRITE, uintptr(gate[1]), g, 1)
			if st := waitChild(int(pid)); !st.Exited() || st.ExitStatus() != 0 {
				fail(unix.SYS_WAIT4, int64(st), 0, "the locking child to exit 0")
			}
			EQ(0, unix.SYS_CLOSE, uintptr(gate[1]))
			EQ(0, unix.SYS_CLOSE, uintptr(gate[0]))
			EQ(0, unix.SYS_CLOSE, uintptr(ready[1]))
			EQ(0, unix.SYS_CLOSE, uintptr(ready[0]))
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
	registerPrepared("fcntl_ofd_lock", func() func() {
		f := P("f")
		return func() {
			a := openAt(f, unix.O_RDWR, 0)
			b := openAt(f, unix.O_RDWR, 0)
			setLock(unix.F_WRLCK, unix.SEEK_SET, 0, 0, 0)
			EQ(0, unix.SYS_FCNTL, a, unix.F_OFD_SETLK, lockPage)
			// Open file description locks conflict across descriptions,
			// even within one process.
			EQ(0, unix.SYS_FCNTL, b, unix.F_OFD_GETLK, lockPage)
			wantLockType(unix.F_WRLCK)
			setLock(unix.F_WRLCK, unix.SEEK_SET, 0, 0, 0)
			ERR(unix.EAGAIN, unix.SYS_FCNTL, b, unix.F_OFD_SETLK, lockPage)
			setLock(unix.F_UNLCK, unix.SEEK_SET, 0, 0, 0)
			EQ(0, unix.SYS_FCNTL, a, unix.F_OFD_SETLKW, lockPage)
			setLock(unix.F_WRLCK, unix.SEEK_SET, 0, 0, 0)
			EQ(0, unix.SYS_FCNTL, b, unix.F_OFD_SETLKW, lockPage)
			EQ(0, unix.SYS_CLOSE, b)
			EQ(0, unix.SYS_CLOSE, a)
		}
	})
	registerPrepared("fcntl_lock_errors", func() func() {
		f := P("f")
		return func() {
			ro := openAt(f, unix.O_RDONLY, 0)
			setLock(unix.F_RDLCK, unix.SEEK_SET, 0, 0, 0)
			ERR(unix.EBADF, unix.SYS_FCNTL, 9999, unix.F_SETLK, lockPage)
			ERR(unix.EFAULT, unix.SYS_FCNTL, ro, unix.F_GETLK, 8)
			setLock(unix.F_WRLCK, unix.SEEK_SET, 0, 0, 0)
			ERR(unix.EBADF, unix.SYS_FCNTL, ro, unix.F_SETLK, lockPage)
			setLock(99, unix.SEEK_SET, 0, 0, 0)
			ERR(unix.EINVAL, unix.SYS_FCNTL, ro, unix.F_SETLK, lockPage)
			setLock(unix.F_RDLCK, 99, 0, 0, 0)
			ERR(unix.EINVAL, unix.SYS_FCNTL, ro, unix.F_SETLK, lockPage)
			setLock(unix.F_RDLCK, unix.SEEK_SET, 0, 0, 1)
			ERR(unix.EINVAL, unix.SYS_FCNTL, ro, unix.F_OFD_SETLK, lockPage)
			EQ(0, unix.SYS_CLOSE, ro)
		}
	})
	registerPrepared("flock", func() func() {
		f := P("f")
		return func() {
			a := openAt(f, unix.O_RDONLY, 0)
			b := openAt(f, unix.O_RDONLY, 0)
			EQ(0, unix.SYS_FLOCK, a, unix.LOCK_SH)
			EQ(0, unix.SYS_FLOCK, b, unix.LOCK_SH|unix.LOCK_NB)
			ERR(unix.EAGAIN, unix.SYS_FLOCK, a, unix.LOCK_EX|unix.LOCK_NB)
			EQ(0, unix.SYS_FLOCK, b, unix.LOCK_UN)
			EQ(0, unix.SYS_FLOCK, a, unix.LOCK_EX|unix.LOCK_NB)
			ERR(unix.EAGAIN, unix.SYS_FLOCK, b, unix.LOCK_SH|unix.LOCK_NB)
			// Closing the last fd of a description releases its lock.
			EQ(0, unix.SYS_CLOSE, a)
			EQ(0, unix.SYS_FLOCK, b, unix.LOCK_SH)
			EQ(0, unix.SYS_CLOSE, b)
		}
	})
	registerPrepared("flock_errors", func() func() {
		f := P("f")
		return func() {
			fd := openAt(f, unix.O_RDONLY, 0)
			path := openAt(f, unix.O_PATH, 0)
			ERR(unix.EBADF, unix.SYS_FLOCK, 9999, unix.LOCK_SH)
			ERR(unix.EBADF, unix.SYS_FLOCK, path, unix.LOCK_SH)
			ERR(unix.EINVAL, unix.SYS_FLOCK, fd, 0)
			ERR(unix.EINVAL, unix.SYS_FLOCK, fd, unix.LOCK_NB)
			EQ(0, unix.SYS_CLOSE, path)
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
}
