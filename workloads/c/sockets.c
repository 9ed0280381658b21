#include "workload.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

/* Socket control, readiness waits and inotify watches. Only loopback;
 * ports are the kernel's choice (bind to port 0), read back with
 * getsockname, so that runs side by side never collide. */

static struct sockaddr_in loopback(unsigned short port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* The port a socket is bound to, by getsockname. */
static unsigned short bound_port(long fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	EQ(syscall(SYS_getsockname, fd, &a, &len), 0);
	return ntohs(a.sin_port);
}

SCENARIO(net_tcp)
{
	struct sockaddr_in any = loopback(0), to, peer;
	struct sockaddr_storage ss;
	socklen_t plen = sizeof(ss), olen = sizeof(int);
	int one = 1, val = 0;
	struct pollfd p1[1], p2[2];
	struct timespec zero = { 0, 0 };
	char buf[8];
	long l, c, s, c2;

	l = OK(syscall(SYS_socket, (long)AF_INET, (long)(SOCK_STREAM | SOCK_CLOEXEC), 0L));
	EQ(syscall(SYS_setsockopt, l, (long)SOL_SOCKET, (long)SO_REUSEADDR, &one, (long)sizeof(one)), 0);
	EQ(syscall(SYS_bind, l, &any, (long)sizeof(any)), 0);
	to = loopback(bound_port(l));
	EQ(syscall(SYS_listen, l, 8L), 0);
	c = OK(syscall(SYS_socket, (long)AF_INET, (long)(SOCK_STREAM | SOCK_CLOEXEC), 0L));
	EQ(syscall(SYS_setsockopt, c, (long)IPPROTO_TCP, (long)TCP_NODELAY, &one, (long)sizeof(one)), 0);
	EQ(syscall(SYS_getsockopt, c, (long)IPPROTO_TCP, (long)TCP_NODELAY, &val, &olen), 0);
	EQ(syscall(SYS_connect, c, &to, (long)sizeof(to)), 0);
	s = OK(syscall(SYS_accept4, l, &ss, &plen, (long)SOCK_CLOEXEC));
	plen = sizeof(peer);
	EQ(syscall(SYS_getpeername, c, &peer, &plen), 0);
	EQ(syscall(SYS_write, c, "hi", 2L), 2);
	p1[0] = (struct pollfd){ .fd = (int)s, .events = POLLIN };
	EQ(syscall(SYS_poll, p1, 1L, -1L), 1);
	p2[0] = (struct pollfd){ .fd = (int)s, .events = POLLIN };
	p2[1] = (struct pollfd){ .fd = (int)c, .events = POLLOUT };
	EQ(syscall(SYS_ppoll, p2, 2L, &zero, 0L, 8L), 2);
	EQ(syscall(SYS_read, s, buf, 8L), 2);
	EQ(syscall(SYS_shutdown, c, (long)SHUT_WR), 0);
	c2 = OK(syscall(SYS_socket, (long)AF_INET, (long)(SOCK_STREAM | SOCK_CLOEXEC), 0L));
	ERR(syscall(SYS_bind, c2, &to, (long)sizeof(to)), EADDRINUSE);
	EQ(syscall(SYS_close, c2), 0);
	EQ(syscall(SYS_close, s), 0);
	EQ(syscall(SYS_close, c), 0);
	EQ(syscall(SYS_close, l), 0);
}

/* IPv6 on ::1 (skipped where the kernel has no IPv6 or no ::1), and an
 * address longer than the buffer given for it. */
SCENARIO(net_tcp6)
{
	struct sockaddr_in6 any = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT }, to;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(to), small = 4;
	long l, c, s, r;

	l = syscall(SYS_socket, (long)AF_INET6, (long)(SOCK_STREAM | SOCK_CLOEXEC), 0L);
	if (l < 0 && errno == EAFNOSUPPORT)
		unsupported("socket(AF_INET6)");
	OK(l);
	r = syscall(SYS_bind, l, &any, (long)sizeof(any));
	if (r < 0 && errno == EADDRNOTAVAIL)
		unsupported("bind(::1)");
	EQ(r, 0);
	EQ(syscall(SYS_getsockname, l, &to, &len), 0);
	EQ(syscall(SYS_listen, l, 1L), 0);
	c = OK(syscall(SYS_socket, (long)AF_INET6, (long)(SOCK_STREAM | SOCK_CLOEXEC), 0L));
	EQ(syscall(SYS_connect, c, &to, (long)sizeof(to)), 0);
	len = sizeof(ss);
	s = OK(syscall(SYS_accept4, l, &ss, &len, (long)SOCK_CLOEXEC));
	EQ(syscall(SYS_getsockname, c, &ss, &small), 0); /* 4 of its 28 bytes */
	EQ(syscall(SYS_close, s), 0);
	EQ(syscall(SYS_close, c), 0);
	EQ(syscall(SYS_close, l), 0);
}

