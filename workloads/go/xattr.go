package main

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// xattrArgs is struct xattr_args (include/uapi/linux/xattr.h).
type xattrArgs struct {
	Value uint64
	Size  uint32
	Flags uint32
}

func newXattrArgs(value uintptr, size, flags uint32) uintptr {
	a, p := New[xattrArgs]()
	*a = xattrArgs{Value: uint64(value), Size: size, Flags: flags}
	return p
}

const sizeofXattrArgs = unsafe.Sizeof(xattrArgs{})

func init() {
	register("xattr_path", func() {
		buf := Buf(make([]byte, 100))
		EQ(0, unix.SYS_SETXATTR, P("f"), S("user.a"), S("hello"), 5, unix.XATTR_CREATE)
		ERR(unix.EEXIST, unix.SYS_SETXATTR, P("f"), S("user.a"), S("hello"), 5, unix.XATTR_CREATE)
		EQ(5, unix.SYS_GETXATTR, P("f"), S("user.a"), buf, 100)
		ERR(unix.ERANGE, unix.SYS_GETXATTR, P("f"), S("user.a"), buf, 1)
		EQ(7, unix.SYS_LISTXATTR, P("f"), buf, 100)
		ERR(unix.ERANGE, unix.SYS_LISTXATTR, P("f"), buf, 1)
		EQ(0, unix.SYS_REMOVEXATTR, P("f"), S("user.a"))
		ERR(unix.ENODATA, unix.SYS_GETXATTR, P("f"), S("user.a"), buf, 100)
		ERR(unix.ENODATA, unix.SYS_REMOVEXATTR, P("f"), S("user.a"))
		ERR(unix.ENODATA, unix.SYS_SETXATTR, P("f"), S("user.b"), S("x"), 1, unix.XATTR_REPLACE)
		EQ(0, unix.SYS_LISTXATTR, P("f"), buf, 100)
	})
	// User attributes are allowed only on regular files and directories:
	// on the symlink itself the l* forms fail.
	register("xattr_symlink", func() {
		buf := Buf(make([]byte, 100))
		EQ(0, unix.SYS_LSETXATTR, P("f"), S("user.a"), S("v"), 1, 0)
		EQ(1, unix.SYS_LGETXATTR, P("f"), S("user.a"), buf, 100)
		EQ(7, unix.SYS_LLISTXATTR, P("f"), buf, 100)
		EQ(1, unix.SYS_GETXATTR, P("l"), S("user.a"), buf, 100)
		ERR(unix.EPERM, unix.SYS_LSETXATTR, P("l"), S("user.a"), S("v"), 1, 0)
		ERR(unix.ENODATA, unix.SYS_LGETXATTR, P("l"), S("user.a"), buf, 100)
		EQ(0, unix.SYS_LLISTXATTR, P("l"), buf, 100)
		ERR(unix.EPERM, unix.SYS_LREMOVEXATTR, P("l"), S("user.a"))
		EQ(0, unix.SYS_LREMOVEXATTR, P("f"), S("user.a"))
	})
	register("xattr_fd", func() {
		buf := Buf(make([]byte, 100))
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDWR, 0))
		EQ(0, unix.SYS_FSETXATTR, fd, S("user.a"), S("hello"), 5, 0)
		EQ(5, unix.SYS_FGETXATTR, fd, S("user.a"), buf, 100)
		EQ(7, unix.SYS_FLISTXATTR, fd, buf, 100)
		EQ(0, unix.SYS_FREMOVEXATTR, fd, S("user.a"))
		ERR(unix.ENODATA, unix.SYS_FGETXATTR, fd, S("user.a"), buf, 100)
		ERR(unix.ENODATA, unix.SYS_FREMOVEXATTR, fd, S("user.a"))
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("xattr_ebadf", func() {
		buf := Buf(make([]byte, 100))
		ERR(unix.EBADF, unix.SYS_FSETXATTR, 9999, S("user.a"), S("hello"), 5, 0)
		ERR(unix.EBADF, unix.SYS_FGETXATTR, 9999, S("user.a"), buf, 100)
		ERR(unix.EBADF, unix.SYS_FLISTXATTR, 9999, buf, 100)
		ERR(unix.EBADF, unix.SYS_FREMOVEXATTR, 9999, S("user.a"))
	})
	register("xattr_enoent", func() {
		buf := Buf(make([]byte, 100))
		ERR(unix.ENOENT, unix.SYS_SETXATTR, P("missing"), S("user.a"), S("x"), 1, 0)
		ERR(unix.ENOENT, unix.SYS_LSETXATTR, P("missing"), S("user.a"), S("x"), 1, 0)
		ERR(unix.ENOENT, unix.SYS_GETXATTR, P("missing"), S("user.a"), buf, 100)
		ERR(unix.ENOENT, unix.SYS_LGETXATTR, P("missing"), S("user.a"), buf, 100)
		ERR(unix.ENOENT, unix.SYS_LISTXATTR, P("missing"), buf, 100)
		ERR(unix.ENOENT, unix.SYS_LLISTXATTR, P("missing"), buf, 100)
		ERR(unix.ENOENT, unix.SYS_REMOVEXATTR, P("missing"), S("user.a"))
		ERR(unix.ENOENT, unix.SYS_LREMOVEXATTR, P("missing"), S("user.a"))
	})
	register("xattr_at", func() {
		buf := Buf(make([]byte, 100))
		set := newXattrArgs(S("hello"), 5, unix.XATTR_CREATE)
		get := newXattrArgs(buf, 100, 0)
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("sub"), unix.O_RDONLY|unix.O_DIRECTORY, 0))
		if r, e := call(unix.SYS_SETXATTRAT, d, S("f"), 0, S("user.a"), set, sizeofXattrArgs); r < 0 {
			if e == unix.ENOSYS {
				Unsupported("setxattrat")
			}
			fail(unix.SYS_SETXATTRAT, r, e, "0")
		}
		EQ(5, unix.SYS_GETXATTRAT, d, S("f"), 0, S("user.a"), get, sizeofXattrArgs)
		EQ(7, unix.SYS_LISTXATTRAT, d, S("f"), 0, buf, 100, 0)
		EQ(0, unix.SYS_REMOVEXATTRAT, d, S("f"), 0, S("user.a"), 0, 0)
		ERR(unix.ENODATA, unix.SYS_GETXATTRAT, d, S("f"), 0, S("user.a"), get, sizeofXattrArgs)
		ERR(unix.ENODATA, unix.SYS_REMOVEXATTRAT, d, S("f"), 0, S("user.a"), 0, 0)
		EQ(0, unix.SYS_CLOSE, d)
	})
	register("xattrat_errors", func() {
		buf := Buf(make([]byte, 100))
		set := newXattrArgs(S("hello"), 5, 0)
		if r, e := call(unix.SYS_SETXATTRAT, atFDCWD, P("missing"), 0, S("user.a"), set, sizeofXattrArgs); r != -1 || e != unix.ENOENT {
			if e == unix.ENOSYS {
				Unsupported("setxattrat")
			}
			fail(unix.SYS_SETXATTRAT, r, e, "-ENOENT")
		}
		// usize smaller than the first struct xattr_args.
		ERR(unix.EINVAL, unix.SYS_SETXATTRAT, atFDCWD, P("f"), 0, S("user.a"), set, 8)
		ERR(unix.ENOENT, unix.SYS_GETXATTRAT, atFDCWD, P("missing"), 0, S("user.a"), set, sizeofXattrArgs)
		ERR(unix.EINVAL, unix.SYS_LISTXATTRAT, atFDCWD, P("f"), 0x1, buf, 100, 0)
		ERR(unix.EPERM, unix.SYS_REMOVEXATTRAT, atFDCWD, P("l"), unix.AT_SYMLINK_NOFOLLOW, S("user.a"), 0, 0)
		ERR(unix.EBADF, unix.SYS_REMOVEXATTRAT, 9999, S("f"), 0, S("user.a"), 0, 0)
	})
}
