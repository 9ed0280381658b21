package main

import (
	"fmt"
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// File mappings. Anonymous mappings made here (a reservation, calls where
// nothing is mapped) are not recorded: see scenarios_mapping.go.

const (
	page     = 4096
	unmapped = 0x10000 // mmap_min_addr: nothing is ever mapped here
	fdNone   = ^uintptr(0)
)

// mem is the memory at a mapped address.
func mem(addr int64) unsafe.Pointer { return unsafe.Add(unsafe.Pointer(nil), addr) }

func init() {
	register("mmap_shared", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDWR, 0))
		a := OK(unix.SYS_MMAP, 0, 10, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED, fd, 0)
		EQ(0, unix.SYS_CLOSE, fd)
		copy(unsafe.Slice((*byte)(mem(a)), 2), "ab")
		EQ(0, unix.SYS_MSYNC, uintptr(a), 10, unix.MS_SYNC)
		EQ(0, unix.SYS_MUNMAP, uintptr(a), 10)
	})
	register("mremap_grow", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY, 0))
		res := uintptr(OK(unix.SYS_MMAP, 0, 2*page, unix.PROT_NONE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS, fdNone, 0))
		a := EQ(int64(res), unix.SYS_MMAP, res, page, unix.PROT_READ, unix.MAP_PRIVATE|unix.MAP_FIXED, fd, page)
		if c := *(*byte)(mem(a)); c != 'b' {
			fmt.Fprintf(os.Stderr, "mapped page starts with %q, want 'b'\n", c)
			exit(1)
		}
		b := OK(unix.SYS_MREMAP, uintptr(a), page, 2*page, unix.MREMAP_MAYMOVE, 0)
		if b == a {
			fmt.Fprintln(os.Stderr, "mremap grew the mapping in place")
			exit(1)
		}
		EQ(0, unix.SYS_MUNMAP, uintptr(b), 2*page)
		EQ(0, unix.SYS_MUNMAP, res+page, page)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("mapping_errors", func() {
		w := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_WRONLY, 0))
		ERR(unix.EACCES, unix.SYS_MMAP, 0, page, unix.PROT_WRITE, unix.MAP_SHARED, w, 0)
		ERR(unix.EBADF, unix.SYS_MMAP, 0, page, unix.PROT_READ, unix.MAP_SHARED, bad, 0)
		ERR(unix.EBADF, unix.SYS_MMAP, 0, page, unix.PROT_READ, unix.MAP_SHARED, fdNone, 0)
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDWR, 0))
		ERR(unix.EINVAL, unix.SYS_MMAP, 0, page, unix.PROT_READ, unix.MAP_SHARED, fd, 1)
		a := uintptr(OK(unix.SYS_MMAP, 0, page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED, fd, 0))
		ERR(unix.EINVAL, unix.SYS_MSYNC, a, page, unix.MS_ASYNC|unix.MS_SYNC)
		ERR(unix.EINVAL, unix.SYS_MUNMAP, a+1, page)
		ERR(unix.EINVAL, unix.SYS_MREMAP, a, page, 0, unix.MREMAP_MAYMOVE, 0)
		EQ(0, unix.SYS_MUNMAP, unmapped, page)
		ERR(unix.ENOMEM, unix.SYS_MSYNC, unmapped, page, unix.MS_SYNC)
		EQ(0, unix.SYS_MUNMAP, a, page)
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(0, unix.SYS_CLOSE, w)
	})
}
