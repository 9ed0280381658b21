package main

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// pinnedAddr returns the address of a pinned copy of v.
func pinnedAddr[T any](v T) uintptr {
	p, a := New[T]()
	*p = v
	return a
}

// byteAddr returns the address of a struct array's first byte.
func byteAddr[T any](s []T) uintptr {
	return Buf(unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(s[0]))))
}

func init() {
	registerPrepared("chmod", func() func() {
		f, l, empty := P("f"), P("l"), S("")
		return func() {
			EQ(0, unix.SYS_CHMOD, f, 0o600)
			fd := openAt(f, unix.O_RDONLY, 0)
			EQ(0, unix.SYS_FCHMOD, fd, 0o640)
			EQ(0, unix.SYS_FCHMODAT, atFDCWD, f, 0o604)
			if r, e := call(unix.SYS_FCHMODAT2, atFDCWD, f, 0o644, 0); r < 0 && e == unix.ENOSYS {
				Unsupported("fchmodat2")
			} else if r != 0 {
				fail(unix.SYS_FCHMODAT2, r, e, "0")
			}
			EQ(0, unix.SYS_FCHMODAT2, fd, empty, 0o600, unix.AT_EMPTY_PATH)
			// Symlinks have no mode of their own.
			ERR(unix.EOPNOTSUPP, unix.SYS_FCHMODAT2, atFDCWD, l, 0o600, unix.AT_SYMLINK_NOFOLLOW)
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
	registerPrepared("chmod_errors", func() func() {
		f, missing, fx, loop, rel := P("f"), P("missing"), P("f/x"), P("loop"), S("f")
		return func() {
			path := openAt(f, unix.O_PATH, 0)
			ERR(unix.ENOENT, unix.SYS_CHMOD, missing, 0o644)
			ERR(unix.ENOTDIR, unix.SYS_CHMOD, fx, 0o644)
			ERR(unix.ELOOP, unix.SYS_CHMOD, loop, 0o644)
			ERR(unix.EBADF, unix.SYS_FCHMOD, 9999, 0o644)
			ERR(unix.EBADF, unix.SYS_FCHMOD, path, 0o644)
			ERR(unix.EBADF, unix.SYS_FCHMODAT, 9999, rel, 0o644)
			ERR(unix.EINVAL, unix.SYS_FCHMODAT2, atFDCWD, f, 0o644, 1)
			EQ(0, unix.SYS_CLOSE, path)
		}
	})
	registerPrepared("chown", func() func() {
		f, l, empty := P("f"), P("l"), S("")
		return func() {
			EQ(0, unix.SYS_CHOWN, f, 1000, 1000)
			EQ(0, unix.SYS_LCHOWN, l, 1001, 1001)
			fd := openAt(f, unix.O_RDONLY, 0)
			EQ(0, unix.SYS_FCHOWN, fd, 0, 0)
			// -1: leave as is.
			EQ(0, unix.SYS_FCHOWNAT, atFDCWD, f, u(-1), u(-1), 0)
			EQ(0, unix.SYS_FCHOWNAT, atFDCWD, l, 1002, 1002, unix.AT_SYMLINK_NOFOLLOW)
			EQ(0, unix.SYS_FCHOWNAT, fd, empty, 0, 0, unix.AT_EMPTY_PATH)
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
	registerPrepared("chown_errors", func() func() {
		f, missing, fx := P("f"), P("missing"), P("f/x")
		return func() {
			ERR(unix.ENOENT, unix.SYS_CHOWN, missing, 0, 0)
			ERR(unix.ENOTDIR, unix.SYS_LCHOWN, fx, 0, 0)
			ERR(unix.EBADF, unix.SYS_FCHOWN, 9999, 0, 0)
			ERR(unix.EINVAL, unix.SYS_FCHOWNAT, atFDCWD, f, 0, 0, 1)
		}
	})
	registerPrepared("utime", func() func() {
		f, l, sub, g, empty := P("f"), P("l"), P("sub"), S("g"), S("")
		ub := pinnedAddr(unix.Utimbuf{Actime: 1, Modtime: 2})
		tv := byteAddr([]unix.Timeval{{Sec: 1}, {Sec: 2}})
		ts := byteAddr([]unix.Timespec{{Nsec: unix.UTIME_NOW}, {Nsec: unix.UTIME_OMIT}})
		return func() {
			EQ(0, unix.SYS_UTIME, f, 0)
			EQ(0, unix.SYS_UTIME, f, ub)
			EQ(0, unix.SYS_UTIMES, f, tv)
			EQ(0, unix.SYS_FUTIMESAT, atFDCWD, f, 0)
			d := openAt(sub, unix.O_RDONLY|unix.O_DIRECTORY, 0)
			EQ(0, unix.SYS_FUTIMESAT, d, g, tv)
			EQ(0, unix.SYS_UTIMENSAT, atFDCWD, f, ts, 0)
			EQ(0, unix.SYS_UTIMENSAT, atFDCWD, l, 0, unix.AT_SYMLINK_NOFOLLOW)
			EQ(0, unix.SYS_UTIMENSAT, d, empty, 0, unix.AT_EMPTY_PATH)
			EQ(0, unix.SYS_CLOSE, d)
		}
	})
	registerPrepared("utime_errors", func() func() {
		f, missing, fx, rel := P("f"), P("missing"), P("f/x"), S("f")
		badTV := byteAddr([]unix.Timeval{{Sec: 1, Usec: 2000000}, {Sec: 2}})
		return func() {
			ERR(unix.ENOENT, unix.SYS_UTIME, missing, 0)
			ERR(unix.ENOTDIR, unix.SYS_UTIME, fx, 0)
			ERR(unix.EINVAL, unix.SYS_UTIMES, f, badTV)
			ERR(unix.EBADF, unix.SYS_FUTIMESAT, 9999, rel, 0)
			ERR(unix.EINVAL, unix.SYS_UTIMENSAT, atFDCWD, f, 0, 1)
			ERR(unix.EFAULT, unix.SYS_UTIMENSAT, atFDCWD, f, 8, 0)
		}
	})
	registerPrepared("statfs", func() func() {
		dir, f := P(""), P("f")
		_, sb := New[unix.Statfs_t]()
		return func() {
			EQ(0, unix.SYS_STATFS, dir, sb)
			fd := openAt(f, unix.O_RDONLY, 0)
			EQ(0, unix.SYS_FSTATFS, fd, sb)
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
	registerPrepared("statfs_errors", func() func() {
		f, missing := P("f"), P("missing")
		_, sb := New[unix.Statfs_t]()
		return func() {
			ERR(unix.ENOENT, unix.SYS_STATFS, missing, sb)
			ERR(unix.EFAULT, unix.SYS_STATFS, f, 8)
			ERR(unix.EBADF, unix.SYS_FSTATFS, 9999, sb)
		}
	})
	registerPrepared("mknod", func() func() {
		fifo, reg, null, sub, sock := P("fifo"), P("reg"), P("null"), P("sub"), S("sock")
		return func() {
			EQ(0, unix.SYS_MKNOD, fifo, unix.S_IFIFO|0o644, 0)
			EQ(0, unix.SYS_MKNODAT, atFDCWD, reg, unix.S_IFREG|0o600, 0)
			EQ(0, unix.SYS_MKNOD, null, unix.S_IFCHR|0o600, uintptr(unix.Mkdev(1, 3)))
			d := openAt(sub, unix.O_RDONLY|unix.O_DIRECTORY, 0)
			EQ(0, unix.SYS_MKNODAT, d, sock, unix.S_IFSOCK|0o600, 0)
			EQ(0, unix.SYS_CLOSE, d)
		}
	})
	registerPrepared("mknod_errors", func() func() {
		f, d, x, missing, rel := P("f"), P("d"), P("x"), P("missing/x"), S("x")
		return func() {
			fd := openAt(f, unix.O_RDONLY, 0)
			ERR(unix.EEXIST, unix.SYS_MKNOD, f, unix.S_IFREG|0o644, 0)
			ERR(unix.EPERM, unix.SYS_MKNOD, d, unix.S_IFDIR|0o755, 0)
			ERR(unix.EINVAL, unix.SYS_MKNOD, x, 0o170000|0o644, 0)
			ERR(unix.ENOENT, unix.SYS_MKNOD, missing, unix.S_IFIFO|0o644, 0)
			ERR(unix.ENOTDIR, unix.SYS_MKNODAT, fd, rel, unix.S_IFIFO|0o644, 0)
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
	// getcwd's result depends on the directory; "/" is the same in every run.
	registerPrepared("getcwd", func() func() {
		root, dir, buf := S("/"), P(""), Buf(make([]byte, 4096))
		return func() {
			EQ(0, unix.SYS_CHDIR, root)
			EQ(2, unix.SYS_GETCWD, buf, 4096)
			EQ(0, unix.SYS_CHDIR, dir)
		}
	})
	registerPrepared("getcwd_errors", func() func() {
		root, dir, gone, buf := S("/"), P(""), P("gone"), Buf(make([]byte, 4096))
		return func() {
			EQ(0, unix.SYS_CHDIR, root)
			ERR(unix.ERANGE, unix.SYS_GETCWD, buf, 1)
			ERR(unix.EFAULT, unix.SYS_GETCWD, 8, 4096)
			EQ(0, unix.SYS_CHDIR, gone)
			EQ(0, unix.SYS_RMDIR, gone)
			ERR(unix.ENOENT, unix.SYS_GETCWD, buf, 4096)
			EQ(0, unix.SYS_CHDIR, dir)
		}
	})
	registerPrepared("getdents", func() func() {
		dir, buf := P(""), Buf(make([]byte, 4096))
		return func() {
			d := openAt(dir, unix.O_RDONLY|unix.O_DIRECTORY, 0)
			OK(unix.SYS_GETDENTS, d, buf, 4096)
			EQ(0, unix.SYS_GETDENTS, d, buf, 4096)
			EQ(0, unix.SYS_CLOSE, d)
		}
	})
	registerPrepared("getdents_errors", func() func() {
		a, dir, buf := P("a"), P(""), Buf(make([]byte, 4096))
		return func() {
			f := openAt(a, unix.O_RDONLY, 0)
			d := openAt(dir, unix.O_RDONLY|unix.O_DIRECTORY, 0)
			ERR(unix.EBADF, unix.SYS_GETDENTS, 9999, buf, 4096)
			ERR(unix.ENOTDIR, unix.SYS_GETDENTS, f, buf, 4096)
			ERR(unix.EINVAL, unix.SYS_GETDENTS, d, buf, 1)
			ERR(unix.EFAULT, unix.SYS_GETDENTS, d, 8, 4096)
			EQ(0, unix.SYS_CLOSE, d)
			EQ(0, unix.SYS_CLOSE, f)
		}
	})
	// Permission errors: this thread alone drops its effective uid with a
	// raw setresuid (not traced; unix.Setresuid would change every thread),
	// and takes it back at the end. Paths are relative to the scenario
	// directory, as its parent is private to root.
	registerPrepared("meta_eperm", func() func() {
		dir, f, fifo := P(""), S("f"), S("fifo")
		ts := byteAddr([]unix.Timespec{{Sec: 1}, {Sec: 2}})
		return func() {
			EQ(0, unix.SYS_CHDIR, dir)
			EQ(0, unix.SYS_SETRESUID, u(-1), 65534, u(-1))
			ERR(unix.EPERM, unix.SYS_CHMOD, f, 0o600)
			ERR(unix.EPERM, unix.SYS_CHOWN, f, 65534, 65534)
			ERR(unix.EACCES, unix.SYS_UTIMENSAT, atFDCWD, f, 0, 0)
			ERR(unix.EPERM, unix.SYS_UTIMENSAT, atFDCWD, f, ts, 0)
			ERR(unix.EACCES, unix.SYS_MKNOD, fifo, unix.S_IFIFO|0o644, 0)
			EQ(0, unix.SYS_SETRESUID, u(-1), 0, u(-1))
		}
	})
}
