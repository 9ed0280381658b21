#include "workload.h"

SCENARIO(truncate)
{
	EQ(syscall(SYS_truncate, P("f"), 3), 0);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_WRONLY, 0));
	EQ(syscall(SYS_ftruncate, fd, 1), 0);
	EQ(syscall(SYS_close, fd), 0);
	ERR(syscall(SYS_truncate, P("missing"), 0), ENOENT);
}
