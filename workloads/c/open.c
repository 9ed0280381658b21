#include "workload.h"

SCENARIO(open)
{
	long fd = OK(syscall(SYS_open, P("f"), O_CREAT | O_WRONLY | O_TRUNC, 0644));
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(openat_dirfd)
{
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("sub"), O_RDONLY | O_DIRECTORY, 0));
	long fd = OK(syscall(SYS_openat, d, "f", O_CREAT | O_RDWR, 0600));
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(openat2)
{
	/* struct open_how: flags, mode, resolve. */
	unsigned long long how[3] = { O_CREAT | O_RDWR | O_CLOEXEC, 0640, 0 };
	long fd = syscall(SYS_openat2, AT_FDCWD, P("f"), how, sizeof(how));
	if (fd < 0 && errno == ENOSYS)
		unsupported("openat2");
	OK(fd);
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(creat)
{
	long fd = OK(syscall(SYS_creat, P("f"), 0644));
	EQ(syscall(SYS_close, fd), 0);
}

SCENARIO(open_by_handle_at)
{
	struct handle128 h = { .handle_bytes = 128 };
	int mount_id;
	char buf[16];
	long r = syscall(SYS_name_to_handle_at, AT_FDCWD, P("f"), &h, &mount_id, 0);
	if (r < 0 && errno == EOPNOTSUPP)
		unsupported("name_to_handle_at");
	EQ(r, 0);
	long d = OK(syscall(SYS_openat, AT_FDCWD, P(""), O_RDONLY | O_DIRECTORY, 0));
	long fd = OK(syscall(SYS_open_by_handle_at, d, &h, O_RDONLY));
	EQ(syscall(SYS_read, fd, buf, sizeof(buf)), 4);
	EQ(syscall(SYS_close, fd), 0);
	EQ(syscall(SYS_close, d), 0);
}

SCENARIO(open_enoent)
{
	ERR(syscall(SYS_openat, AT_FDCWD, P("missing"), O_RDONLY, 0), ENOENT);
	ERR(syscall(SYS_open, P("missing/deeper"), O_RDONLY, 0), ENOENT);
}

/* The path literal lives alone in the middle of a 192 KiB read-only
 * object, 64 KiB-aligned, so neither its page nor any page the kernel's
 * fault-around (64 KiB) would map with it is touched before the openat:
 * ior's read at syscall entry finds the page absent. */
static const struct {
	char before[65536];
	char path[65536];
	char after[65536];
} cold __attribute__((aligned(65536))) = { .path = "cold-page-file" };

SCENARIO(open_cold_page)
{
	EQ(syscall(SYS_chdir, P("")), 0);
	long fd = OK(syscall(SYS_openat, AT_FDCWD, cold.path, O_CREAT | O_WRONLY, 0644));
	EQ(syscall(SYS_close, fd), 0);
}
