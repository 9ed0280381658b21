/* fds, names and directories: error paths, lengths, dirfds. */
#include "workload.h"
#include <sys/ioctl.h>
#include <sys/stat.h>

/* A target fd no process may have: above any RLIMIT_NOFILE. */
#define FD_TOO_BIG 2147483647L

SCENARIO(dup_errors)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	ERR(syscall(SYS_dup2, fd, FD_TOO_BIG), EBADF);
	ERR(syscall(SYS_dup3, fd, FD_TOO_BIG, (long)O_CLOEXEC), EBADF);
	ERR(syscall(SYS_fcntl, fd, (long)F_DUPFD, FD_TOO_BIG), EINVAL);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(fcntl_flags)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR | O_APPEND, 0));
	EQ(syscall(SYS_fcntl, fd, (long)F_GETFL, 0L), 0x8402);
	EQ(syscall(SYS_fcntl, fd, (long)F_SETFD, (long)FD_CLOEXEC), 0);
	EQ(syscall(SYS_fcntl, fd, (long)F_GETFD, 0L), 1);
	EQ(syscall(SYS_fcntl, fd, (long)F_SETFL, (long)O_NONBLOCK), 0);
	EQ(syscall(SYS_fcntl, fd, (long)F_GETFL, 0L), 0x8802);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(close_range_errors)
{
	ERR(syscall(SYS_close_range, 900L, 999L, 8L), EINVAL);
	EQ(syscall(SYS_close_range, 900L, 999L, 0L), 0);
}

SCENARIO(rename_errors)
{
	ERR(syscall(SYS_rename, P("d1"), P("d1/sub/x")), EINVAL);
	ERR(syscall(SYS_rename, P("f"), P("d1")), EISDIR);
	ERR(syscall(SYS_rename, P("d1"), P("f")), ENOTDIR);
	ERR(syscall(SYS_rename, P("d1"), P("d2")), ENOTEMPTY);
	ERR(syscall(SYS_renameat2, AT_FDCWD, P("f"), AT_FDCWD, P("g"), (long)RENAME_EXCHANGE), ENOENT);
	ERR(syscall(SYS_renameat2, AT_FDCWD, P("f"), AT_FDCWD, P("g"), (long)(RENAME_NOREPLACE | RENAME_EXCHANGE)),
	    EINVAL);
}

SCENARIO(renameat_dirfds)
{
	long d1 = OK(syscall(SYS_openat, AT_FDCWD, P("d1"), O_RDONLY | O_DIRECTORY, 0));
	long d2 = OK(syscall(SYS_openat, AT_FDCWD, P("d2"), O_RDONLY | O_DIRECTORY, 0));
	EQ(syscall(SYS_renameat, d1, "a", d2, "b"), 0);
	ERR(syscall(SYS_renameat, d1, "a", d2, "b"), ENOENT);
	EQ(syscall(SYS_close, d2), 0);
	EQ(syscall(SYS_close, d1), 0);
}

SCENARIO(link_errors)
{
	ERR(syscall(SYS_link, P("d"), P("d2")), EPERM);
	ERR(syscall(SYS_link, P("missing"), P("g")), ENOENT);
	ERR(syscall(SYS_linkat, AT_FDCWD, P("f"), AT_FDCWD, P("missing/x"), 0L), ENOENT);
	ERR(syscall(SYS_linkat, AT_FDCWD, P("f"), AT_FDCWD, P("g"), 1L), EINVAL);
}

SCENARIO(link_symlink)
{
	char buf[64];
	EQ(syscall(SYS_linkat, AT_FDCWD, P("l"), AT_FDCWD, P("g"), (long)AT_SYMLINK_FOLLOW), 0);
	EQ(syscall(SYS_linkat, AT_FDCWD, P("l"), AT_FDCWD, P("h"), 0L), 0);
	EQ(syscall(SYS_readlink, P("h"), buf, 64L), 1);
	ERR(syscall(SYS_readlink, P("g"), buf, 64L), EINVAL);
}

SCENARIO(readlink_lengths)
{
	char buf[64];
	EQ(syscall(SYS_readlink, P("l"), buf, 3L), 3);
	EQ(syscall(SYS_readlinkat, AT_FDCWD, P("l"), buf, 64L), 11);
	ERR(syscall(SYS_readlink, P("l"), buf, 0L), EINVAL);
	ERR(syscall(SYS_readlink, P("f"), buf, 64L), EINVAL);
	ERR(syscall(SYS_readlink, P("l"), (void *)1, 64L), EFAULT);
}

