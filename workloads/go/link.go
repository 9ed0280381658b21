package main

import "golang.org/x/sys/unix"

func init() {
	register("link", func() {
		EQ(0, unix.SYS_LINK, P("a"), P("b"))
		EQ(0, unix.SYS_LINKAT, atFDCWD, P("a"), atFDCWD, P("c"), 0)
		ERR(unix.EEXIST, unix.SYS_LINK, P("a"), P("b"))
	})
	register("symlink", func() {
		buf := Buf(make([]byte, 64))
		EQ(0, unix.SYS_SYMLINK, S("target"), P("l"))
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("sub"), unix.O_RDONLY|unix.O_DIRECTORY))
		EQ(0, unix.SYS_SYMLINKAT, S("../target"), d, S("l"))
		EQ(6, unix.SYS_READLINK, P("l"), buf, 64)
		EQ(9, unix.SYS_READLINKAT, atFDCWD, P("sub/l"), buf, 64)
		ERR(unix.ENOENT, unix.SYS_READLINK, P("missing"), buf, 64)
		EQ(0, unix.SYS_CLOSE, d)
	})
}
