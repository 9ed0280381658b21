package main

import "golang.org/x/sys/unix"

func init() {
	register("truncate", func() {
		EQ(0, unix.SYS_TRUNCATE, P("f"), 3)
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_WRONLY))
		EQ(0, unix.SYS_FTRUNCATE, fd, 1)
		EQ(0, unix.SYS_CLOSE, fd)
		ERR(unix.ENOENT, unix.SYS_TRUNCATE, P("missing"), 0)
	})
}
