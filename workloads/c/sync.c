#include "workload.h"

SCENARIO(sync)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_write, fd, "hello", 5), 5);
	EQ(syscall(SYS_fsync, fd), 0);
	EQ(syscall(SYS_fdatasync, fd), 0);
	EQ(syscall(SYS_sync_file_range, fd, 0, 5, SYNC_FILE_RANGE_WRITE), 0);
	EQ(syscall(SYS_syncfs, fd), 0);
	EQ(syscall(SYS_sync), 0);
	EQ(syscall(SYS_close, fd), 0);
}
