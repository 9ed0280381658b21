#include "workload.h"
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/wait.h>

/* fcntl's lock commands pass a struct flock pointer, which ior records as
 * fcntl's mode argument: it lives on a page mapped at a fixed address at
 * start-up (before any tracing), so the pointer is the same in C and Go. */
#define LOCK_PAGE 0x100000400000L

static struct flock *fl = (struct flock *)LOCK_PAGE;

__attribute__((constructor)) static void map_lock_page(void)
{
	EQ(syscall(SYS_mmap, LOCK_PAGE, 4096L, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1L, 0L),
	   LOCK_PAGE);
}

static void set_lock(short type, short whence, long start, long len, int pid)
{
	memset(fl, 0, sizeof(*fl));
	fl->l_type = type;
	fl->l_whence = whence;
	fl->l_start = start;
	fl->l_len = len;
	fl->l_pid = pid;
}

SCENARIO(fcntl_setlk)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	set_lock(F_WRLCK, SEEK_SET, 0, 10, 0);
	EQ(syscall(SYS_fcntl, fd, F_SETLK, fl), 0);
	/* A process's own locks never conflict with it. */
	set_lock(F_RDLCK, SEEK_SET, 0, 0, 0);
	EQ(syscall(SYS_fcntl, fd, F_GETLK, fl), 0);
	EQ(fl->l_type, F_UNLCK);
	set_lock(F_UNLCK, SEEK_SET, 0, 0, 0);
	EQ(syscall(SYS_fcntl, fd, F_SETLKW, fl), 0);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(fcntl_ofd_lock)
{
	long a = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	long b = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	set_lock(F_WRLCK, SEEK_SET, 0, 0, 0);
	EQ(syscall(SYS_fcntl, a, F_OFD_SETLK, fl), 0);
	/* Open file description locks conflict across descriptions, even
	 * within one process. */
	EQ(syscall(SYS_fcntl, b, F_OFD_GETLK, fl), 0);
	EQ(fl->l_type, F_WRLCK);
	set_lock(F_WRLCK, SEEK_SET, 0, 0, 0);
	ERR(syscall(SYS_fcntl, b, F_OFD_SETLK, fl), EAGAIN);
	set_lock(F_UNLCK, SEEK_SET, 0, 0, 0);
	EQ(syscall(SYS_fcntl, a, F_OFD_SETLKW, fl), 0);
	set_lock(F_WRLCK, SEEK_SET, 0, 0, 0);
	EQ(syscall(SYS_fcntl, b, F_OFD_SETLKW, fl), 0);
	EQ(syscall(SYS_close, b), 0);
	EQ(syscall(SYS_close, a), 0);
}

SCENARIO(fcntl_lock_errors)
{
	long ro = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	set_lock(F_RDLCK, SEEK_SET, 0, 0, 0);
	ERR(syscall(SYS_fcntl, 9999, F_SETLK, fl), EBADF);
	ERR(syscall(SYS_fcntl, ro, F_GETLK, (void *)8), EFAULT);
	set_lock(F_WRLCK, SEEK_SET, 0, 0, 0);
	ERR(syscall(SYS_fcntl, ro, F_SETLK, fl), EBADF);
	set_lock(99, SEEK_SET, 0, 0, 0);
	ERR(syscall(SYS_fcntl, ro, F_SETLK, fl), EINVAL);
	set_lock(F_RDLCK, 99, 0, 0, 0);
	ERR(syscall(SYS_fcntl, ro, F_SETLK, fl), EINVAL);
	set_lock(F_RDLCK, SEEK_SET, 0, 0, 1);
	ERR(syscall(SYS_fcntl, ro, F_OFD_SETLK, fl), EINVAL);
	EQ(syscall(SYS_close, ro), 0);
}

SCENARIO(flock)
{
	long a = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	long b = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	EQ(syscall(SYS_flock, a, LOCK_SH), 0);
	EQ(syscall(SYS_flock, b, LOCK_SH | LOCK_NB), 0);
	ERR(syscall(SYS_flock, a, LOCK_EX | LOCK_NB), EAGAIN);
	EQ(syscall(SYS_flock, b, LOCK_UN), 0);
	EQ(syscall(SYS_flock, a, LOCK_EX | LOCK_NB), 0);
	ERR(syscall(SYS_flock, b, LOCK_SH | LOCK_NB), EAGAIN);
	/* Closing the last fd of a description releases its lock. */
	EQ(syscall(SYS_close, a), 0);
	EQ(syscall(SYS_flock, b, LOCK_SH), 0);
	EQ(syscall(SYS_close, b), 0);
}

SCENARIO(flock_errors)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDONLY, 0));
	long path = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_PATH, 0));
	ERR(syscall(SYS_flock, 9999, LOCK_SH), EBADF);
	ERR(syscall(SYS_flock, path, LOCK_SH), EBADF);
	ERR(syscall(SYS_flock, fd, 0), EINVAL);
	ERR(syscall(SYS_flock, fd, LOCK_NB), EINVAL);
	EQ(syscall(SYS_close, path), 0);
	EQ(syscall(SYS_close, fd), 0);
}

/* F_GETLK reports a conflicting lock held by another process: a forked
 * child takes a write lock, the parent asks for a read lock's conflict
 * and gets the child's lock and pid (what the kernel wrote at exit). */
SCENARIO(fcntl_getlk_child)
{
	int ready[2], gate[2];
	char b;
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	long pid;
	int st;

	EQ(syscall(SYS_pipe2, ready, 0), 0);
	EQ(syscall(SYS_pipe2, gate, 0), 0);
	set_lock(F_WRLCK, SEEK_SET, 0, 10, 0);
	pid = OK(syscall(SYS_fork));
	if (pid == 0) {
		marker(".ior-begin-t1");
		if (syscall(SYS_fcntl, fd, F_SETLK, fl) != 0 || syscall(SYS_write, (long)ready[1], "r", 1L) != 1 ||
		    syscall(SYS_read, (long)gate[0], &b, 1L) != 1)
			syscall(SYS_exit_group, 1L);
		marker(".ior-end-t1");
		syscall(SYS_exit_group, 0L);
	}
	EQ(syscall(SYS_read, (long)ready[0], &b, 1L), 1);
	set_lock(F_RDLCK, SEEK_SET, 0, 0, 0);
	EQ(syscall(SYS_fcntl, fd, F_GETLK, fl), 0);
	EQ(fl->l_type, F_WRLCK);
	EQ(fl->l_pid, pid);
	EQ(syscall(SYS_write, (long)gate[1], "g", 1L), 1);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail(__FILE__, __LINE__, "the locking child", -1, errno, "exit 0");
	EQ(syscall(SYS_close, (long)gate[1]), 0);
	EQ(syscall(SYS_close, (long)gate[0]), 0);
	EQ(syscall(SYS_close, (long)ready[1]), 0);
	EQ(syscall(SYS_close, (long)ready[0]), 0);
	EQ(syscall(SYS_close, fd), 0);
}
