/* Mounts moved under an open file, and a root changed by pivot_root:
 * names as the kernel gives them (integrationtests/scenarios_names.go). */
#include "workload.h"
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>

#ifndef MOVE_MOUNT_F_SYMLINKS
#define MOVE_MOUNT_F_SYMLINKS 0x00000001
#endif

/* In a mount namespace of its own: a tmpfs at b (which the host reaches
 * by no path, so names stay in the process's view), a file made on it,
 * then the mount moved to c (mount MS_MOVE) and to d (move_mount): each
 * read is named where the file is now. */
SCENARIO(mount_move_open)
{
	long fd;
	char b[4];

	EQ(syscall(SYS_unshare, CLONE_NEWNS), 0);
	EQ(syscall(SYS_mount, "none", "/", 0L, (long)(MS_REC | MS_PRIVATE), 0L), 0);
	EQ(syscall(SYS_mount, "tmpfs", P("b"), "tmpfs", 0L, 0L), 0);
	fd = OK(syscall(SYS_openat, AT_FDCWD, P("b/x"), O_RDWR | O_CREAT, 0644));
	EQ(syscall(SYS_pwrite64, fd, "X", 1L, 0L), 1);
	EQ(syscall(SYS_pread64, fd, b, sizeof(b), 0L), 1);
	EQ(syscall(SYS_mount, P("b"), P("c"), 0L, (long)MS_MOVE, 0L), 0);
	EQ(syscall(SYS_pread64, fd, b, sizeof(b), 0L), 1);
	EQ(syscall(SYS_move_mount, AT_FDCWD, P("c"), AT_FDCWD, P("d"), (long)MOVE_MOUNT_F_SYMLINKS), 0);
	EQ(syscall(SYS_pread64, fd, b, sizeof(b), 0L), 1);
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_umount2, P("d"), 0L), 0);
}

/* A child in a mount namespace of its own makes new (a bind mount of
 * itself) its root with pivot_root (the old root at /old), then opens
 * /f: named as the kernel names it, in the child's view. */
SCENARIO(pivot_root_open)
{
	long pid;
	int st;

	pid = OK(syscall(SYS_clone, (long)SIGCHLD, 0L, 0L, 0L, 0L));
	if (pid == 0) {
		long fd;
		char b[4];

		marker(".ior-begin-t1");
		EQ(syscall(SYS_unshare, CLONE_NEWNS), 0);
		EQ(syscall(SYS_mount, "none", "/", 0L, (long)(MS_REC | MS_PRIVATE), 0L), 0);
		EQ(syscall(SYS_mount, P("new"), P("new"), 0L, (long)MS_BIND, 0L), 0);
		EQ(syscall(SYS_chdir, P("new")), 0);
		EQ(syscall(SYS_pivot_root, ".", "old"), 0);
		EQ(syscall(SYS_chdir, "/"), 0);
		fd = OK(syscall(SYS_openat, AT_FDCWD, "/f", O_RDONLY, 0));
		EQ(syscall(SYS_pread64, fd, b, sizeof(b), 0L), 1);
		EQ(syscall(SYS_close, fd), 0);
		marker(".ior-end-t1");
		syscall(SYS_exit_group, 0L);
	}
	if (waitpid(pid, &st, 0) != pid || st != 0)
		fail(__FILE__, __LINE__, "waitpid", -1, errno, "the child, exited 0");
}
