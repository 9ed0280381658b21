#include "workload.h"
#include <sys/stat.h>
#include <linux/stat.h>

#ifndef AT_EACCESS
#define AT_EACCESS 0x200
#endif

SCENARIO(stat)
{
	struct stat st;
	struct statx stx;
	EQ(syscall(SYS_stat, P("f"), &st), 0);
	EQ(syscall(SYS_lstat, P("l"), &st), 0);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	EQ(syscall(SYS_fstat, fd, &st), 0);
	EQ(syscall(SYS_newfstatat, AT_FDCWD, P("f"), &st, 0), 0);
	EQ(syscall(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH), 0);
	EQ(syscall(SYS_statx, AT_FDCWD, P("f"), 0, STATX_BASIC_STATS, &stx), 0);
	ERR(syscall(SYS_stat, P("missing"), &st), ENOENT);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(access)
{
	EQ(syscall(SYS_access, P("f"), R_OK), 0);
	EQ(syscall(SYS_faccessat, AT_FDCWD, P("f"), W_OK), 0);
	long r = syscall(SYS_faccessat2, AT_FDCWD, P("f"), R_OK, AT_EACCESS);
	if (r < 0 && errno == ENOSYS)
		unsupported("faccessat2");
	EQ(r, 0);
	ERR(syscall(SYS_access, P("missing"), F_OK), ENOENT);
}
