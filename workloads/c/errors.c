/* Error paths of syscalls whose other scenarios only succeed. Bad fds are
 * 9999, a second fd number 230; counts and offsets are passed as long so
 * the registers ior records hold no stray upper bits. */
#include "workload.h"

#include <linux/io_uring.h>
#include <sys/stat.h>
#include <sys/uio.h>

#define BAD 9999L

SCENARIO(errors_ebadf)
{
	char buf[64];
	struct iovec v[1] = { { buf, 1 } };
	struct stat st;
	struct handle128 h = { .handle_bytes = 8 };
	int mount_id;
	ERR(syscall(SYS_dup, BAD), EBADF);
	ERR(syscall(SYS_dup2, BAD, 230L), EBADF);
	ERR(syscall(SYS_dup3, BAD, 230L, 0L), EBADF);
	ERR(syscall(SYS_fcntl, BAD, (long)F_GETFD, 0L), EBADF);
	ERR(syscall(SYS_fchdir, BAD), EBADF);
	ERR(syscall(SYS_fsync, BAD), EBADF);
	ERR(syscall(SYS_fdatasync, BAD), EBADF);
	ERR(syscall(SYS_syncfs, BAD), EBADF);
	ERR(syscall(SYS_sync_file_range, BAD, 0L, 0L, (long)SYNC_FILE_RANGE_WRITE), EBADF);
	ERR(syscall(SYS_ftruncate, BAD, 0L), EBADF);
	ERR(syscall(SYS_fstat, BAD, &st), EBADF);
	ERR(syscall(SYS_getdents64, BAD, buf, (long)sizeof(buf)), EBADF);
	ERR(syscall(SYS_readv, BAD, v, 1L), EBADF);
	ERR(syscall(SYS_preadv, BAD, v, 1L, 0L, 0L), EBADF);
	ERR(syscall(SYS_preadv2, BAD, v, 1L, 0L, 0L, 0L), EBADF);
	ERR(syscall(SYS_pwrite64, BAD, "x", 1L, 0L), EBADF);
	ERR(syscall(SYS_pwritev, BAD, v, 1L, 0L, 0L), EBADF);
	ERR(syscall(SYS_pwritev2, BAD, v, 1L, 0L, 0L, 0L), EBADF);
	ERR(syscall(SYS_io_uring_enter, BAD, 0L, 0L, 0L, 0L, 0L), EBADF);
	ERR(syscall(SYS_io_uring_register, BAD, (long)IORING_REGISTER_FILES, 0L, 0L), EBADF);
	/* A relative name against a dirfd that is not open. */
	ERR(syscall(SYS_openat, BAD, "f", (long)O_RDONLY, 0L), EBADF);
	ERR(syscall(SYS_mkdirat, BAD, "d", 0755L), EBADF);
	ERR(syscall(SYS_newfstatat, BAD, "f", &st, 0L), EBADF);
	ERR(syscall(SYS_statx, BAD, "f", 0L, (long)STATX_BASIC_STATS, buf), EBADF);
	ERR(syscall(SYS_name_to_handle_at, BAD, "f", &h, &mount_id, 0L), EBADF);
	ERR(syscall(SYS_open_by_handle_at, BAD, &h, (long)O_RDONLY), EBADF);
}

SCENARIO(errors_enoent_eexist)
{
	char buf[64];
	struct stat st;
	unsigned long long how[3] = { O_RDONLY, 0, 0 };
	struct handle128 h = { .handle_bytes = 128 };
	int mount_id;
	ERR(syscall(SYS_creat, P("missing/x"), 0644L), ENOENT);
	ERR(syscall(SYS_openat2, AT_FDCWD, P("missing"), how, sizeof(how)), ENOENT);
	ERR(syscall(SYS_lstat, P("missing"), &st), ENOENT);
	ERR(syscall(SYS_newfstatat, AT_FDCWD, P("missing"), &st, 0L), ENOENT);
	ERR(syscall(SYS_statx, AT_FDCWD, P("missing"), 0L, (long)STATX_BASIC_STATS, buf), ENOENT);
	ERR(syscall(SYS_faccessat, AT_FDCWD, P("missing"), (long)F_OK), ENOENT);
	ERR(syscall(SYS_faccessat2, AT_FDCWD, P("missing"), (long)F_OK, 0L), ENOENT);
	ERR(syscall(SYS_chdir, P("missing")), ENOENT);
	ERR(syscall(SYS_mkdirat, AT_FDCWD, P("missing/d"), 0755L), ENOENT);
	ERR(syscall(SYS_linkat, AT_FDCWD, P("missing"), AT_FDCWD, P("b"), 0L), ENOENT);
	ERR(syscall(SYS_readlinkat, AT_FDCWD, P("missing"), buf, (long)sizeof(buf)), ENOENT);
	ERR(syscall(SYS_name_to_handle_at, AT_FDCWD, P("missing"), &h, &mount_id, 0L), ENOENT);
	ERR(syscall(SYS_symlinkat, "", AT_FDCWD, P("l2")), ENOENT);
	ERR(syscall(SYS_symlink, "t", P("f")), EEXIST);
	ERR(syscall(SYS_symlinkat, "t", AT_FDCWD, P("l")), EEXIST);
	ERR(syscall(SYS_linkat, AT_FDCWD, P("f"), AT_FDCWD, P("l"), 0L), EEXIST);
	ERR(syscall(SYS_mkdirat, AT_FDCWD, P("f"), 0755L), EEXIST);
	ERR(syscall(SYS_openat, AT_FDCWD, P("f"), (long)(O_CREAT | O_EXCL | O_WRONLY), 0644L), EEXIST);
}

