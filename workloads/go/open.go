package main

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

func init() {
	register("open", func() {
		fd := OK(unix.SYS_OPEN, P("f"), unix.O_CREAT|unix.O_WRONLY|unix.O_TRUNC, 0o644)
		EQ(0, unix.SYS_CLOSE, uintptr(fd))
	})
	register("openat_dirfd", func() {
		d := OK(unix.SYS_OPENAT, atFDCWD, P("sub"), unix.O_RDONLY|unix.O_DIRECTORY)
		fd := OK(unix.SYS_OPENAT, uintptr(d), S("f"), unix.O_CREAT|unix.O_RDWR, 0o600)
		EQ(0, unix.SYS_CLOSE, uintptr(fd))
		EQ(0, unix.SYS_CLOSE, uintptr(d))
	})
	register("openat2", func() {
		how, p := New[unix.OpenHow]()
		how.Flags = unix.O_CREAT | unix.O_RDWR | unix.O_CLOEXEC
		how.Mode = 0o640
		fd, e := call(unix.SYS_OPENAT2, atFDCWD, P("f"), p, unix.SizeofOpenHow)
		if e == unix.ENOSYS {
			Unsupported("openat2")
		}
		if fd < 0 {
			fail(unix.SYS_OPENAT2, fd, e, ">= 0")
		}
		EQ(0, unix.SYS_CLOSE, uintptr(fd))
	})
	register("creat", func() {
		fd := OK(unix.SYS_CREAT, P("f"), 0o644)
		EQ(0, unix.SYS_CLOSE, uintptr(fd))
	})
	register("open_by_handle_at", func() {
		// struct file_handle with room for MAX_HANDLE_SZ (128) bytes.
		type fileHandle struct {
			Bytes uint32
			Type  int32
			Data  [128]byte
		}
		h, hp := New[fileHandle]()
		h.Bytes = 128
		_, mnt := New[int32]()
		buf := Buf(make([]byte, 16))
		r, e := call(unix.SYS_NAME_TO_HANDLE_AT, atFDCWD, P("f"), hp, mnt, 0)
		if e == unix.EOPNOTSUPP {
			Unsupported("name_to_handle_at")
		}
		if r != 0 {
			fail(unix.SYS_NAME_TO_HANDLE_AT, r, e, "0")
		}
		d := OK(unix.SYS_OPENAT, atFDCWD, P(""), unix.O_RDONLY|unix.O_DIRECTORY)
		fd := OK(unix.SYS_OPEN_BY_HANDLE_AT, uintptr(d), hp, unix.O_RDONLY)
		EQ(4, unix.SYS_READ, uintptr(fd), buf, 16)
		EQ(0, unix.SYS_CLOSE, uintptr(fd))
		EQ(0, unix.SYS_CLOSE, uintptr(d))
	})
	register("open_enoent", func() {
		ERR(unix.ENOENT, unix.SYS_OPENAT, atFDCWD, P("missing"), unix.O_RDONLY)
		ERR(unix.ENOENT, unix.SYS_OPEN, P("missing/deeper"), unix.O_RDONLY)
	})
	// The path comes from a fresh private mapping of a file the harness
	// wrote: its page is in the page cache but not yet in this process's
	// page tables, so ior's read at syscall entry faults.
	var cold []byte
	prepare("open_cold_page", func() {
		fd := OK(unix.SYS_OPENAT, atFDCWD, P(".cold-path"), unix.O_RDONLY)
		m, err := unix.Mmap(int(fd), 0, 4096, unix.PROT_READ, unix.MAP_PRIVATE)
		if err != nil {
			fail(unix.SYS_MMAP, -1, err.(unix.Errno), "a mapping")
		}
		cold = m
		EQ(0, unix.SYS_CLOSE, uintptr(fd))
	})
	register("open_cold_page", func() {
		EQ(0, unix.SYS_CHDIR, P(""))
		f := OK(unix.SYS_OPENAT, atFDCWD, uintptr(unsafe.Pointer(&cold[0])), unix.O_CREAT|unix.O_WRONLY, 0o644)
		EQ(0, unix.SYS_CLOSE, uintptr(f))
	})
}
