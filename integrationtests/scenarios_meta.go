package integrationtests

// metaScenarios: the scenario table's metadata: xattrs, modes, owners, times, file system stats (see Scenarios).
var metaScenarios = []Scenario{
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
		"fsetxattr fd=fd1 path_status= = -EBADF",
		"fgetxattr fd=fd1 path_status= = -EBADF",
		"flistxattr fd=fd1 path_status= = -EBADF",
		"fremovexattr fd=fd1 path_status= = -EBADF",
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
	{Family: "xattr", Name: "xattr_dir", Setup: Setup{Dirs: []string{"d"}}, Steps: []string{
		"setxattr path=d path2=user.dir len=2 flags=0 = 0",
		"listxattr path=d len=64 bytes=9 = 9",
		"removexattr path=d path2=user.dir = 0",
		"listxattr path=d len=64 = 0",
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
		"fchmod fd=fd2 path_status= mode=0644 = -EBADF",
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
		"fchown fd=fd1 path_status= = -EBADF",
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
		"fstatfs fd=fd1 path_status= = -EBADF",
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
		"getdents fd=fd3 path_status= = -EBADF",
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
	{Family: "meta", Name: "statfs_kinds", Setup: Setup{Fifos: []string{"p"}}, Steps: []string{
		"statfs path=/ = 0",
		"statfs path=/proc = 0",
		"openat path=p flags=O_RDWR = fd1",
		"fstatfs fd=fd1 path=p = 0",
		"close fd=fd1 path=p = 0",
	}},
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
}
