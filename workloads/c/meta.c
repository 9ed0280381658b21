#include "workload.h"
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/vfs.h>
#include <utime.h>

#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif

SCENARIO(chmod)
{
	EQ(syscall(SYS_chmod, P("f"), 0600), 0);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	EQ(syscall(SYS_fchmod, fd, 0640), 0);
	EQ(syscall(SYS_fchmodat, AT_FDCWD, P("f"), 0604), 0);
	long r = syscall(SYS_fchmodat2, AT_FDCWD, P("f"), 0644, 0);
	if (r < 0 && errno == ENOSYS)
		unsupported("fchmodat2");
	EQ(r, 0);
	EQ(syscall(SYS_fchmodat2, fd, "", 0600, AT_EMPTY_PATH), 0);
	/* Symlinks have no mode of their own. */
	ERR(syscall(SYS_fchmodat2, AT_FDCWD, P("l"), 0600, AT_SYMLINK_NOFOLLOW), EOPNOTSUPP);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(chmod_errors)
{
	long path = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_PATH, 0));
	ERR(syscall(SYS_chmod, P("missing"), 0644), ENOENT);
	ERR(syscall(SYS_chmod, P("f/x"), 0644), ENOTDIR);
	ERR(syscall(SYS_chmod, P("loop"), 0644), ELOOP);
	ERR(syscall(SYS_fchmod, 9999, 0644), EBADF);
	ERR(syscall(SYS_fchmod, path, 0644), EBADF);
	ERR(syscall(SYS_fchmodat, 9999, "f", 0644), EBADF);
	ERR(syscall(SYS_fchmodat2, AT_FDCWD, P("f"), 0644, 1), EINVAL);
	EQ(syscall(SYS_close, path), 0);
}

