#include "workload.h"

SCENARIO(fcntl_dupfd)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_fcntl, fd, F_DUPFD, 240), 240);
	EQ(syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 240), 241);
	EQ(syscall(SYS_fcntl, 240, F_GETFD, 0), 0);
	EQ(syscall(SYS_fcntl, 241, F_GETFD, 0), FD_CLOEXEC);
	EQ(syscall(SYS_write, 241, "x", 1), 1);
	EQ(syscall(SYS_close, 241), 0);
	EQ(syscall(SYS_close, 240), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(fcntl_append)
{
	char c;
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_WRONLY, 0));
	EQ(syscall(SYS_fcntl, fd, F_SETFL, O_APPEND), 0);
	EQ(syscall(SYS_write, fd, "z", 1), 1);
	ERR(syscall(SYS_pread64, fd, &c, 1, 0), EBADF);
	EQ(syscall(SYS_close, fd), 0);
}
