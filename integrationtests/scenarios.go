// This file is the scenario table and nothing else: one entry per
// scenario, read top to bottom by family. It is long because the table is;
// its types and helpers are at the end.
package integrationtests

import (
	"fmt"
	"strconv"
	"strings"
)

// Scenarios is the one table of what every workload scenario does and what
// ior must record for it. The C workload (workloads/c/) and the Go workload
// (workloads/go/) each implement every entry by name; the harness creates
// Setup in a fresh directory, runs the scenario under ior, and checks the
// events between the begin and end markers against Steps, in order.
//
// A step reads "SYSCALL key=value ... = RET":
//   - RET: a number, -ERRNO, "+" (any positive number), fdN, or pidN (a
//     new task's id, compared by identity like fds).
//   - fdN is a symbolic fd: the Nth distinct fd number the scenario uses.
//     fd numbers differ between C and Go and between runs (the Go runtime
//     and the noise goroutines hold fds of their own), so they are checked
//     by identity, not by value.
//   - keys: fd, fd2, path, path2 (relative to the scenario directory; "."
//     is the directory itself), bytes, flags, mode, offset, len (numbers
//     or names joined by |). A key that a step leaves out is not checked
//     against the table, but C and Go must still agree on it exactly.
//
// Threads gives worker threads steps of their own, checked thread by
// thread (the threads scenario).
var Scenarios = []Scenario{
	// open
	{Family: "open", Name: "open", Steps: []string{
		"open path=f flags=O_CREAT|O_WRONLY|O_TRUNC mode=0644 = fd1",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "open", Name: "openat_dirfd", Setup: Setup{Dirs: []string{"sub"}}, Steps: []string{
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd1",
		"openat path=sub/f flags=O_CREAT|O_RDWR mode=0600 = fd2",
		"close fd=fd2 path=sub/f = 0",
		"close fd=fd1 path=sub = 0",
	}},
	{Family: "open", Name: "openat2", Steps: []string{
		"openat2 path=f flags=O_CREAT|O_RDWR|O_CLOEXEC mode=0640 = fd1",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "open", Name: "creat", Steps: []string{
		"creat path=f flags=O_CREAT|O_WRONLY|O_TRUNC mode=0644 = fd1",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "open", Name: "open_by_handle_at", Setup: Setup{Files: map[string]string{"f": "data"}}, Steps: []string{
		"name_to_handle_at path=f = 0",
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd1",
		"open_by_handle_at path=f flags=O_RDONLY = fd2",
		"read fd=fd2 path=f bytes=4 = 4",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=. = 0",
	}},
	{Family: "open", Name: "open_enoent", Steps: []string{
		"openat path=missing flags=O_RDONLY = -ENOENT",
		"open path=missing/deeper flags=O_RDONLY = -ENOENT",
	}},
	// The path string sits on a page the process never touched before the
	// call: ior must still record it (read again at the syscall's exit).
	{Family: "open", Name: "open_cold_page", ColdPath: true, Setup: Setup{Files: map[string]string{".cold-path": "cold-page-file\x00"}}, Steps: []string{
		"chdir path=. = 0",
		"openat path=cold-page-file flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"close fd=fd1 path=cold-page-file = 0",
	}},

	// readwrite
	{Family: "readwrite", Name: "read_write", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"read fd=fd1 path=f bytes=4 = 4",
		"write fd=fd1 path=f bytes=5 = 5",
		"pread64 fd=fd1 path=f bytes=3 = 3",
		"pwrite64 fd=fd1 path=f bytes=2 = 2",
		"read fd=fd1 path=f = 1",
		"read fd=fd1 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "readwrite", Name: "vectored", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"readv fd=fd1 path=f bytes=6 = 6",
		"writev fd=fd1 path=f bytes=4 = 4",
		"preadv fd=fd1 path=f bytes=4 = 4",
		"pwritev fd=fd1 path=f bytes=2 = 2",
		"preadv2 fd=fd1 path=f bytes=5 flags=0 = 5",
		"pwritev2 fd=fd1 path=f bytes=3 flags=RWF_DSYNC = 3",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "readwrite", Name: "rw_ebadf", Steps: []string{
		"read fd=fd1 path_status=unknown = -EBADF",
		"write fd=fd1 path_status=unknown = -EBADF",
		"pread64 fd=fd1 = -EBADF",
		"writev fd=fd1 = -EBADF",
	}},

	// close
	{Family: "close", Name: "close_range", Steps: []string{
		"openat path=f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"dup2 fd=fd1 fd2=fd2 path=f = fd2",
		"dup2 fd=fd1 fd2=fd3 path=f = fd3",
		"close_range fd=fd2 fd2=fd3 flags=0 = 0",
		"write fd=fd2 path_status=unknown = -EBADF",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "close", Name: "close_range_cloexec", Steps: []string{
		"openat path=f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"dup2 fd=fd1 fd2=fd2 path=f = fd2",
		"close_range fd=fd2 fd2=fd2 flags=CLOSE_RANGE_CLOEXEC = 0",
		"fcntl fd=fd2 path=f flags=F_GETFD = 1",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "close", Name: "close_twice", Steps: []string{
		"openat path=f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"dup2 fd=fd1 fd2=fd2 path=f = fd2",
		"close fd=fd1 path=f = 0",
		"close fd=fd2 path=f = 0",
		"close fd=fd2 path_status=unknown = -EBADF",
	}},

	// dup
	{Family: "dup", Name: "dup", Steps: []string{
		"openat path=f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"dup fd=fd1 path=f = fd2",
		"write fd=fd2 path=f bytes=1 = 1",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "dup", Name: "dup2", Steps: []string{
		"openat path=f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"dup2 fd=fd1 fd2=fd2 path=f = fd2",
		"write fd=fd2 path=f bytes=1 = 1",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "dup", Name: "dup3_cloexec", Steps: []string{
		"openat path=f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"dup3 fd=fd1 fd2=fd2 path=f flags=O_CLOEXEC = fd2",
		"fcntl fd=fd2 path=f flags=F_GETFD = 1",
		"write fd=fd2 path=f bytes=2 = 2",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "dup", Name: "dup2_self", Steps: []string{
		"openat path=f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"dup2 fd=fd1 fd2=fd1 path=f = fd1",
		"write fd=fd1 path=f bytes=1 = 1",
		"close fd=fd1 path=f = 0",
	}},

	// fcntl
	{Family: "fcntl", Name: "fcntl_dupfd", Steps: []string{
		"openat path=f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"fcntl fd=fd1 path=f flags=F_DUPFD = fd2",
		"fcntl fd=fd1 path=f flags=F_DUPFD_CLOEXEC = fd3",
		"fcntl fd=fd2 path=f flags=F_GETFD = 0",
		"fcntl fd=fd3 path=f flags=F_GETFD = 1",
		"write fd=fd3 path=f bytes=1 = 1",
		"close fd=fd3 path=f = 0",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "fcntl", Name: "fcntl_append", Setup: Setup{Files: map[string]string{"f": "abc"}}, Steps: []string{
		"openat path=f flags=O_WRONLY = fd1",
		"fcntl fd=fd1 path=f flags=F_SETFL mode=O_APPEND = 0",
		"write fd=fd1 path=f bytes=1 = 1",
		"pread64 fd=fd1 path=f = -EBADF",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "abcz"}},

	// rename
	{Family: "rename", Name: "rename", Setup: Setup{Files: map[string]string{"a": "A"}, Dirs: []string{"sub"}}, Steps: []string{
		"rename path=a path2=b = 0",
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd1",
		"renameat path=b path2=sub/c = 0",
		"renameat path=sub/c path2=sub/d = 0",
		"close fd=fd1 path=sub = 0",
	}, After: map[string]string{"sub/d": "A"}},
	{Family: "rename", Name: "renameat2", Setup: Setup{Files: map[string]string{"a": "A", "c": "C"}}, Steps: []string{
		"renameat2 path=a path2=b flags=RENAME_NOREPLACE = 0",
		"renameat2 path=b path2=c flags=RENAME_NOREPLACE = -EEXIST",
		"renameat2 path=b path2=c flags=RENAME_EXCHANGE = 0",
	}, After: map[string]string{"b": "C", "c": "A"}},
	{Family: "rename", Name: "rename_enoent", Steps: []string{
		"rename path=missing path2=b = -ENOENT",
		"renameat path=missing path2=b = -ENOENT",
	}},

	// link
	{Family: "link", Name: "link", Setup: Setup{Files: map[string]string{"a": "A"}}, Steps: []string{
		"link path=a path2=b = 0",
		"linkat path=a path2=c flags=0 = 0",
		"link path=a path2=b = -EEXIST",
	}, After: map[string]string{"b": "A", "c": "A"}},
	{Family: "link", Name: "symlink", Setup: Setup{Dirs: []string{"sub"}}, Steps: []string{
		"symlink path=target path2=l = 0",
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd1",
		"symlinkat path=../target path2=sub/l = 0",
		"readlink path=l bytes=6 = 6",
		"readlinkat path=sub/l bytes=9 = 9",
		"readlink path=missing = -ENOENT",
		"close fd=fd1 path=sub = 0",
	}},

	// unlink
	{Family: "unlink", Name: "unlink", Setup: Setup{Files: map[string]string{"a": "", "b": ""}, Dirs: []string{"d1", "d2"}}, Steps: []string{
		"unlink path=a = 0",
		"unlinkat path=b flags=0 = 0",
		"unlinkat path=d1 flags=AT_REMOVEDIR = 0",
		"rmdir path=d2 = 0",
		"unlink path=a = -ENOENT",
	}},
	{Family: "unlink", Name: "rmdir_enotempty", Setup: Setup{Files: map[string]string{"full/x": ""}}, Steps: []string{
		"rmdir path=full = -ENOTEMPTY",
		"unlinkat path=full flags=AT_REMOVEDIR = -ENOTEMPTY",
	}},

	// dir
	{Family: "dir", Name: "mkdir", Steps: []string{
		"mkdir path=d1 mode=0755 = 0",
		"mkdirat path=d2 mode=0700 = 0",
		"mkdir path=d1 mode=0755 = -EEXIST",
	}},
	{Family: "dir", Name: "chdir_relative", Setup: Setup{Dirs: []string{"sub"}}, Steps: []string{
		"chdir path=sub = 0",
		"openat path=sub/f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"close fd=fd1 path=sub/f = 0",
		"chdir path=. = 0",
		"unlink path=sub/f = 0",
	}},
	{Family: "dir", Name: "fchdir", Setup: Setup{Dirs: []string{"sub"}}, Steps: []string{
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd1",
		"fchdir fd=fd1 path=sub = 0",
		"openat path=sub/g flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"close fd=fd2 path=sub/g = 0",
		"close fd=fd1 path=sub = 0",
	}},
	{Family: "dir", Name: "getdents64", Setup: Setup{Files: map[string]string{"a": "", "bb": "", "ccc": ""}}, Steps: []string{
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd1",
		"getdents64 fd=fd1 path=. = +",
		"getdents64 fd=fd1 path=. = 0",
		"close fd=fd1 path=. = 0",
	}},

	// stat
	{Family: "stat", Name: "stat", Setup: Setup{Files: map[string]string{"f": "12345"}, Symlinks: map[string]string{"l": "f"}}, Steps: []string{
		"newstat path=f = 0",
		"newlstat path=l = 0",
		"openat path=f flags=O_RDONLY = fd1",
		"newfstat fd=fd1 path=f = 0",
		"newfstatat path=f flags=0 = 0",
		"newfstatat path=f flags=AT_EMPTY_PATH = 0",
		"statx path=f flags=0 mode=STATX_BASIC_STATS = 0",
		"newstat path=missing = -ENOENT",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "stat", Name: "access", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"access path=f mode=R_OK = 0",
		"faccessat path=f mode=W_OK = 0",
		"faccessat2 path=f mode=R_OK flags=AT_EACCESS = 0",
		"access path=missing mode=F_OK = -ENOENT",
	}},

	// sync
	{Family: "sync", Name: "sync", Steps: []string{
		"openat path=f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"write fd=fd1 path=f bytes=5 = 5",
		"fsync fd=fd1 path=f = 0",
		"fdatasync fd=fd1 path=f = 0",
		"sync_file_range fd=fd1 path=f flags=SYNC_FILE_RANGE_WRITE = 0",
		"syncfs fd=fd1 path=f = 0",
		"sync = 0",
		"close fd=fd1 path=f = 0",
	}},

	// truncate
	{Family: "truncate", Name: "truncate", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"truncate path=f = 0",
		"openat path=f flags=O_WRONLY = fd1",
		"ftruncate fd=fd1 path=f = 0",
		"close fd=fd1 path=f = 0",
		"truncate path=missing = -ENOENT",
	}, After: map[string]string{"f": "0"}},

	// io_uring: one READ_FIXED from src and one WRITE_FIXED to dst, on
	// registered files and buffers, submitted and reaped by one enter.
	{Family: "io_uring", Name: "io_uring", Setup: Setup{Files: map[string]string{"src": "uring-data"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"io_uring_setup path=anon_inode:[io_uring] = fd3",
		"io_uring_register fd=fd3 path=anon_inode:[io_uring] flags=IORING_REGISTER_FILES = 0",
		"io_uring_register fd=fd3 path=anon_inode:[io_uring] flags=IORING_REGISTER_BUFFERS = 0",
		"io_uring_enter fd=fd3 path=anon_inode:[io_uring] flags=IORING_ENTER_GETEVENTS = 2",
		"close fd=fd3 path=anon_inode:[io_uring] = 0",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "uring"}},

	// xattr: "user." attributes on the scenario directory's filesystem.
	// The attribute name is path2; the f* forms record only the fd.
	{Family: "xattr", Name: "xattr_path", Setup: Setup{Files: map[string]string{"f": "data"}}, Steps: []string{
		"setxattr path=f path2=user.a flags=XATTR_CREATE = 0",
		"setxattr path=f path2=user.a flags=XATTR_CREATE = -EEXIST",
		"getxattr path=f path2=user.a bytes=5 = 5",
		"getxattr path=f path2=user.a bytes=0 = -ERANGE",
		"listxattr path=f bytes=7 = 7",
		"listxattr path=f bytes=0 = -ERANGE",
		"removexattr path=f path2=user.a = 0",
		"getxattr path=f path2=user.a = -ENODATA",
		"removexattr path=f path2=user.a = -ENODATA",
		"setxattr path=f path2=user.b flags=XATTR_REPLACE = -ENODATA",
		"listxattr path=f bytes=0 = 0",
	}},
	{Family: "xattr", Name: "xattr_symlink", Setup: Setup{Files: map[string]string{"f": "data"}, Symlinks: map[string]string{"l": "f"}}, Steps: []string{
		"lsetxattr path=f path2=user.a flags=0 = 0",
		"lgetxattr path=f path2=user.a bytes=1 = 1",
		"llistxattr path=f bytes=7 = 7",
		"getxattr path=l path2=user.a bytes=1 = 1",
		"lsetxattr path=l path2=user.a flags=0 = -EPERM",
		"lgetxattr path=l path2=user.a = -ENODATA",
		"llistxattr path=l bytes=0 = 0",
		"lremovexattr path=l path2=user.a = -EPERM",
		"lremovexattr path=f path2=user.a = 0",
	}},
	{Family: "xattr", Name: "xattr_fd", Setup: Setup{Files: map[string]string{"f": "data"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"fsetxattr fd=fd1 path=f path2= flags=0 = 0",
		"fgetxattr fd=fd1 path=f path2= bytes=5 = 5",
		"flistxattr fd=fd1 path=f bytes=7 = 7",
		"fremovexattr fd=fd1 path=f path2= = 0",
		"fgetxattr fd=fd1 path=f = -ENODATA",
		"fremovexattr fd=fd1 path=f = -ENODATA",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "xattr", Name: "xattr_ebadf", Steps: []string{
		"fsetxattr fd=fd1 path_status=unknown = -EBADF",
		"fgetxattr fd=fd1 path_status=unknown = -EBADF",
		"flistxattr fd=fd1 path_status=unknown = -EBADF",
		"fremovexattr fd=fd1 path_status=unknown = -EBADF",
	}},
	{Family: "xattr", Name: "xattr_enoent", Steps: []string{
		"setxattr path=missing path2=user.a flags=0 = -ENOENT",
		"lsetxattr path=missing path2=user.a flags=0 = -ENOENT",
		"getxattr path=missing path2=user.a = -ENOENT",
		"lgetxattr path=missing path2=user.a = -ENOENT",
		"listxattr path=missing = -ENOENT",
		"llistxattr path=missing = -ENOENT",
		"removexattr path=missing path2=user.a = -ENOENT",
		"lremovexattr path=missing path2=user.a = -ENOENT",
	}},
	{Family: "xattr", Name: "xattr_at", Setup: Setup{Files: map[string]string{"sub/f": ""}}, Steps: []string{
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd1",
		"setxattrat path=sub/f path2=user.a flags=0 = 0",
		"getxattrat path=sub/f path2=user.a flags=0 bytes=5 = 5",
		"listxattrat path=sub/f flags=0 bytes=7 = 7",
		"removexattrat path=sub/f path2=user.a flags=0 = 0",
		"getxattrat path=sub/f path2=user.a = -ENODATA",
		"removexattrat path=sub/f path2=user.a = -ENODATA",
		"close fd=fd1 path=sub = 0",
	}},
	// The last step names "f" relative to a dirfd that is not open: ior
	// shows a relative name against an unknown dirfd as it is.
	{Family: "xattr", Name: "xattrat_errors", Setup: Setup{Files: map[string]string{"f": ""}, Symlinks: map[string]string{"l": "f"}}, Steps: []string{
		"setxattrat path=missing path2=user.a flags=0 = -ENOENT",
		"setxattrat path=f path2=user.a = -EINVAL",
		"getxattrat path=missing path2=user.a = -ENOENT",
		"listxattrat path=f flags=0x1 = -EINVAL",
		"removexattrat path=l path2=user.a flags=AT_SYMLINK_NOFOLLOW = -EPERM",
		"removexattrat path=f path2=user.a = -EBADF",
	}},

	// ioctl: the request is flags; its argument is not recorded.
	{Family: "ioctl", Name: "ioctl_file", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"ioctl fd=fd1 path=f flags=FIONREAD = 0",
		"ioctl fd=fd1 path=f flags=FS_IOC_GETFLAGS = 0",
		"ioctl fd=fd1 path=f flags=FS_IOC_SETFLAGS = 0",
		"ioctl fd=fd1 path=f flags=0x1234 = -ENOTTY",
		"ioctl fd=fd1 path=f flags=FIONREAD = -EFAULT",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "ioctl", Name: "ioctl_dir", Setup: Setup{Dirs: []string{"sub"}}, Steps: []string{
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd1",
		"ioctl fd=fd1 path=sub flags=FS_IOC_GETFLAGS = 0",
		"ioctl fd=fd1 path=sub flags=FIONREAD = -ENOTTY",
		"close fd=fd1 path=sub = 0",
	}},
	// FICLONE's argument is the source fd (fd1), not recorded.
	{Family: "ioctl", Name: "ioctl_clone", Setup: Setup{Files: map[string]string{"src": "data"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"ioctl fd=fd2 path=dst flags=FICLONE = -ENOTSUP",
		"ioctl fd=fd2 path=dst flags=FICLONERANGE = -ENOTSUP",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}},
	{Family: "ioctl", Name: "ioctl_ebadf", Steps: []string{
		"ioctl fd=fd1 path_status=unknown flags=FIONREAD = -EBADF",
		"ioctl fd=fd1 path_status=unknown flags=0x1234 = -EBADF",
	}},

	// aio: buffered AIO on a regular file. The context id is not an fd
	// and is not recorded; mode is io_setup's nr_events and io_submit's
	// nr, flags/mode io_getevents' min_nr/nr. The iocbs are not copied.
	{Family: "aio", Name: "aio", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"io_setup mode=8 = 0",
		"io_submit mode=2 = 2",
		"io_getevents flags=2 mode=4 = 2",
		"io_submit mode=1 = 1",
		"io_pgetevents flags=1 mode=4 = 1",
		"io_cancel = -EINVAL",
		"io_destroy = 0",
		"io_destroy = -EINVAL",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "0123456789ab"}},
	{Family: "aio", Name: "aio_errors", Steps: []string{
		"io_setup mode=0 = -EINVAL",
		"io_setup mode=8 = -EFAULT",
		"io_submit mode=1 = -EINVAL",
		"io_getevents flags=1 mode=1 = -EINVAL",
		"io_destroy = -EINVAL",
		"io_setup mode=1 = 0",
		"io_submit mode=1 = -EBADF",
		"io_submit mode=0xffffffffffffffff = -EINVAL",
		"io_getevents flags=0 mode=1 = 0",
		"io_destroy = 0",
	}},

	// errors: error paths of syscalls that the scenarios above only show
	// succeeding. Bad fds are 9999 (fd1) and 230; a relative name against
	// a dirfd that is not open is shown as it is.
	{Family: "errors", Name: "errors_ebadf", Steps: []string{
		"dup fd=fd1 path_status=unknown = -EBADF",
		"dup2 fd=fd1 fd2=fd2 path_status=unknown = -EBADF",
		"dup3 fd=fd1 fd2=fd2 path_status=unknown flags=0 = -EBADF",
		"fcntl fd=fd1 path_status=unknown flags=F_GETFD = -EBADF",
		"fchdir fd=fd1 path_status=unknown = -EBADF",
		"fsync fd=fd1 path_status=unknown = -EBADF",
		"fdatasync fd=fd1 path_status=unknown = -EBADF",
		"syncfs fd=fd1 path_status=unknown = -EBADF",
		"sync_file_range fd=fd1 path_status=unknown flags=SYNC_FILE_RANGE_WRITE = -EBADF",
		"ftruncate fd=fd1 path_status=unknown = -EBADF",
		"newfstat fd=fd1 path_status=unknown = -EBADF",
		"getdents64 fd=fd1 path_status=unknown = -EBADF",
		"readv fd=fd1 path_status=unknown = -EBADF",
		"preadv fd=fd1 path_status=unknown = -EBADF",
		"preadv2 fd=fd1 path_status=unknown flags=0 = -EBADF",
		"pwrite64 fd=fd1 path_status=unknown = -EBADF",
		"pwritev fd=fd1 path_status=unknown = -EBADF",
		"pwritev2 fd=fd1 path_status=unknown flags=0 = -EBADF",
		"io_uring_enter fd=fd1 path_status=unknown flags=0 = -EBADF",
		"io_uring_register fd=fd1 path_status=unknown flags=IORING_REGISTER_FILES = -EBADF",
		"openat path=f flags=O_RDONLY = -EBADF",
		"mkdirat path=d mode=0755 = -EBADF",
		"newfstatat path=f flags=0 = -EBADF",
		"statx path=f flags=0 mode=STATX_BASIC_STATS = -EBADF",
		"name_to_handle_at path=f flags=0 = -EBADF",
		"open_by_handle_at path_status=unknown flags=O_RDONLY = -EBADF",
	}},
	{Family: "errors", Name: "errors_enoent_eexist", Setup: Setup{Files: map[string]string{"f": ""}, Symlinks: map[string]string{"l": "f"}}, Steps: []string{
		"creat path=missing/x mode=0644 = -ENOENT",
		"openat2 path=missing flags=O_RDONLY mode=0 = -ENOENT",
		"newlstat path=missing = -ENOENT",
		"newfstatat path=missing flags=0 = -ENOENT",
		"statx path=missing flags=0 mode=STATX_BASIC_STATS = -ENOENT",
		"faccessat path=missing mode=F_OK = -ENOENT",
		"faccessat2 path=missing mode=F_OK flags=0 = -ENOENT",
		"chdir path=missing = -ENOENT",
		"mkdirat path=missing/d mode=0755 = -ENOENT",
		"linkat path=missing path2=b flags=0 = -ENOENT",
		"readlinkat path=missing = -ENOENT",
		"name_to_handle_at path=missing flags=0 = -ENOENT",
		"symlinkat path= path2=l2 = -ENOENT",
		"symlink path=t path2=f = -EEXIST",
		"symlinkat path=t path2=l = -EEXIST",
		"linkat path=f path2=l flags=0 = -EEXIST",
		"mkdirat path=f mode=0755 = -EEXIST",
		"openat path=f flags=O_CREAT|O_EXCL|O_WRONLY mode=0644 = -EEXIST",
	}},
	{Family: "errors", Name: "errors_enotdir", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f/x flags=O_RDONLY = -ENOTDIR",
		"openat path=f flags=O_RDONLY|O_DIRECTORY = -ENOTDIR",
		"chdir path=f = -ENOTDIR",
		"mkdirat path=f/d mode=0755 = -ENOTDIR",
		"newlstat path=f/x = -ENOTDIR",
		"symlinkat path=t path2=f/l = -ENOTDIR",
		"linkat path=f path2=f/x flags=0 = -ENOTDIR",
		"readlinkat path=f/x = -ENOTDIR",
		"openat path=f flags=O_RDONLY = fd1",
		"fchdir fd=fd1 path=f = -ENOTDIR",
		"getdents64 fd=fd1 path=f = -ENOTDIR",
		"openat path=f/x flags=O_RDONLY = -ENOTDIR",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "errors", Name: "errors_eloop", Setup: Setup{Files: map[string]string{"f": ""}, Symlinks: map[string]string{"l": "f", "a": "b", "b": "a"}}, Steps: []string{
		"openat path=a flags=O_RDONLY = -ELOOP",
		"newstat path=a = -ELOOP",
		"chdir path=a = -ELOOP",
		"faccessat path=a/x mode=F_OK = -ELOOP",
		"newfstatat path=b flags=0 = -ELOOP",
		"statx path=b flags=0 mode=STATX_BASIC_STATS = -ELOOP",
		"openat path=l flags=O_RDONLY|O_NOFOLLOW = -ELOOP",
		"openat2 path=l flags=O_RDONLY|O_NOFOLLOW = -ELOOP",
	}},
	// A 5000-byte path and a 300-byte name, relative to the scenario
	// directory: ior keeps the first 255 bytes of each.
	{Family: "errors", Name: "errors_enametoolong", Steps: []string{
		"chdir path=. = 0",
		// 5000 bytes: ior keeps 4159 of them and says the path was cut.
		"openat path=" + strings.Repeat("x", 4159) + " path_status=cut flags=O_RDONLY = -ENAMETOOLONG",
		"newstat path=" + strings.Repeat("x", 4159) + " path_status=cut = -ENAMETOOLONG",
		// A 300-byte name (past NAME_MAX) is kept whole.
		"mkdir path=" + strings.Repeat("y", 300) + " mode=0755 = -ENAMETOOLONG",
		"openat path=" + strings.Repeat("y", 300) + " flags=O_CREAT|O_WRONLY mode=0644 = -ENAMETOOLONG",
	}},
	// Pointers to address 1: the kernel faults, and so does ior's copy of
	// the path strings.
	{Family: "errors", Name: "errors_efault", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd2",
		"openat path=0x1 path_status=fault flags=O_RDONLY = -EFAULT",
		"newstat path=0x1 path_status=fault = -EFAULT",
		"symlink path=0x1 path_status=fault path2=l = -EFAULT",
		"newfstat fd=fd1 path=f = -EFAULT",
		"readv fd=fd1 path=f = -EFAULT",
		"statx path=f flags=0 mode=STATX_BASIC_STATS = -EFAULT",
		"getdents64 fd=fd2 path=. = -EFAULT",
		"close fd=fd2 path=. = 0",
		"close fd=fd1 path=f = 0",
	}},
	// EINVAL and its kin: bad flags, counts and offsets, and operations
	// the file does not support (fsync of /dev/null, io_uring calls on a
	// regular file). f is opened read-only.
	{Family: "errors", Name: "errors_einval", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd2",
		"openat path=/dev/null flags=O_WRONLY = fd3",
		"dup3 fd=fd1 fd2=fd1 path=f flags=0 = -EINVAL",
		"dup3 fd=fd1 fd2=fd4 path=f flags=1 = -EINVAL",
		"fcntl fd=fd1 path=f flags=9999 = -EINVAL",
		"ftruncate fd=fd1 path=f = -EINVAL",
		"pwrite64 fd=fd1 path=f = -EBADF",
		"readv fd=fd1 path=f = -EINVAL",
		"preadv fd=fd1 path=f = -EINVAL",
		"preadv2 fd=fd1 path=f flags=0x80000000 = -ENOTSUP",
		"pwritev fd=fd1 path=f = -EBADF",
		"pwritev2 fd=fd1 path=f flags=0 = -EBADF",
		"sync_file_range fd=fd1 path=f flags=0x8 = -EINVAL",
		"getdents64 fd=fd2 path=. = -EINVAL",
		"fsync fd=fd3 path=/dev/null = -EINVAL",
		"fdatasync fd=fd3 path=/dev/null = -EINVAL",
		"newfstatat path=f flags=0x1 = -EINVAL",
		"statx path=f flags=0 mode=0x80000000 = -EINVAL",
		"faccessat path=f mode=0x8 = -EINVAL",
		"faccessat2 path=f mode=R_OK flags=0x1 = -EINVAL",
		"readlinkat path=f = -EINVAL",
		"close_range fd=fd5 fd2=fd6 flags=0 = -EINVAL",
		"name_to_handle_at path=f flags=0x4 = -EINVAL",
		"open_by_handle_at path_status=unknown flags=O_RDONLY = -EINVAL",
		"io_uring_setup = -EINVAL",
		"io_uring_enter fd=fd1 path=f flags=0 = -ENOTSUP",
		"io_uring_register fd=fd1 path=f flags=IORING_REGISTER_FILES = -ENOTSUP",
		"close fd=fd3 path=/dev/null = 0",
		"close fd=fd2 path=. = 0",
		"close fd=fd1 path=f = 0",
	}},

	// transfer: positioning and in-kernel copies. Pipe ends are FIFOs
	// created by path, which ior names by that path.
	{Family: "transfer", Name: "lseek", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"lseek fd=fd1 path=f flags=SEEK_SET = 4",
		"lseek fd=fd1 path=f flags=SEEK_CUR = 6",
		"lseek fd=fd1 path=f flags=SEEK_END = 7",
		"read fd=fd1 path=f bytes=3 = 3",
		"lseek fd=fd1 path=f flags=SEEK_DATA = 0",
		"lseek fd=fd1 path=f flags=SEEK_HOLE = 10",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "lseek_errors", Setup: Setup{Files: map[string]string{"f": "0123456789"}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"openat path=p flags=O_RDWR = fd2",
		"lseek fd=fd3 path_status=unknown flags=SEEK_SET = -EBADF",
		"lseek fd=fd1 path=f flags=99 = -EINVAL",
		"lseek fd=fd1 path=f flags=SEEK_SET = -EINVAL", // negative offset
		"lseek fd=fd1 path=f flags=SEEK_DATA = -ENXIO", // past the end
		"lseek fd=fd2 path=p flags=SEEK_SET = -ESPIPE",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=f = 0",
	}},
	// sendfile64: fd is the destination, fd2 the source; the first call
	// passes an offset by pointer, the second none.
	{Family: "transfer", Name: "sendfile", Setup: Setup{Files: map[string]string{"src": "hello world"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"sendfile64 fd=fd2 fd2=fd1 path=dst bytes=5 = 5",
		"sendfile64 fd=fd2 fd2=fd1 path=dst bytes=11 = 11",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "worldhello world"}},
	{Family: "transfer", Name: "sendfile_errors", Setup: Setup{Files: map[string]string{"src": "hello world"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"sendfile64 fd=fd2 fd2=fd3 path=dst = -EBADF",
		"sendfile64 fd=fd1 fd2=fd1 path=src = -EBADF",  // destination not writable
		"sendfile64 fd=fd2 fd2=fd1 path=dst = -EFAULT", // offset pointer
		"sendfile64 fd=fd2 fd2=fd1 path=dst = -EINVAL", // negative offset
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}},
	{Family: "transfer", Name: "splice", Setup: Setup{Files: map[string]string{"src": "abcdef"}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=p flags=O_RDWR = fd2",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd3",
		"splice fd=fd1 fd2=fd2 path=src bytes=4 flags=0 = 4",
		"splice fd=fd2 fd2=fd3 path=p bytes=4 flags=SPLICE_F_MOVE = 4",
		"close fd=fd3 path=dst = 0",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "bcde"}},
	{Family: "transfer", Name: "splice_errors", Setup: Setup{Files: map[string]string{"src": "abcdef"}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=p flags=O_RDWR = fd2",
		"splice fd=fd1 fd2=fd1 path=src flags=0 = -EBADF", // destination not writable
		"splice fd=fd3 fd2=fd2 path_status=unknown flags=0 = -EBADF",
		"splice fd=fd2 fd2=fd1 path=p flags=0 = -ESPIPE", // an offset for a pipe
		"splice fd=fd2 fd2=fd2 path=p flags=0 = -EINVAL", // a pipe into itself
		"splice fd=fd1 fd2=fd2 path=src flags=0x100 = -EINVAL",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=src = 0",
	}},
	{Family: "transfer", Name: "tee", Setup: Setup{Fifos: []string{"p1", "p2"}}, Steps: []string{
		"openat path=p1 flags=O_RDWR = fd1",
		"openat path=p2 flags=O_RDWR = fd2",
		"write fd=fd1 path=p1 bytes=3 = 3",
		"tee fd=fd1 fd2=fd2 path=p1 bytes=3 flags=SPLICE_F_NONBLOCK = 3",
		"read fd=fd2 path=p2 bytes=3 = 3",
		"read fd=fd1 path=p1 bytes=3 = 3",
		"close fd=fd2 path=p2 = 0",
		"close fd=fd1 path=p1 = 0",
	}},
	{Family: "transfer", Name: "tee_errors", Setup: Setup{Files: map[string]string{"f": ""}, Fifos: []string{"p1", "p2"}}, Steps: []string{
		"openat path=p1 flags=O_RDWR = fd1",
		"openat path=p2 flags=O_RDWR = fd2",
		"openat path=f flags=O_RDWR = fd3",
		"tee fd=fd1 fd2=fd2 path=p1 flags=SPLICE_F_NONBLOCK = -EAGAIN", // empty
		"tee fd=fd1 fd2=fd1 path=p1 flags=0 = -EINVAL",
		"tee fd=fd3 fd2=fd2 path=f flags=0 = -EINVAL", // not a pipe
		"tee fd=fd4 fd2=fd2 path_status=unknown flags=0 = -EBADF",
		"close fd=fd3 path=f = 0",
		"close fd=fd2 path=p2 = 0",
		"close fd=fd1 path=p1 = 0",
	}},
	{Family: "transfer", Name: "vmsplice", Setup: Setup{Fifos: []string{"p"}}, Steps: []string{
		"openat path=p flags=O_RDWR = fd1",
		"vmsplice fd=fd1 path=p bytes=5 flags=0 = 5",
		"read fd=fd1 path=p bytes=5 = 5",
		"close fd=fd1 path=p = 0",
	}},
	{Family: "transfer", Name: "vmsplice_errors", Setup: Setup{Files: map[string]string{"f": ""}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=p flags=O_RDWR = fd1",
		"openat path=f flags=O_RDWR = fd2",
		"vmsplice fd=fd3 path_status=unknown flags=0 = -EBADF",
		"vmsplice fd=fd2 path=f flags=0 = -EBADF", // not a pipe
		"vmsplice fd=fd1 path=p flags=0x100 = -EINVAL",
		"vmsplice fd=fd1 path=p flags=0 = -EFAULT", // iovec pointer
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=p = 0",
	}},
	{Family: "transfer", Name: "copy_file_range", Setup: Setup{Files: map[string]string{"src": "0123456789"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"copy_file_range fd=fd1 fd2=fd2 path=src bytes=5 flags=0 = 5",
		"copy_file_range fd=fd1 fd2=fd2 path=src bytes=10 flags=0 = 10",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "234560123456789"}},
	{Family: "transfer", Name: "copy_file_range_errors", Setup: Setup{Files: map[string]string{"src": "0123456789"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd3",
		"copy_file_range fd=fd1 fd2=fd2 path=src flags=1 = -EINVAL",
		"copy_file_range fd=fd1 fd2=fd1 path=src flags=0 = -EBADF", // destination not writable
		"copy_file_range fd=fd4 fd2=fd2 path_status=unknown flags=0 = -EBADF",
		"copy_file_range fd=fd3 fd2=fd2 path=. flags=0 = -EISDIR",
		"close fd=fd3 path=. = 0",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}},
	{Family: "transfer", Name: "fallocate", Steps: []string{
		"openat path=f flags=O_CREAT|O_RDWR mode=0644 = fd1",
		"fallocate fd=fd1 path=f flags=0 = 0",
		"fallocate fd=fd1 path=f flags=FALLOC_FL_KEEP_SIZE = 0",
		"fallocate fd=fd1 path=f flags=FALLOC_FL_PUNCH_HOLE|FALLOC_FL_KEEP_SIZE = 0",
		"fallocate fd=fd1 path=f flags=FALLOC_FL_ZERO_RANGE = 0",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": strings.Repeat("\x00", 8192)}},
	{Family: "transfer", Name: "fallocate_errors", Setup: Setup{Files: map[string]string{"f": ""}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"openat path=f flags=O_RDONLY = fd2",
		"openat path=p flags=O_RDWR = fd3",
		"fallocate fd=fd1 path=f flags=0 = -EINVAL",                     // zero length
		"fallocate fd=fd1 path=f flags=FALLOC_FL_PUNCH_HOLE = -ENOTSUP", // EOPNOTSUPP: without KEEP_SIZE
		"fallocate fd=fd2 path=f flags=0 = -EBADF",
		"fallocate fd=fd3 path=p flags=0 = -ESPIPE",
		"fallocate fd=fd4 path_status=unknown flags=0 = -EBADF",
		"close fd=fd3 path=p = 0",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "fadvise64", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"fadvise64 fd=fd1 path=f flags=POSIX_FADV_SEQUENTIAL = 0",
		"fadvise64 fd=fd1 path=f flags=POSIX_FADV_WILLNEED = 0",
		"fadvise64 fd=fd1 path=f flags=POSIX_FADV_DONTNEED = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "fadvise64_errors", Setup: Setup{Files: map[string]string{"f": "0123456789"}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"openat path=p flags=O_RDWR = fd2",
		"fadvise64 fd=fd1 path=f flags=99 = -EINVAL",
		"fadvise64 fd=fd1 path=f flags=POSIX_FADV_NORMAL = -EINVAL", // negative length
		"fadvise64 fd=fd2 path=p flags=POSIX_FADV_NORMAL = -ESPIPE",
		"fadvise64 fd=fd3 path_status=unknown flags=POSIX_FADV_NORMAL = -EBADF",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "readahead", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"readahead fd=fd1 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "readahead_errors", Setup: Setup{Files: map[string]string{"f": "0123456789"}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=f flags=O_WRONLY = fd1",
		"openat path=p flags=O_RDWR = fd2",
		"readahead fd=fd1 path=f = -EBADF", // not open for reading
		"readahead fd=fd2 path=p = -EINVAL",
		"readahead fd=fd3 path_status=unknown = -EBADF",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=f = 0",
	}},

	// lock: flock's operation is its flags. fcntl's lock commands pass a
	// struct flock pointer, recorded as fcntl's mode: the workloads keep it
	// on a page at a fixed address, so it agrees between C and Go.
	{Family: "lock", Name: "fcntl_setlk", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"fcntl fd=fd1 path=f flags=F_SETLK = 0",
		"fcntl fd=fd1 path=f flags=F_GETLK = 0",
		"fcntl fd=fd1 path=f flags=F_SETLKW = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "lock", Name: "fcntl_ofd_lock", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"openat path=f flags=O_RDWR = fd2",
		"fcntl fd=fd1 path=f flags=F_OFD_SETLK = 0",
		"fcntl fd=fd2 path=f flags=F_OFD_GETLK = 0",
		"fcntl fd=fd2 path=f flags=F_OFD_SETLK = -EAGAIN",
		"fcntl fd=fd1 path=f flags=F_OFD_SETLKW = 0",
		"fcntl fd=fd2 path=f flags=F_OFD_SETLKW = 0",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "lock", Name: "fcntl_lock_errors", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"fcntl fd=fd2 path_status=unknown flags=F_SETLK = -EBADF",
		"fcntl fd=fd1 path=f flags=F_GETLK mode=8 = -EFAULT",
		"fcntl fd=fd1 path=f flags=F_SETLK = -EBADF",      // write lock, read-only fd
		"fcntl fd=fd1 path=f flags=F_SETLK = -EINVAL",     // bad l_type
		"fcntl fd=fd1 path=f flags=F_SETLK = -EINVAL",     // bad l_whence
		"fcntl fd=fd1 path=f flags=F_OFD_SETLK = -EINVAL", // l_pid not 0
		"close fd=fd1 path=f = 0",
	}},
	{Family: "lock", Name: "flock", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"openat path=f flags=O_RDONLY = fd2",
		"flock fd=fd1 path=f flags=LOCK_SH = 0",
		"flock fd=fd2 path=f flags=LOCK_SH|LOCK_NB = 0",
		"flock fd=fd1 path=f flags=LOCK_EX|LOCK_NB = -EAGAIN",
		"flock fd=fd2 path=f flags=LOCK_UN = 0",
		"flock fd=fd1 path=f flags=LOCK_EX|LOCK_NB = 0",
		"flock fd=fd2 path=f flags=LOCK_SH|LOCK_NB = -EAGAIN",
		"close fd=fd1 path=f = 0", // releases fd1's lock
		"flock fd=fd2 path=f flags=LOCK_SH = 0",
		"close fd=fd2 path=f = 0",
	}},
	{Family: "lock", Name: "flock_errors", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"openat path=f flags=O_PATH = fd2",
		"flock fd=fd3 path_status=unknown flags=LOCK_SH = -EBADF",
		"flock fd=fd2 path=f flags=LOCK_SH = -EBADF",
		"flock fd=fd1 path=f flags=0 = -EINVAL",
		"flock fd=fd1 path=f flags=LOCK_NB = -EINVAL",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},

	// meta: modes, owners, times, file system stats, device nodes, the
	// working directory, legacy getdents. Owners, times and device numbers
	// are not recorded.
	{Family: "meta", Name: "chmod", Setup: Setup{Files: map[string]string{"f": ""}, Symlinks: map[string]string{"l": "f"}}, Steps: []string{
		"chmod path=f mode=0600 = 0",
		"openat path=f flags=O_RDONLY = fd1",
		"fchmod fd=fd1 path=f mode=0640 = 0",
		"fchmodat path=f mode=0604 = 0",
		"fchmodat2 path=f mode=0644 flags=0 = 0",
		"fchmodat2 path=f mode=0600 flags=AT_EMPTY_PATH = 0",
		"fchmodat2 path=l mode=0600 flags=AT_SYMLINK_NOFOLLOW = -ENOTSUP", // EOPNOTSUPP: a symlink
		"close fd=fd1 path=f = 0",
	}},
	{Family: "meta", Name: "chmod_errors", Setup: Setup{Files: map[string]string{"f": ""}, Symlinks: map[string]string{"loop": "loop"}}, Steps: []string{
		"openat path=f flags=O_PATH = fd1",
		"chmod path=missing mode=0644 = -ENOENT",
		"chmod path=f/x mode=0644 = -ENOTDIR",
		"chmod path=loop mode=0644 = -ELOOP",
		"fchmod fd=fd2 path_status=unknown mode=0644 = -EBADF",
		"fchmod fd=fd1 path=f mode=0644 = -EBADF", // an O_PATH fd
		"fchmodat path=f mode=0644 = -EBADF",      // relative to fd 9999: left unresolved
		"fchmodat2 path=f mode=0644 flags=1 = -EINVAL",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "meta", Name: "chown", Setup: Setup{Files: map[string]string{"f": ""}, Symlinks: map[string]string{"l": "f"}}, Steps: []string{
		"chown path=f = 0",
		"lchown path=l = 0",
		"openat path=f flags=O_RDONLY = fd1",
		"fchown fd=fd1 path=f = 0",
		"fchownat path=f flags=0 = 0",
		"fchownat path=l flags=AT_SYMLINK_NOFOLLOW = 0",
		"fchownat path=f flags=AT_EMPTY_PATH = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "meta", Name: "chown_errors", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"chown path=missing = -ENOENT",
		"lchown path=f/x = -ENOTDIR",
		"fchown fd=fd1 path_status=unknown = -EBADF",
		"fchownat path=f flags=1 = -EINVAL",
	}},
	{Family: "meta", Name: "utime", Setup: Setup{Files: map[string]string{"f": "", "sub/g": ""}, Symlinks: map[string]string{"l": "f"}}, Steps: []string{
		"utime path=f = 0", // now
		"utime path=f = 0",
		"utimes path=f = 0",
		"futimesat path=f = 0",
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd1",
		"futimesat path=sub/g = 0",
		"utimensat path=f flags=0 = 0",
		"utimensat path=l flags=AT_SYMLINK_NOFOLLOW = 0",
		"utimensat path=sub flags=AT_EMPTY_PATH = 0",
		"close fd=fd1 path=sub = 0",
	}},
	{Family: "meta", Name: "utime_errors", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"utime path=missing = -ENOENT",
		"utime path=f/x = -ENOTDIR",
		"utimes path=f = -EINVAL",   // microseconds out of range
		"futimesat path=f = -EBADF", // relative to fd 9999: left unresolved
		"utimensat path=f flags=1 = -EINVAL",
		"utimensat path=f flags=0 = -EFAULT",
	}},
	{Family: "meta", Name: "statfs", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"statfs path=. = 0",
		"openat path=f flags=O_RDONLY = fd1",
		"fstatfs fd=fd1 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "meta", Name: "statfs_errors", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"statfs path=missing = -ENOENT",
		"statfs path=f = -EFAULT",
		"fstatfs fd=fd1 path_status=unknown = -EBADF",
	}},
	{Family: "meta", Name: "mknod", Setup: Setup{Dirs: []string{"sub"}}, Steps: []string{
		"mknod path=fifo mode=S_IFIFO|0644 = 0",
		"mknodat path=reg mode=S_IFREG|0600 = 0",
		"mknod path=null mode=S_IFCHR|0600 = 0",
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd1",
		"mknodat path=sub/sock mode=S_IFSOCK|0600 = 0",
		"close fd=fd1 path=sub = 0",
	}},
	{Family: "meta", Name: "mknod_errors", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"mknod path=f mode=S_IFREG|0644 = -EEXIST",
		"mknod path=d mode=S_IFDIR|0755 = -EPERM",
		"mknod path=x mode=0170644 = -EINVAL",
		"mknod path=missing/x mode=S_IFIFO|0644 = -ENOENT",
		"mknodat path=f/x mode=S_IFIFO|0644 = -ENOTDIR",
		"close fd=fd1 path=f = 0",
	}},
	// getcwd's result depends on the directory; "/" is the same in every run.
	{Family: "meta", Name: "getcwd", Steps: []string{
		"chdir path=/ = 0",
		"getcwd bytes=2 = 2",
		"chdir path=. = 0",
	}},
	{Family: "meta", Name: "getcwd_errors", Setup: Setup{Dirs: []string{"gone"}}, Steps: []string{
		"chdir path=/ = 0",
		"getcwd = -ERANGE",
		"getcwd = -EFAULT",
		"chdir path=gone = 0",
		"rmdir path=gone = 0",
		"getcwd = -ENOENT", // the working directory was removed
		"chdir path=. = 0",
	}},
	{Family: "meta", Name: "getdents", Setup: Setup{Files: map[string]string{"a": "", "bb": "", "ccc": ""}}, Steps: []string{
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd1",
		"getdents fd=fd1 path=. = +",
		"getdents fd=fd1 path=. = 0",
		"close fd=fd1 path=. = 0",
	}},
	{Family: "meta", Name: "getdents_errors", Setup: Setup{Files: map[string]string{"a": ""}}, Steps: []string{
		"openat path=a flags=O_RDONLY = fd1",
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd2",
		"getdents fd=fd3 path_status=unknown = -EBADF",
		"getdents fd=fd1 path=a = -ENOTDIR",
		"getdents fd=fd2 path=. = -EINVAL", // buffer too small
		"getdents fd=fd2 path=. = -EFAULT",
		"close fd=fd2 path=. = 0",
		"close fd=fd1 path=a = 0",
	}},
	// The scenario thread drops its effective uid to 65534 with a raw
	// setresuid (not traced) after the chdir, and takes it back at the end.
	{Family: "meta", Name: "meta_eperm", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"chdir path=. = 0",
		"chmod path=f mode=0600 = -EPERM",
		"chown path=f = -EPERM",
		"utimensat path=f flags=0 = -EACCES", // to now: needs write access
		"utimensat path=f flags=0 = -EPERM",  // to given times: needs ownership
		"mknod path=fifo mode=S_IFIFO|0644 = -EACCES",
	}},

	// fdnames: fds with no path, named as /proc names them from what the
	// kernel side read of the new file at the call's exit. Inode numbers
	// differ between runs: the harness compares them by identity (ino1,
	// ino2, ... like fds).
	{Family: "fdnames", Name: "fd_pipe", Steps: []string{
		"pipe2 fd=fd1 fd2=fd2 path=pipe:[ino1] path2=pipe:[ino1] flags=O_CLOEXEC = 0",
		"write fd=fd2 path=pipe:[ino1] bytes=2 len=2 = 2",
		"read fd=fd1 path=pipe:[ino1] bytes=2 len=8 = 2",
		"pipe fd=fd3 fd2=fd4 path=pipe:[ino2] path2=pipe:[ino2] = 0",
		"close fd=fd3 path=pipe:[ino2] = 0",
		"close fd=fd4 path=pipe:[ino2] = 0",
		"close fd=fd2 path=pipe:[ino1] = 0",
		"close fd=fd1 path=pipe:[ino1] = 0",
	}},
	{Family: "fdnames", Name: "fd_socketpair", Steps: []string{
		"socketpair fd=fd1 fd2=fd2 path=socket:[ino1] path2=socket:[ino2] flags=SOCK_STREAM|SOCK_CLOEXEC mode=AF_UNIX = 0",
		"write fd=fd1 path=socket:[ino1] bytes=3 len=3 = 3",
		"read fd=fd2 path=socket:[ino2] bytes=3 len=8 = 3",
		"close fd=fd1 path=socket:[ino1] = 0",
		"close fd=fd2 path=socket:[ino2] = 0",
	}},
	{Family: "fdnames", Name: "fd_memfd", Steps: []string{
		"memfd_create fd=fd1 path=\"/memfd:ior-mem (deleted)\" flags=MFD_CLOEXEC = fd1",
		"write fd=fd1 path=\"/memfd:ior-mem (deleted)\" bytes=3 len=3 = 3",
		"close fd=fd1 path=\"/memfd:ior-mem (deleted)\" = 0",
	}},
	{Family: "fdnames", Name: "fd_anon", Steps: []string{
		"eventfd2 fd=fd1 path=anon_inode:[eventfd] flags=O_CLOEXEC = fd1",
		"write fd=fd1 path=anon_inode:[eventfd] bytes=8 len=8 = 8",
		"read fd=fd1 path=anon_inode:[eventfd] bytes=8 len=8 = 8",
		"eventfd fd=fd2 path=anon_inode:[eventfd] = fd2",
		"epoll_create1 fd=fd3 path=anon_inode:[eventpoll] flags=O_CLOEXEC = fd3",
		"epoll_create fd=fd4 path=anon_inode:[eventpoll] = fd4",
		"timerfd_create fd=fd5 path=anon_inode:[timerfd] flags=O_CLOEXEC = fd5",
		"signalfd4 fd=fd6 path=anon_inode:[signalfd] flags=O_CLOEXEC = fd6",
		"inotify_init1 fd=fd7 path=anon_inode:inotify flags=O_CLOEXEC = fd7",
		"inotify_init fd=fd8 path=anon_inode:inotify = fd8",
		"pidfd_open fd=fd9 path=anon_inode:[pidfd] flags=0 = fd9",
		"fanotify_init fd=fd10 path=anon_inode:[fanotify] flags=FAN_CLOEXEC = fd10",
		"userfaultfd fd=fd11 path=anon_inode:[userfaultfd] flags=O_CLOEXEC = fd11",
		"close fd=fd11 path=anon_inode:[userfaultfd] = 0",
		"close fd=fd10 path=anon_inode:[fanotify] = 0",
		"close fd=fd9 path=anon_inode:[pidfd] = 0",
		"close fd=fd8 path=anon_inode:inotify = 0",
		"close fd=fd7 path=anon_inode:inotify = 0",
		"close fd=fd6 path=anon_inode:[signalfd] = 0",
		"close fd=fd5 path=anon_inode:[timerfd] = 0",
		"close fd=fd4 path=anon_inode:[eventpoll] = 0",
		"close fd=fd3 path=anon_inode:[eventpoll] = 0",
		"close fd=fd2 path=anon_inode:[eventfd] = 0",
		"close fd=fd1 path=anon_inode:[eventfd] = 0",
	}},
	// accept4: fd is the listening socket, fd2 and path2 the new one. The
	// bind, listen and connect between are not traced.
	{Family: "fdnames", Name: "fd_accept", Steps: []string{
		"socket fd=fd1 path=socket:[ino1] flags=SOCK_STREAM|SOCK_CLOEXEC mode=AF_UNIX = fd1",
		"socket fd=fd2 path=socket:[ino2] flags=SOCK_STREAM mode=AF_UNIX = fd2",
		"accept4 fd=fd1 fd2=fd3 path=socket:[ino1] path2=socket:[ino3] flags=SOCK_CLOEXEC = fd3",
		"write fd=fd2 path=socket:[ino2] bytes=2 len=2 = 2",
		"close fd=fd3 path=socket:[ino3] = 0",
		"close fd=fd2 path=socket:[ino2] = 0",
		"close fd=fd1 path=socket:[ino1] = 0",
	}},
	{Family: "fdnames", Name: "fd_errors", Steps: []string{
		"pipe2 flags=0 = -EFAULT",
		"pipe2 flags=0x1234 = -EINVAL",
		"socket flags=9999 mode=AF_UNIX = -EINVAL",
		"socketpair flags=SOCK_STREAM mode=AF_INET = -ENOTSUP",
		"eventfd2 flags=0x1234 = -EINVAL",
		"memfd_create path=x flags=0xff00 = -EINVAL",
		"epoll_create1 flags=0x1234 = -EINVAL",
		"timerfd_create flags=0 = -EINVAL",
		"inotify_init1 flags=0x1234 = -EINVAL",
		"pidfd_open flags=0 = -EINVAL",
		"accept4 fd=fd1 path_status=unknown flags=0 = -EBADF",
		"epoll_create = -EINVAL",
		"signalfd4 flags=0x1234 = -EINVAL",
		"fanotify_init flags=0xffff0000 = -EINVAL",
		"userfaultfd flags=0x1234 = -EINVAL",
		"pipe = -EFAULT",
		"accept fd=fd1 path_status=unknown = -EBADF",
	}},

	// values: int arguments as the kernel reads them (the low 32 bits of
	// their registers), dirfds that resolve nothing, AT_EMPTY_PATH.
	{Family: "values", Name: "int_args_low32", Steps: []string{
		"openat fd=fd1 path=f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"faccessat2 path=f flags=0 mode=F_OK = 0",
		"fchmodat path=f mode=0600 = 0",
		"openat path=f path_status=unknown flags=O_RDONLY = -EBADF",
		"openat fd=fd2 path=f flags=O_RDONLY = fd2",
		"faccessat2 path=f flags=AT_EMPTY_PATH mode=F_OK = 0",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},

	// names: paths ior keeps whole and exact.
	{Family: "names", Name: "long_path", Setup: Setup{Dirs: []string{deepDir}}, Steps: []string{
		"openat fd=fd1 path=" + deepDir + "f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"write fd=fd1 path=" + deepDir + "f bytes=1 len=1 = 1",
		"close fd=fd1 path=" + deepDir + "f = 0",
		"rename path=" + deepDir + "f path2=" + deepDir + "g = 0",
		"unlink path=" + deepDir + "g = 0",
	}},
	{Family: "names", Name: "odd_names", Steps: append(oddNameSteps(),
		"unlink path=0x0 path_status=fault = -EFAULT")},
	// ---- added with the plan interface: offsets and lengths, error
	// paths per syscall, size queries, threads.

	// file
	{Family: "open", Name: "open_excl", Setup: Setup{Dirs: []string{"sub"}}, Steps: []string{
		"openat path=f flags=O_CREAT|O_EXCL|O_WRONLY mode=0644 = fd1",
		"openat path=f flags=O_CREAT|O_EXCL|O_WRONLY mode=0644 = -EEXIST",
		"close fd=fd1 path=f = 0",
		"openat path=sub flags=O_WRONLY = -EISDIR",
		"open path=sub flags=O_RDWR = -EISDIR",
		"openat path=sub flags=O_CREAT|O_RDONLY mode=0644 = -EISDIR",
	}},
	// O_PATH: an fd that names a file without opening it for I/O.
	{Family: "open", Name: "open_path", Setup: Setup{Files: map[string]string{"f": "data"}}, Steps: []string{
		"openat path=f flags=O_PATH = fd1",
		"read fd=fd1 path=f len=4 = -EBADF",
		"newfstat fd=fd1 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	// openat2's resolve flags: RESOLVE_BENEATH refuses "..", and
	// RESOLVE_NO_SYMLINKS a symlink; mode without O_CREAT is refused.
	{Family: "open", Name: "openat2_resolve", Setup: Setup{Files: map[string]string{"f": ""}, Dirs: []string{"sub"}, Symlinks: map[string]string{"l": "f"}}, Steps: []string{
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd1",
		"openat2 path=f flags=O_RDONLY mode=0 = -EXDEV", // sub/../f, shown cleaned
		"openat2 path=l flags=O_RDONLY mode=0 = -ELOOP",
		"openat2 path=f flags=O_RDONLY mode=0644 = -EINVAL",
		"openat2 path=f flags=O_RDONLY mode=0 = fd2",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=sub = 0",
	}},
	// creat truncates an existing file and refuses a directory.
	{Family: "open", Name: "creat_existing", Setup: Setup{Files: map[string]string{"f": "old data"}, Dirs: []string{"sub"}}, Steps: []string{
		"creat path=f flags=O_CREAT|O_WRONLY|O_TRUNC mode=0600 = fd1",
		"write fd=fd1 path=f len=2 bytes=2 = 2",
		"close fd=fd1 path=f = 0",
		"creat path=sub mode=0644 = -EISDIR",
	}, After: map[string]string{"f": "ab"}},
	// A handle buffer of 0 bytes: EOVERFLOW, and the kernel says how many
	// it needs. The handle of a removed file is stale.
	{Family: "open", Name: "handle_errors", Setup: Setup{Files: map[string]string{"f": "data"}}, Steps: []string{
		"name_to_handle_at path=f flags=0 = -EOVERFLOW",
		"name_to_handle_at path=f flags=0 = 0",
		"unlink path=f = 0",
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd1",
		"open_by_handle_at flags=O_RDONLY = -ESTALE",
		"close fd=fd1 path=. = 0",
	}},
	// An unnamed file in a directory (O_TMPFILE): ior cannot name it (it
	// is not its directory) until linkat gives it a name.
	{Family: "open", Name: "open_tmpfile", Steps: []string{
		"openat path=. flags=O_TMPFILE|O_RDWR mode=0600 = fd1",
		"write fd=fd1 path_status=unknown len=3 bytes=3 = 3",
		"linkat path_status=unknown path2=named flags=AT_EMPTY_PATH = 0",
		"close fd=fd1 path=named = 0",
	}, After: map[string]string{"named": "tmp"}},

	// rw: offsets and lengths
	{Family: "readwrite", Name: "rw_offsets", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"pread64 fd=fd1 path=f offset=2 len=4 bytes=4 = 4",
		"pread64 fd=fd1 path=f offset=8 len=4 bytes=2 = 2",
		"pread64 fd=fd1 path=f offset=10 len=4 = 0",
		"pwrite64 fd=fd1 path=f offset=12 len=2 bytes=2 = 2",
		"read fd=fd1 path=f len=3 bytes=3 = 3",
		"pread64 fd=fd1 path=f offset=9 len=8 bytes=5 = 5",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "0123456789\x00\x00ab"}},
	// Offsets past 4 GiB: a sparse file.
	{Family: "readwrite", Name: "rw_large_offset", Steps: []string{
		"openat path=f flags=O_CREAT|O_RDWR mode=0644 = fd1",
		"pwrite64 fd=fd1 path=f offset=4294967296 len=4 bytes=4 = 4",
		"pread64 fd=fd1 path=f offset=4294967298 len=8 bytes=2 = 2",
		"lseek fd=fd1 path=f offset=0 flags=SEEK_END = 4294967300",
		"lseek fd=fd1 path=f offset=0 flags=SEEK_DATA = 4294967296",
		"ftruncate fd=fd1 path=f len=0 = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "readwrite", Name: "rw_errors", Setup: Setup{Files: map[string]string{"f": "0123456789"}, Dirs: []string{"sub"}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd2",
		"openat path=p flags=O_RDWR|O_NONBLOCK = fd3",
		"write fd=fd1 path=f len=1 = -EBADF",
		"read fd=fd2 path=sub len=4 = -EISDIR",
		"pread64 fd=fd1 path=f offset=-1 len=4 = -EINVAL",
		"read fd=fd3 path=p len=4 = -EAGAIN",
		"pread64 fd=fd3 path=p offset=0 len=4 = -ESPIPE",
		"read fd=fd1 path=f len=4 = -EFAULT",
		"close fd=fd3 path=p = 0",
		"close fd=fd2 path=sub = 0",
		"close fd=fd1 path=f = 0",
	}},
	// preadv2/pwritev2 with offset -1 use and move the file position.
	{Family: "readwrite", Name: "vectored_offsets", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"preadv fd=fd1 path=f offset=6 bytes=4 = 4",
		"pwritev fd=fd1 path=f offset=10 bytes=3 = 3",
		"preadv2 fd=fd1 path=f offset=-1 flags=0 bytes=5 = 5",
		"pwritev2 fd=fd1 path=f offset=-1 flags=0 bytes=2 = 2",
		"read fd=fd1 path=f len=20 bytes=6 = 6",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "01234ab789xyz"}},
	{Family: "readwrite", Name: "vectored_errors", Setup: Setup{Files: map[string]string{"f": ""}, Dirs: []string{"sub"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd2",
		"readv fd=fd2 path=sub = -EISDIR",
		"writev fd=fd2 path=sub = -EBADF",
		"preadv fd=fd1 path=f offset=-1 = -EINVAL",
		"pwritev fd=fd1 path=f offset=-5 = -EINVAL",
		"pwritev2 fd=fd1 path=f offset=0 flags=0x80000000 = -ENOTSUP",
		"writev fd=fd1 path=f = -EFAULT",
		"close fd=fd2 path=sub = 0",
		"close fd=fd1 path=f = 0",
	}},
	// A pipe hands out what it holds, then would block.
	{Family: "readwrite", Name: "rw_pipe", Setup: Setup{Fifos: []string{"p"}}, Steps: []string{
		"openat path=p flags=O_RDWR|O_NONBLOCK = fd1",
		"write fd=fd1 path=p len=5 bytes=5 = 5",
		"read fd=fd1 path=p len=3 bytes=3 = 3",
		"read fd=fd1 path=p len=10 bytes=2 = 2",
		"read fd=fd1 path=p len=10 = -EAGAIN",
		"close fd=fd1 path=p = 0",
	}},
	{Family: "transfer", Name: "lseek_offsets", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"lseek fd=fd1 path=f offset=4 flags=SEEK_SET = 4",
		"lseek fd=fd1 path=f offset=-2 flags=SEEK_CUR = 2",
		"lseek fd=fd1 path=f offset=-3 flags=SEEK_END = 7",
		"lseek fd=fd1 path=f offset=100 flags=SEEK_SET = 100",
		"read fd=fd1 path=f len=4 = 0",
		"lseek fd=fd1 path=f offset=0 flags=SEEK_CUR = 100",
		"close fd=fd1 path=f = 0",
	}},

	// space
	{Family: "truncate", Name: "truncate_lengths", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"truncate path=f len=4 = 0",
		"truncate path=f len=8 = 0",
		"openat path=f flags=O_RDWR = fd1",
		"ftruncate fd=fd1 path=f len=6 = 0",
		"ftruncate fd=fd1 path=f len=0 = 0",
		"write fd=fd1 path=f len=2 bytes=2 = 2",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "ab"}},
	{Family: "truncate", Name: "truncate_errors", Setup: Setup{Files: map[string]string{"f": ""}, Dirs: []string{"sub"}, Fifos: []string{"p"}}, Steps: []string{
		"truncate path=sub len=0 = -EISDIR",
		"truncate path=f len=-1 = -EINVAL",
		"truncate path=f/x len=0 = -ENOTDIR",
		"openat path=p flags=O_RDWR = fd1",
		"ftruncate fd=fd1 path=p len=0 = -EINVAL",
		"openat path=f flags=O_RDWR = fd2",
		"ftruncate fd=fd2 path=f len=-1 = -EINVAL",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=p = 0",
	}},
	{Family: "transfer", Name: "fallocate_offsets", Steps: []string{
		"openat path=f flags=O_CREAT|O_RDWR mode=0644 = fd1",
		"fallocate fd=fd1 path=f flags=0 offset=0 len=4096 = 0",
		"fallocate fd=fd1 path=f flags=FALLOC_FL_KEEP_SIZE offset=4096 len=8192 = 0",
		"fallocate fd=fd1 path=f flags=FALLOC_FL_PUNCH_HOLE|FALLOC_FL_KEEP_SIZE offset=0 len=1024 = 0",
		"fallocate fd=fd1 path=f flags=FALLOC_FL_ZERO_RANGE offset=1024 len=1024 = 0",
		"fallocate fd=fd1 path=f flags=0 offset=-1 len=1 = -EINVAL",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": strings.Repeat("\x00", 4096)}},

	// cache
	{Family: "transfer", Name: "fadvise64_offsets", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"fadvise64 fd=fd1 path=f offset=0 len=0 flags=POSIX_FADV_SEQUENTIAL = 0",
		"fadvise64 fd=fd1 path=f offset=2 len=4 flags=POSIX_FADV_WILLNEED = 0",
		"fadvise64 fd=fd1 path=f offset=4096 len=100 flags=POSIX_FADV_DONTNEED = 0",
		"fadvise64 fd=fd1 path=f offset=0 len=-1 flags=POSIX_FADV_NORMAL = -EINVAL",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "transfer", Name: "readahead_offsets", Setup: Setup{Files: map[string]string{"f": "0123456789"}, Dirs: []string{"sub"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"readahead fd=fd1 path=f offset=0 len=10 = 0",
		"readahead fd=fd1 path=f offset=4096 len=4096 = 0",
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd2",
		"readahead fd=fd2 path=sub offset=0 len=10 = -EINVAL",
		"close fd=fd2 path=sub = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "sync", Name: "sync_file_range_offsets", Setup: Setup{Fifos: []string{"p"}}, Steps: []string{
		"openat path=f flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"write fd=fd1 path=f len=5 bytes=5 = 5",
		"sync_file_range fd=fd1 path=f offset=0 len=5 flags=SYNC_FILE_RANGE_WRITE = 0",
		"sync_file_range fd=fd1 path=f offset=0 len=0 flags=SYNC_FILE_RANGE_WAIT_BEFORE|SYNC_FILE_RANGE_WRITE|SYNC_FILE_RANGE_WAIT_AFTER = 0",
		"sync_file_range fd=fd1 path=f offset=-1 len=5 flags=SYNC_FILE_RANGE_WRITE = -EINVAL",
		"openat path=p flags=O_RDWR = fd2",
		"sync_file_range fd=fd2 path=p offset=0 len=0 flags=SYNC_FILE_RANGE_WRITE = -ESPIPE",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=f = 0",
	}},
	{Family: "sync", Name: "sync_dir", Steps: []string{
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd1",
		"fsync fd=fd1 path=. = 0",
		"fdatasync fd=fd1 path=. = 0",
		"syncfs fd=fd1 path=. = 0",
		"close fd=fd1 path=. = 0",
	}},

	// fd
	// Target fds beyond any RLIMIT_NOFILE (fd2: 2147483647).
	{Family: "dup", Name: "dup_errors", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"dup2 fd=fd1 fd2=fd2 path=f = -EBADF",
		"dup3 fd=fd1 fd2=fd2 path=f flags=O_CLOEXEC = -EBADF",
		"fcntl fd=fd1 path=f flags=F_DUPFD mode=2147483647 = -EINVAL",
		"close fd=fd1 path=f = 0",
	}},
	// F_GETFL shows O_LARGEFILE (0x8000), which the kernel adds on 64-bit.
	{Family: "fcntl", Name: "fcntl_flags", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDWR|O_APPEND = fd1",
		"fcntl fd=fd1 path=f flags=F_GETFL = 33794",
		"fcntl fd=fd1 path=f flags=F_SETFD mode=FD_CLOEXEC = 0",
		"fcntl fd=fd1 path=f flags=F_GETFD = 1",
		"fcntl fd=fd1 path=f flags=F_SETFL mode=O_NONBLOCK = 0",
		"fcntl fd=fd1 path=f flags=F_GETFL = 34818",
		"close fd=fd1 path=f = 0",
	}},
	// close_range over fds that are not open succeeds; unknown flags fail.
	{Family: "close", Name: "close_range_errors", Steps: []string{
		"close_range fd=fd1 fd2=fd2 flags=0x8 = -EINVAL",
		"close_range fd=fd1 fd2=fd2 flags=0 = 0",
	}},

	// path
	{Family: "rename", Name: "rename_errors", Setup: Setup{Files: map[string]string{"f": "", "d2/x": ""}, Dirs: []string{"d1/sub"}}, Steps: []string{
		"rename path=d1 path2=d1/sub/x = -EINVAL",
		"rename path=f path2=d1 = -EISDIR",
		"rename path=d1 path2=f = -ENOTDIR",
		"rename path=d1 path2=d2 = -ENOTEMPTY",
		"renameat2 path=f path2=g flags=RENAME_EXCHANGE = -ENOENT",
		"renameat2 path=f path2=g flags=RENAME_NOREPLACE|RENAME_EXCHANGE = -EINVAL",
	}},
	// renameat between two directory fds.
	{Family: "rename", Name: "renameat_dirfds", Setup: Setup{Files: map[string]string{"d1/a": "A"}, Dirs: []string{"d2"}}, Steps: []string{
		"openat path=d1 flags=O_RDONLY|O_DIRECTORY = fd1",
		"openat path=d2 flags=O_RDONLY|O_DIRECTORY = fd2",
		"renameat path=d1/a path2=d2/b = 0",
		"renameat path=d1/a path2=d2/b = -ENOENT",
		"close fd=fd2 path=d2 = 0",
		"close fd=fd1 path=d1 = 0",
	}, After: map[string]string{"d2/b": "A"}},
	{Family: "link", Name: "link_errors", Setup: Setup{Files: map[string]string{"f": ""}, Dirs: []string{"d"}}, Steps: []string{
		"link path=d path2=d2 = -EPERM",
		"link path=missing path2=g = -ENOENT",
		"linkat path=f path2=missing/x flags=0 = -ENOENT",
		"linkat path=f path2=g flags=0x1 = -EINVAL",
	}},
	// linkat links a symlink itself, or with AT_SYMLINK_FOLLOW its target.
	{Family: "link", Name: "link_symlink", Setup: Setup{Files: map[string]string{"f": "F"}, Symlinks: map[string]string{"l": "f"}}, Steps: []string{
		"linkat path=l path2=g flags=AT_SYMLINK_FOLLOW = 0",
		"linkat path=l path2=h flags=0 = 0",
		"readlink path=h len=64 bytes=1 = 1",
		"readlink path=g len=64 = -EINVAL",
	}, After: map[string]string{"g": "F"}},
	// readlink fills at most len bytes and adds no NUL.
	{Family: "link", Name: "readlink_lengths", Setup: Setup{Files: map[string]string{"f": ""}, Symlinks: map[string]string{"l": "target-name"}}, Steps: []string{
		"readlink path=l len=3 bytes=3 = 3",
		"readlinkat path=l len=64 bytes=11 = 11",
		"readlink path=l len=0 = -EINVAL",
		"readlink path=f len=64 = -EINVAL",
		"readlink path=l len=64 = -EFAULT",
	}},
	{Family: "unlink", Name: "unlink_errors", Setup: Setup{Files: map[string]string{"f": ""}, Dirs: []string{"d"}}, Steps: []string{
		"unlink path=d = -EISDIR",
		"rmdir path=f = -ENOTDIR",
		"unlinkat path=f flags=0x1 = -EINVAL",
		"unlinkat path=d flags=0 = -EISDIR",
		"unlinkat path=f flags=AT_REMOVEDIR = -ENOTDIR",
		"rmdir path=d = -EINVAL", // d/., shown cleaned
		"rmdir path=missing = -ENOENT",
	}},
	// An open file outlives its name.
	{Family: "unlink", Name: "unlink_open", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"unlink path=f = 0",
		"write fd=fd1 path=f len=3 bytes=3 = 3",
		"newfstat fd=fd1 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},

	// dir
	{Family: "dir", Name: "mkdir_errors", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"mkdir path=missing/d mode=0755 = -ENOENT",
		"mkdir path=f/d mode=0755 = -ENOTDIR",
		"mkdir path=f mode=0755 = -EEXIST",
		"mkdirat path=. mode=0755 = -EEXIST",
		"mkdir path=0x1 path_status=fault mode=0755 = -EFAULT",
	}},
	// getdents64 of a directory holding one file: ".", ".." and "a" are
	// 24 bytes each.
	{Family: "dir", Name: "getdents64_lengths", Setup: Setup{Files: map[string]string{"a": ""}}, Steps: []string{
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd1",
		"getdents64 fd=fd1 path=. len=24 bytes=24 = 24",
		"getdents64 fd=fd1 path=. len=4096 bytes=48 = 48",
		"getdents64 fd=fd1 path=. len=4096 = 0",
		"lseek fd=fd1 path=. offset=0 flags=SEEK_SET = 0",
		"getdents64 fd=fd1 path=. len=10 = -EINVAL",
		"close fd=fd1 path=. = 0",
	}},

	// stat
	{Family: "stat", Name: "stat_variants", Setup: Setup{Files: map[string]string{"f": "12345"}, Dirs: []string{"sub"}, Symlinks: map[string]string{"l": "f"}}, Steps: []string{
		"statx path=l flags=AT_SYMLINK_NOFOLLOW mode=STATX_BASIC_STATS = 0",
		"statx path=f flags=0 mode=STATX_SIZE = 0",
		"openat path=sub flags=O_RDONLY|O_DIRECTORY = fd1",
		"statx path=sub flags=AT_EMPTY_PATH mode=STATX_BASIC_STATS = 0",
		"newfstatat path=l flags=AT_SYMLINK_NOFOLLOW = 0",
		"newfstatat path=sub/x flags=0 = -ENOENT",
		"statx path=f flags=0x6000 mode=STATX_BASIC_STATS = -EINVAL",
		"close fd=fd1 path=sub = 0",
	}},
	// As root, X_OK still needs an execute bit; a dangling symlink exists
	// only for AT_SYMLINK_NOFOLLOW.
	{Family: "stat", Name: "access_errors", Setup: Setup{Files: map[string]string{"f": ""}, Symlinks: map[string]string{"l": "missing"}}, Steps: []string{
		"access path=f mode=X_OK = -EACCES",
		"faccessat path=f mode=X_OK = -EACCES",
		"faccessat2 path=l mode=F_OK flags=AT_SYMLINK_NOFOLLOW = 0",
		"access path=l mode=F_OK = -ENOENT",
		"faccessat2 path=f mode=X_OK flags=AT_EACCESS = -EACCES",
	}},
	{Family: "meta", Name: "statfs_kinds", Setup: Setup{Fifos: []string{"p"}}, Steps: []string{
		"statfs path=/ = 0",
		"statfs path=/proc = 0",
		"openat path=p flags=O_RDWR = fd1",
		"fstatfs fd=fd1 path=p = 0",
		"close fd=fd1 path=p = 0",
	}},

	// meta
	{Family: "meta", Name: "chmod_modes", Setup: Setup{Files: map[string]string{"f": ""}, Dirs: []string{"d"}}, Steps: []string{
		"chmod path=f mode=04755 = 0",
		"chmod path=d mode=01777 = 0",
		"chmod path=f mode=0 = 0",
		"fchmodat path=d mode=0700 = 0",
	}},
	// A FIFO made by mknod, then used.
	{Family: "meta", Name: "mknod_fifo_use", Steps: []string{
		"mknod path=p mode=S_IFIFO|0600 = 0",
		"openat path=p flags=O_RDWR = fd1",
		"write fd=fd1 path=p len=4 bytes=4 = 4",
		"read fd=fd1 path=p len=16 bytes=4 = 4",
		"close fd=fd1 path=p = 0",
	}},

	// xattr: a size of 0 asks how large the value or list is.
	{Family: "xattr", Name: "xattr_sizes", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"setxattr path=f path2=user.k len=5 flags=0 = 0",
		"getxattr path=f path2=user.k len=0 bytes=5 = 5",
		"getxattr path=f path2=user.k len=64 bytes=5 = 5",
		"listxattr path=f len=0 bytes=7 = 7",
		"listxattr path=f len=64 bytes=7 = 7",
		"setxattr path=f path2=user.k len=0 flags=XATTR_REPLACE = 0",
		"getxattr path=f path2=user.k len=64 = 0",
	}},
	{Family: "xattr", Name: "xattr_names", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"setxattr path=f path2=noprefix len=1 flags=0 = -ENOTSUP",
		"setxattr path=f path2= len=1 flags=0 = -ERANGE",
		"setxattr path=f path2=user.v len=65537 flags=0 = -E2BIG",
		"getxattr path=f path2=user.missing len=64 = -ENODATA",
	}},

	// ioctl: the fd flags by ioctl, seen by fcntl.
	{Family: "ioctl", Name: "ioctl_fd_flags", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"ioctl fd=fd1 path=f flags=FIOCLEX = 0",
		"fcntl fd=fd1 path=f flags=F_GETFD = 1",
		"ioctl fd=fd1 path=f flags=FIONCLEX = 0",
		"fcntl fd=fd1 path=f flags=F_GETFD = 0",
		"ioctl fd=fd1 path=f flags=FIONBIO = 0",
		"close fd=fd1 path=f = 0",
	}},

	// io_uring
	{Family: "io_uring", Name: "io_uring_errors", Steps: []string{
		"io_uring_setup = -EFAULT",
		"io_uring_setup = -EINVAL",
		"io_uring_setup path=anon_inode:[io_uring] = fd1",
		"io_uring_register fd=fd1 path=anon_inode:[io_uring] flags=9999 = -EINVAL",
		"io_uring_enter fd=fd1 path=anon_inode:[io_uring] flags=0x80000000 = -EINVAL",
		"io_uring_enter fd=fd1 path=anon_inode:[io_uring] flags=0 = 0",
		"close fd=fd1 path=anon_inode:[io_uring] = 0",
	}},

	// aio: a poll request waits on an empty pipe (made by pipe2, not
	// traced) until cancelled; a cancel in progress is -EINPROGRESS, and
	// the request then completes. (A FIFO opened by path refuses AIO poll
	// with EINVAL.)
	{Family: "aio", Name: "aio_poll_cancel", Steps: []string{
		"io_setup mode=1 = 0",
		"pipe2 fd=fd1 fd2=fd2 path=pipe:[ino1] path2=pipe:[ino1] flags=0 = 0",
		"io_submit mode=1 = 1",
		"io_cancel = -EINPROGRESS",
		"io_getevents flags=1 mode=1 = 1",
		"io_destroy = 0",
		"close fd=fd1 path=pipe:[ino1] = 0",
		"close fd=fd2 path=pipe:[ino1] = 0",
	}},
	{Family: "aio", Name: "aio_pgetevents_errors", Steps: []string{
		"io_setup mode=1 = 0",
		"io_pgetevents flags=2 mode=1 = -EINVAL",
		"io_pgetevents flags=0 mode=1 = 0",
		"io_pgetevents flags=1 mode=1 = -EFAULT",
		"io_destroy = 0",
		"io_pgetevents flags=1 mode=1 = -EINVAL",
	}},

	// transfer: lengths asked and bytes moved.
	{Family: "transfer", Name: "sendfile_lengths", Setup: Setup{Files: map[string]string{"src": "hello world"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"sendfile64 fd=fd2 fd2=fd1 path=dst len=4 bytes=4 = 4",
		"sendfile64 fd=fd2 fd2=fd1 path=dst len=100 bytes=11 = 11",
		"sendfile64 fd=fd2 fd2=fd1 path=dst len=100 = 0",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "llo hello world"}},
	{Family: "transfer", Name: "splice_lengths", Setup: Setup{Files: map[string]string{"src": "abcdef"}, Fifos: []string{"p"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=p flags=O_RDWR = fd2",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd3",
		"splice fd=fd1 fd2=fd2 path=src len=100 bytes=6 flags=0 = 6",
		"splice fd=fd2 fd2=fd3 path=p len=3 bytes=3 flags=0 = 3",
		"splice fd=fd2 fd2=fd3 path=p len=100 bytes=3 flags=0 = 3",
		"splice fd=fd1 fd2=fd2 path=src len=100 flags=0 = 0",
		"close fd=fd3 path=dst = 0",
		"close fd=fd2 path=p = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "abcdef"}},
	{Family: "transfer", Name: "copy_file_range_lengths", Setup: Setup{Files: map[string]string{"src": "0123456789"}}, Steps: []string{
		"openat path=src flags=O_RDONLY = fd1",
		"openat path=dst flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"copy_file_range fd=fd1 fd2=fd2 path=src len=100 bytes=10 flags=0 = 10",
		"copy_file_range fd=fd1 fd2=fd2 path=src len=100 flags=0 = 0",
		"close fd=fd2 path=dst = 0",
		"close fd=fd1 path=src = 0",
	}, After: map[string]string{"dst": "0123456789"}},
	{Family: "lock", Name: "flock_dir", Steps: []string{
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd1",
		"flock fd=fd1 path=. flags=LOCK_EX = 0",
		"flock fd=fd1 path=. flags=LOCK_SH = 0",
		"flock fd=fd1 path=. flags=LOCK_UN = 0",
		"close fd=fd1 path=. = 0",
	}},
	// More fd-table and path cases.
	// dup2 onto an open fd closes it first: fd2 now names f.
	{Family: "dup", Name: "dup2_replace", Setup: Setup{Files: map[string]string{"f": "", "g": ""}}, Steps: []string{
		"openat path=f flags=O_WRONLY = fd1",
		"openat path=g flags=O_WRONLY = fd2",
		"dup2 fd=fd1 fd2=fd2 path=f = fd2",
		"write fd=fd2 path=f len=1 bytes=1 = 1",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "x", "g": ""}},
	// F_DUPFD returns the lowest free fd from its argument (100) up.
	{Family: "fcntl", Name: "fcntl_dupfd_min", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_WRONLY = fd1",
		"fcntl fd=fd1 path=f flags=F_DUPFD mode=100 = fd2",
		"write fd=fd2 path=f len=1 bytes=1 = 1",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
	// ior names a file opened through a symlink by the name used.
	{Family: "open", Name: "open_symlink", Setup: Setup{Files: map[string]string{"f": "data"}, Symlinks: map[string]string{"l": "f"}}, Steps: []string{
		"openat path=l flags=O_RDONLY = fd1",
		"read fd=fd1 path=l len=16 bytes=4 = 4",
		"close fd=fd1 path=l = 0",
	}},
	// Zero lengths: nothing moved, no bytes recorded.
	{Family: "readwrite", Name: "rw_zero", Setup: Setup{Files: map[string]string{"f": "0123"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"read fd=fd1 path=f len=0 = 0",
		"write fd=fd1 path=f len=0 = 0",
		"pread64 fd=fd1 path=f offset=100 len=0 = 0",
		"pwrite64 fd=fd1 path=f offset=2 len=0 = 0",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "0123"}},
	// Names relative to a directory fd.
	{Family: "dir", Name: "dir_dirfd", Setup: Setup{Dirs: []string{"d"}}, Steps: []string{
		"openat path=d flags=O_RDONLY|O_DIRECTORY = fd1",
		"mkdirat path=d/sub mode=0700 = 0",
		"openat path=d/sub/f flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"close fd=fd2 path=d/sub/f = 0",
		"unlinkat path=d/sub/f flags=0 = 0",
		"unlinkat path=d/sub flags=AT_REMOVEDIR = 0",
		"close fd=fd1 path=d = 0",
	}},
	// chdir "..": names relative to the working directory follow it.
	{Family: "dir", Name: "chdir_dotdot", Setup: Setup{Files: map[string]string{"f": ""}, Dirs: []string{"sub"}}, Steps: []string{
		"chdir path=sub = 0",
		"chdir path=. = 0",
		"openat path=f flags=O_RDONLY = fd1",
		"close fd=fd1 path=f = 0",
	}},
	// tee copies without consuming: twice from the same pipe.
	{Family: "transfer", Name: "tee_lengths", Setup: Setup{Fifos: []string{"p1", "p2"}}, Steps: []string{
		"openat path=p1 flags=O_RDWR = fd1",
		"openat path=p2 flags=O_RDWR = fd2",
		"write fd=fd1 path=p1 len=5 bytes=5 = 5",
		"tee fd=fd1 fd2=fd2 path=p1 len=2 bytes=2 flags=0 = 2",
		"tee fd=fd1 fd2=fd2 path=p1 len=100 bytes=5 flags=0 = 5",
		"read fd=fd2 path=p2 len=16 bytes=7 = 7",
		"close fd=fd2 path=p2 = 0",
		"close fd=fd1 path=p1 = 0",
	}},
	{Family: "transfer", Name: "vmsplice_iovs", Setup: Setup{Fifos: []string{"p"}}, Steps: []string{
		"openat path=p flags=O_RDWR = fd1",
		"vmsplice fd=fd1 path=p bytes=6 flags=0 = 6",
		"read fd=fd1 path=p len=16 bytes=6 = 6",
		"close fd=fd1 path=p = 0",
	}},
	{Family: "xattr", Name: "xattr_dir", Setup: Setup{Dirs: []string{"d"}}, Steps: []string{
		"setxattr path=d path2=user.dir len=2 flags=0 = 0",
		"listxattr path=d len=64 bytes=9 = 9",
		"removexattr path=d path2=user.dir = 0",
		"listxattr path=d len=64 = 0",
	}},
	{Family: "readwrite", Name: "writev_many", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_WRONLY = fd1",
		"writev fd=fd1 path=f bytes=8 = 8",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "abcdefgh"}},

	// threads: four worker threads, each with its own exact sequence on
	// its own file, checked per thread. A barrier (not traced) holds every
	// close until all workers have opened theirs, so that no fd number is
	// reused while another thread's events are still in flight. The
	// scenario thread makes the directory and renames it once all joined.
	// One thread closes its fd, then another opens a file and gets the
	// same number: each thread's events name its own file.
	{Family: "threads", Name: "thread_fd_reuse", Steps: []string{
		"mkdir path=d mode=0755 = 0",
	}, Threads: [][]string{{
		"openat fd=fd1 path=d/ta flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"write fd=fd1 path=d/ta bytes=1 len=1 = 1",
		"close fd=fd1 path=d/ta = 0",
	}, {
		"openat fd=fd1 path=d/tb flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"write fd=fd1 path=d/tb bytes=1 len=1 = 1",
		"close fd=fd1 path=d/tb = 0",
	}}},
	{Family: "threads", Name: "threads", Steps: []string{
		"mkdir path=d mode=0755 = 0",
		"rename path=d path2=done = 0",
	}, Threads: [][]string{
		{
			"openat path=d/t1 flags=O_CREAT|O_RDWR mode=0644 = fd1",
			"write fd=fd1 path=d/t1 len=4 bytes=4 = 4",
			"pwrite64 fd=fd1 path=d/t1 offset=10 len=3 bytes=3 = 3",
			"pread64 fd=fd1 path=d/t1 offset=0 len=4 bytes=4 = 4",
			"close fd=fd1 path=d/t1 = 0",
		},
		{
			"openat path=d/t2 flags=O_CREAT|O_WRONLY|O_APPEND mode=0600 = fd1",
			"writev fd=fd1 path=d/t2 bytes=6 = 6",
			"fsync fd=fd1 path=d/t2 = 0",
			"fdatasync fd=fd1 path=d/t2 = 0",
			"close fd=fd1 path=d/t2 = 0",
		},
		{
			"openat path=d/t3 flags=O_CREAT|O_WRONLY mode=0644 = fd1",
			"fchmod fd=fd1 path=d/t3 mode=0640 = 0",
			"ftruncate fd=fd1 path=d/t3 len=100 = 0",
			"newfstat fd=fd1 path=d/t3 = 0",
			"close fd=fd1 path=d/t3 = 0",
		},
		{
			"openat path=d/t4 flags=O_CREAT|O_RDWR mode=0644 = fd1",
			"dup fd=fd1 path=d/t4 = fd2",
			"lseek fd=fd2 path=d/t4 offset=7 flags=SEEK_SET = 7",
			"fcntl fd=fd2 path=d/t4 flags=F_GETFD = 0",
			"close fd=fd2 path=d/t4 = 0",
			"close fd=fd1 path=d/t4 = 0",
		},
	}},

	// process: a child does I/O of its own and on an fd it inherited
	// (checked as worker t1; its copy of the fd table names it). The
	// child's pid differs by run: compared by identity (pid1, ...).
	{Family: "process", Name: "fork_child_io", Steps: []string{
		"openat fd=fd1 path=shared flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"fork = pid1",
		"openat fd=fd2 path=parent flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"close fd=fd2 path=parent = 0",
		"close fd=fd1 path=shared = 0",
	}, Threads: [][]string{{
		"openat fd=fd1 path=child flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"write fd=fd1 path=child bytes=3 len=3 = 3",
		"close fd=fd1 path=child = 0",
		"write fd=fd2 path=shared bytes=1 len=1 = 1",
		"close fd=fd2 path=shared = 0",
	}}},
	// The parent closes an fd right after the fork, then lets the child
	// go on through a pipe: the child's copy still names the file.
	{Family: "process", Name: "fork_parent_closes", Steps: []string{
		"openat fd=fd1 path=shared flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"openat fd=fd2 path=parent flags=O_CREAT|O_WRONLY mode=0644 = fd2",
		"pipe2 fd=fd3 fd2=fd4 path=pipe:[ino1] path2=pipe:[ino1] flags=0 = 0",
		"fork = pid1",
		"close fd=fd1 path=shared = 0",
		"write fd=fd4 path=pipe:[ino1] bytes=1 len=1 = 1",
		"write fd=fd2 path=parent bytes=1 len=1 = 1",
		"close fd=fd3 path=pipe:[ino1] = 0",
		"close fd=fd4 path=pipe:[ino1] = 0",
		"close fd=fd2 path=parent = 0",
	}, Threads: [][]string{{
		"read fd=fd1 path=pipe:[ino1] bytes=1 len=1 = 1",
		"write fd=fd2 path=shared bytes=1 len=1 = 1",
		"close fd=fd2 path=shared = 0",
	}}},
	// exec keeps what is not close-on-exec: the child, this binary again
	// after its execve (which is outside its markers), writes to a kept
	// fd, named from the table it inherited, and to one exec closed.
	{Family: "process", Name: "exec_cloexec", Steps: []string{
		"openat fd=fd1 path=kept flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"openat fd=fd2 path=cx flags=O_CREAT|O_WRONLY|O_CLOEXEC mode=0644 = fd2",
		"fork = pid1",
		"close fd=fd2 path=cx = 0",
		"close fd=fd1 path=kept = 0",
	}, Threads: [][]string{{
		"write fd=fd1 path=kept bytes=1 len=1 = 1",
		"write fd=fd2 path_status=unknown len=1 = -EBADF",
	}}},
	// The same through vfork, as shells start commands.
	{Family: "process", Name: "vfork_exec", Steps: []string{
		"openat fd=fd1 path=kept flags=O_CREAT|O_WRONLY mode=0644 = fd1",
		"openat fd=fd2 path=cx flags=O_CREAT|O_WRONLY|O_CLOEXEC mode=0644 = fd2",
		"vfork = pid1",
		"close fd=fd2 path=cx = 0",
		"close fd=fd1 path=kept = 0",
	}, Threads: [][]string{{
		"write fd=fd1 path=kept bytes=1 len=1 = 1",
		"write fd=fd2 path_status=unknown len=1 = -EBADF",
	}}},
	{Family: "process", Name: "vfork_exit", Steps: []string{
		"vfork = pid1",
	}},
	{Family: "process", Name: "process_errors", Steps: []string{
		"clone flags=CLONE_SIGHAND = -EINVAL",
		"clone3 = -EINVAL",
		"execve path=missing = -ENOENT",
		"execveat path=x path_status=unknown flags=0 = -EBADF",
	}},

	// net: socket data on a datagram socketpair; errors are found before
	// any buffer is read.
	{Family: "net", Name: "net_dgram", Steps: []string{
		"socketpair fd=fd1 fd2=fd2 path=socket:[ino1] path2=socket:[ino2] flags=SOCK_DGRAM|SOCK_CLOEXEC mode=AF_UNIX = 0",
		"sendto fd=fd1 path=socket:[ino1] bytes=3 len=3 flags=0 = 3",
		"recvfrom fd=fd2 path=socket:[ino2] bytes=3 len=16 flags=0 = 3",
		"sendmsg fd=fd1 path=socket:[ino1] bytes=6 flags=0 = 6",
		"recvmsg fd=fd2 path=socket:[ino2] bytes=6 flags=0 = 6",
		"sendmmsg fd=fd1 path=socket:[ino1] len=2 flags=0 = 2",
		"recvmmsg fd=fd2 path=socket:[ino2] len=2 flags=0 = 2",
		"close fd=fd1 path=socket:[ino1] = 0",
		"close fd=fd2 path=socket:[ino2] = 0",
	}},
	{Family: "net", Name: "net_errors", Setup: Setup{Files: map[string]string{"f": "x"}}, Steps: []string{
		"openat fd=fd1 path=f flags=O_RDONLY = fd1",
		"sendto fd=fd2 path_status=unknown len=1 flags=0 = -EBADF",
		"recvfrom fd=fd1 path=f len=1 flags=0 = -ENOTSOCK",
		"sendmsg fd=fd2 path_status=unknown flags=0 = -EBADF",
		"recvmsg fd=fd1 path=f flags=0 = -ENOTSOCK",
		"sendmmsg fd=fd2 path_status=unknown len=1 flags=0 = -EBADF",
		"recvmmsg fd=fd1 path=f len=1 flags=0 = -ENOTSOCK",
		"close fd=fd1 path=f = 0",
	}},
}

// deepDir is 16 directories of 240 bytes: a path past what ior once kept
// (255 bytes) and within PATH_MAX.
var deepDir = strings.Repeat(strings.Repeat("d", 240)+"/", 16)

// oddNameSteps: names are created (all open at once), closed, removed.
func oddNameSteps() []string {
	names := []string{"a\nb", "t\tab", "semi;colon", "esc\x1b[31m", "bad\xff\xfe"}
	var opens, closes, unlinks []string
	for i, n := range names {
		q, fd := strconv.Quote(n), "fd"+strconv.Itoa(i+1)
		opens = append(opens, "openat fd="+fd+" path="+q+" flags=O_CREAT|O_WRONLY mode=0644 = "+fd)
		closes = append(closes, "close fd="+fd+" path="+q+" = 0")
		unlinks = append(unlinks, "unlink path="+q+" = 0")
	}
	return append(append(opens, closes...), unlinks...)
}

// Scenario is one table entry.
type Scenario struct {
	Family string
	Name   string
	Setup  Setup
	Steps  []string
	// After: files that must have this content once the workload exits.
	After map[string]string
	// ColdPath: the scenario's path sits on a page never touched before
	// the call, so ior must report at least one path read at exit.
	ColdPath bool
	// Threads: the steps of worker threads t1, t2, ... that the scenario
	// thread starts and joins between its markers. Each brackets its own
	// steps with markers labelled by its name, and is checked on its own:
	// against its steps, and C against Go.
	Threads [][]string
}

// StepLists returns every thread's steps by label: "" for the scenario
// thread, t1, t2, ... for the workers.
func (sc Scenario) StepLists() map[string][]string {
	m := map[string][]string{"": sc.Steps}
	for i, steps := range sc.Threads {
		m[fmt.Sprintf("t%d", i+1)] = steps
	}
	return m
}

// ScenarioByName finds a scenario of the table.
func ScenarioByName(name string) (Scenario, bool) {
	for _, sc := range Scenarios {
		if sc.Name == name {
			return sc, true
		}
	}
	return Scenario{}, false
}

// Setup is created by the harness in the scenario directory before the
// workload starts.
type Setup struct {
	Files    map[string]string // name -> content (parent dirs made too)
	Dirs     []string
	Symlinks map[string]string // name -> target
	Fifos    []string          // named pipes (mode 0644), so that ior names pipe fds by path
}
