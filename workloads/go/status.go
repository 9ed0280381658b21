package main

import "golang.org/x/sys/unix"

// File status, access checks, file system status, modes, a FIFO made by
// mknod.

func init() {
	register("stat_variants", func() {
		_, stx := New[unix.Statx_t]()
		_, st := New[unix.Stat_t]()
		EQ(0, unix.SYS_STATX, atFDCWD, P("l"), unix.AT_SYMLINK_NOFOLLOW, unix.STATX_BASIC_STATS, stx)
		EQ(0, unix.SYS_STATX, atFDCWD, P("f"), 0, unix.STATX_SIZE, stx)
		d := openAt(P("sub"), unix.O_RDONLY|unix.O_DIRECTORY, 0)
		EQ(0, unix.SYS_STATX, d, S(""), unix.AT_EMPTY_PATH, unix.STATX_BASIC_STATS, stx)
		EQ(0, unix.SYS_NEWFSTATAT, atFDCWD, P("l"), st, unix.AT_SYMLINK_NOFOLLOW)
		ERR(unix.ENOENT, unix.SYS_NEWFSTATAT, d, S("x"), st, 0)
		ERR(unix.EINVAL, unix.SYS_STATX, atFDCWD, P("f"), 0x6000, unix.STATX_BASIC_STATS, stx)
		EQ(0, unix.SYS_CLOSE, d)
	})
	register("access_errors", func() {
		ERR(unix.EACCES, unix.SYS_ACCESS, P("f"), unix.X_OK)
		ERR(unix.EACCES, unix.SYS_FACCESSAT, atFDCWD, P("f"), unix.X_OK)
		EQ(0, unix.SYS_FACCESSAT2, atFDCWD, P("l"), unix.F_OK, unix.AT_SYMLINK_NOFOLLOW)
		ERR(unix.ENOENT, unix.SYS_ACCESS, P("l"), unix.F_OK)
		ERR(unix.EACCES, unix.SYS_FACCESSAT2, atFDCWD, P("f"), unix.X_OK, unix.AT_EACCESS)
	})
	register("statfs_kinds", func() {
		_, sf := New[unix.Statfs_t]()
		EQ(0, unix.SYS_STATFS, S("/"), sf)
		EQ(0, unix.SYS_STATFS, S("/proc"), sf)
		p := openAt(P("p"), unix.O_RDWR, 0)
		EQ(0, unix.SYS_FSTATFS, p, sf)
		EQ(0, unix.SYS_CLOSE, p)
	})
	register("chmod_modes", func() {
		EQ(0, unix.SYS_CHMOD, P("f"), 0o4755)
		EQ(0, unix.SYS_CHMOD, P("d"), 0o1777)
		EQ(0, unix.SYS_CHMOD, P("f"), 0)
		EQ(0, unix.SYS_FCHMODAT, atFDCWD, P("d"), 0o700)
	})
	register("mknod_fifo_use", func() {
		buf := Buf(make([]byte, 16))
		EQ(0, unix.SYS_MKNOD, P("p"), unix.S_IFIFO|0o600, 0)
		fd := openAt(P("p"), unix.O_RDWR, 0)
		EQ(4, unix.SYS_WRITE, fd, S("fifo"), 4)
		EQ(4, unix.SYS_READ, fd, buf, 16)
		EQ(0, unix.SYS_CLOSE, fd)
	})
}