SCENARIO(unlink_errors)
{
	ERR(syscall(SYS_unlink, P("d")), EISDIR);
	ERR(syscall(SYS_rmdir, P("f")), ENOTDIR);
	ERR(syscall(SYS_unlinkat, AT_FDCWD, P("f"), 1L), EINVAL);
	ERR(syscall(SYS_unlinkat, AT_FDCWD, P("d"), 0L), EISDIR);
	ERR(syscall(SYS_unlinkat, AT_FDCWD, P("f"), (long)AT_REMOVEDIR), ENOTDIR);
	ERR(syscall(SYS_rmdir, P("d/.")), EINVAL);
	ERR(syscall(SYS_rmdir, P("missing")), ENOENT);
}

SCENARIO(unlink_open)
{
	struct stat st;
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	EQ(syscall(SYS_unlink, P("f")), 0);
	EQ(syscall(SYS_write, fd, "abc", 3L), 3);
	EQ(syscall(SYS_fstat, fd, &st), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(mkdir_errors)
{
	ERR(syscall(SYS_mkdir, P("missing/d"), 0755), ENOENT);
	ERR(syscall(SYS_mkdir, P("f/d"), 0755), ENOTDIR);
	ERR(syscall(SYS_mkdir, P("f"), 0755), EEXIST);
	ERR(syscall(SYS_mkdirat, AT_FDCWD, P(""), 0755), EEXIST);
	ERR(syscall(SYS_mkdir, (void *)1, 0755), EFAULT);
}

SCENARIO(getdents64_lengths)
{
	char buf[4096];
	long d = OK(syscall(SYS_openat, AT_FDCWD, P(""), O_RDONLY | O_DIRECTORY, 0));
	EQ(syscall(SYS_getdents64, d, buf, 24L), 24);
	EQ(syscall(SYS_getdents64, d, buf, 4096L), 48);
	EQ(syscall(SYS_getdents64, d, buf, 4096L), 0);
	EQ(syscall(SYS_lseek, d, 0L, SEEK_SET), 0);
	ERR(syscall(SYS_getdents64, d, buf, 10L), EINVAL);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(ioctl_fd_flags)
{
	int on = 1;
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	EQ(syscall(SYS_ioctl, fd, (long)FIOCLEX, 0L), 0);
	EQ(syscall(SYS_fcntl, fd, (long)F_GETFD, 0L), 1);
	EQ(syscall(SYS_ioctl, fd, (long)FIONCLEX, 0L), 0);
	EQ(syscall(SYS_fcntl, fd, (long)F_GETFD, 0L), 0);
	EQ(syscall(SYS_ioctl, fd, (long)FIONBIO, &on), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(dup2_replace)
{
	long f = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_WRONLY, 0));
	long g = OK(syscall(SYS_openat, AT_FDCWD, P("g"), O_WRONLY, 0));
	EQ(syscall(SYS_dup2, f, g), g);
	EQ(syscall(SYS_write, g, "x", 1L), 1);
	EQ(syscall(SYS_close, g), 0);
	EQ(syscall(SYS_close, f), 0);
}

SCENARIO(fcntl_dupfd_min)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_WRONLY, 0));
	long fd2 = OK(syscall(SYS_fcntl, fd, (long)F_DUPFD, 100L));
	EQ(syscall(SYS_write, fd2, "x", 1L), 1);
	EQ(syscall(SYS_close, fd2), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(open_symlink)
{
	char buf[16];
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("l"), O_RDONLY, 0));
	EQ(syscall(SYS_read, fd, buf, 16L), 4);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(rw_zero)
{
	char buf[1];
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	EQ(syscall(SYS_read, fd, buf, 0L), 0);
	EQ(syscall(SYS_write, fd, "x", 0L), 0);
	EQ(syscall(SYS_pread64, fd, buf, 0L, 100L), 0);
	EQ(syscall(SYS_pwrite64, fd, "x", 0L, 2L), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(dir_dirfd)
{
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("d"), O_RDONLY | O_DIRECTORY, 0));
	EQ(syscall(SYS_mkdirat, d, "sub", 0700L), 0);
	long fd = OK(syscall(SYS_openat, d, "sub/f", O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_unlinkat, d, "sub/f", 0L), 0);
	EQ(syscall(SYS_unlinkat, d, "sub", (long)AT_REMOVEDIR), 0);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(chdir_dotdot)
{
	EQ(syscall(SYS_chdir, P("sub")), 0);
	EQ(syscall(SYS_chdir, ".."), 0);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, "f", O_RDONLY, 0));
	EQ(syscall(SYS_close, fd), 0);
}
