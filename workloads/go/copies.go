package main

import (
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// What the kernel read, ior reads: strings at the kernel's own limits,
// structs sized by the call, placed right before an unmapped page; an
// exec path in a page the forked child has not touched; shared anonymous
// memory; arguments the kernel ignores or cuts (workloads/c/copies.c).

// edgeBase: two pages mapped at a fixed address (C and Go name the same
// addresses), the second then unmapped. Anonymous: not recorded.
const edgeBase = 0x200000000

// edge returns the first page as bytes; its end is the unmapped page.
func edge() []byte {
	EQ(edgeBase, unix.SYS_MMAP, edgeBase, 2*page, unix.PROT_READ|unix.PROT_WRITE,
		unix.MAP_PRIVATE|unix.MAP_ANONYMOUS|unix.MAP_FIXED_NOREPLACE, fdNone, 0)
	EQ(0, unix.SYS_MUNMAP, edgeBase+page, page)
	return unsafe.Slice((*byte)(mem(edgeBase)), page)
}

// endELF: a 148-byte static x86-64 program: faccessat(AT_FDCWD, argv[1],
// F_OK), then exit_group(0).
var endELF = []byte{
	0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x02, 0x00, 0x3e, 0x00, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x38, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x94, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x94, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x48, 0x8b, 0x74, 0x24, 0x10, 0xbf, 0x9c, 0xff,
	0xff, 0xff, 0x31, 0xd2, 0xb8, 0x0d, 0x01, 0x00, 0x00, 0x0f, 0x05, 0x31, 0xff, 0xb8, 0xe7, 0x00,
	0x00, 0x00, 0x0f, 0x05,
}

// execChild forks a child that execs the program "end" with the path at
// pg, relative to dirfd d (atFDCWD: execve), between worker label's
// markers: the new image issues the end marker. The child runs raw
// syscalls only (see process.go).
func execChild(label string, d, pg uintptr) {
	begin := P(".ior-begin-" + label)
	argv := Buf(words([]uintptr{S("end"), P(".ior-end-" + label), 0}))
	envp := Buf(words([]uintptr{0}))
	pid, _, e := unix.RawSyscall(unix.SYS_FORK, 0, 0, 0)
	if e != 0 {
		fail(unix.SYS_FORK, -1, e, ">= 0")
	}
	if pid == 0 {
		unix.RawSyscall(unix.SYS_FACCESSAT, atFDCWD, begin, unix.F_OK)
		if d == atFDCWD {
			unix.RawSyscall(unix.SYS_EXECVE, pg, argv, envp)
		} else {
			unix.RawSyscall6(unix.SYS_EXECVEAT, d, pg, argv, envp, 0, 0)
		}
		unix.RawSyscall(unix.SYS_EXIT_GROUP, 127, 0, 0)
	}
	if st := waitChild(int(pid)); !st.Exited() || st.ExitStatus() != 0 {
		fail(unix.SYS_WAIT4, int64(st), 0, "the exec'd child to exit 0")
	}
}

func init() {
	register("names_at_limit", func() {
		p := edge()
		buf := Buf(make([]byte, 8))
		addr := func(back int) uintptr { return edgeBase + page - uintptr(back) }
		EQ(0, unix.SYS_CHDIR, P(""))
		copy(p, strings.Repeat("x", page)) // PATH_MAX bytes, no NUL
		ERR(unix.ENAMETOOLONG, unix.SYS_CHDIR, addr(4096))
		ERR(unix.ENAMETOOLONG, unix.SYS_OPENAT, atFDCWD, addr(4096), unix.O_RDONLY, 0)
		p[page-1] = 0 // 4095 bytes and a NUL: a path, whose one name is too long
		ERR(unix.ENAMETOOLONG, unix.SYS_CHDIR, addr(4096))
		p[page-1] = 'x' // 100 bytes, then the unmapped page: the kernel faults
		ERR(unix.EFAULT, unix.SYS_CHDIR, addr(100))
		copy(p[page-256:], "user.") // XATTR_NAME_MAX + 1 bytes, no NUL
		ERR(unix.ERANGE, unix.SYS_SETXATTR, P("f"), addr(256), S("v"), 1, 0)
		p[page-1] = 0
		ERR(unix.ENODATA, unix.SYS_GETXATTR, P("f"), addr(256), buf, 0)
		copy(p[page-250:], strings.Repeat("m", 250)) // memfd's 249 and one more
		ERR(unix.EINVAL, unix.SYS_MEMFD_CREATE, addr(250), 0)
	})
	register("exec_fresh_page", func() {
		pg := uintptr(OK(unix.SYS_MMAP, 0, page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_ANONYMOUS, fdNone, 0))
		// Every fd stays open until the end: a number freed and taken
		// again could be another goroutine's under noise.
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P(""), unix.O_RDONLY|unix.O_DIRECTORY, 0))
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("end"), unix.O_CREAT|unix.O_WRONLY|unix.O_TRUNC, 0o755))
		EQ(int64(len(endELF)), unix.SYS_WRITE, fd, Buf(endELF), uintptr(len(endELF)))
		EQ(0, unix.SYS_CLOSE, fd)
		copy(unsafe.Slice((*byte)(mem(int64(pg))), page), dir+"/end\x00")
		execChild("t1", atFDCWD, pg)
		copy(unsafe.Slice((*byte)(mem(int64(pg))), page), "end\x00")
		execChild("t2", d, pg)
		EQ(0, unix.SYS_CLOSE, d)
	})
	// execve whose path, argv, envp and their strings all lie in a page
	// the forked child has not touched: ior takes argv and envp's count
	// from the kernel's copy at the exec.
	register("exec_argv_fresh_page", func() {
		pg := uintptr(OK(unix.SYS_MMAP, 0, page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_ANONYMOUS, fdNone, 0))
		b := unsafe.Slice((*byte)(mem(int64(pg))), page)
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("end"), unix.O_CREAT|unix.O_WRONLY|unix.O_TRUNC, 0o755))
		EQ(int64(len(endELF)), unix.SYS_WRITE, fd, Buf(endELF), uintptr(len(endELF)))
		EQ(0, unix.SYS_CLOSE, fd)
		copy(b, dir+"/end\x00")
		copy(b[1024:], "end\x00")
		copy(b[1100:], dir+"/.ior-end-t1\x00")
		copy(b[2000:], "E=1\x00")
		copy(b[2048:], words([]uintptr{pg + 1024, pg + 1100, 0, 0, pg + 2000, 0}))
		begin := P(".ior-begin-t1")
		pid, _, e := unix.RawSyscall(unix.SYS_FORK, 0, 0, 0)
		if e != 0 {
			fail(unix.SYS_FORK, -1, e, ">= 0")
		}
		if pid == 0 {
			rawMarker(begin)
			unix.RawSyscall(unix.SYS_EXECVE, pg, pg+2048, pg+2048+32)
			unix.RawSyscall(unix.SYS_EXIT_GROUP, 127, 0, 0)
		}
		if st := waitChild(int(pid)); !st.Exited() || st.ExitStatus() != 0 {
			fail(unix.SYS_WAIT4, int64(st), 0, "the exec'd child to exit 0")
		}
	})
	register("aio_result_at_edge", func() {
		ev := edgeBase + page - unsafe.Sizeof(ioEvent{})
		ctx, cp := New[uint64]()
		ts, tp := New[unix.Timespec]()
		ts.Sec = 5
		edge()
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY, 0))
		if _, e := call(unix.SYS_IO_SETUP, 1, cp); e == unix.ENOSYS {
			Unsupported("io_setup")
		} else if e != 0 {
			fail(unix.SYS_IO_SETUP, -1, e, "0")
		}
		EQ(1, unix.SYS_IO_SUBMIT, uintptr(*ctx), 1, iocbs(newIocb(iocbCmdPread, fd, Buf(make([]byte, 4)), 4, 0)))
		EQ(1, unix.SYS_IO_GETEVENTS, uintptr(*ctx), 1, 1, ev, tp)
		EQ(0, unix.SYS_IO_DESTROY, uintptr(*ctx))
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("handle_at_edge", func() {
		h0, hp0 := New[fileHandle]()
		_, mnt := New[int32]()
		r, e := call(unix.SYS_NAME_TO_HANDLE_AT, atFDCWD, P("f"), hp0, mnt, 0)
		if e == unix.EOPNOTSUPP {
			Unsupported("name_to_handle_at")
		}
		if e != unix.EOVERFLOW {
			fail(unix.SYS_NAME_TO_HANDLE_AT, r, e, "-EOVERFLOW")
		}
		edge()
		hp := edgeBase + page - 8 - uintptr(h0.Bytes)
		(*fileHandle)(mem(int64(hp))).Bytes = h0.Bytes
		EQ(0, unix.SYS_NAME_TO_HANDLE_AT, atFDCWD, P("f"), hp, mnt, 0)
		d := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P(""), unix.O_RDONLY|unix.O_DIRECTORY, 0))
		fd := uintptr(OK(unix.SYS_OPEN_BY_HANDLE_AT, d, hp, unix.O_RDONLY))
		EQ(4, unix.SYS_READ, fd, Buf(make([]byte, 16)), 16)
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(0, unix.SYS_CLOSE, d)
	})
	register("mapping_anon_shared", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY, 0))
		m := OK(unix.SYS_MMAP, 0, 2*page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_ANONYMOUS, fdNone, 0)
		fm := uintptr(OK(unix.SYS_MMAP, 0, page, unix.PROT_READ, unix.MAP_SHARED, fd, 0))
		*(*byte)(mem(m)) = 1
		EQ(0, unix.SYS_MSYNC, uintptr(m), 2*page, unix.MS_SYNC)
		m = OK(unix.SYS_MREMAP, uintptr(m), 2*page, 4*page, unix.MREMAP_MAYMOVE, 0)
		EQ(0, unix.SYS_MUNMAP, uintptr(m), 4*page)
		EQ(0, unix.SYS_MUNMAP, fm, page)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("ioctl_ns_fd", func() {
		ns := uintptr(OK(unix.SYS_OPENAT, atFDCWD, S("/proc/self/ns/net"), unix.O_RDONLY, 0))
		u := uintptr(OK(unix.SYS_IOCTL, ns, 0xb701, 0)) // NS_GET_USERNS
		ERR(unix.EINVAL, unix.SYS_READ, u, Buf(make([]byte, 1)), 1)
		EQ(0, unix.SYS_CLOSE, u)
		EQ(0, unix.SYS_CLOSE, ns)
	})
	register("recv_rights", func() {
		sv, psv := New[[2]int32]()
		p, pp := New[[2]int32]()
		EQ(0, unix.SYS_SOCKETPAIR, unix.AF_UNIX, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0, psv)
		EQ(0, unix.SYS_PIPE2, pp, unix.O_CLOEXEC)
		out := unix.UnixRights(int(p[0]))
		ctl := make([]byte, unix.CmsgSpace(4))
		m, pm := New[unix.Msghdr]()
		m.Iov, m.Iovlen = iovs([]byte("x")), 1
		m.Control, m.Controllen = &out[0], uint64(len(out))
		Buf(out)
		r, pr := New[unix.Msghdr]()
		r.Iov, r.Iovlen = iovs(make([]byte, 1)), 1
		r.Control, r.Controllen = &ctl[0], uint64(len(ctl))
		Buf(ctl)
		EQ(1, unix.SYS_SENDMSG, uintptr(sv[0]), pm, 0)
		EQ(1, unix.SYS_RECVMSG, uintptr(sv[1]), pr, unix.MSG_CMSG_CLOEXEC)
		got := uintptr(*(*int32)(unsafe.Pointer(&ctl[unix.CmsgLen(0)])))
		EQ(1, unix.SYS_WRITE, uintptr(p[1]), S("y"), 1)
		EQ(1, unix.SYS_READ, got, Buf(make([]byte, 1)), 1)
		EQ(0, unix.SYS_CLOSE, got)
		EQ(0, unix.SYS_CLOSE, uintptr(p[0]))
		EQ(0, unix.SYS_CLOSE, uintptr(p[1]))
		EQ(0, unix.SYS_CLOSE, uintptr(sv[0]))
		EQ(0, unix.SYS_CLOSE, uintptr(sv[1]))
	})
	register("args_as_kernel_reads", func() {
		buf := Buf(make([]byte, 64))
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY, 0xdeadbeef))
		EQ(0, unix.SYS_FCNTL, fd, unix.F_GETFD, 0xdeadbeef)
		EQ(0, unix.SYS_FCNTL, fd, unix.F_SETFD, 0x100000001)
		ERR(unix.ENOTDIR, unix.SYS_GETDENTS64, fd, buf, 0x100000040)
		ERR(unix.EINVAL, unix.SYS_READLINKAT, atFDCWD, P("f"), buf, 0x100000010)
		// Every fd stays open until the end (see exec_fresh_page).
		fd2 := uintptr(OK(unix.SYS_OPEN, P("f"), unix.O_RDONLY, 0x1234))
		fd3 := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("g"), unix.O_CREAT|unix.O_WRONLY, 0xdead01a4))
		EQ(0, unix.SYS_MKDIRAT, atFDCWD, P("d"), 0x7fff01ed)
		EQ(0, unix.SYS_FCHMODAT, atFDCWD, P("g"), 0x10180)
		EQ(0, unix.SYS_CLOSE, fd3)
		EQ(0, unix.SYS_CLOSE, fd2)
		EQ(0, unix.SYS_CLOSE, fd)
	})
}
