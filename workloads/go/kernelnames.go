package main

import "golang.org/x/sys/unix"

// Names the kernel gives: files renamed or unlinked while open, a dirfd
// whose directory was renamed, an fd that holds no file.
func init() {
	register("rename_open", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("app.log"), unix.O_WRONLY|unix.O_CREAT|unix.O_APPEND, 0o644))
		EQ(1, unix.SYS_WRITE, fd, S("a"), 1)
		EQ(0, unix.SYS_RENAME, P("app.log"), P("app.log.1"))
		EQ(1, unix.SYS_WRITE, fd, S("b"), 1)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("rename_open_dir", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("d/x"), unix.O_WRONLY|unix.O_CREAT, 0o644))
		EQ(0, unix.SYS_RENAME, P("d"), P("e"))
		EQ(1, unix.SYS_WRITE, fd, S("b"), 1)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("rename_replace_open", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("victim"), unix.O_RDONLY, 0))
		b := make([]byte, 4)
		EQ(0, unix.SYS_RENAME, P("other"), P("victim"))
		EQ(1, unix.SYS_READ, fd, Buf(b), 4)
		if b[0] != 'V' {
			fail(unix.SYS_READ, int64(b[0]), 0, "V")
		}
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("renamed_dirfd", func() {
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("d"), unix.O_RDONLY|unix.O_DIRECTORY, 0))
		EQ(0, unix.SYS_RENAME, P("d"), P("e"))
		fd := uintptr(OK(unix.SYS_OPENAT, d, S("f"), unix.O_WRONLY|unix.O_CREAT, 0o644))
		EQ(0, unix.SYS_MKDIRAT, d, S("sub"), 0o755)
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(0, unix.SYS_CLOSE, d)
	})
	register("ebadf_names_none", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY, 0))
		EQ(0, unix.SYS_CLOSE, fd)
		ERR(unix.EBADF, unix.SYS_READ, fd, Buf(make([]byte, 4)), 4)
	})
}
