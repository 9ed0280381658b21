/* File status, access checks, file system status, modes, a FIFO made by
 * mknod. */
#include "workload.h"
#include <sys/stat.h>
#include <sys/vfs.h>

SCENARIO(stat_variants)
{
	struct statx stx;
	struct stat st;
	EQ(syscall(SYS_statx, AT_FDCWD, P("l"), (long)AT_SYMLINK_NOFOLLOW, (long)STATX_BASIC_STATS, &stx), 0);
	EQ(syscall(SYS_statx, AT_FDCWD, P("f"), 0L, (long)STATX_SIZE, &stx), 0);
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("sub"), O_RDONLY | O_DIRECTORY, 0));
	EQ(syscall(SYS_statx, d, "", (long)AT_EMPTY_PATH, (long)STATX_BASIC_STATS, &stx), 0);
	EQ(syscall(SYS_newfstatat, AT_FDCWD, P("l"), &st, (long)AT_SYMLINK_NOFOLLOW), 0);
	ERR(syscall(SYS_newfstatat, d, "x", &st, 0L), ENOENT);
	ERR(syscall(SYS_statx, AT_FDCWD, P("f"), 0x6000L, (long)STATX_BASIC_STATS, &stx), EINVAL);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(access_errors)
{
	ERR(syscall(SYS_access, P("f"), (long)X_OK), EACCES);
	ERR(syscall(SYS_faccessat, AT_FDCWD, P("f"), (long)X_OK), EACCES);
	EQ(syscall(SYS_faccessat2, AT_FDCWD, P("l"), (long)F_OK, (long)AT_SYMLINK_NOFOLLOW), 0);
	ERR(syscall(SYS_access, P("l"), (long)F_OK), ENOENT);
	ERR(syscall(SYS_faccessat2, AT_FDCWD, P("f"), (long)X_OK, (long)AT_EACCESS), EACCES);
}

SCENARIO(statfs_kinds)
{
	struct statfs sf;
	EQ(syscall(SYS_statfs, "/", &sf), 0);
	EQ(syscall(SYS_statfs, "/proc", &sf), 0);
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	EQ(syscall(SYS_fstatfs, p, &sf), 0);
	EQ(syscall(SYS_close, p), 0);
}

SCENARIO(chmod_modes)
{
	EQ(syscall(SYS_chmod, P("f"), 04755L), 0);
	EQ(syscall(SYS_chmod, P("d"), 01777L), 0);
	EQ(syscall(SYS_chmod, P("f"), 0L), 0);
	EQ(syscall(SYS_fchmodat, AT_FDCWD, P("d"), 0700L), 0);
}

SCENARIO(mknod_fifo_use)
{
	char buf[16];
	EQ(syscall(SYS_mknod, P("p"), (long)(S_IFIFO | 0600), 0L), 0);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	EQ(syscall(SYS_write, fd, "fifo", 4L), 4);
	EQ(syscall(SYS_read, fd, buf, 16L), 4);
	EQ(syscall(SYS_close, fd), 0);
}
