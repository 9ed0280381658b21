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
	"IORING_REGISTER_FILES2": 13, "IORING_REGISTER_FILES_UPDATE": 6, "IORING_UNREGISTER_FILES": 3, "IORING_REGISTER_PROBE": 8,
	"IORING_ENTER_SQ_WAKEUP": 2, "IORING_ENTER_SQ_WAIT": 4, "IORING_FSYNC_DATASYNC": 1,
	"IOSQE_FIXED_FILE": 1, "IOSQE_IO_DRAIN": 2, "IOSQE_IO_LINK": 4, "IOSQE_IO_HARDLINK": 8, "IOSQE_ASYNC": 16,
	"IOSQE_BUFFER_SELECT": 32, "IOSQE_CQE_SKIP_SUCCESS": 64,
	// The kernel's O_LARGEFILE (include/uapi/asm-generic/fcntl.h): 0 in
	// x86_64 user space, forced on by io_uring's OPENAT.
	"O_LARGEFILE": 0x8000,
	// xattr, ioctl, aio, errors
	"XATTR_CREATE": unix.XATTR_CREATE, "XATTR_REPLACE": unix.XATTR_REPLACE,
	"AT_SYMLINK_NOFOLLOW": unix.AT_SYMLINK_NOFOLLOW,
	// FIONREAD is 0x541B on x86_64 (include/uapi/asm-generic/ioctls.h);
	// x/sys/unix names it only as TIOCINQ.
	"FIONREAD":        unix.TIOCINQ,
	"FS_IOC_GETFLAGS": unix.FS_IOC_GETFLAGS, "FS_IOC_SETFLAGS": unix.FS_IOC_SETFLAGS,
	"FICLONE": unix.FICLONE, "FICLONERANGE": unix.FICLONERANGE,
	"NS_GET_USERNS":    0xb701, // include/uapi/linux/nsfs.h: _IO(0xb7, 0x1)
	"MSG_CMSG_CLOEXEC": unix.MSG_CMSG_CLOEXEC,
	"O_NOFOLLOW":       unix.O_NOFOLLOW, "O_EXCL": unix.O_EXCL,
	// transfer, lock, meta
	// lseek whence
	"SEEK_SET": unix.SEEK_SET, "SEEK_CUR": unix.SEEK_CUR, "SEEK_END": unix.SEEK_END,
	"SEEK_DATA": unix.SEEK_DATA, "SEEK_HOLE": unix.SEEK_HOLE,
	// splice, tee, vmsplice
	"SPLICE_F_MOVE": unix.SPLICE_F_MOVE, "SPLICE_F_NONBLOCK": unix.SPLICE_F_NONBLOCK,
	"SPLICE_F_MORE": unix.SPLICE_F_MORE, "SPLICE_F_GIFT": unix.SPLICE_F_GIFT,
	// fallocate
	"FALLOC_FL_KEEP_SIZE": unix.FALLOC_FL_KEEP_SIZE, "FALLOC_FL_PUNCH_HOLE": unix.FALLOC_FL_PUNCH_HOLE,
	"FALLOC_FL_ZERO_RANGE": unix.FALLOC_FL_ZERO_RANGE,
	// fadvise64 advice
	"POSIX_FADV_NORMAL": unix.FADV_NORMAL, "POSIX_FADV_RANDOM": unix.FADV_RANDOM,
	"POSIX_FADV_SEQUENTIAL": unix.FADV_SEQUENTIAL, "POSIX_FADV_WILLNEED": unix.FADV_WILLNEED,
	"POSIX_FADV_DONTNEED": unix.FADV_DONTNEED, "POSIX_FADV_NOREUSE": unix.FADV_NOREUSE,
	// flock operations, fcntl lock commands
	"LOCK_SH": unix.LOCK_SH, "LOCK_EX": unix.LOCK_EX, "LOCK_NB": unix.LOCK_NB, "LOCK_UN": unix.LOCK_UN,
	"F_GETLK": unix.F_GETLK, "F_SETLK": unix.F_SETLK, "F_SETLKW": unix.F_SETLKW,
	"F_OFD_GETLK": unix.F_OFD_GETLK, "F_OFD_SETLK": unix.F_OFD_SETLK, "F_OFD_SETLKW": unix.F_OFD_SETLKW,
	"O_PATH": unix.O_PATH,
	// file types for mknod, *at flags
	"S_IFIFO": unix.S_IFIFO, "S_IFCHR": unix.S_IFCHR, "S_IFDIR": unix.S_IFDIR, "S_IFBLK": unix.S_IFBLK,
	"S_IFREG": unix.S_IFREG, "S_IFSOCK": unix.S_IFSOCK,
	// fdnames
	"SOCK_STREAM": unix.SOCK_STREAM, "SOCK_DGRAM": unix.SOCK_DGRAM, "SOCK_CLOEXEC": unix.SOCK_CLOEXEC,
	"AF_UNIX": unix.AF_UNIX, "AF_INET": unix.AF_INET, "MFD_CLOEXEC": unix.MFD_CLOEXEC,
	// added with the plan interface's scenarios
	"O_TMPFILE": unix.O_TMPFILE, "O_NONBLOCK": unix.O_NONBLOCK, "AT_SYMLINK_FOLLOW": unix.AT_SYMLINK_FOLLOW,
	"SYNC_FILE_RANGE_WAIT_BEFORE": unix.SYNC_FILE_RANGE_WAIT_BEFORE, "SYNC_FILE_RANGE_WAIT_AFTER": unix.SYNC_FILE_RANGE_WAIT_AFTER,
	"F_GETFL": unix.F_GETFL, "F_SETFD": unix.F_SETFD, "FD_CLOEXEC": unix.FD_CLOEXEC,
	"STATX_SIZE": unix.STATX_SIZE, "X_OK": unix.X_OK,
	// include/uapi/asm-generic/ioctls.h; x/sys/unix does not name them.
	"FIOCLEX": 0x5451, "FIONCLEX": 0x5450, "FIONBIO": 0x5421,
	"CLONE_SIGHAND": unix.CLONE_SIGHAND,
	"FAN_CLOEXEC":   unix.FAN_CLOEXEC,
	// kernelnames
	"CLONE_FS": unix.CLONE_FS, "SIGCHLD": uint64(unix.SIGCHLD), "CLONE_NEWNS": unix.CLONE_NEWNS,
	// mapping
	"MAP_SHARED": unix.MAP_SHARED, "MAP_PRIVATE": unix.MAP_PRIVATE, "MAP_FIXED": unix.MAP_FIXED,
	"MAP_POPULATE": unix.MAP_POPULATE, "PROT_READ": unix.PROT_READ, "PROT_WRITE": unix.PROT_WRITE,
	"MS_ASYNC": unix.MS_ASYNC, "MS_SYNC": unix.MS_SYNC, "MS_INVALIDATE": unix.MS_INVALIDATE,
	"MREMAP_MAYMOVE": unix.MREMAP_MAYMOVE, "MREMAP_FIXED": unix.MREMAP_FIXED,
	// sockets, readiness waits, inotify
	"AF_INET6": unix.AF_INET6, "SOL_SOCKET": unix.SOL_SOCKET, "SO_REUSEADDR": unix.SO_REUSEADDR, "SO_TYPE": unix.SO_TYPE,
	"IPPROTO_TCP": unix.IPPROTO_TCP, "TCP_NODELAY": unix.TCP_NODELAY, "SHUT_WR": unix.SHUT_WR, "SHUT_RDWR": unix.SHUT_RDWR,
	"EPOLL_CTL_ADD": unix.EPOLL_CTL_ADD, "EPOLL_CTL_MOD": unix.EPOLL_CTL_MOD, "EPOLL_CTL_DEL": unix.EPOLL_CTL_DEL,
	"IN_CREATE": unix.IN_CREATE, "IN_DELETE": unix.IN_DELETE, "IN_MODIFY": unix.IN_MODIFY,
	// include/uapi/linux/io_uring.h: the rings' mmap offsets
	"IORING_OFF_CQ_RING": 0x8000000, "IORING_OFF_SQES": 0x10000000,
}