/* f is a regular file used where a directory is needed. */
SCENARIO(errors_enotdir)
{
	char buf[64];
	struct stat st;
	ERR(syscall(SYS_openat, AT_FDCWD, P("f/x"), (long)O_RDONLY, 0L), ENOTDIR);
	ERR(syscall(SYS_openat, AT_FDCWD, P("f"), (long)(O_RDONLY | O_DIRECTORY), 0L), ENOTDIR);
	ERR(syscall(SYS_chdir, P("f")), ENOTDIR);
	ERR(syscall(SYS_mkdirat, AT_FDCWD, P("f/d"), 0755L), ENOTDIR);
	ERR(syscall(SYS_lstat, P("f/x"), &st), ENOTDIR);
	ERR(syscall(SYS_symlinkat, "t", AT_FDCWD, P("f/l")), ENOTDIR);
	ERR(syscall(SYS_linkat, AT_FDCWD, P("f"), AT_FDCWD, P("f/x"), 0L), ENOTDIR);
	ERR(syscall(SYS_readlinkat, AT_FDCWD, P("f/x"), buf, (long)sizeof(buf)), ENOTDIR);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDONLY, 0L));
	ERR(syscall(SYS_fchdir, fd), ENOTDIR);
	ERR(syscall(SYS_getdents64, fd, buf, (long)sizeof(buf)), ENOTDIR);
	ERR(syscall(SYS_openat, fd, "x", (long)O_RDONLY, 0L), ENOTDIR);
	EQ(syscall(SYS_close, fd), 0);
}

/* a and b are symlinks to each other; l points to f. */
SCENARIO(errors_eloop)
{
	char buf[256];
	struct stat st;
	unsigned long long how[3] = { O_RDONLY | O_NOFOLLOW, 0, 0 };
	ERR(syscall(SYS_openat, AT_FDCWD, P("a"), (long)O_RDONLY, 0L), ELOOP);
	ERR(syscall(SYS_stat, P("a"), &st), ELOOP);
	ERR(syscall(SYS_chdir, P("a")), ELOOP);
	ERR(syscall(SYS_faccessat, AT_FDCWD, P("a/x"), (long)F_OK), ELOOP);
	ERR(syscall(SYS_newfstatat, AT_FDCWD, P("b"), &st, 0L), ELOOP);
	ERR(syscall(SYS_statx, AT_FDCWD, P("b"), 0L, (long)STATX_BASIC_STATS, buf), ELOOP);
	ERR(syscall(SYS_openat, AT_FDCWD, P("l"), (long)(O_RDONLY | O_NOFOLLOW), 0L), ELOOP);
	ERR(syscall(SYS_openat2, AT_FDCWD, P("l"), how, sizeof(how)), ELOOP);
}

/* Names longer than PATH_MAX (5000 bytes) and than NAME_MAX (300), relative
 * to the scenario directory so that the recorded prefix is the same in
 * every run. */
SCENARIO(errors_enametoolong)
{
	static char long_path[5001], long_name[301];
	struct stat st;
	memset(long_path, 'x', 5000);
	memset(long_name, 'y', 300);
	EQ(syscall(SYS_chdir, P("")), 0);
	ERR(syscall(SYS_openat, AT_FDCWD, long_path, (long)O_RDONLY, 0L), ENAMETOOLONG);
	ERR(syscall(SYS_stat, long_path, &st), ENAMETOOLONG);
	ERR(syscall(SYS_mkdir, long_name, 0755L), ENAMETOOLONG);
	ERR(syscall(SYS_openat, AT_FDCWD, long_name, (long)(O_CREAT | O_WRONLY), 0644L), ENAMETOOLONG);
}

