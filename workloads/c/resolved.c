/* Two views of a path argument: as passed, and the file the kernel's
 * lookup reached (symlinks and ".." resolved). */
#include "workload.h"
#include <sys/stat.h>

/* Through a symlinked directory: open, read, stat, unlink, rename. */
SCENARIO(resolved_symlink_dir)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("l/f"), O_RDONLY, 0));
	struct stat st;
	char b[4];

	EQ(syscall(SYS_read, fd, b, sizeof(b)), 1);
	EQ(b[0], 'F');
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_newfstatat, AT_FDCWD, P("l/f"), &st, 0), 0);
	EQ(st.st_size, 1);
	EQ(syscall(SYS_unlink, P("l/g")), 0);
	EQ(syscall(SYS_renameat2, AT_FDCWD, P("l/f"), AT_FDCWD, P("l/h"), 0), 0);
}

/* "..": after a symlink, and after a plain directory. */
SCENARIO(resolved_dotdot)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("s/../f"), O_RDONLY, 0));

	EQ(syscall(SYS_close, fd), 0);
	fd = OK(syscall(SYS_openat, AT_FDCWD, P("real/sub/../f"), O_RDONLY, 0));
	EQ(syscall(SYS_close, fd), 0);
}

/* A symlink to a file; O_CREAT through a symlink to a missing file. */
SCENARIO(resolved_symlink_file)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("fl"), O_RDONLY, 0));

	EQ(syscall(SYS_close, fd), 0);
	fd = OK(syscall(SYS_openat, AT_FDCWD, P("nl"), O_WRONLY | O_CREAT, 0644));
	EQ(syscall(SYS_close, fd), 0);
}

/* Lookups that found nothing. */
SCENARIO(resolved_enoent)
{
	struct stat st;

	ERR(syscall(SYS_openat, AT_FDCWD, P("l/missing"), O_RDONLY, 0), ENOENT);
	ERR(syscall(SYS_openat, AT_FDCWD, P("dangling"), O_RDONLY, 0), ENOENT);
	ERR(syscall(SYS_newfstatat, AT_FDCWD, P("l/missing"), &st, 0), ENOENT);
}

/* chdir and chroot through a symlinked directory: the cwd and root the
 * kernel set; a relative open after it. The old root is kept open to
 * leave the chroot (fchdir, chroot(".")). */
SCENARIO(resolved_chdir_chroot)
{
	long r = OK(syscall(SYS_openat, AT_FDCWD, "/", O_RDONLY | O_DIRECTORY, 0));
	long fd;

	EQ(syscall(SYS_chdir, P("l")), 0);
	fd = OK(syscall(SYS_openat, AT_FDCWD, "f", O_RDONLY, 0));
	EQ(syscall(SYS_close, fd), 0);
	ERR(syscall(SYS_chdir, P("l/missing")), ENOENT);
	EQ(syscall(SYS_chroot, P("l")), 0);
	EQ(syscall(SYS_fchdir, r), 0);
	EQ(syscall(SYS_chroot, "."), 0);
	EQ(syscall(SYS_chdir, P("")), 0);
	EQ(syscall(SYS_close, r), 0);
}