SCENARIO(chown)
{
	EQ(syscall(SYS_chown, P("f"), 1000L, 1000L), 0);
	EQ(syscall(SYS_lchown, P("l"), 1001L, 1001L), 0);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	EQ(syscall(SYS_fchown, fd, 0L, 0L), 0);
	/* -1: leave as is. */
	EQ(syscall(SYS_fchownat, AT_FDCWD, P("f"), -1L, -1L, 0), 0);
	EQ(syscall(SYS_fchownat, AT_FDCWD, P("l"), 1002L, 1002L, AT_SYMLINK_NOFOLLOW), 0);
	EQ(syscall(SYS_fchownat, fd, "", 0L, 0L, AT_EMPTY_PATH), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(chown_errors)
{
	ERR(syscall(SYS_chown, P("missing"), 0L, 0L), ENOENT);
	ERR(syscall(SYS_lchown, P("f/x"), 0L, 0L), ENOTDIR);
	ERR(syscall(SYS_fchown, 9999, 0L, 0L), EBADF);
	ERR(syscall(SYS_fchownat, AT_FDCWD, P("f"), 0L, 0L, 1), EINVAL);
}

SCENARIO(utime)
{
	static struct utimbuf ub = { 1, 2 };
	static struct timeval tv[2] = { { 1, 0 }, { 2, 0 } };
	static struct timespec ts[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	EQ(syscall(SYS_utime, P("f"), NULL), 0);
	EQ(syscall(SYS_utime, P("f"), &ub), 0);
	EQ(syscall(SYS_utimes, P("f"), tv), 0);
	EQ(syscall(SYS_futimesat, AT_FDCWD, P("f"), NULL), 0);
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("sub"), O_RDONLY | O_DIRECTORY, 0));
	EQ(syscall(SYS_futimesat, d, "g", tv), 0);
	EQ(syscall(SYS_utimensat, AT_FDCWD, P("f"), ts, 0), 0);
	EQ(syscall(SYS_utimensat, AT_FDCWD, P("l"), NULL, AT_SYMLINK_NOFOLLOW), 0);
	EQ(syscall(SYS_utimensat, d, "", NULL, AT_EMPTY_PATH), 0);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(utime_errors)
{
	static struct timeval bad_tv[2] = { { 1, 2000000 }, { 2, 0 } };
	ERR(syscall(SYS_utime, P("missing"), NULL), ENOENT);
	ERR(syscall(SYS_utime, P("f/x"), NULL), ENOTDIR);
	ERR(syscall(SYS_utimes, P("f"), bad_tv), EINVAL);
	ERR(syscall(SYS_futimesat, 9999, "f", NULL), EBADF);
	ERR(syscall(SYS_utimensat, AT_FDCWD, P("f"), NULL, 1), EINVAL);
	ERR(syscall(SYS_utimensat, AT_FDCWD, P("f"), (void *)8, 0), EFAULT);
}

SCENARIO(statfs)
{
	static struct statfs sb;
	EQ(syscall(SYS_statfs, P(""), &sb), 0);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	EQ(syscall(SYS_fstatfs, fd, &sb), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(statfs_errors)
{
	static struct statfs sb;
	ERR(syscall(SYS_statfs, P("missing"), &sb), ENOENT);
	ERR(syscall(SYS_statfs, P("f"), (void *)8), EFAULT);
	ERR(syscall(SYS_fstatfs, 9999, &sb), EBADF);
}

SCENARIO(mknod)
{
	EQ(syscall(SYS_mknod, P("fifo"), S_IFIFO | 0644, 0L), 0);
	EQ(syscall(SYS_mknodat, AT_FDCWD, P("reg"), S_IFREG | 0600, 0L), 0);
	EQ(syscall(SYS_mknod, P("null"), S_IFCHR | 0600, (long)makedev(1, 3)), 0);
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("sub"), O_RDONLY | O_DIRECTORY, 0));
	EQ(syscall(SYS_mknodat, d, "sock", S_IFSOCK | 0600, 0L), 0);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(mknod_errors)
{
	long f = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	ERR(syscall(SYS_mknod, P("f"), S_IFREG | 0644, 0L), EEXIST);
	ERR(syscall(SYS_mknod, P("d"), S_IFDIR | 0755, 0L), EPERM);
	ERR(syscall(SYS_mknod, P("x"), 0170000 | 0644, 0L), EINVAL);
	ERR(syscall(SYS_mknod, P("missing/x"), S_IFIFO | 0644, 0L), ENOENT);
	ERR(syscall(SYS_mknodat, f, "x", S_IFIFO | 0644, 0L), ENOTDIR);
	EQ(syscall(SYS_close, f), 0);
}

/* getcwd's result depends on the directory; "/" is the same in every run. */
SCENARIO(getcwd)
{
	static char buf[4096];
	EQ(syscall(SYS_chdir, "/"), 0);
	EQ(syscall(SYS_getcwd, buf, 4096L), 2);
	EQ(syscall(SYS_chdir, P("")), 0);
}

SCENARIO(getcwd_errors)
{
	static char buf[4096];
	EQ(syscall(SYS_chdir, "/"), 0);
	ERR(syscall(SYS_getcwd, buf, 1L), ERANGE);
	ERR(syscall(SYS_getcwd, (void *)8, 4096L), EFAULT);
	EQ(syscall(SYS_chdir, P("gone")), 0);
	EQ(syscall(SYS_rmdir, P("gone")), 0);
	ERR(syscall(SYS_getcwd, buf, 4096L), ENOENT);
	EQ(syscall(SYS_chdir, P("")), 0);
}

SCENARIO(getdents)
{
	static char buf[4096];
	long d = OK(syscall(SYS_openat, AT_FDCWD, P(""), O_RDONLY | O_DIRECTORY, 0));
	OK(syscall(SYS_getdents, d, buf, 4096L));
	EQ(syscall(SYS_getdents, d, buf, 4096L), 0);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(getdents_errors)
{
	static char buf[4096];
	long f = OK(syscall(SYS_openat, AT_FDCWD, P("a"), O_RDONLY, 0));
	long d = OK(syscall(SYS_openat, AT_FDCWD, P(""), O_RDONLY | O_DIRECTORY, 0));
	ERR(syscall(SYS_getdents, 9999, buf, 4096L), EBADF);
	ERR(syscall(SYS_getdents, f, buf, 4096L), ENOTDIR);
	ERR(syscall(SYS_getdents, d, buf, 1L), EINVAL);
	ERR(syscall(SYS_getdents, d, (void *)8, 4096L), EFAULT);
	EQ(syscall(SYS_close, d), 0);
	EQ(syscall(SYS_close, f), 0);
}

/* Permission errors: this thread alone drops its effective uid with a raw
 * setresuid (not traced), and takes it back at the end. Paths are
 * relative to the scenario directory, as its parent is private to root. */
SCENARIO(meta_eperm)
{
	static struct timespec ts[2] = { { 1, 0 }, { 2, 0 } };
	EQ(syscall(SYS_chdir, P("")), 0);
	EQ(syscall(SYS_setresuid, -1L, 65534L, -1L), 0);
	ERR(syscall(SYS_chmod, "f", 0600), EPERM);
	ERR(syscall(SYS_chown, "f", 65534L, 65534L), EPERM);
	ERR(syscall(SYS_utimensat, AT_FDCWD, "f", NULL, 0), EACCES);
	ERR(syscall(SYS_utimensat, AT_FDCWD, "f", ts, 0), EPERM);
	ERR(syscall(SYS_mknod, "fifo", S_IFIFO | 0644, 0L), EACCES);
	EQ(syscall(SYS_setresuid, -1L, 0L, -1L), 0);
}