/* Pointers to address 1: the kernel faults, and so does ior's read of the
 * path strings. */
SCENARIO(errors_efault)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDONLY, 0L));
	long d = OK(syscall(SYS_openat, AT_FDCWD, P(""), (long)(O_RDONLY | O_DIRECTORY), 0L));
	ERR(syscall(SYS_openat, AT_FDCWD, 1L, (long)O_RDONLY, 0L), EFAULT);
	ERR(syscall(SYS_stat, 1L, 1L), EFAULT);
	ERR(syscall(SYS_symlink, 1L, P("l")), EFAULT);
	ERR(syscall(SYS_fstat, fd, 1L), EFAULT);
	ERR(syscall(SYS_readv, fd, 1L, 1L), EFAULT);
	ERR(syscall(SYS_statx, AT_FDCWD, P("f"), 0L, (long)STATX_BASIC_STATS, 1L), EFAULT);
	ERR(syscall(SYS_getdents64, d, 1L, 64L), EFAULT);
	EQ(syscall(SYS_close, d), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(errors_einval)
{
	char buf[64];
	struct iovec v[1] = { { buf, 1 } };
	struct stat st;
	struct io_uring_params p;
	struct handle128 h = { .handle_bytes = 0 };
	int mount_id;
	memset(&p, 0, sizeof(p));
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDONLY, 0L));
	long d = OK(syscall(SYS_openat, AT_FDCWD, P(""), (long)(O_RDONLY | O_DIRECTORY), 0L));
	long null = OK(syscall(SYS_openat, AT_FDCWD, "/dev/null", (long)O_WRONLY, 0L));
	ERR(syscall(SYS_dup3, fd, fd, 0L), EINVAL);
	ERR(syscall(SYS_dup3, fd, 230L, 1L), EINVAL);
	ERR(syscall(SYS_fcntl, fd, 9999L, 0L), EINVAL);
	ERR(syscall(SYS_ftruncate, fd, 0L), EINVAL);
	ERR(syscall(SYS_pwrite64, fd, "x", 1L, 0L), EBADF);
	ERR(syscall(SYS_readv, fd, v, -1L), EINVAL);
	ERR(syscall(SYS_preadv, fd, v, 1L, -1L, -1L), EINVAL);
	ERR(syscall(SYS_preadv2, fd, v, 1L, 0L, 0L, 0x80000000L), EOPNOTSUPP);
	ERR(syscall(SYS_pwritev, fd, v, 1L, 0L, 0L), EBADF);
	ERR(syscall(SYS_pwritev2, fd, v, 1L, 0L, 0L, 0L), EBADF);
	ERR(syscall(SYS_sync_file_range, fd, 0L, 0L, 0x8L), EINVAL);
	ERR(syscall(SYS_getdents64, d, buf, 1L), EINVAL);
	ERR(syscall(SYS_fsync, null), EINVAL);
	ERR(syscall(SYS_fdatasync, null), EINVAL);
	ERR(syscall(SYS_newfstatat, AT_FDCWD, P("f"), &st, 0x1L), EINVAL);
	ERR(syscall(SYS_statx, AT_FDCWD, P("f"), 0L, 0x80000000L, buf), EINVAL);
	ERR(syscall(SYS_faccessat, AT_FDCWD, P("f"), 0x8L), EINVAL);
	ERR(syscall(SYS_faccessat2, AT_FDCWD, P("f"), (long)R_OK, 0x1L), EINVAL);
	ERR(syscall(SYS_readlinkat, AT_FDCWD, P("f"), buf, (long)sizeof(buf)), EINVAL);
	ERR(syscall(SYS_close_range, 260L, 250L, 0L), EINVAL);
	ERR(syscall(SYS_name_to_handle_at, AT_FDCWD, P("f"), &h, &mount_id, 0x4L), EINVAL);
	ERR(syscall(SYS_open_by_handle_at, d, &h, (long)O_RDONLY), EINVAL);
	ERR(syscall(SYS_io_uring_setup, 0L, &p), EINVAL);
	ERR(syscall(SYS_io_uring_enter, fd, 0L, 0L, 0L, 0L, 0L), EOPNOTSUPP);
	ERR(syscall(SYS_io_uring_register, fd, (long)IORING_REGISTER_FILES, 0L, 0L), EOPNOTSUPP);
	EQ(syscall(SYS_close, null), 0);
	EQ(syscall(SYS_close, d), 0);
	EQ(syscall(SYS_close, fd), 0);
}
