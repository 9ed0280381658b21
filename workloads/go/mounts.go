package main

// Mounts moved under an open file, and a root changed by pivot_root:
// names as the kernel gives them (the C twins: workloads/c/mounts.c).

import (
	"golang.org/x/sys/unix"
)

// moveMountFSymlinks is MOVE_MOUNT_F_SYMLINKS.
const moveMountFSymlinks = 1

func init() {
	// In a mount namespace of its own: a tmpfs at b (which the host
	// reaches by no path, so names stay in the process's view), a file
	// made on it, then the mount moved to c (mount MS_MOVE) and to d
	// (move_mount): each read is named where the file is now.
	register("mount_move_open", func() {
		b := Buf(make([]byte, 4))
		EQ(0, unix.SYS_UNSHARE, unix.CLONE_NEWNS)
		EQ(0, unix.SYS_MOUNT, S("none"), S("/"), 0, unix.MS_REC|unix.MS_PRIVATE, 0)
		EQ(0, unix.SYS_MOUNT, S("tmpfs"), P("b"), S("tmpfs"), 0, 0)
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("b/x"), unix.O_RDWR|unix.O_CREAT, 0o644))
		EQ(1, unix.SYS_PWRITE64, fd, S("X"), 1, 0)
		EQ(1, unix.SYS_PREAD64, fd, b, 4, 0)
		EQ(0, unix.SYS_MOUNT, P("b"), P("c"), 0, unix.MS_MOVE, 0)
		EQ(1, unix.SYS_PREAD64, fd, b, 4, 0)
		EQ(0, unix.SYS_MOVE_MOUNT, atFDCWD, P("c"), atFDCWD, P("d"), moveMountFSymlinks)
		EQ(1, unix.SYS_PREAD64, fd, b, 4, 0)
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(0, unix.SYS_UMOUNT2, P("d"), 0)
	})
	// A child in a mount namespace of its own makes new (a bind mount of
	// itself) its root with pivot_root (the old root at /old), then opens
	// /f: named as the kernel names it, in the child's view.
	register("pivot_root_open", func() {
		begin, end, newRoot := P(".ior-begin-t1"), P(".ior-end-t1"), P("new")
		none, root, dot, old, f, b := S("none"), S("/"), S("."), S("old"), S("/f"), Buf(make([]byte, 4))
		pid, _, e := unix.RawSyscall6(unix.SYS_CLONE, uintptr(unix.SIGCHLD), 0, 0, 0, 0, 0)
		if e != 0 {
			fail(unix.SYS_CLONE, -1, e, ">= 0")
		}
		if pid == 0 {
			rawMarker(begin)
			rawIn(unix.SYS_UNSHARE, 0, unix.CLONE_NEWNS, 0, 0, 0)
			rawIn6(unix.SYS_MOUNT, 0, none, root, 0, unix.MS_REC|unix.MS_PRIVATE, 0)
			rawIn6(unix.SYS_MOUNT, 0, newRoot, newRoot, 0, unix.MS_BIND, 0)
			rawIn(unix.SYS_CHDIR, 0, newRoot, 0, 0, 0)
			rawIn(unix.SYS_PIVOT_ROOT, 0, dot, old, 0, 0)
			rawIn(unix.SYS_CHDIR, 0, root, 0, 0, 0)
			fd := rawIn(unix.SYS_OPENAT, anyResult, atFDCWD, f, unix.O_RDONLY, 0)
			rawIn(unix.SYS_PREAD64, 1, fd, b, 4, 0)
			rawIn(unix.SYS_CLOSE, 0, fd, 0, 0, 0)
			rawMarker(end)
			unix.RawSyscall(unix.SYS_EXIT_GROUP, 0, 0, 0)
		}
		if st := waitChild(int(pid)); !st.Exited() || st.ExitStatus() != 0 {
			fail(unix.SYS_WAIT4, int64(pid), 0, "the child, exited 0")
		}
	})
}

// rawIn6 is rawIn for a call with five arguments.
//
//go:nosplit
func rawIn6(nr, want, a0, a1, a2, a3, a4 uintptr) uintptr {
	r, _, e := unix.RawSyscall6(nr, a0, a1, a2, a3, a4, 0)
	if e != 0 || (want != anyResult && r != want) {
		unix.RawSyscall(unix.SYS_EXIT_GROUP, 1, 0, 0)
	}
	return r
}
