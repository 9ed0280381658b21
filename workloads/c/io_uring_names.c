/* io_uring requests whose files ior's own fd table cannot name: the
 * kernel's file names them (integrationtests/scenarios_uring.go). */
#include "uring.h"
#include <sys/socket.h>

/* A READ on a file renamed after its open, then on it unlinked. */
SCENARIO(uring_renamed)
{
	static char buf[16];
	struct ring r;

	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDONLY, 0L));
	EQ(syscall(SYS_rename, P("f"), P("g")), 0);
	ring_new(&r, 8);
	ring_rw(&r, IORING_OP_READ, fd, buf, sizeof(buf), 0, 1);
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_READ, 1, 10 });
	EQ(syscall(SYS_unlink, P("g")), 0);
	ring_rw(&r, IORING_OP_READ, fd, buf, sizeof(buf), 0, 2);
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_READ, 2, 10 });
	want_bytes("READ", buf, "uring-data", 10);
	ring_close(&r);
	EQ(syscall(SYS_close, fd), 0);
}

/* A sparse table of 4 fixed files; FILES_UPDATE puts the fd into slot 2;
 * the fd is closed (the slot keeps the file); a READ on slot 2. */
SCENARIO(uring_files_update)
{
	static char buf[16];
	struct io_uring_rsrc_register reg = { .nr = 4, .flags = IORING_RSRC_REGISTER_SPARSE };
	static int fds[1];
	struct io_uring_files_update upd = { .offset = 2, .fds = (unsigned long)fds };
	struct ring r;

	fds[0] = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDONLY, 0L));
	ring_new(&r, 8);
	EQ(syscall(SYS_io_uring_register, r.fd, IORING_REGISTER_FILES2, &reg, sizeof(reg)), 0);
	EQ(syscall(SYS_io_uring_register, r.fd, IORING_REGISTER_FILES_UPDATE, &upd, 1L), 1);
	EQ(syscall(SYS_close, (long)fds[0]), 0);
	struct io_uring_sqe *e = ring_rw(&r, IORING_OP_READ, 2, buf, sizeof(buf), 0, 1);
	e->flags = IOSQE_FIXED_FILE;
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_READ, 1, 10 });
	want_bytes("READ", buf, "uring-data", 10);
	ring_close(&r);
}

/* A file's fd sent over a datagram socketpair with SCM_RIGHTS, closed,
 * received (the lowest free fd: the one just closed), read through the
 * ring. */
SCENARIO(uring_recv_rights)
{
	static char buf[16];
	int sv[2], fd, got;
	char c = 'x', in;
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int))];
	} out, ctl;
	struct iovec ov = { &c, 1 }, iv = { &in, 1 };
	struct msghdr m = { .msg_iov = &ov, .msg_iovlen = 1, .msg_control = out.b, .msg_controllen = sizeof(out.b) };
	struct msghdr rm = { .msg_iov = &iv, .msg_iovlen = 1, .msg_control = ctl.b, .msg_controllen = sizeof(ctl.b) };
	struct ring r;

	EQ(syscall(SYS_socketpair, (long)AF_UNIX, (long)(SOCK_DGRAM | SOCK_CLOEXEC), 0L, sv), 0);
	fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)(O_RDONLY | O_CLOEXEC), 0L));
	memset(&out, 0, sizeof(out));
	out.h.cmsg_len = CMSG_LEN(sizeof(int));
	out.h.cmsg_level = SOL_SOCKET;
	out.h.cmsg_type = SCM_RIGHTS;
	memcpy(CMSG_DATA(&out.h), &fd, sizeof(int));
	EQ(syscall(SYS_sendmsg, (long)sv[0], &m, 0L), 1);
	EQ(syscall(SYS_recvmsg, (long)sv[1], &rm, (long)MSG_CMSG_CLOEXEC), 1);
	memcpy(&got, CMSG_DATA(&ctl.h), sizeof(int));
	ring_new(&r, 8);
	ring_rw(&r, IORING_OP_READ, got, buf, sizeof(buf), 0, 1);
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_READ, 1, 10 });
	want_bytes("READ", buf, "uring-data", 10);
	ring_close(&r);
	EQ(syscall(SYS_close, (long)got), 0);
	EQ(syscall(SYS_close, (long)fd), 0);
	EQ(syscall(SYS_close, (long)sv[0]), 0);
	EQ(syscall(SYS_close, (long)sv[1]), 0);
}

/* The directory above an open file renamed by an io_uring RENAMEAT (d to
 * e); then a READ through the ring and a pread64 of the file. */
SCENARIO(uring_renameat_open)
{
	static char buf[4];
	struct ring r;
	struct io_uring_sqe *e;

	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("d/x"), (long)O_RDONLY, 0L));
	ring_new(&r, 8);
	e = ring_sqe(&r, IORING_OP_RENAMEAT, AT_FDCWD, 1);
	e->addr = (unsigned long)P("d");
	e->len = AT_FDCWD; /* the new path's dirfd */
	e->addr2 = (unsigned long)P("e");
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_RENAMEAT, 1, 0 });
	ring_rw(&r, IORING_OP_READ, fd, buf, sizeof(buf), 0, 2);
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_READ, 2, 1 });
	want_bytes("READ", buf, "X", 1);
	EQ(syscall(SYS_pread64, fd, buf, sizeof(buf), 0L), 1);
	ring_close(&r);
	EQ(syscall(SYS_close, fd), 0);
}

/* OPENAT and MKDIRAT through the ring relative to a dirfd whose directory
 * was renamed (d to e) after its open. */
SCENARIO(uring_renamed_dirfd)
{
	struct ring r;
	struct io_uring_sqe *e;

	long dfd = OK(syscall(SYS_openat, AT_FDCWD, P("d"), (long)(O_RDONLY | O_DIRECTORY), 0L));
	EQ(syscall(SYS_rename, P("d"), P("e")), 0);
	ring_new(&r, 8);
	e = ring_sqe(&r, IORING_OP_OPENAT, dfd, 1);
	e->addr = (unsigned long)"f";
	e->open_flags = O_WRONLY | O_CREAT;
	e->len = 0644;
	ring_submit(&r);
	long fd = RING_EXPECT(&r, { IORING_OP_OPENAT, 1, ANY_FD });
	e = ring_sqe(&r, IORING_OP_MKDIRAT, dfd, 2);
	e->addr = (unsigned long)"sub";
	e->len = 0755;
	ring_submit(&r);
	RING_EXPECT(&r, { IORING_OP_MKDIRAT, 2, 0 });
	ring_close(&r);
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_close, dfd), 0);
}
