package main

import "golang.org/x/sys/unix"

func init() {
	register("rename", func() {
		EQ(0, unix.SYS_RENAME, P("a"), P("b"))
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("sub"), unix.O_RDONLY|unix.O_DIRECTORY))
		EQ(0, unix.SYS_RENAMEAT, atFDCWD, P("b"), d, S("c"))
		EQ(0, unix.SYS_RENAMEAT, d, S("c"), d, S("d"))
		EQ(0, unix.SYS_CLOSE, d)
	})
	register("renameat2", func() {
		EQ(0, unix.SYS_RENAMEAT2, atFDCWD, P("a"), atFDCWD, P("b"), unix.RENAME_NOREPLACE)
		ERR(unix.EEXIST, unix.SYS_RENAMEAT2, atFDCWD, P("b"), atFDCWD, P("c"), unix.RENAME_NOREPLACE)
		EQ(0, unix.SYS_RENAMEAT2, atFDCWD, P("b"), atFDCWD, P("c"), unix.RENAME_EXCHANGE)
	})
	register("rename_enoent", func() {
		ERR(unix.ENOENT, unix.SYS_RENAME, P("missing"), P("b"))
		ERR(unix.ENOENT, unix.SYS_RENAMEAT, atFDCWD, P("missing"), atFDCWD, P("b"))
	})
}
