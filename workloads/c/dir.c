#include "workload.h"

SCENARIO(mkdir)
{
	EQ(syscall(SYS_mkdir, P("d1"), 0755), 0);
	EQ(syscall(SYS_mkdirat, AT_FDCWD, P("d2"), 0700), 0);
	ERR(syscall(SYS_mkdir, P("d1"), 0755), EEXIST);
}

SCENARIO(chdir_relative)
{
	EQ(syscall(SYS_chdir, P("sub")), 0);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, "f", O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_chdir, ".."), 0);
	EQ(syscall(SYS_unlink, "sub/f"), 0);
}

SCENARIO(fchdir)
{
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("sub"), O_RDONLY | O_DIRECTORY, 0));
	EQ(syscall(SYS_fchdir, d), 0);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, "g", O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(getdents64)
{
	static char buf[4096];
	long d = OK(syscall(SYS_openat, AT_FDCWD, P(""), O_RDONLY | O_DIRECTORY, 0));
	OK(syscall(SYS_getdents64, d, buf, sizeof(buf)));
	EQ(syscall(SYS_getdents64, d, buf, sizeof(buf)), 0);
	EQ(syscall(SYS_close, d), 0);
}