/* AF_UNIX: a path, an abstract name, an unnamed peer; an int option. */
SCENARIO(net_unix)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX }, b = { .sun_family = AF_UNIX }, got;
	socklen_t len = sizeof(got), olen = sizeof(int);
	long l, c, s, u;
	int type = 0;

	strncpy(a.sun_path, P("sock"), sizeof(a.sun_path) - 1);
	/* abstract: a NUL, then a name no other process has now */
	snprintf(b.sun_path + 1, sizeof(b.sun_path) - 1, "ior-%010d", (int)getpid());
	l = OK(syscall(SYS_socket, (long)AF_UNIX, (long)(SOCK_STREAM | SOCK_CLOEXEC), 0L));
	EQ(syscall(SYS_bind, l, &a, (long)sizeof(a)), 0);
	EQ(syscall(SYS_listen, l, 1L), 0);
	u = OK(syscall(SYS_socket, (long)AF_UNIX, (long)(SOCK_DGRAM | SOCK_CLOEXEC), 0L));
	EQ(syscall(SYS_bind, u, &b, (long)(offsetof(struct sockaddr_un, sun_path) + 1 + 14)), 0);
	EQ(syscall(SYS_getsockname, u, &got, &len), 0);
	c = OK(syscall(SYS_socket, (long)AF_UNIX, (long)(SOCK_STREAM | SOCK_CLOEXEC), 0L));
	EQ(syscall(SYS_connect, c, &a, (long)sizeof(a)), 0);
	len = sizeof(got);
	s = OK(syscall(SYS_accept, l, &got, &len));
	EQ(syscall(SYS_getsockopt, s, (long)SOL_SOCKET, (long)SO_TYPE, &type, &olen), 0);
	EQ(syscall(SYS_close, s), 0);
	EQ(syscall(SYS_close, c), 0);
	EQ(syscall(SYS_close, u), 0);
	EQ(syscall(SYS_close, l), 0);
}

/* A closed port, a non-socket, no fd, no connection, a bad pointer. */
SCENARIO(net_control_errors)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDONLY, 0L));
	struct sockaddr_in any = loopback(0), to;
	struct sockaddr_in peer;
	socklen_t len = sizeof(peer), olen = sizeof(int);
	int one = 1, val;
	void *untouched;
	long u, k;

	u = OK(syscall(SYS_socket, (long)AF_INET, (long)(SOCK_STREAM | SOCK_CLOEXEC), 0L));
	EQ(syscall(SYS_bind, u, &any, (long)sizeof(any)), 0);
	to = loopback(bound_port(u)); /* bound, not listening: refused */
	k = OK(syscall(SYS_socket, (long)AF_INET, (long)(SOCK_STREAM | SOCK_CLOEXEC), 0L));
	/* An address on a page never touched (anonymous mmap: not traced):
	 * unreadable at entry, read at exit. Zeros: AF_UNSPEC, which
	 * disconnects, a no-op on a socket not connected. */
	untouched = (void *)OK(syscall(SYS_mmap, 0L, 4096L, (long)(PROT_READ | PROT_WRITE), (long)(MAP_PRIVATE | MAP_ANONYMOUS), -1L, 0L));
	EQ(syscall(SYS_connect, k, untouched, (long)sizeof(to)), 0);
	ERR(syscall(SYS_connect, k, &to, (long)sizeof(to)), ECONNREFUSED);
	ERR(syscall(SYS_connect, k, &to, 1L), EINVAL);
	ERR(syscall(SYS_bind, k, 1L, (long)sizeof(to)), EFAULT);
	ERR(syscall(SYS_listen, fd, 1L), ENOTSOCK);
	ERR(syscall(SYS_shutdown, k, (long)SHUT_RDWR), ENOTCONN);
	ERR(syscall(SYS_getpeername, k, &peer, &len), ENOTCONN);
	ERR(syscall(SYS_getsockname, 9999L, &peer, &len), EBADF);
	ERR(syscall(SYS_setsockopt, 9999L, (long)SOL_SOCKET, (long)SO_REUSEADDR, &one, (long)sizeof(one)), EBADF);
	ERR(syscall(SYS_getsockopt, fd, (long)SOL_SOCKET, (long)SO_TYPE, &val, &olen), ENOTSOCK);
	EQ(syscall(SYS_close, k), 0);
	EQ(syscall(SYS_close, u), 0);
	EQ(syscall(SYS_close, fd), 0);
}

