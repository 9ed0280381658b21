#include "workload.h"

#include <sys/xattr.h>

/* The *xattrat syscalls (Linux 6.13) are newer than these headers:
 * numbers from arch/x86/entry/syscalls/syscall_64.tbl. */
#ifndef SYS_setxattrat
#define SYS_setxattrat 463
#define SYS_getxattrat 464
#define SYS_listxattrat 465
#define SYS_removexattrat 466
#endif

/* struct xattr_args (include/uapi/linux/xattr.h). */
struct xattr_args_v0 {
	unsigned long long value;
	unsigned int size;
	unsigned int flags;
};

SCENARIO(xattr_path)
{
	char buf[100];
	EQ(syscall(SYS_setxattr, P("f"), "user.a", "hello", 5, XATTR_CREATE), 0);
	ERR(syscall(SYS_setxattr, P("f"), "user.a", "hello", 5, XATTR_CREATE), EEXIST);
	EQ(syscall(SYS_getxattr, P("f"), "user.a", buf, sizeof(buf)), 5);
	ERR(syscall(SYS_getxattr, P("f"), "user.a", buf, 1), ERANGE);
	EQ(syscall(SYS_listxattr, P("f"), buf, sizeof(buf)), 7);
	ERR(syscall(SYS_listxattr, P("f"), buf, 1), ERANGE);
	EQ(syscall(SYS_removexattr, P("f"), "user.a"), 0);
	ERR(syscall(SYS_getxattr, P("f"), "user.a", buf, sizeof(buf)), ENODATA);
	ERR(syscall(SYS_removexattr, P("f"), "user.a"), ENODATA);
	ERR(syscall(SYS_setxattr, P("f"), "user.b", "x", 1, XATTR_REPLACE), ENODATA);
	EQ(syscall(SYS_listxattr, P("f"), buf, sizeof(buf)), 0);
}

/* User attributes are allowed only on regular files and directories: on
 * the symlink itself the l* forms fail. */
SCENARIO(xattr_symlink)
{
	char buf[100];
	EQ(syscall(SYS_lsetxattr, P("f"), "user.a", "v", 1, 0), 0);
	EQ(syscall(SYS_lgetxattr, P("f"), "user.a", buf, sizeof(buf)), 1);
	EQ(syscall(SYS_llistxattr, P("f"), buf, sizeof(buf)), 7);
	EQ(syscall(SYS_getxattr, P("l"), "user.a", buf, sizeof(buf)), 1);
	ERR(syscall(SYS_lsetxattr, P("l"), "user.a", "v", 1, 0), EPERM);
	ERR(syscall(SYS_lgetxattr, P("l"), "user.a", buf, sizeof(buf)), ENODATA);
	EQ(syscall(SYS_llistxattr, P("l"), buf, sizeof(buf)), 0);
	ERR(syscall(SYS_lremovexattr, P("l"), "user.a"), EPERM);
	EQ(syscall(SYS_lremovexattr, P("f"), "user.a"), 0);
}

SCENARIO(xattr_fd)
{
	char buf[100];
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	EQ(syscall(SYS_fsetxattr, fd, "user.a", "hello", 5, 0), 0);
	EQ(syscall(SYS_fgetxattr, fd, "user.a", buf, sizeof(buf)), 5);
	EQ(syscall(SYS_flistxattr, fd, buf, sizeof(buf)), 7);
	EQ(syscall(SYS_fremovexattr, fd, "user.a"), 0);
	ERR(syscall(SYS_fgetxattr, fd, "user.a", buf, sizeof(buf)), ENODATA);
	ERR(syscall(SYS_fremovexattr, fd, "user.a"), ENODATA);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(xattr_ebadf)
{
	char buf[100];
	ERR(syscall(SYS_fsetxattr, 9999, "user.a", "hello", 5, 0), EBADF);
	ERR(syscall(SYS_fgetxattr, 9999, "user.a", buf, sizeof(buf)), EBADF);
	ERR(syscall(SYS_flistxattr, 9999, buf, sizeof(buf)), EBADF);
	ERR(syscall(SYS_fremovexattr, 9999, "user.a"), EBADF);
}

SCENARIO(xattr_enoent)
{
	char buf[100];
	ERR(syscall(SYS_setxattr, P("missing"), "user.a", "x", 1, 0), ENOENT);
	ERR(syscall(SYS_lsetxattr, P("missing"), "user.a", "x", 1, 0), ENOENT);
	ERR(syscall(SYS_getxattr, P("missing"), "user.a", buf, sizeof(buf)), ENOENT);
	ERR(syscall(SYS_lgetxattr, P("missing"), "user.a", buf, sizeof(buf)), ENOENT);
	ERR(syscall(SYS_listxattr, P("missing"), buf, sizeof(buf)), ENOENT);
	ERR(syscall(SYS_llistxattr, P("missing"), buf, sizeof(buf)), ENOENT);
	ERR(syscall(SYS_removexattr, P("missing"), "user.a"), ENOENT);
	ERR(syscall(SYS_lremovexattr, P("missing"), "user.a"), ENOENT);
}

SCENARIO(xattr_at)
{
	char buf[100];
	struct xattr_args_v0 set = { (unsigned long)"hello", 5, XATTR_CREATE };
	struct xattr_args_v0 get = { (unsigned long)buf, sizeof(buf), 0 };
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("sub"), O_RDONLY | O_DIRECTORY, 0));
	long r = syscall(SYS_setxattrat, d, "f", 0, "user.a", &set, sizeof(set));
	if (r < 0 && errno == ENOSYS)
		unsupported("setxattrat");
	EQ(r, 0);
	EQ(syscall(SYS_getxattrat, d, "f", 0, "user.a", &get, sizeof(get)), 5);
	EQ(syscall(SYS_listxattrat, d, "f", 0, buf, sizeof(buf), 0), 7);
	EQ(syscall(SYS_removexattrat, d, "f", 0, "user.a", 0, 0), 0);
	ERR(syscall(SYS_getxattrat, d, "f", 0, "user.a", &get, sizeof(get)), ENODATA);
	ERR(syscall(SYS_removexattrat, d, "f", 0, "user.a", 0, 0), ENODATA);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(xattrat_errors)
{
	char buf[100];
	struct xattr_args_v0 set = { (unsigned long)"hello", 5, 0 };
	long r = syscall(SYS_setxattrat, AT_FDCWD, P("missing"), 0, "user.a", &set, sizeof(set));
	if (r < 0 && errno == ENOSYS)
		unsupported("setxattrat");
	ERR(r, ENOENT);
	/* usize smaller than the first struct xattr_args. */
	ERR(syscall(SYS_setxattrat, AT_FDCWD, P("f"), 0, "user.a", &set, 8), EINVAL);
	ERR(syscall(SYS_getxattrat, AT_FDCWD, P("missing"), 0, "user.a", &set, sizeof(set)), ENOENT);
	ERR(syscall(SYS_listxattrat, AT_FDCWD, P("f"), 0x1, buf, sizeof(buf), 0), EINVAL);
	ERR(syscall(SYS_removexattrat, AT_FDCWD, P("l"), AT_SYMLINK_NOFOLLOW, "user.a", 0, 0), EPERM);
	ERR(syscall(SYS_removexattrat, 9999, "f", 0, "user.a", 0, 0), EBADF);
}
