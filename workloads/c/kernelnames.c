/* Names the kernel gives: files renamed or unlinked while open, a dirfd
 * whose directory was renamed, an fd that holds no file. ior names each
 * call's file as /proc/PID/fd names it when the call runs. */
#include "workload.h"
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/wait.h>

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

/* The directory above an open file is renamed by a call ior does not
 * trace (-syscalls leaves rename out): the names walked before it are
 * stale all the same. */
SCENARIO(rename_dir_untraced)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("d/x"), O_WRONLY | O_CREAT, 0644));

	EQ(syscall(SYS_write, fd, "a", 1), 1);
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

/* chroot: an absolute path starts at the new root; a dirfd opened before
 * still reaches outside it (the escape); fchdir to the old root and
 * chroot(".") end it. */
SCENARIO(chroot_escape)
{
	long r = OK(syscall(SYS_openat, AT_FDCWD, "/", O_RDONLY | O_DIRECTORY, 0));
	long d = OK(syscall(SYS_openat, AT_FDCWD, P(""), O_RDONLY | O_DIRECTORY, 0));
	long in, out;
	char b[4];

	EQ(syscall(SYS_chroot, P("jail")), 0);
	in = OK(syscall(SYS_openat, AT_FDCWD, "/in", O_RDONLY, 0));
	EQ(syscall(SYS_read, in, b, sizeof(b)), 1);
	out = OK(syscall(SYS_openat, d, "out", O_RDONLY, 0));
	EQ(syscall(SYS_read, out, b, sizeof(b)), 1);
	EQ(syscall(SYS_fchdir, r), 0);
	EQ(syscall(SYS_chroot, "."), 0);
	EQ(syscall(SYS_close, out), 0);
	EQ(syscall(SYS_close, in), 0);
	EQ(syscall(SYS_close, d), 0);
	EQ(syscall(SYS_close, r), 0);
}

/* A thread with a cwd of its own (unshare(CLONE_FS)): its chdir moves
 * its cwd only. */
static void *own_cwd(void *unused)
{
	long fd;

	(void)unused;
	marker(".ior-begin-t1");
	EQ(syscall(SYS_unshare, CLONE_FS), 0);
	EQ(syscall(SYS_chdir, "sub"), 0);
	fd = OK(syscall(SYS_openat, AT_FDCWD, "f", O_WRONLY | O_CREAT, 0644));
	EQ(syscall(SYS_close, fd), 0);
	marker(".ior-end-t1");
	return NULL;
}

SCENARIO(cwd_unshare)
{
	pthread_t t;
	long fd;

	EQ(syscall(SYS_chdir, P("")), 0);
	if (pthread_create(&t, NULL, own_cwd, NULL) || pthread_join(t, NULL))
		fail(__FILE__, __LINE__, "pthread", -1, errno, "a thread");
	fd = OK(syscall(SYS_openat, AT_FDCWD, "g", O_WRONLY | O_CREAT, 0644));
	EQ(syscall(SYS_close, fd), 0);
}

/* A child made with CLONE_FS shares its parent's cwd: its chdir moves
 * the parent's too. */
SCENARIO(cwd_clone_fs)
{
	long pid, fd;

	EQ(syscall(SYS_chdir, P("")), 0);
	pid = OK(syscall(SYS_clone, CLONE_FS | SIGCHLD, 0L, 0L, 0L, 0L));
	if (pid == 0) {
		marker(".ior-begin-t1");
		EQ(syscall(SYS_chdir, "sub"), 0);
		marker(".ior-end-t1");
		syscall(SYS_exit_group, 0L);
	}
	if (waitpid(pid, 0, 0) != pid)
		fail(__FILE__, __LINE__, "waitpid", -1, errno, "the child");
	fd = OK(syscall(SYS_openat, AT_FDCWD, "g", O_WRONLY | O_CREAT, 0644));
	EQ(syscall(SYS_close, fd), 0);
}

/* Traced with a -syscalls subset that leaves out the calls that name
 * files (openat, mmap, close): the calls it keeps are named all the same. */
SCENARIO(syscalls_subset_names)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	char b[4];
	char *m = (char *)syscall(SYS_mmap, 0L, 4096L, (long)(PROT_READ | PROT_WRITE), (long)MAP_SHARED, fd, 0L);

	if (m == MAP_FAILED)
		fail(__FILE__, __LINE__, "mmap", -1, errno, "a mapping");
	m[0] = 'x';
	EQ(syscall(SYS_msync, m, 4096L, (long)MS_SYNC), 0);
	EQ(syscall(SYS_munmap, m, 4096L), 0);
	EQ(syscall(SYS_pread64, fd, b, 4L, 0L), 4);
	EQ(syscall(SYS_close, fd), 0);
}

/* chroot, pivot_root and unshare refused. */
SCENARIO(root_errors)
{
	ERR(syscall(SYS_chroot, P("missing")), ENOENT);
	ERR(syscall(SYS_pivot_root, P("missing"), P("missing")), ENOENT);
	ERR(syscall(SYS_unshare, 1L), EINVAL);
}

/* A process in a mount namespace of its own (unshare -m) with a bind
 * mount: its names are its own view, marked with its namespace. */
SCENARIO(mount_ns_bind)
{
	long fd;
	char b[4];

	EQ(syscall(SYS_unshare, CLONE_NEWNS), 0);
	EQ(syscall(SYS_mount, "none", "/", 0L, (long)(MS_REC | MS_PRIVATE), 0L), 0);
	EQ(syscall(SYS_mount, P("a"), P("b"), 0L, (long)MS_BIND, 0L), 0);
	fd = OK(syscall(SYS_openat, AT_FDCWD, P("b/x"), O_RDONLY, 0));
	EQ(syscall(SYS_read, fd, b, sizeof(b)), 1);
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_umount2, P("b"), 0L), 0);
}

/* A process in a mount namespace of its own with a tmpfs mounted there
 * alone: the host reaches none of its files, so their names stay in the
 * process's view, marked with its namespace. */
SCENARIO(mount_ns_tmpfs)
{
	long fd;

	EQ(syscall(SYS_unshare, CLONE_NEWNS), 0);
	EQ(syscall(SYS_mount, "none", "/", 0L, (long)(MS_REC | MS_PRIVATE), 0L), 0);
	EQ(syscall(SYS_mount, "ior-tmpfs", P("b"), "tmpfs", 0L, 0L), 0);
	fd = OK(syscall(SYS_openat, AT_FDCWD, P("b/y"), O_WRONLY | O_CREAT, 0644));
	EQ(syscall(SYS_write, fd, "y", 1L), 1);
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_umount2, P("b"), 0L), 0);
}
