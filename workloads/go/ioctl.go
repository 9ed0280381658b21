package main

import "golang.org/x/sys/unix"

// unknownRequest is a request no driver knows: type 0x12, nr 0x34, no
// direction.
const unknownRequest = 0x1234

// fionread is FIONREAD (include/uapi/asm-generic/ioctls.h), which
// x/sys/unix names only as TIOCINQ.
const fionread = unix.TIOCINQ

func getflagsOrUnsupported(fd uintptr, flags uintptr) {
	r, e := call(unix.SYS_IOCTL, fd, unix.FS_IOC_GETFLAGS, flags)
	if r < 0 && e == unix.ENOTTY {
		Unsupported("ioctl FS_IOC_GETFLAGS on this filesystem")
	}
	if r != 0 {
		fail(unix.SYS_IOCTL, r, e, "0")
	}
}

func init() {
	register("ioctl_file", func() {
		n, np := New[int32]()
		_, flags := New[int64]()
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDWR, 0))
		EQ(0, unix.SYS_IOCTL, fd, fionread, np)
		if *n != 10 {
			fail(unix.SYS_IOCTL, int64(*n), 0, "FIONREAD 10")
		}
		getflagsOrUnsupported(fd, flags)
		EQ(0, unix.SYS_IOCTL, fd, unix.FS_IOC_SETFLAGS, flags)
		ERR(unix.ENOTTY, unix.SYS_IOCTL, fd, unknownRequest, 0)
		ERR(unix.EFAULT, unix.SYS_IOCTL, fd, fionread, 1)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	// FIONREAD is answered by the VFS for regular files only; a directory
	// passes it to the filesystem, which does not know it.
	register("ioctl_dir", func() {
		_, np := New[int32]()
		_, flags := New[int64]()
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("sub"), unix.O_RDONLY|unix.O_DIRECTORY, 0))
		getflagsOrUnsupported(d, flags)
		ERR(unix.ENOTTY, unix.SYS_IOCTL, d, fionread, np)
		EQ(0, unix.SYS_CLOSE, d)
	})
	// ext4 and tmpfs cannot share extents: both clones fail.
	register("ioctl_clone", func() {
		src := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("src"), unix.O_RDONLY, 0))
		dst := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("dst"), unix.O_CREAT|unix.O_WRONLY, 0o644))
		fcr, p := New[unix.FileCloneRange]()
		*fcr = unix.FileCloneRange{Src_fd: int64(src), Src_offset: 0, Src_length: 4, Dest_offset: 0}
		ERR(unix.EOPNOTSUPP, unix.SYS_IOCTL, dst, unix.FICLONE, src)
		ERR(unix.EOPNOTSUPP, unix.SYS_IOCTL, dst, unix.FICLONERANGE, p)
		EQ(0, unix.SYS_CLOSE, dst)
		EQ(0, unix.SYS_CLOSE, src)
	})
	register("ioctl_ebadf", func() {
		_, np := New[int32]()
		ERR(unix.EBADF, unix.SYS_IOCTL, 9999, fionread, np)
		ERR(unix.EBADF, unix.SYS_IOCTL, 9999, unknownRequest, 0)
	})
}
