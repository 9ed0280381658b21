package integrationtests

// resolvedScenarios: the two views of a path argument. path is the
// string as passed, joined lexically against the base the kernel used;
// file is the file the kernel's lookup reached (symlinks and ".."
// resolved), read where the kernel side can read it exactly (an open's
// new fd). The expectations are the kernel's: readlink of
// /proc/PID/fd/N, and strace -y's <...>, name the same files.
var resolvedScenarios = []Scenario{
	// Through a symlinked directory: path shows the link, file the
	// directory it leads to. The fd's later calls are named by the
	// kernel's file. stat and unlink resolve the same way, but leave no
	// file a tracepoint can reach: unread, said so.
	{Family: "resolved", Name: "resolved_symlink_dir", Setup: Setup{Files: map[string]string{"real/f": "F", "real/g": ""}, Symlinks: map[string]string{"l": "real"}}, Steps: []string{
		"openat path=l/f flags=O_RDONLY file=real/f = fd1",
		"read fd=fd1 path=real/f len=4 bytes=1 = 1",
		"close fd=fd1 path=real/f = 0",
		"newfstatat path=l/f file_status=unread = 0",
		"unlink path=l/g file_status=unread = 0",
		"renameat2 path=l/f path2=l/h file_status=unread|file2-unread = 0",
	}, After: map[string]string{"real/h": "F"}},
	// "..": after a symlink the kernel climbs from where the link
	// led (real/sub/.. is real), not lexically (s/.. would be the
	// scenario directory, where no f is); through a plain directory
	// both agree.
	{Family: "resolved", Name: "resolved_dotdot", Setup: Setup{Files: map[string]string{"real/f": "F"}, Dirs: []string{"real/sub"}, Symlinks: map[string]string{"s": "real/sub"}}, Steps: []string{
		"openat path=f flags=O_RDONLY file=real/f = fd1",
		"close fd=fd1 path=real/f = 0",
		"openat path=real/f flags=O_RDONLY file=real/f = fd1",
		"close fd=fd1 path=real/f = 0",
	}},
	// A symlink to a file: the file it names. O_CREAT through it makes
	// the target.
	{Family: "resolved", Name: "resolved_symlink_file", Setup: Setup{Files: map[string]string{"real/f": "F"}, Symlinks: map[string]string{"fl": "real/f", "nl": "real/new"}}, Steps: []string{
		"openat path=fl flags=O_RDONLY file=real/f = fd1",
		"close fd=fd1 path=real/f = 0",
		"openat path=nl flags=O_WRONLY|O_CREAT mode=0644 file=real/new = fd1",
		"close fd=fd1 path=real/new = 0",
	}, After: map[string]string{"real/new": ""}},
	// A lookup that found nothing resolved nothing: none, never a
	// guess; a symlink whose target is missing likewise.
	{Family: "resolved", Name: "resolved_enoent", Setup: Setup{Dirs: []string{"real"}, Symlinks: map[string]string{"l": "real", "dangling": "real/missing"}}, Steps: []string{
		"openat path=l/missing flags=O_RDONLY file_status=none = -ENOENT",
		"openat path=dangling flags=O_RDONLY file_status=none = -ENOENT",
		"newfstatat path=l/missing file_status=unread = -ENOENT",
	}},
	// chdir and chroot through a symlinked directory: the cwd and root
	// the kernel set, read from the task's fs_struct at the call's
	// return. A relative name after it is joined to the cwd the kernel
	// keeps, already the directory, not the link.
	{Family: "resolved", Name: "resolved_chdir_chroot", Setup: Setup{Files: map[string]string{"real/f": "F"}, Symlinks: map[string]string{"l": "real"}}, Steps: []string{
		"openat path=/ flags=O_RDONLY|O_DIRECTORY file=/ = fd1",
		"chdir path=l file=real = 0",
		"openat path=real/f flags=O_RDONLY file=real/f = fd2",
		"close fd=fd2 path=real/f = 0",
		"chdir path=l/missing file_status=none = -ENOENT",
		"chroot path=l file=real = 0",
		"fchdir fd=fd1 path=/ = 0",
		"chroot path=/ file=/ = 0",
		"chdir path=. file=. = 0",
		"close fd=fd1 path=/ = 0",
	}},
}
