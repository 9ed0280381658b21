package main

import "golang.org/x/sys/unix"

func init() {
	register("mkdir", func() {
		EQ(0, unix.SYS_MKDIR, P("d1"), 0o755)
		EQ(0, unix.SYS_MKDIRAT, atFDCWD, P("d2"), 0o700)
		ERR(unix.EEXIST, unix.SYS_MKDIR, P("d1"), 0o755)
	})
	register("chdir_relative", func() {
		EQ(0, unix.SYS_CHDIR, P("sub"))
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, S("f"), unix.O_CREAT|unix.O_WRONLY, 0o644))
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(0, unix.SYS_CHDIR, S(".."))
		EQ(0, unix.SYS_UNLINK, S("sub/f"))
	})
	register("fchdir", func() {
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("sub"), unix.O_RDONLY|unix.O_DIRECTORY))
		EQ(0, unix.SYS_FCHDIR, d)
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, S("g"), unix.O_CREAT|unix.O_WRONLY, 0o644))
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(0, unix.SYS_CLOSE, d)
	})
	register("getdents64", func() {
		buf := Buf(make([]byte, 4096))
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P(""), unix.O_RDONLY|unix.O_DIRECTORY))
		OK(unix.SYS_GETDENTS64, d, buf, 4096)
		EQ(0, unix.SYS_GETDENTS64, d, buf, 4096)
		EQ(0, unix.SYS_CLOSE, d)
	})
}
