#include "workload.h"

SCENARIO(dup)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_WRONLY, 0644));
	long d = OK(syscall(SYS_dup, fd));
	EQ(syscall(SYS_write, d, "x", 1), 1);
	EQ(syscall(SYS_close, d), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(dup2)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_dup2, fd, 230), 230);
	EQ(syscall(SYS_write, 230, "x", 1), 1);
	EQ(syscall(SYS_close, 230), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(dup3_cloexec)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_dup3, fd, 231, O_CLOEXEC), 231);
	EQ(syscall(SYS_fcntl, 231, F_GETFD, 0), FD_CLOEXEC);
	EQ(syscall(SYS_write, 231, "xy", 2), 2);
	EQ(syscall(SYS_close, 231), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(dup2_self)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_dup2, fd, fd), fd);
	EQ(syscall(SYS_write, fd, "x", 1), 1);
	EQ(syscall(SYS_close, fd), 0);
}
