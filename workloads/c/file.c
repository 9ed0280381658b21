/* Opening files: O_EXCL, O_PATH, openat2's resolve flags, creat over an
 * existing file, stale handles, O_TMPFILE. */
#include "workload.h"
#include <sys/stat.h>

#ifndef RESOLVE_NO_SYMLINKS
#define RESOLVE_NO_SYMLINKS 0x04
#define RESOLVE_BENEATH 0x08
#endif

SCENARIO(open_excl)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_EXCL | O_WRONLY, 0644));
	ERR(syscall(SYS_openat, AT_FDCWD, P("f"), O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	EQ(syscall(SYS_close, fd), 0);
	ERR(syscall(SYS_openat, AT_FDCWD, P("sub"), O_WRONLY, 0), EISDIR);
	ERR(syscall(SYS_open, P("sub"), O_RDWR, 0), EISDIR);
	ERR(syscall(SYS_openat, AT_FDCWD, P("sub"), O_CREAT | O_RDONLY, 0644), EISDIR);
}

SCENARIO(open_path)
{
	char buf[4];
	struct stat st;
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_PATH, 0));
	ERR(syscall(SYS_read, fd, buf, 4L), EBADF);
	EQ(syscall(SYS_fstat, fd, &st), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(openat2_resolve)
{
	/* struct open_how: flags, mode, resolve. */
	unsigned long long beneath[3] = { O_RDONLY, 0, RESOLVE_BENEATH };
	unsigned long long nosym[3] = { O_RDONLY, 0, RESOLVE_NO_SYMLINKS };
	unsigned long long badmode[3] = { O_RDONLY, 0644, 0 };
	unsigned long long plain[3] = { O_RDONLY, 0, 0 };
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("sub"), O_RDONLY | O_DIRECTORY, 0));
	long r = syscall(SYS_openat2, d, "../f", beneath, 24L);
	if (r < 0 && errno == ENOSYS)
		unsupported("openat2");
	ERR(r, EXDEV);
	ERR(syscall(SYS_openat2, AT_FDCWD, P("l"), nosym, 24L), ELOOP);
	ERR(syscall(SYS_openat2, AT_FDCWD, P("f"), badmode, 24L), EINVAL);
	long fd = OK(syscall(SYS_openat2, AT_FDCWD, P("f"), plain, 24L));
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(creat_existing)
{
	long fd = OK(syscall(SYS_creat, P("f"), 0600));
	EQ(syscall(SYS_write, fd, "ab", 2L), 2);
	EQ(syscall(SYS_close, fd), 0);
	ERR(syscall(SYS_creat, P("sub"), 0644), EISDIR);
}

SCENARIO(handle_errors)
{
	struct handle128 h = { .handle_bytes = 0 };
	int mount_id;
	long r = syscall(SYS_name_to_handle_at, AT_FDCWD, P("f"), &h, &mount_id, 0L);
	if (r < 0 && errno == EOPNOTSUPP)
		unsupported("name_to_handle_at");
	ERR(r, EOVERFLOW);
	h.handle_bytes = 128;
	EQ(syscall(SYS_name_to_handle_at, AT_FDCWD, P("f"), &h, &mount_id, 0L), 0);
	EQ(syscall(SYS_unlink, P("f")), 0);
	long d = OK(syscall(SYS_openat, AT_FDCWD, P(""), O_RDONLY | O_DIRECTORY, 0));
	ERR(syscall(SYS_open_by_handle_at, d, &h, O_RDONLY), ESTALE);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(open_tmpfile)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P(""), O_TMPFILE | O_RDWR, 0600));
	EQ(syscall(SYS_write, fd, "tmp", 3L), 3);
	EQ(syscall(SYS_linkat, fd, "", AT_FDCWD, P("named"), AT_EMPTY_PATH), 0);
	EQ(syscall(SYS_close, fd), 0);
}
