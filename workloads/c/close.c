#include "workload.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* Fixed high fds (200+) keep these scenarios away from the fds that the Go
 * runtime or noise threads open meanwhile. */

SCENARIO(close_range)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_dup2, fd, 200), 200);
	EQ(syscall(SYS_dup2, fd, 201), 201);
	EQ(syscall(SYS_close_range, 200, 201, 0), 0);
	ERR(syscall(SYS_write, 200, "x", 1), EBADF);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(close_range_cloexec)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_dup2, fd, 210), 210);
	EQ(syscall(SYS_close_range, 210, 210, CLOSE_RANGE_CLOEXEC), 0);
	EQ(syscall(SYS_fcntl, 210, F_GETFD, 0), FD_CLOEXEC);
	EQ(syscall(SYS_close, 210), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(close_twice)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_dup2, fd, 220), 220);
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_close, 220), 0);
	ERR(syscall(SYS_close, 220), EBADF);
}
