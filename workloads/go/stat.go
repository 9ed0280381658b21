package main

import "golang.org/x/sys/unix"

func init() {
	register("stat", func() {
		_, st := New[unix.Stat_t]()
		_, stx := New[unix.Statx_t]()
		EQ(0, unix.SYS_STAT, P("f"), st)
		EQ(0, unix.SYS_LSTAT, P("l"), st)
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY))
		EQ(0, unix.SYS_FSTAT, fd, st)
		EQ(0, unix.SYS_NEWFSTATAT, atFDCWD, P("f"), st, 0)
		EQ(0, unix.SYS_NEWFSTATAT, fd, S(""), st, unix.AT_EMPTY_PATH)
		EQ(0, unix.SYS_STATX, atFDCWD, P("f"), 0, unix.STATX_BASIC_STATS, stx)
		ERR(unix.ENOENT, unix.SYS_STAT, P("missing"), st)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("access", func() {
		EQ(0, unix.SYS_ACCESS, P("f"), unix.R_OK)
		EQ(0, unix.SYS_FACCESSAT, atFDCWD, P("f"), unix.W_OK)
		r, e := call(unix.SYS_FACCESSAT2, atFDCWD, P("f"), unix.R_OK, unix.AT_EACCESS)
		if e == unix.ENOSYS {
			Unsupported("faccessat2")
		}
		if r != 0 {
			fail(unix.SYS_FACCESSAT2, r, e, "0")
		}
		ERR(unix.ENOENT, unix.SYS_ACCESS, P("missing"), unix.F_OK)
	})
}