/* Readiness on a pipe: poll, ppoll, select, pselect6, epoll. */
SCENARIO(wait_ready)
{
	int fds[2];
	struct pollfd p[1];
	struct timespec zero = { 0, 0 };
	struct timeval tv = { 0, 0 };
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 7 }, out[4];
	fd_set r;
	long ep;

	EQ(syscall(SYS_pipe2, fds, (long)O_CLOEXEC), 0);
	p[0] = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	EQ(syscall(SYS_poll, p, 1L, 0L), 0);
	EQ(syscall(SYS_write, (long)fds[1], "x", 1L), 1);
	EQ(syscall(SYS_ppoll, p, 1L, 0L, 0L, 8L), 1);
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	EQ(syscall(SYS_select, (long)FD_SETSIZE, &r, 0L, 0L, &tv), 1); /* nfds: not an fd number, which differs by language */
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	EQ(syscall(SYS_pselect6, (long)FD_SETSIZE, &r, 0L, 0L, &zero, 0L), 1);
	ep = OK(syscall(SYS_epoll_create1, (long)EPOLL_CLOEXEC));
	EQ(syscall(SYS_epoll_ctl, ep, (long)EPOLL_CTL_ADD, (long)fds[0], &ev), 0);
	EQ(syscall(SYS_epoll_wait, ep, out, 4L, 0L), 1);
	ev.events = EPOLLIN | EPOLLET;
	EQ(syscall(SYS_epoll_ctl, ep, (long)EPOLL_CTL_MOD, (long)fds[0], &ev), 0);
	EQ(syscall(SYS_epoll_pwait, ep, out, 4L, 0L, 0L, 8L), 1);
	EQ(syscall(SYS_epoll_pwait2, ep, out, 4L, &zero, 0L, 8L), 0); /* edge-triggered: reported once */
	EQ(syscall(SYS_epoll_ctl, ep, (long)EPOLL_CTL_DEL, (long)fds[0], 0L), 0);
	EQ(syscall(SYS_close, ep), 0);
	EQ(syscall(SYS_close, (long)fds[1]), 0);
	EQ(syscall(SYS_close, (long)fds[0]), 0);
}

SCENARIO(wait_errors)
{
	struct epoll_event ev = { .events = EPOLLIN }, out[1];
	int fds[2];
	long ep;

	EQ(syscall(SYS_pipe2, fds, (long)O_CLOEXEC), 0);
	ep = OK(syscall(SYS_epoll_create1, (long)EPOLL_CLOEXEC));
	ERR(syscall(SYS_epoll_ctl, ep, (long)EPOLL_CTL_ADD, 9999L, &ev), EBADF);
	EQ(syscall(SYS_epoll_ctl, ep, (long)EPOLL_CTL_ADD, (long)fds[0], &ev), 0);
	ERR(syscall(SYS_epoll_ctl, ep, (long)EPOLL_CTL_ADD, (long)fds[0], &ev), EEXIST);
	ERR(syscall(SYS_poll, 1L, 1L, 0L), EFAULT);
	ERR(syscall(SYS_ppoll, 0L, 0L, 1L, 0L, 8L), EFAULT);
	ERR(syscall(SYS_select, -1L, 0L, 0L, 0L, 0L), EINVAL);
	ERR(syscall(SYS_pselect6, -1L, 0L, 0L, 0L, 0L, 0L), EINVAL);
	ERR(syscall(SYS_epoll_wait, (long)fds[0], out, 1L, 0L), EINVAL);
	ERR(syscall(SYS_epoll_pwait, 9999L, out, 1L, 0L, 0L, 8L), EBADF);
	ERR(syscall(SYS_epoll_pwait2, ep, out, 0L, 0L, 0L, 8L), EINVAL);
	EQ(syscall(SYS_close, ep), 0);
	EQ(syscall(SYS_close, (long)fds[1]), 0);
	EQ(syscall(SYS_close, (long)fds[0]), 0);
}

SCENARIO(inotify_watch)
{
	long fd = OK(syscall(SYS_inotify_init1, (long)IN_CLOEXEC));
	long wd = OK(syscall(SYS_inotify_add_watch, fd, P(""), (long)(IN_CREATE | IN_DELETE)));

	ERR(syscall(SYS_inotify_add_watch, fd, P("missing"), (long)IN_MODIFY), ENOENT);
	EQ(syscall(SYS_inotify_rm_watch, fd, wd), 0);
	ERR(syscall(SYS_inotify_rm_watch, fd, wd), EINVAL);
	EQ(syscall(SYS_close, fd), 0);
}
