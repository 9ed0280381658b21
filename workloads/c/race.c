/* Not a scenario: "workload-c --race-dup2 DIR N", for the test of calls
 * that race an fd's replacement (integrationtests/race_test.go). A
 * thread reads one byte at offset 0 of fd 100, N times, while another
 * makes fd 100 a copy of DIR/a ("A") and of DIR/b ("B") in turn with
 * dup2; what each read got, the truth of which file it read, is written
 * to DIR/truth in the order of the reads. */
#include "workload.h"
#include <pthread.h>

#define RACE_FD 100L

static volatile int race_stop;
static long race_fds[2];

static void *race_dups(void *unused)
{
	(void)unused;
	while (!race_stop) {
		EQ(syscall(SYS_dup2, race_fds[0], RACE_FD), RACE_FD);
		EQ(syscall(SYS_dup2, race_fds[1], RACE_FD), RACE_FD);
	}
	return NULL;
}

int race_dup2(long n)
{
	char *truth = malloc(n);
	pthread_t t;
	long fd;

	if (!truth)
		fail(__FILE__, __LINE__, "malloc", -1, errno, "memory");
	race_fds[0] = OK(syscall(SYS_openat, AT_FDCWD, P("a"), O_RDONLY, 0));
	race_fds[1] = OK(syscall(SYS_openat, AT_FDCWD, P("b"), O_RDONLY, 0));
	EQ(syscall(SYS_dup2, race_fds[0], RACE_FD), RACE_FD);
	if (pthread_create(&t, NULL, race_dups, NULL))
		fail(__FILE__, __LINE__, "pthread_create", -1, errno, "0");
	for (long i = 0; i < n; i++)
		EQ(syscall(SYS_pread64, RACE_FD, &truth[i], 1L, 0L), 1);
	race_stop = 1;
	pthread_join(t, NULL);
	fd = OK(syscall(SYS_openat, AT_FDCWD, P("truth"), O_WRONLY | O_CREAT | O_TRUNC, 0644));
	EQ(syscall(SYS_write, fd, truth, n), n);
	EQ(syscall(SYS_close, fd), 0);
	return 0;
}

/* "workload-c --race-chdir DIR N": the main thread makes DIR/a its cwd N
 * times with chdir while another thread, sharing the fs_struct (threads
 * do), makes DIR/b its cwd with fchdir, as fast as it can, until then:
 * each chdir's cwd may be moved by the other between the kernel's
 * setting it and the call's return (integrationtests/race_test.go). */
static long race_dirfd;

static void *race_fchdirs(void *unused)
{
	(void)unused;
	while (!race_stop)
		EQ(syscall(SYS_fchdir, race_dirfd), 0);
	return NULL;
}

int race_chdir(long n)
{
	static char a[4096]; /* P's buffers are not per thread */
	pthread_t t;

	snprintf(a, sizeof(a), "%s", P("a"));
	race_dirfd = OK(syscall(SYS_openat, AT_FDCWD, P("b"), O_RDONLY | O_DIRECTORY, 0));
	if (pthread_create(&t, NULL, race_fchdirs, NULL))
		fail(__FILE__, __LINE__, "pthread_create", -1, errno, "0");
	for (long i = 0; i < n; i++)
		EQ(syscall(SYS_chdir, a), 0);
	race_stop = 1;
	pthread_join(t, NULL);
	return 0;
}
