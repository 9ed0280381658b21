/* Names the kernel gives: files renamed or unlinked while open, a dirfd
 * whose directory was renamed, an fd that holds no file. ior names each
 * call's file as /proc/PID/fd names it when the call runs. */
#include "workload.h"

/* Log rotation: the file is renamed while a writer has it open. */
SCENARIO(rename_open)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("app.log"), O_WRONLY | O_CREAT | O_APPEND, 0644));

	EQ(syscall(SYS_write, fd, "a", 1), 1);
	EQ(syscall(SYS_rename, P("app.log"), P("app.log.1")), 0);
	EQ(syscall(SYS_write, fd, "b", 1), 1);
	EQ(syscall(SYS_close, fd), 0);
}

/* The directory above an open file is renamed. */
SCENARIO(rename_open_dir)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("d/x"), O_WRONLY | O_CREAT, 0644));

	EQ(syscall(SYS_rename, P("d"), P("e")), 0);
	EQ(syscall(SYS_write, fd, "b", 1), 1);
	EQ(syscall(SYS_close, fd), 0);
}

/* A rename replaces the open file: the fd's file is deleted. */
SCENARIO(rename_replace_open)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("victim"), O_RDONLY, 0));
	char b[4];

	EQ(syscall(SYS_rename, P("other"), P("victim")), 0);
	EQ(syscall(SYS_read, fd, b, sizeof(b)), 1);
	EQ(b[0], 'V');
	EQ(syscall(SYS_close, fd), 0);
}

/* *at calls on a dirfd whose directory was renamed. */
SCENARIO(renamed_dirfd)
{
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("d"), O_RDONLY | O_DIRECTORY, 0));
	long fd;

	EQ(syscall(SYS_rename, P("d"), P("e")), 0);
	fd = OK(syscall(SYS_openat, d, "f", O_WRONLY | O_CREAT, 0644));
	EQ(syscall(SYS_mkdirat, d, "sub", 0755), 0);
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_close, d), 0);
}

/* A call on an fd that holds no file names none. */
SCENARIO(ebadf_names_none)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	char b[4];

	EQ(syscall(SYS_close, fd), 0);
	ERR(syscall(SYS_read, fd, b, sizeof(b)), EBADF);
}
