/* Four worker threads, each with its own exact sequence on its own file,
 * bracketed by its own markers (.ior-begin-tN, .ior-end-tN). The barrier
 * (a futex, not traced) holds every close until all workers have opened
 * their files, so no fd number is reused while another thread's events
 * are in flight. */
#include "workload.h"
#include <pthread.h>
#include <sys/stat.h>
#include <sys/uio.h>

static pthread_barrier_t opened;

static void *t1(void *arg)
{
	char buf[4];
	(void)arg;
	marker(".ior-begin-t1");
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("d/t1"), O_CREAT | O_RDWR, 0644));
	EQ(syscall(SYS_write, fd, "abcd", 4L), 4);
	EQ(syscall(SYS_pwrite64, fd, "xyz", 3L, 10L), 3);
	EQ(syscall(SYS_pread64, fd, buf, 4L, 0L), 4);
	pthread_barrier_wait(&opened);
	EQ(syscall(SYS_close, fd), 0);
	marker(".ior-end-t1");
	return NULL;
}

static void *t2(void *arg)
{
	struct iovec v[2] = { { "abc", 3 }, { "def", 3 } };
	(void)arg;
	marker(".ior-begin-t2");
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("d/t2"), O_CREAT | O_WRONLY | O_APPEND, 0600));
	EQ(syscall(SYS_writev, fd, v, 2L), 6);
	EQ(syscall(SYS_fsync, fd), 0);
	EQ(syscall(SYS_fdatasync, fd), 0);
	pthread_barrier_wait(&opened);
	EQ(syscall(SYS_close, fd), 0);
	marker(".ior-end-t2");
	return NULL;
}

static void *t3(void *arg)
{
	struct stat st;
	(void)arg;
	marker(".ior-begin-t3");
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("d/t3"), O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_fchmod, fd, 0640L), 0);
	EQ(syscall(SYS_ftruncate, fd, 100L), 0);
	EQ(syscall(SYS_fstat, fd, &st), 0);
	pthread_barrier_wait(&opened);
	EQ(syscall(SYS_close, fd), 0);
	marker(".ior-end-t3");
	return NULL;
}

static void *t4(void *arg)
{
	(void)arg;
	marker(".ior-begin-t4");
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("d/t4"), O_CREAT | O_RDWR, 0644));
	long fd2 = OK(syscall(SYS_dup, fd));
	EQ(syscall(SYS_lseek, fd2, 7L, (long)SEEK_SET), 7);
	EQ(syscall(SYS_fcntl, fd2, (long)F_GETFD, 0L), 0);
	pthread_barrier_wait(&opened);
	EQ(syscall(SYS_close, fd2), 0);
	EQ(syscall(SYS_close, fd), 0);
	marker(".ior-end-t4");
	return NULL;
}

SCENARIO(threads)
{
	void *(*workers[4])(void *) = { t1, t2, t3, t4 };
	pthread_t th[4];

	EQ(syscall(SYS_mkdir, P("d"), 0755L), 0);
	pthread_barrier_init(&opened, NULL, 4);
	for (int i = 0; i < 4; i++)
		if (pthread_create(&th[i], NULL, workers[i], NULL) != 0)
			fail(__FILE__, __LINE__, "pthread_create", -1, errno, "0");
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	EQ(syscall(SYS_rename, P("d"), P("done")), 0);
}

/* One thread closes its fd, then another opens a file and gets the same
 * number: each thread's events name its own file. */
static void *reuse(void *name)
{
	const char *f = name;
	char begin[32], end[32];

	snprintf(begin, sizeof(begin), ".ior-begin-t%c", f[3] == 'a' ? '1' : '2');
	snprintf(end, sizeof(end), ".ior-end-t%c", f[3] == 'a' ? '1' : '2');
	marker(begin);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P(f), (long)(O_CREAT | O_WRONLY), 0644L));
	EQ(syscall(SYS_write, fd, "x", 1L), 1);
	EQ(syscall(SYS_close, fd), 0);
	marker(end);
	return NULL;
}

SCENARIO(thread_fd_reuse)
{
	pthread_t t;

	EQ(syscall(SYS_mkdir, P("d"), 0755L), 0);
	for (int i = 0; i < 2; i++) {
		if (pthread_create(&t, NULL, reuse, i == 0 ? "d/ta" : "d/tb") || pthread_join(t, NULL))
			fail(__FILE__, __LINE__, "pthread", -1, errno, "a thread");
	}
}
