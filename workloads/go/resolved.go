package main

import "golang.org/x/sys/unix"

// Two views of a path argument: as passed, and the file the kernel's
// lookup reached (symlinks and ".." resolved).
func init() {
	register("resolved_symlink_dir", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("l/f"), unix.O_RDONLY, 0))
		b := make([]byte, 4)
		EQ(1, unix.SYS_READ, fd, Buf(b), 4)
		if b[0] != 'F' {
			fail(unix.SYS_READ, int64(b[0]), 0, "F")
		}
		EQ(0, unix.SYS_CLOSE, fd)
		st, stp := New[unix.Stat_t]()
		EQ(0, unix.SYS_NEWFSTATAT, atFDCWD, P("l/f"), stp, 0)
		if st.Size != 1 {
			fail(unix.SYS_NEWFSTATAT, st.Size, 0, "size 1")
		}
		EQ(0, unix.SYS_UNLINK, P("l/g"))
		EQ(0, unix.SYS_RENAMEAT2, atFDCWD, P("l/f"), atFDCWD, P("l/h"), 0)
	})
	register("resolved_dotdot", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("s/../f"), unix.O_RDONLY, 0))
		EQ(0, unix.SYS_CLOSE, fd)
		fd = uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("real/sub/../f"), unix.O_RDONLY, 0))
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("resolved_symlink_file", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("fl"), unix.O_RDONLY, 0))
		EQ(0, unix.SYS_CLOSE, fd)
		fd = uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("nl"), unix.O_WRONLY|unix.O_CREAT, 0o644))
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("resolved_enoent", func() {
		_, st := New[unix.Stat_t]()
		ERR(unix.ENOENT, unix.SYS_OPENAT, atFDCWD, P("l/missing"), unix.O_RDONLY, 0)
		ERR(unix.ENOENT, unix.SYS_OPENAT, atFDCWD, P("dangling"), unix.O_RDONLY, 0)
		ERR(unix.ENOENT, unix.SYS_NEWFSTATAT, atFDCWD, P("l/missing"), st, 0)
	})
	register("resolved_chdir_chroot", func() {
		r := uintptr(OK(unix.SYS_OPENAT, atFDCWD, S("/"), unix.O_RDONLY|unix.O_DIRECTORY, 0))
		EQ(0, unix.SYS_CHDIR, P("l"))
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, S("f"), unix.O_RDONLY, 0))
		EQ(0, unix.SYS_CLOSE, fd)
		ERR(unix.ENOENT, unix.SYS_CHDIR, P("l/missing"))
		EQ(0, unix.SYS_CHROOT, P("l"))
		EQ(0, unix.SYS_FCHDIR, r)
		EQ(0, unix.SYS_CHROOT, S("."))
		EQ(0, unix.SYS_CHDIR, P(""))
		EQ(0, unix.SYS_CLOSE, r)
	})
}
