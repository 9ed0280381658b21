package integrationtests

import (
	"fmt"
	"strings"
)

// nameScenarios: the scenario table's names the kernel gives (see
// Scenarios): a file renamed, replaced or unlinked while open, a dirfd
// whose directory was renamed, an fd that holds no file. Each call names
// its file as /proc/PID/fd does when the call runs.
var nameScenarios = []Scenario{
	// Log rotation: writes after the rename name the new name.
	{Family: "kernelnames", Name: "rename_open", Steps: []string{
		"openat path=app.log flags=O_WRONLY|O_CREAT|O_APPEND mode=0644 = fd1",
		"write fd=fd1 path=app.log len=1 bytes=1 = 1",
		"rename path=app.log path2=app.log.1 = 0",
		"write fd=fd1 path=app.log.1 len=1 bytes=1 = 1",
		"close fd=fd1 path=app.log.1 = 0",
	}, After: map[string]string{"app.log.1": "ab"}},
	{Family: "kernelnames", Name: "rename_open_dir", Setup: Setup{Dirs: []string{"d"}}, Steps: []string{
		"openat path=d/x flags=O_WRONLY|O_CREAT mode=0644 = fd1",
		"rename path=d path2=e = 0",
		"write fd=fd1 path=e/x len=1 bytes=1 = 1",
		"close fd=fd1 path=e/x = 0",
	}, After: map[string]string{"e/x": "b"}},
	// The rename is not traced (-syscalls leaves it out; faccessat
	// marks the scenario's begin and end, read is the noise's): the
	// names walked before it are stale all the same (any task's rename,
	// traced or not, invalidates them: names.h).
	{Family: "kernelnames", Name: "rename_dir_untraced", Setup: Setup{Dirs: []string{"d"}},
		IorFlags: []string{"-syscalls", "openat,write,close,faccessat,read"}, Steps: []string{
			"openat path=d/x flags=O_WRONLY|O_CREAT mode=0644 = fd1",
			"write fd=fd1 path=d/x len=1 bytes=1 = 1",
			"write fd=fd1 path=e/x len=1 bytes=1 = 1",
			"close fd=fd1 path=e/x = 0",
		}, After: map[string]string{"e/x": "ab"}},
	// The file the fd holds is unlinked by the rename: deleted, under
	// the name it had.
	{Family: "kernelnames", Name: "rename_replace_open", Setup: Setup{Files: map[string]string{"victim": "V", "other": "O"}}, Steps: []string{
		"openat path=victim flags=O_RDONLY = fd1",
		"rename path=other path2=victim = 0",
		"read fd=fd1 path=victim path_status=deleted len=4 bytes=1 = 1",
		"close fd=fd1 path=victim path_status=deleted = 0",
	}, After: map[string]string{"victim": "O"}},
	{Family: "kernelnames", Name: "renamed_dirfd", Setup: Setup{Dirs: []string{"d"}}, Steps: []string{
		"openat path=d flags=O_RDONLY|O_DIRECTORY = fd1",
		"rename path=d path2=e = 0",
		"openat path=e/f flags=O_WRONLY|O_CREAT mode=0644 = fd2",
		"mkdirat path=e/sub mode=0755 = 0",
		"close fd=fd2 path=e/f = 0",
		"close fd=fd1 path=e = 0",
	}, After: map[string]string{"e/f": ""}},
	// The kernel found no file at the fd: no name, and nothing unknown.
	{Family: "kernelnames", Name: "ebadf_names_none", Setup: Setup{Files: map[string]string{"f": ""}}, Steps: []string{
		"openat path=f flags=O_RDONLY = fd1",
		"close fd=fd1 path=f = 0",
		"read fd=fd1 path= path_status= len=4 = -EBADF",
	}},
	// chroot: an absolute path starts at the new root (named in ior's
	// view, the host's); a dirfd opened before reaches outside it.
	{Family: "kernelnames", Name: "chroot_escape", Setup: Setup{Files: map[string]string{"jail/in": "J", "out": "O"}}, Steps: []string{
		"openat path=/ flags=O_RDONLY|O_DIRECTORY = fd1",
		"openat path=. flags=O_RDONLY|O_DIRECTORY = fd2",
		"chroot path=jail = 0",
		"openat path=jail/in flags=O_RDONLY = fd3",
		"read fd=fd3 path=jail/in len=4 bytes=1 = 1",
		"openat path=out flags=O_RDONLY = fd4",
		"read fd=fd4 path=out len=4 bytes=1 = 1",
		"fchdir fd=fd1 path=/ = 0",
		"chroot path=/ = 0",
		"close fd=fd4 path=out = 0",
		"close fd=fd3 path=jail/in = 0",
		"close fd=fd2 path=. = 0",
		"close fd=fd1 path=/ = 0",
	}},
	// The kernel keeps the cwd per fs_struct, not per process: a thread
	// that unshares it moves its own alone ...
	{Family: "kernelnames", Name: "cwd_unshare", Setup: Setup{Dirs: []string{"sub"}}, Steps: []string{
		"chdir path=. = 0",
		"openat path=g flags=O_WRONLY|O_CREAT mode=0644 = fd1",
		"close fd=fd1 path=g = 0",
	}, Threads: [][]string{{
		"unshare flags=CLONE_FS = 0",
		"chdir path=sub = 0",
		"openat path=sub/f flags=O_WRONLY|O_CREAT mode=0644 = fd1",
		"close fd=fd1 path=sub/f = 0",
	}}, After: map[string]string{"sub/f": "", "g": ""}},
	// ... and a child made with CLONE_FS moves its parent's.
	{Family: "kernelnames", Name: "cwd_clone_fs", Setup: Setup{Dirs: []string{"sub"}}, Steps: []string{
		"chdir path=. = 0",
		"clone flags=CLONE_FS|SIGCHLD = pid1",
		"openat path=sub/g flags=O_WRONLY|O_CREAT mode=0644 = fd1",
		"close fd=fd1 path=sub/g = 0",
	}, Threads: [][]string{{
		"chdir path=sub = 0",
	}}, After: map[string]string{"sub/g": ""}},
	// aio: 64 iocbs in one io_submit reaped at once, then the same iocbs
	// (the same addresses, other aio_data) reaped in batches of 16:
	// every request an event, paired by address and aio_data.
	// io_uring: a CQ of 2 given 4 NOPs before it is reaped: the last 2
	// completions go to the overflow list (io_uring_cqe_overflow, not
	// io_uring_complete), recorded when they overflow (shown [overflow]).
	{Family: "io_uring", Name: "uring_overflow", Steps: withRingMaps([]Scenario{{Steps: []string{
		"io_uring_setup path=anon_inode:[io_uring] named=entries=2 args=\"{flags=IORING_SETUP_CQSIZE, cq_entries=2, sq_thread_cpu=0, sq_thread_idle=0}\" = fd1",
		"io_uring:NOP user_data=1 = 0",
		"io_uring:NOP user_data=2 = 0",
		"io_uring_enter fd=fd1 path=anon_inode:[io_uring] flags=0 = 2",
		"io_uring:NOP user_data=3 = 0",
		"io_uring:NOP user_data=4 = 0",
		"io_uring_enter fd=fd1 path=anon_inode:[io_uring] flags=0 = 2",
		"io_uring_enter fd=fd1 path=anon_inode:[io_uring] flags=IORING_ENTER_GETEVENTS = 0",
		"close fd=fd1 path=anon_inode:[io_uring] = 0",
	}}})[0].Steps},
	// A process in a mount namespace of its own (unshare -m) with a bind
	// mount of a onto b: its events are marked foreign=mnt from the
	// unshare on (the process table); the file it opened through b is
	// one the host reaches at a, and is named so (the host's view). The
	// path argument is the process's own string joined to its cwd, in
	// its view: marked mnt:[INODE], never passed off as ior's.
	{Family: "kernelnames", Name: "mount_ns_bind", Setup: Setup{Files: map[string]string{"a/x": "X"}, Dirs: []string{"b"}}, Steps: []string{
		"unshare flags=CLONE_NEWNS = 0",
		"openat path=mnt:[ns1]b/x flags=O_RDONLY foreign=mnt = fd1",
		"read fd=fd1 path=a/x len=4 bytes=1 foreign=mnt = 1",
		"close fd=fd1 path=a/x foreign=mnt = 0",
	}},
	// The same with a tmpfs mounted on b inside the namespace alone: the
	// host reaches no file on it, so its names stay in the process's
	// view, marked with its namespace.
	{Family: "kernelnames", Name: "mount_ns_tmpfs", Setup: Setup{Dirs: []string{"b"}}, Steps: []string{
		"unshare flags=CLONE_NEWNS = 0",
		"openat path=mnt:[ns1]b/y flags=O_WRONLY|O_CREAT mode=0644 foreign=mnt = fd1",
		"write fd=fd1 path=mnt:[ns1]b/y len=1 bytes=1 foreign=mnt = 1",
		"close fd=fd1 path=mnt:[ns1]b/y foreign=mnt = 0",
	}},
	// A mount moved under an open file (mount MS_MOVE, then move_mount):
	// the file is named where it is now, as /proc shows it (mount and
	// move_mount are not traced; they invalidate the kernel side's names).
	// On a tmpfs mounted inside the namespace alone (the host reaches it
	// by no path: a file the host reached would be named in the host's
	// view, which no move changes).
	{Family: "kernelnames", Name: "mount_move_open", Setup: Setup{Dirs: []string{"b", "c", "d"}}, Steps: []string{
		"unshare flags=CLONE_NEWNS = 0",
		"openat path=mnt:[ns1]b/x flags=O_RDWR|O_CREAT mode=0644 = fd1",
		"pwrite64 fd=fd1 path=mnt:[ns1]b/x offset=0 len=1 bytes=1 = 1",
		"pread64 fd=fd1 path=mnt:[ns1]b/x offset=0 len=4 bytes=1 = 1",
		"pread64 fd=fd1 path=mnt:[ns1]c/x offset=0 len=4 bytes=1 = 1",
		"pread64 fd=fd1 path=mnt:[ns1]d/x offset=0 len=4 bytes=1 = 1",
		"close fd=fd1 path=mnt:[ns1]d/x = 0",
	}},
	// pivot_root that succeeds, in a child with a mount namespace of its
	// own: new (bind-mounted onto itself) becomes its root, the old root
	// goes to new/old; /f is then new/f: its path argument in the child's
	// view (/f, marked), the file it opened in the host's, which reaches
	// it (new/f; /proc/PID/fd shows /f in the child). pivot_root's own paths (".",
	// "old") are named when it returns, like every path argument: its
	// cwd, new, is then / and the old root /old (/proc/PID/cwd and
	// mountinfo say so in the child).
	{Family: "kernelnames", Name: "pivot_root_open", Setup: Setup{Files: map[string]string{"new/f": "F"}, Dirs: []string{"new/old"}}, Steps: []string{
		"clone flags=SIGCHLD = pid1",
	}, Threads: [][]string{{
		"unshare flags=CLONE_NEWNS = 0",
		"chdir path=mnt:[ns1]new = 0",
		"pivot_root path=mnt:[ns1]/ path2=mnt:[ns1]/old = 0",
		"chdir path=mnt:[ns1]/ = 0",
		"openat path=mnt:[ns1]/f flags=O_RDONLY = fd1",
		"pread64 fd=fd1 path=new/f offset=0 len=4 bytes=1 foreign=mnt = 1",
		"close fd=fd1 path=new/f foreign=mnt = 0",
	}}},
	{Family: "kernelnames", Name: "root_errors", Steps: []string{
		"chroot path=missing = -ENOENT",
		"pivot_root path=missing path2=missing = -ENOENT",
		"unshare flags=0x1 = -EINVAL",
	}},
	// -syscalls with a subset that leaves out openat, mmap and close:
	// what it keeps is named all the same (the fd table still follows
	// the calls left out; the kernel side names the fd's file).
	{Family: "kernelnames", Name: "syscalls_subset_names", Setup: Setup{Files: map[string]string{"f": "0123"}},
		IorFlags: []string{"-syscalls", "msync,munmap,pread64,read,faccessat"}, Steps: []string{
			"msync path=f flags=MS_SYNC = 0",
			"munmap path=f = 0",
			"pread64 fd=fd1 path=f offset=0 len=4 bytes=4 = 4",
		}, After: map[string]string{"f": "x123"}},
	{Family: "aio", Name: "aio_many", Setup: Setup{Files: map[string]string{"f": strings.Repeat("x", 64)}}, Steps: aioManySteps()},
}

// aioManySteps are aio_many's steps.
func aioManySteps() []string {
	reads := func(round, from, to int) []string {
		var out []string
		for i := from; i < to; i++ {
			out = append(out, fmt.Sprintf("aio:PREAD fd=fd1 path=f offset=%d len=1 bytes=1 user_data=%d = 1", i, round*100+i+1))
		}
		return out
	}
	steps := []string{"openat path=f flags=O_RDONLY = fd1", "io_setup mode=128 = 0", "io_submit mode=64 = 64"}
	steps = append(steps, reads(0, 0, 64)...)
	steps = append(steps, "io_getevents flags=64 mode=64 = 64", "io_submit mode=64 = 64")
	for b := range 4 {
		steps = append(steps, reads(1, 16*b, 16*b+16)...)
		steps = append(steps, "io_getevents flags=16 mode=16 = 16")
	}
	return append(steps, "io_destroy = 0", "close fd=fd1 path=f = 0")
}
