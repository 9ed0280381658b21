#include "workload.h"

#include <signal.h>
#include <sys/fanotify.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

/* fds with no path, named as /proc names them. Fixed high fds (240+) would
 * not do here: the kernel picks the numbers, which the harness compares
 * by identity. */

SCENARIO(fd_pipe)
{
	int fds[2];
	char buf[8];

	int more[2];

	EQ(syscall(SYS_pipe2, fds, (long)O_CLOEXEC), 0);
	EQ(syscall(SYS_write, (long)fds[1], "ab", 2L), 2);
	EQ(syscall(SYS_read, (long)fds[0], buf, 8L), 2);
	EQ(syscall(SYS_pipe, more), 0);
	EQ(syscall(SYS_close, (long)more[0]), 0);
	EQ(syscall(SYS_close, (long)more[1]), 0);
	EQ(syscall(SYS_close, (long)fds[1]), 0);
	EQ(syscall(SYS_close, (long)fds[0]), 0);
}

SCENARIO(fd_socketpair)
{
	int sv[2];
	char buf[8];

	EQ(syscall(SYS_socketpair, (long)AF_UNIX, (long)(SOCK_STREAM | SOCK_CLOEXEC), 0L, sv), 0);
	EQ(syscall(SYS_write, (long)sv[0], "xyz", 3L), 3);
	EQ(syscall(SYS_read, (long)sv[1], buf, 8L), 3);
	EQ(syscall(SYS_close, (long)sv[0]), 0);
	EQ(syscall(SYS_close, (long)sv[1]), 0);
}

SCENARIO(fd_memfd)
{
	long fd = OK(syscall(SYS_memfd_create, "ior-mem", (long)MFD_CLOEXEC));

	EQ(syscall(SYS_write, fd, "abc", 3L), 3);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(fd_anon)
{
	static const unsigned long long one = 1;
	unsigned long long mask = 0, got;
	long fds[12];
	int n = 0;

	fds[n] = OK(syscall(SYS_eventfd2, 0L, (long)O_CLOEXEC));
	EQ(syscall(SYS_write, fds[n], &one, 8L), 8);
	EQ(syscall(SYS_read, fds[n], &got, 8L), 8);
	n++;
	fds[n++] = OK(syscall(SYS_eventfd, 0L));
	fds[n++] = OK(syscall(SYS_epoll_create1, (long)O_CLOEXEC));
	fds[n++] = OK(syscall(SYS_epoll_create, 1L));
	fds[n++] = OK(syscall(SYS_timerfd_create, (long)CLOCK_MONOTONIC, (long)O_CLOEXEC));
	fds[n++] = OK(syscall(SYS_signalfd4, -1L, &mask, 8L, (long)O_CLOEXEC));
	fds[n++] = OK(syscall(SYS_inotify_init1, (long)O_CLOEXEC));
	fds[n++] = OK(syscall(SYS_inotify_init));
	fds[n++] = OK(syscall(SYS_pidfd_open, (long)getpid(), 0L));
	fds[n++] = OK(syscall(SYS_fanotify_init, (long)(FAN_CLASS_NOTIF | FAN_CLOEXEC), (long)O_RDONLY));
	fds[n++] = OK(syscall(SYS_userfaultfd, (long)O_CLOEXEC));
	for (int i = n - 1; i >= 0; i--)
		EQ(syscall(SYS_close, fds[i]), 0);
}

SCENARIO(fd_accept)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	long l, c, s;

	strncpy(a.sun_path, P("sock"), sizeof(a.sun_path) - 1);
	l = OK(syscall(SYS_socket, (long)AF_UNIX, (long)(SOCK_STREAM | SOCK_CLOEXEC), 0L));
	c = OK(syscall(SYS_socket, (long)AF_UNIX, (long)SOCK_STREAM, 0L));
	EQ(syscall(SYS_bind, l, &a, (long)sizeof(a)), 0);
	EQ(syscall(SYS_listen, l, 1L), 0);
	EQ(syscall(SYS_connect, c, &a, (long)sizeof(a)), 0);
	s = OK(syscall(SYS_accept4, l, 0L, 0L, (long)SOCK_CLOEXEC));
	EQ(syscall(SYS_write, c, "hi", 2L), 2);
	EQ(syscall(SYS_close, s), 0);
	EQ(syscall(SYS_close, c), 0);
	EQ(syscall(SYS_close, l), 0);
}

SCENARIO(fd_errors)
{
	unsigned long long mask = 0;
	int sv[2];

	ERR(syscall(SYS_pipe2, 1L, 0L), EFAULT);
	ERR(syscall(SYS_pipe2, sv, 0x1234L), EINVAL);
	ERR(syscall(SYS_socket, (long)AF_UNIX, 9999L, 0L), EINVAL);
	ERR(syscall(SYS_socketpair, (long)AF_INET, (long)SOCK_STREAM, 0L, sv), EOPNOTSUPP);
	ERR(syscall(SYS_eventfd2, 0L, 0x1234L), EINVAL);
	ERR(syscall(SYS_memfd_create, "x", 0xff00L), EINVAL);
	ERR(syscall(SYS_epoll_create1, 0x1234L), EINVAL);
	ERR(syscall(SYS_timerfd_create, 9999L, 0L), EINVAL);
	ERR(syscall(SYS_inotify_init1, 0x1234L), EINVAL);
	ERR(syscall(SYS_pidfd_open, -1L, 0L), EINVAL);
	ERR(syscall(SYS_accept4, 9999L, 0L, 0L, 0L), EBADF);
	ERR(syscall(SYS_epoll_create, 0L), EINVAL);
	ERR(syscall(SYS_signalfd4, 9999L, &mask, 8L, 0x1234L), EINVAL);
	ERR(syscall(SYS_fanotify_init, 0xffff0000L, 0L), EINVAL);
	ERR(syscall(SYS_userfaultfd, 0x1234L), EINVAL);
	ERR(syscall(SYS_pipe, 1L), EFAULT);
	ERR(syscall(SYS_accept, 9999L, 0L, 0L), EBADF);
}
