package integrationtests

import "golang.org/x/sys/unix"

// Names usable in a step's numeric values (flags=, mode=, ...), joined by |.
var flagNames = map[string]uint64{
	"O_RDONLY": unix.O_RDONLY, "O_WRONLY": unix.O_WRONLY, "O_RDWR": unix.O_RDWR, "O_CREAT": unix.O_CREAT,
	"O_TRUNC": unix.O_TRUNC, "O_APPEND": unix.O_APPEND, "O_CLOEXEC": unix.O_CLOEXEC, "O_DIRECTORY": unix.O_DIRECTORY,
	"AT_EMPTY_PATH": unix.AT_EMPTY_PATH, "AT_REMOVEDIR": unix.AT_REMOVEDIR, "AT_EACCESS": unix.AT_EACCESS,
	"RENAME_NOREPLACE": unix.RENAME_NOREPLACE, "RENAME_EXCHANGE": unix.RENAME_EXCHANGE,
	"F_DUPFD": unix.F_DUPFD, "F_DUPFD_CLOEXEC": unix.F_DUPFD_CLOEXEC, "F_SETFL": unix.F_SETFL, "F_GETFD": unix.F_GETFD,
	"CLOSE_RANGE_CLOEXEC": unix.CLOSE_RANGE_CLOEXEC, "RWF_DSYNC": unix.RWF_DSYNC,
	"SYNC_FILE_RANGE_WRITE": unix.SYNC_FILE_RANGE_WRITE, "R_OK": unix.R_OK, "W_OK": unix.W_OK, "F_OK": unix.F_OK,
	"STATX_BASIC_STATS": unix.STATX_BASIC_STATS,
	// include/uapi/linux/io_uring.h
	"IORING_REGISTER_BUFFERS": 0, "IORING_REGISTER_FILES": 2, "IORING_ENTER_GETEVENTS": 1,
	// xattr, ioctl, aio, errors
	"XATTR_CREATE": unix.XATTR_CREATE, "XATTR_REPLACE": unix.XATTR_REPLACE,
	"AT_SYMLINK_NOFOLLOW": unix.AT_SYMLINK_NOFOLLOW,
	// FIONREAD is 0x541B on x86_64 (include/uapi/asm-generic/ioctls.h);
	// x/sys/unix names it only as TIOCINQ.
	"FIONREAD":        unix.TIOCINQ,
	"FS_IOC_GETFLAGS": unix.FS_IOC_GETFLAGS, "FS_IOC_SETFLAGS": unix.FS_IOC_SETFLAGS,
	"FICLONE": unix.FICLONE, "FICLONERANGE": unix.FICLONERANGE,
	"O_NOFOLLOW": unix.O_NOFOLLOW, "O_EXCL": unix.O_EXCL,
}
