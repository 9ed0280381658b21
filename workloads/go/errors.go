package main

import (
	"strings"

	"golang.org/x/sys/unix"
)

// Error paths of syscalls whose other scenarios only succeed. Bad fds
// are 9999, a second fd number 230.

const bad = 9999

// fileHandle is struct file_handle with room for MAX_HANDLE_SZ bytes.
type fileHandle struct {
	Bytes  uint32
	Type   int32
	Handle [128]byte
}

func newHandle(n uint32) uintptr {
	h, p := New[fileHandle]()
	h.Bytes = n
	return p
}

// openHow returns the address of a struct open_how.
func openHow(flags uint64) uintptr {
	how, p := New[unix.OpenHow]()
	how.Flags = flags
	return p
}

func init() {
	register("errors_ebadf", func() {
		buf := Buf(make([]byte, 64))
		v := iov(make([]byte, 1))
		_, st := New[unix.Stat_t]()
		h := newHandle(8)
		_, mountID := New[int32]()
		ERR(unix.EBADF, unix.SYS_DUP, bad)
		ERR(unix.EBADF, unix.SYS_DUP2, bad, 230)
		ERR(unix.EBADF, unix.SYS_DUP3, bad, 230, 0)
		ERR(unix.EBADF, unix.SYS_FCNTL, bad, unix.F_GETFD, 0)
		ERR(unix.EBADF, unix.SYS_FCHDIR, bad)
		ERR(unix.EBADF, unix.SYS_FSYNC, bad)
		ERR(unix.EBADF, unix.SYS_FDATASYNC, bad)
		ERR(unix.EBADF, unix.SYS_SYNCFS, bad)
		ERR(unix.EBADF, unix.SYS_SYNC_FILE_RANGE, bad, 0, 0, unix.SYNC_FILE_RANGE_WRITE)
		ERR(unix.EBADF, unix.SYS_FTRUNCATE, bad, 0)
		ERR(unix.EBADF, unix.SYS_FSTAT, bad, st)
		ERR(unix.EBADF, unix.SYS_GETDENTS64, bad, buf, 64)
		ERR(unix.EBADF, unix.SYS_READV, bad, v, 1)
		ERR(unix.EBADF, unix.SYS_PREADV, bad, v, 1, 0, 0)
		ERR(unix.EBADF, unix.SYS_PREADV2, bad, v, 1, 0, 0, 0)
		ERR(unix.EBADF, unix.SYS_PWRITE64, bad, S("x"), 1, 0)
		ERR(unix.EBADF, unix.SYS_PWRITEV, bad, v, 1, 0, 0)
		ERR(unix.EBADF, unix.SYS_PWRITEV2, bad, v, 1, 0, 0, 0)
		ERR(unix.EBADF, unix.SYS_IO_URING_ENTER, bad, 0, 0, 0, 0, 0)
		ERR(unix.EBADF, unix.SYS_IO_URING_REGISTER, bad, registerFiles, 0, 0)
		// A relative name against a dirfd that is not open.
		ERR(unix.EBADF, unix.SYS_OPENAT, bad, S("f"), unix.O_RDONLY, 0)
		ERR(unix.EBADF, unix.SYS_MKDIRAT, bad, S("d"), 0o755)
		ERR(unix.EBADF, unix.SYS_NEWFSTATAT, bad, S("f"), st, 0)
		ERR(unix.EBADF, unix.SYS_STATX, bad, S("f"), 0, unix.STATX_BASIC_STATS, buf)
		ERR(unix.EBADF, unix.SYS_NAME_TO_HANDLE_AT, bad, S("f"), h, mountID, 0)
		ERR(unix.EBADF, unix.SYS_OPEN_BY_HANDLE_AT, bad, h, unix.O_RDONLY)
	})
	register("errors_enoent_eexist", func() {
		buf := Buf(make([]byte, 64))
		_, st := New[unix.Stat_t]()
		h := newHandle(128)
		_, mountID := New[int32]()
		ERR(unix.ENOENT, unix.SYS_CREAT, P("missing/x"), 0o644)
		ERR(unix.ENOENT, unix.SYS_OPENAT2, atFDCWD, P("missing"), openHow(unix.O_RDONLY), unix.SizeofOpenHow)
		ERR(unix.ENOENT, unix.SYS_LSTAT, P("missing"), st)
		ERR(unix.ENOENT, unix.SYS_NEWFSTATAT, atFDCWD, P("missing"), st, 0)
		ERR(unix.ENOENT, unix.SYS_STATX, atFDCWD, P("missing"), 0, unix.STATX_BASIC_STATS, buf)
		ERR(unix.ENOENT, unix.SYS_FACCESSAT, atFDCWD, P("missing"), unix.F_OK)
		ERR(unix.ENOENT, unix.SYS_FACCESSAT2, atFDCWD, P("missing"), unix.F_OK, 0)
		ERR(unix.ENOENT, unix.SYS_CHDIR, P("missing"))
		ERR(unix.ENOENT, unix.SYS_MKDIRAT, atFDCWD, P("missing/d"), 0o755)
		ERR(unix.ENOENT, unix.SYS_LINKAT, atFDCWD, P("missing"), atFDCWD, P("b"), 0)
		ERR(unix.ENOENT, unix.SYS_READLINKAT, atFDCWD, P("missing"), buf, 64)
		ERR(unix.ENOENT, unix.SYS_NAME_TO_HANDLE_AT, atFDCWD, P("missing"), h, mountID, 0)
		ERR(unix.ENOENT, unix.SYS_SYMLINKAT, S(""), atFDCWD, P("l2"))
		ERR(unix.EEXIST, unix.SYS_SYMLINK, S("t"), P("f"))
		ERR(unix.EEXIST, unix.SYS_SYMLINKAT, S("t"), atFDCWD, P("l"))
		ERR(unix.EEXIST, unix.SYS_LINKAT, atFDCWD, P("f"), atFDCWD, P("l"), 0)
		ERR(unix.EEXIST, unix.SYS_MKDIRAT, atFDCWD, P("f"), 0o755)
		ERR(unix.EEXIST, unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_CREAT|unix.O_EXCL|unix.O_WRONLY, 0o644)
	})
	// f is a regular file used where a directory is needed.
	register("errors_enotdir", func() {
		buf := Buf(make([]byte, 64))
		_, st := New[unix.Stat_t]()
		ERR(unix.ENOTDIR, unix.SYS_OPENAT, atFDCWD, P("f/x"), unix.O_RDONLY, 0)
		ERR(unix.ENOTDIR, unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY|unix.O_DIRECTORY, 0)
		ERR(unix.ENOTDIR, unix.SYS_CHDIR, P("f"))
		ERR(unix.ENOTDIR, unix.SYS_MKDIRAT, atFDCWD, P("f/d"), 0o755)
		ERR(unix.ENOTDIR, unix.SYS_LSTAT, P("f/x"), st)
		ERR(unix.ENOTDIR, unix.SYS_SYMLINKAT, S("t"), atFDCWD, P("f/l"))
		ERR(unix.ENOTDIR, unix.SYS_LINKAT, atFDCWD, P("f"), atFDCWD, P("f/x"), 0)
		ERR(unix.ENOTDIR, unix.SYS_READLINKAT, atFDCWD, P("f/x"), buf, 64)
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY, 0))
		ERR(unix.ENOTDIR, unix.SYS_FCHDIR, fd)
		ERR(unix.ENOTDIR, unix.SYS_GETDENTS64, fd, buf, 64)
		ERR(unix.ENOTDIR, unix.SYS_OPENAT, fd, S("x"), unix.O_RDONLY, 0)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	// a and b are symlinks to each other; l points to f.
	register("errors_eloop", func() {
		buf := Buf(make([]byte, 256))
		_, st := New[unix.Stat_t]()
		ERR(unix.ELOOP, unix.SYS_OPENAT, atFDCWD, P("a"), unix.O_RDONLY, 0)
		ERR(unix.ELOOP, unix.SYS_STAT, P("a"), st)
		ERR(unix.ELOOP, unix.SYS_CHDIR, P("a"))
		ERR(unix.ELOOP, unix.SYS_FACCESSAT, atFDCWD, P("a/x"), unix.F_OK)
		ERR(unix.ELOOP, unix.SYS_NEWFSTATAT, atFDCWD, P("b"), st, 0)
		ERR(unix.ELOOP, unix.SYS_STATX, atFDCWD, P("b"), 0, unix.STATX_BASIC_STATS, buf)
		ERR(unix.ELOOP, unix.SYS_OPENAT, atFDCWD, P("l"), unix.O_RDONLY|unix.O_NOFOLLOW, 0)
		ERR(unix.ELOOP, unix.SYS_OPENAT2, atFDCWD, P("l"), openHow(unix.O_RDONLY|unix.O_NOFOLLOW), unix.SizeofOpenHow)
	})
	// Names longer than PATH_MAX (5000 bytes) and than NAME_MAX (300),
	// relative to the scenario directory so that the recorded prefix is
	// the same in every run.
	register("errors_enametoolong", func() {
		longPath, longName := S(strings.Repeat("x", 5000)), S(strings.Repeat("y", 300))
		_, st := New[unix.Stat_t]()
		EQ(0, unix.SYS_CHDIR, P(""))
		ERR(unix.ENAMETOOLONG, unix.SYS_OPENAT, atFDCWD, longPath, unix.O_RDONLY, 0)
		ERR(unix.ENAMETOOLONG, unix.SYS_STAT, longPath, st)
		ERR(unix.ENAMETOOLONG, unix.SYS_MKDIR, longName, 0o755)
		ERR(unix.ENAMETOOLONG, unix.SYS_OPENAT, atFDCWD, longName, unix.O_CREAT|unix.O_WRONLY, 0o644)
	})
	// Pointers to address 1: the kernel faults, and so does ior's read of
	// the path strings.
	register("errors_efault", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY, 0))
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P(""), unix.O_RDONLY|unix.O_DIRECTORY, 0))
		ERR(unix.EFAULT, unix.SYS_OPENAT, atFDCWD, 1, unix.O_RDONLY, 0)
		ERR(unix.EFAULT, unix.SYS_STAT, 1, 1)
		ERR(unix.EFAULT, unix.SYS_SYMLINK, 1, P("l"))
		ERR(unix.EFAULT, unix.SYS_FSTAT, fd, 1)
		ERR(unix.EFAULT, unix.SYS_READV, fd, 1, 1)
		ERR(unix.EFAULT, unix.SYS_STATX, atFDCWD, P("f"), 0, unix.STATX_BASIC_STATS, 1)
		ERR(unix.EFAULT, unix.SYS_GETDENTS64, d, 1, 64)
		EQ(0, unix.SYS_CLOSE, d)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("errors_einval", func() {
		buf := Buf(make([]byte, 64))
		v := iov(make([]byte, 1))
		_, st := New[unix.Stat_t]()
		_, params := New[uringParams]()
		h := newHandle(0)
		_, mountID := New[int32]()
		minus1 := ^uintptr(0)
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY, 0))
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P(""), unix.O_RDONLY|unix.O_DIRECTORY, 0))
		null := uintptr(OK(unix.SYS_OPENAT, atFDCWD, S("/dev/null"), unix.O_WRONLY, 0))
		ERR(unix.EINVAL, unix.SYS_DUP3, fd, fd, 0)
		ERR(unix.EINVAL, unix.SYS_DUP3, fd, 230, 1)
		ERR(unix.EINVAL, unix.SYS_FCNTL, fd, 9999, 0)
		ERR(unix.EINVAL, unix.SYS_FTRUNCATE, fd, 0)
		ERR(unix.EBADF, unix.SYS_PWRITE64, fd, S("x"), 1, 0)
		ERR(unix.EINVAL, unix.SYS_READV, fd, v, minus1)
		ERR(unix.EINVAL, unix.SYS_PREADV, fd, v, 1, minus1, minus1)
		ERR(unix.EOPNOTSUPP, unix.SYS_PREADV2, fd, v, 1, 0, 0, 0x80000000)
		ERR(unix.EBADF, unix.SYS_PWRITEV, fd, v, 1, 0, 0)
		ERR(unix.EBADF, unix.SYS_PWRITEV2, fd, v, 1, 0, 0, 0)
		ERR(unix.EINVAL, unix.SYS_SYNC_FILE_RANGE, fd, 0, 0, 0x8)
		ERR(unix.EINVAL, unix.SYS_GETDENTS64, d, buf, 1)
		ERR(unix.EINVAL, unix.SYS_FSYNC, null)
		ERR(unix.EINVAL, unix.SYS_FDATASYNC, null)
		ERR(unix.EINVAL, unix.SYS_NEWFSTATAT, atFDCWD, P("f"), st, 0x1)
		ERR(unix.EINVAL, unix.SYS_STATX, atFDCWD, P("f"), 0, 0x80000000, buf)
		ERR(unix.EINVAL, unix.SYS_FACCESSAT, atFDCWD, P("f"), 0x8)
		ERR(unix.EINVAL, unix.SYS_FACCESSAT2, atFDCWD, P("f"), unix.R_OK, 0x1)
		ERR(unix.EINVAL, unix.SYS_READLINKAT, atFDCWD, P("f"), buf, 64)
		ERR(unix.EINVAL, unix.SYS_CLOSE_RANGE, 260, 250, 0)
		ERR(unix.EINVAL, unix.SYS_NAME_TO_HANDLE_AT, atFDCWD, P("f"), h, mountID, 0x4)
		ERR(unix.EINVAL, unix.SYS_OPEN_BY_HANDLE_AT, d, h, unix.O_RDONLY)
		ERR(unix.EINVAL, unix.SYS_IO_URING_SETUP, 0, params)
		ERR(unix.EOPNOTSUPP, unix.SYS_IO_URING_ENTER, fd, 0, 0, 0, 0, 0)
		ERR(unix.EOPNOTSUPP, unix.SYS_IO_URING_REGISTER, fd, registerFiles, 0, 0)
		EQ(0, unix.SYS_CLOSE, null)
		EQ(0, unix.SYS_CLOSE, d)
		EQ(0, unix.SYS_CLOSE, fd)
	})
}
