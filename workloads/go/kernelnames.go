package main

import (
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// Names the kernel gives: files renamed or unlinked while open, a dirfd
// whose directory was renamed, an fd that holds no file.
func init() {
	register("rename_open", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("app.log"), unix.O_WRONLY|unix.O_CREAT|unix.O_APPEND, 0o644))
		EQ(1, unix.SYS_WRITE, fd, S("a"), 1)
		EQ(0, unix.SYS_RENAME, P("app.log"), P("app.log.1"))
		EQ(1, unix.SYS_WRITE, fd, S("b"), 1)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("rename_open_dir", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("d/x"), unix.O_WRONLY|unix.O_CREAT, 0o644))
		EQ(0, unix.SYS_RENAME, P("d"), P("e"))
		EQ(1, unix.SYS_WRITE, fd, S("b"), 1)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("rename_dir_untraced", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("d/x"), unix.O_WRONLY|unix.O_CREAT, 0o644))
		EQ(1, unix.SYS_WRITE, fd, S("a"), 1)
		EQ(0, unix.SYS_RENAME, P("d"), P("e"))
		EQ(1, unix.SYS_WRITE, fd, S("b"), 1)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("rename_replace_open", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("victim"), unix.O_RDONLY, 0))
		b := make([]byte, 4)
		EQ(0, unix.SYS_RENAME, P("other"), P("victim"))
		EQ(1, unix.SYS_READ, fd, Buf(b), 4)
		if b[0] != 'V' {
			fail(unix.SYS_READ, int64(b[0]), 0, "V")
		}
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("renamed_dirfd", func() {
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("d"), unix.O_RDONLY|unix.O_DIRECTORY, 0))
		EQ(0, unix.SYS_RENAME, P("d"), P("e"))
		fd := uintptr(OK(unix.SYS_OPENAT, d, S("f"), unix.O_WRONLY|unix.O_CREAT, 0o644))
		EQ(0, unix.SYS_MKDIRAT, d, S("sub"), 0o755)
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(0, unix.SYS_CLOSE, d)
	})
	register("ebadf_names_none", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY, 0))
		EQ(0, unix.SYS_CLOSE, fd)
		ERR(unix.EBADF, unix.SYS_READ, fd, Buf(make([]byte, 4)), 4)
	})
	register("chroot_escape", func() {
		r := uintptr(OK(unix.SYS_OPENAT, atFDCWD, S("/"), unix.O_RDONLY|unix.O_DIRECTORY, 0))
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P(""), unix.O_RDONLY|unix.O_DIRECTORY, 0))
		b := Buf(make([]byte, 4))
		EQ(0, unix.SYS_CHROOT, P("jail"))
		in := uintptr(OK(unix.SYS_OPENAT, atFDCWD, S("/in"), unix.O_RDONLY, 0))
		EQ(1, unix.SYS_READ, in, b, 4)
		out := uintptr(OK(unix.SYS_OPENAT, d, S("out"), unix.O_RDONLY, 0))
		EQ(1, unix.SYS_READ, out, b, 4)
		EQ(0, unix.SYS_FCHDIR, r)
		EQ(0, unix.SYS_CHROOT, S("."))
		EQ(0, unix.SYS_CLOSE, out)
		EQ(0, unix.SYS_CLOSE, in)
		EQ(0, unix.SYS_CLOSE, d)
		EQ(0, unix.SYS_CLOSE, r)
	})
	register("cwd_unshare", func() {
		EQ(0, unix.SYS_CHDIR, P(""))
		begin, end, sub, f := P(".ior-begin-t1"), P(".ior-end-t1"), S("sub"), S("f")
		var done sync.WaitGroup
		done.Add(1)
		go func() {
			// Never unlocked: the thread, with its own cwd, ends with
			// the goroutine.
			runtime.LockOSThread()
			defer done.Done()
			marker(begin)
			EQ(0, unix.SYS_UNSHARE, unix.CLONE_FS)
			EQ(0, unix.SYS_CHDIR, sub)
			fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, f, unix.O_WRONLY|unix.O_CREAT, 0o644))
			EQ(0, unix.SYS_CLOSE, fd)
			marker(end)
		}()
		done.Wait()
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, S("g"), unix.O_WRONLY|unix.O_CREAT, 0o644))
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("cwd_clone_fs", func() {
		EQ(0, unix.SYS_CHDIR, P(""))
		begin, end, sub := P(".ior-begin-t1"), P(".ior-end-t1"), S("sub")
		pid, _, e := unix.RawSyscall6(unix.SYS_CLONE, unix.CLONE_FS|uintptr(unix.SIGCHLD), 0, 0, 0, 0, 0)
		if e != 0 {
			fail(unix.SYS_CLONE, -1, e, ">= 0")
		}
		if pid == 0 {
			rawMarker(begin)
			rawIn(unix.SYS_CHDIR, 0, sub, 0, 0, 0)
			rawMarker(end)
			unix.RawSyscall(unix.SYS_EXIT_GROUP, 0, 0, 0)
		}
		waitChild(int(pid))
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, S("g"), unix.O_WRONLY|unix.O_CREAT, 0o644))
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("syscalls_subset_names", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDWR, 0))
		b := Buf(make([]byte, 4))
		a := OK(unix.SYS_MMAP, 0, 4096, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED, fd, 0)
		*(*byte)(mem(a)) = 'x'
		m := uintptr(a)
		EQ(0, unix.SYS_MSYNC, m, 4096, unix.MS_SYNC)
		EQ(0, unix.SYS_MUNMAP, m, 4096)
		EQ(4, unix.SYS_PREAD64, fd, b, 4, 0)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("root_errors", func() {
		ERR(unix.ENOENT, unix.SYS_CHROOT, P("missing"))
		ERR(unix.ENOENT, unix.SYS_PIVOT_ROOT, P("missing"), P("missing"))
		ERR(unix.EINVAL, unix.SYS_UNSHARE, 1)
	})
	register("mount_ns_bind", func() {
		EQ(0, unix.SYS_UNSHARE, unix.CLONE_NEWNS)
		EQ(0, unix.SYS_MOUNT, S("none"), S("/"), 0, unix.MS_REC|unix.MS_PRIVATE, 0)
		EQ(0, unix.SYS_MOUNT, P("a"), P("b"), 0, unix.MS_BIND, 0)
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("b/x"), unix.O_RDONLY, 0))
		EQ(1, unix.SYS_READ, fd, Buf(make([]byte, 4)), 4)
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(0, unix.SYS_UMOUNT2, P("b"), 0)
	})
	register("mount_ns_tmpfs", func() {
		EQ(0, unix.SYS_UNSHARE, unix.CLONE_NEWNS)
		EQ(0, unix.SYS_MOUNT, S("none"), S("/"), 0, unix.MS_REC|unix.MS_PRIVATE, 0)
		EQ(0, unix.SYS_MOUNT, S("ior-tmpfs"), P("b"), S("tmpfs"), 0, 0)
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("b/y"), unix.O_WRONLY|unix.O_CREAT, 0o644))
		EQ(1, unix.SYS_WRITE, fd, S("y"), 1)
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(0, unix.SYS_UMOUNT2, P("b"), 0)
	})
}
