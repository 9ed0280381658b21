/* File size and allocated space, and the page cache: offsets and lengths,
 * error paths. */
#include "workload.h"
#include <linux/falloc.h>

SCENARIO(truncate_lengths)
{
	EQ(syscall(SYS_truncate, P("f"), 4L), 0);
	EQ(syscall(SYS_truncate, P("f"), 8L), 0);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	EQ(syscall(SYS_ftruncate, fd, 6L), 0);
	EQ(syscall(SYS_ftruncate, fd, 0L), 0);
	EQ(syscall(SYS_write, fd, "ab", 2L), 2);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(truncate_errors)
{
	ERR(syscall(SYS_truncate, P("sub"), 0L), EISDIR);
	ERR(syscall(SYS_truncate, P("f"), -1L), EINVAL);
	ERR(syscall(SYS_truncate, P("f/x"), 0L), ENOTDIR);
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	ERR(syscall(SYS_ftruncate, p, 0L), EINVAL);
	long f = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	ERR(syscall(SYS_ftruncate, f, -1L), EINVAL);
	EQ(syscall(SYS_close, f), 0);
	EQ(syscall(SYS_close, p), 0);
}

SCENARIO(fallocate_offsets)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_RDWR, 0644));
	EQ(syscall(SYS_fallocate, fd, 0L, 0L, 4096L), 0);
	EQ(syscall(SYS_fallocate, fd, (long)FALLOC_FL_KEEP_SIZE, 4096L, 8192L), 0);
	EQ(syscall(SYS_fallocate, fd, (long)(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE), 0L, 1024L), 0);
	EQ(syscall(SYS_fallocate, fd, (long)FALLOC_FL_ZERO_RANGE, 1024L, 1024L), 0);
	ERR(syscall(SYS_fallocate, fd, 0L, -1L, 1L), EINVAL);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(fadvise64_offsets)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	EQ(syscall(SYS_fadvise64, fd, 0L, 0L, (long)POSIX_FADV_SEQUENTIAL), 0);
	EQ(syscall(SYS_fadvise64, fd, 2L, 4L, (long)POSIX_FADV_WILLNEED), 0);
	EQ(syscall(SYS_fadvise64, fd, 4096L, 100L, (long)POSIX_FADV_DONTNEED), 0);
	ERR(syscall(SYS_fadvise64, fd, 0L, -1L, (long)POSIX_FADV_NORMAL), EINVAL);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(readahead_offsets)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	EQ(syscall(SYS_readahead, fd, 0L, 10L), 0);
	EQ(syscall(SYS_readahead, fd, 4096L, 4096L), 0);
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("sub"), O_RDONLY | O_DIRECTORY, 0));
	ERR(syscall(SYS_readahead, d, 0L, 10L), EINVAL);
	EQ(syscall(SYS_close, d), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(sync_file_range_offsets)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_write, fd, "hello", 5L), 5);
	EQ(syscall(SYS_sync_file_range, fd, 0L, 5L, (long)SYNC_FILE_RANGE_WRITE), 0);
	EQ(syscall(SYS_sync_file_range, fd, 0L, 0L,
		   (long)(SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER)),
	   0);
	ERR(syscall(SYS_sync_file_range, fd, -1L, 5L, (long)SYNC_FILE_RANGE_WRITE), EINVAL);
	long p = OK(syscall(SYS_openat, AT_FDCWD, P("p"), O_RDWR, 0));
	ERR(syscall(SYS_sync_file_range, p, 0L, 0L, (long)SYNC_FILE_RANGE_WRITE), ESPIPE);
	EQ(syscall(SYS_close, p), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(sync_dir)
{
	long d = OK(syscall(SYS_openat, AT_FDCWD, P(""), O_RDONLY | O_DIRECTORY, 0));
	EQ(syscall(SYS_fsync, d), 0);
	EQ(syscall(SYS_fdatasync, d), 0);
	EQ(syscall(SYS_syncfs, d), 0);
	EQ(syscall(SYS_close, d), 0);
}
