/* What the kernel read, ior reads: strings at the kernel's own limits,
 * structs sized by the call, placed right before an unmapped page; an
 * exec path in a page the forked child has not touched; shared anonymous
 * memory; arguments the kernel ignores or cuts. */
#include "workload.h"
#include <linux/aio_abi.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>

/* edge maps two pages at a fixed address (C and Go name the same
 * addresses) and unmaps the second: it returns the end of the first,
 * the last readable byte's successor. Anonymous: not recorded. */
#define EDGE_BASE 0x200000000L
static char *edge(void)
{
	long p = syscall(SYS_mmap, EDGE_BASE, 8192L, (long)(PROT_READ | PROT_WRITE),
			 (long)(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE), -1L, 0L);

	EQ(p, EDGE_BASE);
	EQ(syscall(SYS_munmap, EDGE_BASE + 4096, 4096L), 0);
	return (char *)EDGE_BASE + 4096;
}

/* Names with no NUL within the kernel's limit, their last byte the
 * page's: the kernel read them whole and refused them. */
SCENARIO(names_at_limit)
{
	char *end = edge(), buf[8];

	EQ(syscall(SYS_chdir, P("")), 0);
	memset(end - 4096, 'x', 4096); /* PATH_MAX bytes, no NUL */
	ERR(syscall(SYS_chdir, end - 4096), ENAMETOOLONG);
	ERR(syscall(SYS_openat, AT_FDCWD, end - 4096, (long)O_RDONLY, 0L), ENAMETOOLONG);
	end[-1] = 0; /* 4095 bytes and a NUL: a path, whose one name is too long */
	ERR(syscall(SYS_chdir, end - 4096), ENAMETOOLONG);
	end[-1] = 'x'; /* 100 bytes, then the unmapped page: the kernel faults */
	ERR(syscall(SYS_chdir, end - 100), EFAULT);
	memcpy(end - 256, "user.", 5); /* XATTR_NAME_MAX + 1 bytes, no NUL */
	ERR(syscall(SYS_setxattr, P("f"), end - 256, "v", 1L, 0L), ERANGE);
	end[-1] = 0;
	ERR(syscall(SYS_getxattr, P("f"), end - 256, buf, 0L), ENODATA);
	memset(end - 250, 'm', 250); /* memfd's 249 and one more */
	ERR(syscall(SYS_memfd_create, end - 250, 0L), EINVAL);
}

/* A 148-byte static x86-64 ELF: faccessat(AT_FDCWD, argv[1], F_OK), then
 * exit_group(0). The exec'd child's first and only calls. */
const unsigned char end_elf[END_ELF_LEN] = {
	0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x02, 0x00, 0x3e, 0x00, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x38, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x94, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x94, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x48, 0x8b, 0x74, 0x24, 0x10, 0xbf, 0x9c, 0xff,
	0xff, 0xff, 0x31, 0xd2, 0xb8, 0x0d, 0x01, 0x00, 0x00, 0x0f, 0x05, 0x31, 0xff, 0xb8, 0xe7, 0x00,
	0x00, 0x00, 0x0f, 0x05,
};

/* exec_child forks a child that execs the program "end" with the path
 * at page, relative to dirfd d (AT_FDCWD: execve), between worker
 * label's markers: the new image issues the end marker. */
