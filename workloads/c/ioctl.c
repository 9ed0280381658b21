#include "workload.h"

#include <linux/fs.h>
#include <sys/ioctl.h>

/* A request no driver knows: type 0x12, nr 0x34, no direction. */
#define UNKNOWN_REQUEST 0x1234UL

/* The request is an unsigned int in the kernel; pass it as unsigned long
 * so the register holds no stray upper bits. */

SCENARIO(ioctl_file)
{
	int n = 0;
	long flags = 0;
	long fd = OK(syscall(SYS_openat, AT_FDCWD, P("f"), O_RDWR, 0));
	EQ(syscall(SYS_ioctl, fd, (unsigned long)FIONREAD, &n), 0);
	if (n != 10)
		fail(__FILE__, __LINE__, "FIONREAD", n, 0, "10");
	long r = syscall(SYS_ioctl, fd, (unsigned long)FS_IOC_GETFLAGS, &flags);
	if (r < 0 && errno == ENOTTY)
		unsupported("ioctl FS_IOC_GETFLAGS on this filesystem");
	EQ(r, 0);
	EQ(syscall(SYS_ioctl, fd, (unsigned long)FS_IOC_SETFLAGS, &flags), 0);
	ERR(syscall(SYS_ioctl, fd, UNKNOWN_REQUEST, 0), ENOTTY);
	ERR(syscall(SYS_ioctl, fd, (unsigned long)FIONREAD, 1), EFAULT);
	EQ(syscall(SYS_close, fd), 0);
}

/* FIONREAD is answered by the VFS for regular files only; a directory
 * passes it to the filesystem, which does not know it. */
SCENARIO(ioctl_dir)
{
	int n = 0;
	long flags = 0;
	long d = OK(syscall(SYS_openat, AT_FDCWD, P("sub"), O_RDONLY | O_DIRECTORY, 0));
	long r = syscall(SYS_ioctl, d, (unsigned long)FS_IOC_GETFLAGS, &flags);
	if (r < 0 && errno == ENOTTY)
		unsupported("ioctl FS_IOC_GETFLAGS on this filesystem");
	EQ(r, 0);
	ERR(syscall(SYS_ioctl, d, (unsigned long)FIONREAD, &n), ENOTTY);
	EQ(syscall(SYS_close, d), 0);
}

/* ext4 and tmpfs cannot share extents: both clones fail. */
SCENARIO(ioctl_clone)
{
	long src = OK(syscall(SYS_openat, AT_FDCWD, P("src"), O_RDONLY, 0));
	long dst = OK(syscall(SYS_openat, AT_FDCWD, P("dst"), O_CREAT | O_WRONLY, 0644));
	struct file_clone_range fcr = { .src_fd = src, .src_offset = 0, .src_length = 4, .dest_offset = 0 };
	ERR(syscall(SYS_ioctl, dst, (unsigned long)FICLONE, src), EOPNOTSUPP);
	ERR(syscall(SYS_ioctl, dst, (unsigned long)FICLONERANGE, &fcr), EOPNOTSUPP);
	EQ(syscall(SYS_close, dst), 0);
	EQ(syscall(SYS_close, src), 0);
}

SCENARIO(ioctl_ebadf)
{
	int n = 0;
	ERR(syscall(SYS_ioctl, 9999, (unsigned long)FIONREAD, &n), EBADF);
	ERR(syscall(SYS_ioctl, 9999, UNKNOWN_REQUEST, 0), EBADF);
}
