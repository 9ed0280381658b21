package integrationtests

// pathScenarios: the scenario table's names: renames, links, unlinks, directories, stat, long and odd names, int values (see Scenarios).
var pathScenarios = []Scenario{
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
		"write fd=fd1 path=f path_status=deleted len=3 bytes=3 = 3",
		"newfstat fd=fd1 path=f path_status=deleted = 0",
		"close fd=fd1 path=f path_status=deleted = 0",
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
}
