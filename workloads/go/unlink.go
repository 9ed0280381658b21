package main

import "golang.org/x/sys/unix"

func init() {
	register("unlink", func() {
		EQ(0, unix.SYS_UNLINK, P("a"))
		EQ(0, unix.SYS_UNLINKAT, atFDCWD, P("b"), 0)
		EQ(0, unix.SYS_UNLINKAT, atFDCWD, P("d1"), unix.AT_REMOVEDIR)
		EQ(0, unix.SYS_RMDIR, P("d2"))
		ERR(unix.ENOENT, unix.SYS_UNLINK, P("a"))
	})
	register("rmdir_enotempty", func() {
		ERR(unix.ENOTEMPTY, unix.SYS_RMDIR, P("full"))
		ERR(unix.ENOTEMPTY, unix.SYS_UNLINKAT, atFDCWD, P("full"), unix.AT_REMOVEDIR)
	})
}