static void exec_child(const char *label, long d, const char *page)
{
	static char begin[64], endmark[4096];
	char *argv[3] = { "end", endmark, 0 }, *envp[1] = { 0 };
	long pid;
	int st;

	snprintf(begin, sizeof(begin), ".ior-begin-%s", label);
	snprintf(endmark, sizeof(endmark), "%s", P(""));
	snprintf(endmark + strlen(endmark), sizeof(endmark) - strlen(endmark), ".ior-end-%s", label);
	pid = OK(syscall(SYS_fork));
	if (pid == 0) {
		marker(begin);
		if (d == AT_FDCWD)
			syscall(SYS_execve, page, argv, envp);
		else
			syscall(SYS_execveat, d, page, argv, envp, 0L);
		syscall(SYS_exit_group, 127L);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail(__FILE__, __LINE__, "the exec'd child", -1, errno, "exit 0");
}

/* execve of a path in a page the forked child has not touched: a shared
 * mapping's page table entries are not copied at fork, so the child's
 * first touch is the kernel's own read of the path, and after it the
 * memory is the new image's. Then execveat of a name relative to a
 * dirfd, from the same page, in a second child. */
SCENARIO(exec_fresh_page)
{
	char *page = (char *)syscall(SYS_mmap, 0L, 4096L, (long)(PROT_READ | PROT_WRITE),
				     (long)(MAP_SHARED | MAP_ANONYMOUS), -1L, 0L);
	long fd, d;

	if (page == MAP_FAILED)
		fail(__FILE__, __LINE__, "mmap", -1, errno, "a page");
	/* Every fd stays open until the end: a number freed and taken again
	 * could be another goroutine's under the Go workload's noise. */
	d = OK(syscall(SYS_openat, AT_FDCWD, P(""), (long)(O_RDONLY | O_DIRECTORY), 0L));
	fd = OK(syscall(SYS_openat, AT_FDCWD, P("end"), (long)(O_CREAT | O_WRONLY | O_TRUNC), 0755L));
	EQ(syscall(SYS_write, fd, end_elf, (long)sizeof(end_elf)), (long)sizeof(end_elf));
	EQ(syscall(SYS_close, fd), 0);
	strcpy(page, P("end"));
	exec_child("t1", AT_FDCWD, page);
	strcpy(page, "end");
	exec_child("t2", d, page);
	EQ(syscall(SYS_close, d), 0);
}

/* execve whose path, argv, envp and their strings all lie in a page the
 * forked child has not touched (as in exec_fresh_page): none can be read
 * at enter; ior takes argv and envp's count from the kernel's copy at
 * the exec. */
SCENARIO(exec_argv_fresh_page)
{
	char *page = (char *)syscall(SYS_mmap, 0L, 4096L, (long)(PROT_READ | PROT_WRITE),
				     (long)(MAP_SHARED | MAP_ANONYMOUS), -1L, 0L);
	char **argv = (char **)(page + 2048), **envp = (char **)(page + 2048 + 32);
	long fd, pid;
	int st;

	if (page == MAP_FAILED)
		fail(__FILE__, __LINE__, "mmap", -1, errno, "a page");
	fd = OK(syscall(SYS_openat, AT_FDCWD, P("end"), (long)(O_CREAT | O_WRONLY | O_TRUNC), 0755L));
	EQ(syscall(SYS_write, fd, end_elf, (long)sizeof(end_elf)), (long)sizeof(end_elf));
	EQ(syscall(SYS_close, fd), 0);
	strcpy(page, P("end"));
	strcpy(page + 1024, "end");
	snprintf(page + 1100, 900, "%s.ior-end-t1", P(""));
	strcpy(page + 2000, "E=1");
	argv[0] = page + 1024;
	argv[1] = page + 1100;
	argv[2] = 0;
	envp[0] = page + 2000;
	envp[1] = 0;
	pid = OK(syscall(SYS_fork));
	if (pid == 0) {
		marker(".ior-begin-t1");
		syscall(SYS_execve, page, argv, envp);
		syscall(SYS_exit_group, 127L);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail(__FILE__, __LINE__, "the exec'd child", -1, errno, "exit 0");
}

/* io_getevents' one result, its struct io_event the page's last 32
 * bytes: what the kernel wrote is what ior copies. */
SCENARIO(aio_result_at_edge)
{
	struct io_event *ev = (struct io_event *)(edge() - sizeof(struct io_event));
	aio_context_t ctx = 0;
	struct timespec ts = { 5, 0 };
	struct iocb c;
	struct iocb *cc[1] = { &c };
	char buf[4];
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDONLY, 0L));
	long r = syscall(SYS_io_setup, 1L, &ctx);

	if (r < 0 && errno == ENOSYS)
		unsupported("io_setup");
	EQ(r, 0);
	memset(&c, 0, sizeof(c));
	c.aio_lio_opcode = IOCB_CMD_PREAD;
	c.aio_fildes = fd;
	c.aio_buf = (unsigned long)buf;
	c.aio_nbytes = sizeof(buf);
	EQ(syscall(SYS_io_submit, ctx, 1L, cc), 1);
	EQ(syscall(SYS_io_getevents, ctx, 1L, 1L, ev, &ts), 1);
	EQ(syscall(SYS_io_destroy, ctx), 0);
	EQ(syscall(SYS_close, fd), 0);
}

