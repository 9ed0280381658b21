package integrationtests

import "golang.org/x/sys/unix"

// Names for the xattr, ioctl, aio and errors families' steps.
func init() {
	for k, v := range map[string]uint64{
		"XATTR_CREATE": unix.XATTR_CREATE, "XATTR_REPLACE": unix.XATTR_REPLACE,
		"AT_SYMLINK_NOFOLLOW": unix.AT_SYMLINK_NOFOLLOW,
		// FIONREAD is 0x541B on x86_64 (include/uapi/asm-generic/ioctls.h);
		// x/sys/unix names it only as TIOCINQ.
		"FIONREAD":        unix.TIOCINQ,
		"FS_IOC_GETFLAGS": unix.FS_IOC_GETFLAGS, "FS_IOC_SETFLAGS": unix.FS_IOC_SETFLAGS,
		"FICLONE": unix.FICLONE, "FICLONERANGE": unix.FICLONERANGE,
		"O_NOFOLLOW": unix.O_NOFOLLOW, "O_EXCL": unix.O_EXCL,
	} {
		flagNames[k] = v
	}
}
