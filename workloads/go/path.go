package main

import "golang.org/x/sys/unix"

// fds, names and directories: error paths, lengths, dirfds.

// fdTooBig is a target fd no process may have: above any RLIMIT_NOFILE.
const fdTooBig = 2147483647

// ioctl requests of include/uapi/asm-generic/ioctls.h that x/sys/unix
// does not name.
const (
	fionbio  = 0x5421
	fionclex = 0x5450
	fioclex  = 0x5451
)

func init() {
	register("dup_errors", func() {
		fd := openAt(P("f"), unix.O_RDONLY, 0)
		ERR(unix.EBADF, unix.SYS_DUP2, fd, fdTooBig)
		ERR(unix.EBADF, unix.SYS_DUP3, fd, fdTooBig, unix.O_CLOEXEC)
		ERR(unix.EINVAL, unix.SYS_FCNTL, fd, unix.F_DUPFD, fdTooBig)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("fcntl_flags", func() {
		fd := openAt(P("f"), unix.O_RDWR|unix.O_APPEND, 0)
		EQ(0x8402, unix.SYS_FCNTL, fd, unix.F_GETFL, 0)
		EQ(0, unix.SYS_FCNTL, fd, unix.F_SETFD, unix.FD_CLOEXEC)
		EQ(1, unix.SYS_FCNTL, fd, unix.F_GETFD, 0)
		EQ(0, unix.SYS_FCNTL, fd, unix.F_SETFL, unix.O_NONBLOCK)
		EQ(0x8802, unix.SYS_FCNTL, fd, unix.F_GETFL, 0)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("close_range_errors", func() {
		ERR(unix.EINVAL, unix.SYS_CLOSE_RANGE, 900, 999, 8)
		EQ(0, unix.SYS_CLOSE_RANGE, 900, 999, 0)
	})
	register("rename_errors", func() {
		ERR(unix.EINVAL, unix.SYS_RENAME, P("d1"), P("d1/sub/x"))
		ERR(unix.EISDIR, unix.SYS_RENAME, P("f"), P("d1"))
		ERR(unix.ENOTDIR, unix.SYS_RENAME, P("d1"), P("f"))
		ERR(unix.ENOTEMPTY, unix.SYS_RENAME, P("d1"), P("d2"))
		ERR(unix.ENOENT, unix.SYS_RENAMEAT2, atFDCWD, P("f"), atFDCWD, P("g"), unix.RENAME_EXCHANGE)
		ERR(unix.EINVAL, unix.SYS_RENAMEAT2, atFDCWD, P("f"), atFDCWD, P("g"), unix.RENAME_NOREPLACE|unix.RENAME_EXCHANGE)
	})
	register("renameat_dirfds", func() {
		d1 := openAt(P("d1"), unix.O_RDONLY|unix.O_DIRECTORY, 0)
		d2 := openAt(P("d2"), unix.O_RDONLY|unix.O_DIRECTORY, 0)
		EQ(0, unix.SYS_RENAMEAT, d1, S("a"), d2, S("b"))
		ERR(unix.ENOENT, unix.SYS_RENAMEAT, d1, S("a"), d2, S("b"))
		EQ(0, unix.SYS_CLOSE, d2)
		EQ(0, unix.SYS_CLOSE, d1)
	})
	register("link_errors", func() {
		ERR(unix.EPERM, unix.SYS_LINK, P("d"), P("d2"))
		ERR(unix.ENOENT, unix.SYS_LINK, P("missing"), P("g"))
		ERR(unix.ENOENT, unix.SYS_LINKAT, atFDCWD, P("f"), atFDCWD, P("missing/x"), 0)
		ERR(unix.EINVAL, unix.SYS_LINKAT, atFDCWD, P("f"), atFDCWD, P("g"), 1)
	})
	register("link_symlink", func() {
		buf := Buf(make([]byte, 64))
		EQ(0, unix.SYS_LINKAT, atFDCWD, P("l"), atFDCWD, P("g"), unix.AT_SYMLINK_FOLLOW)
		EQ(0, unix.SYS_LINKAT, atFDCWD, P("l"), atFDCWD, P("h"), 0)
		EQ(1, unix.SYS_READLINK, P("h"), buf, 64)
		ERR(unix.EINVAL, unix.SYS_READLINK, P("g"), buf, 64)
	})
	register("readlink_lengths", func() {
		buf := Buf(make([]byte, 64))
		EQ(3, unix.SYS_READLINK, P("l"), buf, 3)
		EQ(11, unix.SYS_READLINKAT, atFDCWD, P("l"), buf, 64)
		ERR(unix.EINVAL, unix.SYS_READLINK, P("l"), buf, 0)
		ERR(unix.EINVAL, unix.SYS_READLINK, P("f"), buf, 64)
		ERR(unix.EFAULT, unix.SYS_READLINK, P("l"), 1, 64)
	})
	register("unlink_errors", func() {
		ERR(unix.EISDIR, unix.SYS_UNLINK, P("d"))
		ERR(unix.ENOTDIR, unix.SYS_RMDIR, P("f"))
		ERR(unix.EINVAL, unix.SYS_UNLINKAT, atFDCWD, P("f"), 1)
		ERR(unix.EISDIR, unix.SYS_UNLINKAT, atFDCWD, P("d"), 0)
		ERR(unix.ENOTDIR, unix.SYS_UNLINKAT, atFDCWD, P("f"), unix.AT_REMOVEDIR)
		ERR(unix.EINVAL, unix.SYS_RMDIR, P("d/."))
		ERR(unix.ENOENT, unix.SYS_RMDIR, P("missing"))
	})
	register("unlink_open", func() {
		_, st := New[unix.Stat_t]()
		fd := openAt(P("f"), unix.O_RDWR, 0)
		EQ(0, unix.SYS_UNLINK, P("f"))
		EQ(3, unix.SYS_WRITE, fd, S("abc"), 3)
		EQ(0, unix.SYS_FSTAT, fd, st)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("mkdir_errors", func() {
		ERR(unix.ENOENT, unix.SYS_MKDIR, P("missing/d"), 0o755)
		ERR(unix.ENOTDIR, unix.SYS_MKDIR, P("f/d"), 0o755)
		ERR(unix.EEXIST, unix.SYS_MKDIR, P("f"), 0o755)
		ERR(unix.EEXIST, unix.SYS_MKDIRAT, atFDCWD, P(""), 0o755)
		ERR(unix.EFAULT, unix.SYS_MKDIR, 1, 0o755)
	})
	register("getdents64_lengths", func() {
		buf := Buf(make([]byte, 4096))
		d := openAt(P(""), unix.O_RDONLY|unix.O_DIRECTORY, 0)
		EQ(24, unix.SYS_GETDENTS64, d, buf, 24)
		EQ(48, unix.SYS_GETDENTS64, d, buf, 4096)
		EQ(0, unix.SYS_GETDENTS64, d, buf, 4096)
		EQ(0, unix.SYS_LSEEK, d, 0, unix.SEEK_SET)
		ERR(unix.EINVAL, unix.SYS_GETDENTS64, d, buf, 10)
		EQ(0, unix.SYS_CLOSE, d)
	})
	register("ioctl_fd_flags", func() {
		on := pinnedAddr(int32(1))
		fd := openAt(P("f"), unix.O_RDONLY, 0)
		EQ(0, unix.SYS_IOCTL, fd, fioclex, 0)
		EQ(1, unix.SYS_FCNTL, fd, unix.F_GETFD, 0)
		EQ(0, unix.SYS_IOCTL, fd, fionclex, 0)
		EQ(0, unix.SYS_FCNTL, fd, unix.F_GETFD, 0)
		EQ(0, unix.SYS_IOCTL, fd, fionbio, on)
		EQ(0, unix.SYS_CLOSE, fd)
	})
}

func init() {
	register("dup2_replace", func() {
		f := openAt(P("f"), unix.O_WRONLY, 0)
		g := openAt(P("g"), unix.O_WRONLY, 0)
		EQ(int64(g), unix.SYS_DUP2, f, g)
		EQ(1, unix.SYS_WRITE, g, S("x"), 1)
		EQ(0, unix.SYS_CLOSE, g)
		EQ(0, unix.SYS_CLOSE, f)
	})
	register("fcntl_dupfd_min", func() {
		fd := openAt(P("f"), unix.O_WRONLY, 0)
		fd2 := uintptr(OK(unix.SYS_FCNTL, fd, unix.F_DUPFD, 100))
		EQ(1, unix.SYS_WRITE, fd2, S("x"), 1)
		EQ(0, unix.SYS_CLOSE, fd2)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("open_symlink", func() {
		fd := openAt(P("l"), unix.O_RDONLY, 0)
		EQ(4, unix.SYS_READ, fd, Buf(make([]byte, 16)), 16)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("rw_zero", func() {
		buf := Buf(make([]byte, 1))
		fd := openAt(P("f"), unix.O_RDWR, 0)
		EQ(0, unix.SYS_READ, fd, buf, 0)
		EQ(0, unix.SYS_WRITE, fd, S("x"), 0)
		EQ(0, unix.SYS_PREAD64, fd, buf, 0, 100)
		EQ(0, unix.SYS_PWRITE64, fd, S("x"), 0, 2)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("dir_dirfd", func() {
		d := openAt(P("d"), unix.O_RDONLY|unix.O_DIRECTORY, 0)
		EQ(0, unix.SYS_MKDIRAT, d, S("sub"), 0o700)
		fd := uintptr(OK(unix.SYS_OPENAT, d, S("sub/f"), unix.O_CREAT|unix.O_WRONLY, 0o644))
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(0, unix.SYS_UNLINKAT, d, S("sub/f"), 0)
		EQ(0, unix.SYS_UNLINKAT, d, S("sub"), unix.AT_REMOVEDIR)
		EQ(0, unix.SYS_CLOSE, d)
	})
	register("chdir_dotdot", func() {
		EQ(0, unix.SYS_CHDIR, P("sub"))
		EQ(0, unix.SYS_CHDIR, S(".."))
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, S("f"), unix.O_RDONLY, 0))
		EQ(0, unix.SYS_CLOSE, fd)
	})
}