/* A struct file_handle of the size the file system needs (asked first:
 * EOVERFLOW), its last byte the page's: the kernel writes and reads its
 * header and handle_bytes, and so does ior. */
SCENARIO(handle_at_edge)
{
	struct handle128 h0 = { .handle_bytes = 0 };
	struct handle128 *h;
	int mount_id;
	char buf[16];
	long r = syscall(SYS_name_to_handle_at, AT_FDCWD, P("f"), &h0, &mount_id, 0L);

	if (r < 0 && errno == EOPNOTSUPP)
		unsupported("name_to_handle_at");
	ERR(r, EOVERFLOW);
	h = (struct handle128 *)(edge() - 8 - h0.handle_bytes);
	h->handle_bytes = h0.handle_bytes;
	EQ(syscall(SYS_name_to_handle_at, AT_FDCWD, P("f"), h, &mount_id, 0L), 0);
	long d = OK(syscall(SYS_openat, AT_FDCWD, P(""), (long)(O_RDONLY | O_DIRECTORY), 0L));
	long fd = OK(syscall(SYS_open_by_handle_at, d, h, (long)O_RDONLY));
	EQ(syscall(SYS_read, fd, buf, (long)sizeof(buf)), 4);
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_close, d), 0);
}

/* Shared anonymous memory is anonymous memory: its mmap, msync, mremap
 * and munmap are left out, like those of private anonymous memory. A
 * file's mapping beside it is recorded. */
SCENARIO(mapping_anon_shared)
{
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDONLY, 0L));
	long m = syscall(SYS_mmap, 0L, 8192L, (long)(PROT_READ | PROT_WRITE), (long)(MAP_SHARED | MAP_ANONYMOUS), -1L, 0L);
	long fm = syscall(SYS_mmap, 0L, 4096L, (long)PROT_READ, (long)MAP_SHARED, fd, 0L);

	if (m == -1 || fm == -1)
		fail(__FILE__, __LINE__, "mmap", -1, errno, "a mapping");
	((char *)m)[0] = 1;
	EQ(syscall(SYS_msync, m, 8192L, (long)MS_SYNC), 0);
	m = syscall(SYS_mremap, m, 8192L, 16384L, (long)MREMAP_MAYMOVE, 0L);
	if (m == -1)
		fail(__FILE__, __LINE__, "mremap", -1, errno, "a mapping");
	EQ(syscall(SYS_munmap, m, 16384L), 0);
	EQ(syscall(SYS_munmap, fm, 4096L), 0);
	EQ(syscall(SYS_close, fd), 0);
}

/* Arguments as the kernel reads them: open's mode without O_CREAT or
 * O_TMPFILE and F_GETFD's argument are ignored; a umode_t is the low 16
 * bits of its register, an int (F_SETFD's argument, getdents64's count,
 * readlinkat's bufsiz) the low 32. */
