package integrationtests

// fdScenarios: the scenario table's opening, reading and writing, closing and duplicating fds (see Scenarios).
var fdScenarios = []Scenario{
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
	// An unnamed file in a directory (O_TMPFILE): named as the kernel
	// names it, DIR/#INODE (deleted), until linkat gives it a name.
	{Family: "open", Name: "open_tmpfile", Steps: []string{
		"openat path=. flags=O_TMPFILE|O_RDWR mode=0600 = fd1",
		"write fd=fd1 path=\"#ino1 (deleted)\" len=3 bytes=3 = 3",
		"linkat path=\"#ino1 (deleted)\" path2=named flags=AT_EMPTY_PATH = 0",
		"close fd=fd1 path=named = 0",
	}, After: map[string]string{"named": "tmp"}},
	// ior names a file opened through a symlink by the name used.
	{Family: "open", Name: "open_symlink", Setup: Setup{Files: map[string]string{"f": "data"}, Symlinks: map[string]string{"l": "f"}}, Steps: []string{
		"openat path=l flags=O_RDONLY = fd1",
		"read fd=fd1 path=l len=16 bytes=4 = 4",
		"close fd=fd1 path=l = 0",
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
	// With -stacks: every call's user stack holds the scenario's own
	// function (read_config in C, readConfig in Go), by frame pointers.
	{Family: "readwrite", Name: "stack_read", StackFunc: "read_config", Setup: Setup{Files: map[string]string{"f": "0123456789"}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"read fd=fd1 path=f len=4 bytes=4 = 4",
		"pread64 fd=fd1 path=f len=3 bytes=3 = 3",
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
	// Zero lengths: nothing moved, no bytes recorded.
	{Family: "readwrite", Name: "rw_zero", Setup: Setup{Files: map[string]string{"f": "0123"}}, Steps: []string{
		"openat path=f flags=O_RDWR = fd1",
		"read fd=fd1 path=f len=0 = 0",
		"write fd=fd1 path=f len=0 = 0",
		"pread64 fd=fd1 path=f offset=100 len=0 = 0",
		"pwrite64 fd=fd1 path=f offset=2 len=0 = 0",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "0123"}},
	{Family: "readwrite", Name: "writev_many", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_WRONLY = fd1",
		"writev fd=fd1 path=f bytes=8 = 8",
		"close fd=fd1 path=f = 0",
	}, After: map[string]string{"f": "abcdefgh"}},
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
	// close_range over fds that are not open succeeds; unknown flags fail.
	{Family: "close", Name: "close_range_errors", Steps: []string{
		"close_range fd=fd1 fd2=fd2 flags=0x8 = -EINVAL",
		"close_range fd=fd1 fd2=fd2 flags=0 = 0",
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
	// Target fds beyond any RLIMIT_NOFILE (fd2: 2147483647).
	{Family: "dup", Name: "dup_errors", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"dup2 fd=fd1 fd2=fd2 path=f = -EBADF",
		"dup3 fd=fd1 fd2=fd2 path=f flags=O_CLOEXEC = -EBADF",
		"fcntl fd=fd1 path=f flags=F_DUPFD mode=2147483647 = -EINVAL",
		"close fd=fd1 path=f = 0",
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
	// F_DUPFD returns the lowest free fd from its argument (100) up.
	{Family: "fcntl", Name: "fcntl_dupfd_min", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_WRONLY = fd1",
		"fcntl fd=fd1 path=f flags=F_DUPFD mode=100 = fd2",
		"write fd=fd2 path=f len=1 bytes=1 = 1",
		"close fd=fd2 path=f = 0",
		"close fd=fd1 path=f = 0",
	}},
}
