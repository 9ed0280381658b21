#include "workload.h"

#include <sys/socket.h>
#include <sys/uio.h>

/* Socket data on a datagram socketpair: each call's bytes and the
 * socket's name. */
SCENARIO(net_dgram)
{
	int sv[2];
	char buf[16], b1[16], b2[16];
	struct iovec out[2] = { { "hello", 5 }, { "!", 1 } }, in = { buf, sizeof(buf) };
	struct msghdr m = { .msg_iov = out, .msg_iovlen = 2 }, r = { .msg_iov = &in, .msg_iovlen = 1 };
	struct iovec o1 = { "x", 1 }, o2 = { "yz", 2 }, i1 = { b1, sizeof(b1) }, i2 = { b2, sizeof(b2) };
	struct mmsghdr mo[2] = { { .msg_hdr = { .msg_iov = &o1, .msg_iovlen = 1 } },
				 { .msg_hdr = { .msg_iov = &o2, .msg_iovlen = 1 } } };
	struct mmsghdr mi[2] = { { .msg_hdr = { .msg_iov = &i1, .msg_iovlen = 1 } },
				 { .msg_hdr = { .msg_iov = &i2, .msg_iovlen = 1 } } };

	EQ(syscall(SYS_socketpair, (long)AF_UNIX, (long)(SOCK_DGRAM | SOCK_CLOEXEC), 0L, sv), 0);
	EQ(syscall(SYS_sendto, (long)sv[0], "abc", 3L, 0L, 0L, 0L), 3);
	EQ(syscall(SYS_recvfrom, (long)sv[1], buf, 16L, 0L, 0L, 0L), 3);
	EQ(syscall(SYS_sendmsg, (long)sv[0], &m, 0L), 6);
	EQ(syscall(SYS_recvmsg, (long)sv[1], &r, 0L), 6);
	EQ(syscall(SYS_sendmmsg, (long)sv[0], mo, 2L, 0L), 2);
	EQ(syscall(SYS_recvmmsg, (long)sv[1], mi, 2L, 0L, 0L), 2);
	EQ(syscall(SYS_close, (long)sv[0]), 0);
	EQ(syscall(SYS_close, (long)sv[1]), 0);
}

/* Not a socket, or no fd at all: checked before any buffer is read. */
SCENARIO(net_errors)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDONLY, 0L));
	char c;

	ERR(syscall(SYS_sendto, 9999L, "x", 1L, 0L, 0L, 0L), EBADF);
	ERR(syscall(SYS_recvfrom, fd, &c, 1L, 0L, 0L, 0L), ENOTSOCK);
	ERR(syscall(SYS_sendmsg, 9999L, 0L, 0L), EBADF);
	ERR(syscall(SYS_recvmsg, fd, 0L, 0L), ENOTSOCK);
	ERR(syscall(SYS_sendmmsg, 9999L, 0L, 1L, 0L), EBADF);
	ERR(syscall(SYS_recvmmsg, fd, 0L, 1L, 0L, 0L), ENOTSOCK);
	EQ(syscall(SYS_close, fd), 0);
}