SCENARIO(args_as_kernel_reads)
{
	char buf[64];
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), (long)O_RDONLY, 0xdeadbeefL));

	EQ(syscall(SYS_fcntl, fd, (long)F_GETFD, 0xdeadbeefL), 0);
	EQ(syscall(SYS_fcntl, fd, (long)F_SETFD, 0x100000001L), 0);
	ERR(syscall(SYS_getdents64, fd, buf, 0x100000040L), ENOTDIR);
	ERR(syscall(SYS_readlinkat, AT_FDCWD, P("f"), buf, 0x100000010L), EINVAL);
	/* Every fd stays open until the end: a number freed and taken again
	 * could be another goroutine's under the Go workload's noise. */
	long fd2 = OK(syscall(SYS_open, P("f"), (long)O_RDONLY, 0x1234L));
	long fd3 = OK(syscall(SYS_openat, AT_FDCWD, P("g"), (long)(O_CREAT | O_WRONLY), 0xdead01a4L));
	EQ(syscall(SYS_mkdirat, AT_FDCWD, P("d"), 0x7fff01edL), 0);
	EQ(syscall(SYS_fchmodat, AT_FDCWD, P("g"), 0x10180L), 0);
	EQ(syscall(SYS_close, fd3), 0);
	EQ(syscall(SYS_close, fd2), 0);
	EQ(syscall(SYS_close, fd), 0);
}

/* An fd an ioctl makes (NS_GET_USERNS: the user namespace owning a
 * network namespace), named as the kernel names it: user:[INODE]. */
SCENARIO(ioctl_ns_fd)
{
	char c;
	long ns = OK(syscall(SYS_openat, AT_FDCWD, "/proc/self/ns/net", (long)O_RDONLY, 0L));
	long u = OK(syscall(SYS_ioctl, ns, 0xb701L, 0L)); /* NS_GET_USERNS */

	ERR(syscall(SYS_read, u, &c, 1L), EINVAL);
	EQ(syscall(SYS_close, u), 0);
	EQ(syscall(SYS_close, ns), 0);
}

/* An fd received with SCM_RIGHTS (a pipe's read end, sent over a datagram
 * socketpair) is named at the recvmsg, as the kernel names it. */
SCENARIO(recv_rights)
{
	int sv[2], p[2], got;
	char c = 'x', in;
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int))];
	} out, ctl;
	struct iovec ov = { &c, 1 }, iv = { &in, 1 };
	struct msghdr m = { .msg_iov = &ov, .msg_iovlen = 1, .msg_control = out.b, .msg_controllen = sizeof(out.b) };
	struct msghdr r = { .msg_iov = &iv, .msg_iovlen = 1, .msg_control = ctl.b, .msg_controllen = sizeof(ctl.b) };

	EQ(syscall(SYS_socketpair, (long)AF_UNIX, (long)(SOCK_DGRAM | SOCK_CLOEXEC), 0L, sv), 0);
	EQ(syscall(SYS_pipe2, p, (long)O_CLOEXEC), 0);
	memset(&out, 0, sizeof(out));
	out.h.cmsg_len = CMSG_LEN(sizeof(int));
	out.h.cmsg_level = SOL_SOCKET;
	out.h.cmsg_type = SCM_RIGHTS;
	memcpy(CMSG_DATA(&out.h), &p[0], sizeof(int));
	EQ(syscall(SYS_sendmsg, (long)sv[0], &m, 0L), 1);
	EQ(syscall(SYS_recvmsg, (long)sv[1], &r, (long)MSG_CMSG_CLOEXEC), 1);
	memcpy(&got, CMSG_DATA(&ctl.h), sizeof(int));
	EQ(syscall(SYS_write, (long)p[1], "y", 1L), 1);
	EQ(syscall(SYS_read, (long)got, &in, 1L), 1);
	EQ(syscall(SYS_close, (long)got), 0);
	EQ(syscall(SYS_close, (long)p[0]), 0);
	EQ(syscall(SYS_close, (long)p[1]), 0);
	EQ(syscall(SYS_close, (long)sv[0]), 0);
	EQ(syscall(SYS_close, (long)sv[1]), 0);
}
