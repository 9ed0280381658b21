package main

import "golang.org/x/sys/unix"

// Opening files: O_EXCL, O_PATH, openat2's resolve flags, creat over an
// existing file, stale handles, O_TMPFILE.

const (
	resolveNoSymlinks = 0x04 // RESOLVE_NO_SYMLINKS
	resolveBeneath    = 0x08 // RESOLVE_BENEATH
)

// openHowFull returns the address of a struct open_how.
func openHowFull(flags, mode, resolve uint64) uintptr {
	return pinnedAddr(unix.OpenHow{Flags: flags, Mode: mode, Resolve: resolve})
}

func init() {
	register("open_excl", func() {
		fd := OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_CREAT|unix.O_EXCL|unix.O_WRONLY, 0o644)
		ERR(unix.EEXIST, unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_CREAT|unix.O_EXCL|unix.O_WRONLY, 0o644)
		EQ(0, unix.SYS_CLOSE, uintptr(fd))
		ERR(unix.EISDIR, unix.SYS_OPENAT, atFDCWD, P("sub"), unix.O_WRONLY, 0)
		ERR(unix.EISDIR, unix.SYS_OPEN, P("sub"), unix.O_RDWR, 0)
		ERR(unix.EISDIR, unix.SYS_OPENAT, atFDCWD, P("sub"), unix.O_CREAT|unix.O_RDONLY, 0o644)
	})
	register("open_path", func() {
		buf := Buf(make([]byte, 4))
		_, st := New[unix.Stat_t]()
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_PATH, 0))
		ERR(unix.EBADF, unix.SYS_READ, fd, buf, 4)
		EQ(0, unix.SYS_FSTAT, fd, st)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("openat2_resolve", func() {
		beneath := openHowFull(unix.O_RDONLY, 0, resolveBeneath)
		nosym := openHowFull(unix.O_RDONLY, 0, resolveNoSymlinks)
		badmode := openHowFull(unix.O_RDONLY, 0o644, 0)
		plain := openHowFull(unix.O_RDONLY, 0, 0)
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("sub"), unix.O_RDONLY|unix.O_DIRECTORY, 0))
		r, e := call(unix.SYS_OPENAT2, d, S("../f"), beneath, 24)
		if e == unix.ENOSYS {
			Unsupported("openat2")
		}
		if r != -1 || e != unix.EXDEV {
			fail(unix.SYS_OPENAT2, r, e, "-EXDEV")
		}
		ERR(unix.ELOOP, unix.SYS_OPENAT2, atFDCWD, P("l"), nosym, 24)
		ERR(unix.EINVAL, unix.SYS_OPENAT2, atFDCWD, P("f"), badmode, 24)
		fd := uintptr(OK(unix.SYS_OPENAT2, atFDCWD, P("f"), plain, 24))
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(0, unix.SYS_CLOSE, d)
	})
	register("creat_existing", func() {
		fd := uintptr(OK(unix.SYS_CREAT, P("f"), 0o600))
		EQ(2, unix.SYS_WRITE, fd, S("ab"), 2)
		EQ(0, unix.SYS_CLOSE, fd)
		ERR(unix.EISDIR, unix.SYS_CREAT, P("sub"), 0o644)
	})
	register("handle_errors", func() {
		h, hp := New[fileHandle]()
		_, mnt := New[int32]()
		r, e := call(unix.SYS_NAME_TO_HANDLE_AT, atFDCWD, P("f"), hp, mnt, 0)
		if e == unix.EOPNOTSUPP {
			Unsupported("name_to_handle_at")
		}
		if r != -1 || e != unix.EOVERFLOW {
			fail(unix.SYS_NAME_TO_HANDLE_AT, r, e, "-EOVERFLOW")
		}
		h.Bytes = 128
		EQ(0, unix.SYS_NAME_TO_HANDLE_AT, atFDCWD, P("f"), hp, mnt, 0)
		EQ(0, unix.SYS_UNLINK, P("f"))
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P(""), unix.O_RDONLY|unix.O_DIRECTORY, 0))
		ERR(unix.ESTALE, unix.SYS_OPEN_BY_HANDLE_AT, d, hp, unix.O_RDONLY)
		EQ(0, unix.SYS_CLOSE, d)
	})
	register("open_tmpfile", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P(""), unix.O_TMPFILE|unix.O_RDWR, 0o600))
		EQ(3, unix.SYS_WRITE, fd, S("tmp"), 3)
		EQ(0, unix.SYS_LINKAT, fd, S(""), atFDCWD, P("named"), unix.AT_EMPTY_PATH)
		EQ(0, unix.SYS_CLOSE, fd)
	})
}
