package main

import "golang.org/x/sys/unix"

// registerPrepared registers a scenario whose paths and buffers are all
// made by setup before the begin marker; setup returns the scenario body,
// which issues syscalls only. A Go allocation can map memory (runtime
// mmap on the allocating thread, e.g. for GC bitmaps); ior leaves
// anonymous mappings out, but the body still allocates nothing between
// the markers.
func registerPrepared(name string, setup func() func()) {
	var run func()
	prepare(name, func() { run = setup() })
	register(name, func() { run() })
}

// loff returns the address of a pinned int64 offset holding v; the kernel
// reads it at entry.
func loff(v int64) uintptr {
	p, a := New[int64]()
	*p = v
	return a
}

// openAt opens a path made beforehand by P.
func openAt(path uintptr, flags int, mode int) uintptr {
	return uintptr(OK(unix.SYS_OPENAT, atFDCWD, path, u(flags), u(mode)))
}

func init() {
	registerPrepared("lseek", func() func() {
		f, buf := P("f"), Buf(make([]byte, 8))
		return func() {
			fd := openAt(f, unix.O_RDONLY, 0)
			EQ(4, unix.SYS_LSEEK, fd, 4, unix.SEEK_SET)
			EQ(6, unix.SYS_LSEEK, fd, 2, unix.SEEK_CUR)
			EQ(7, unix.SYS_LSEEK, fd, u(-3), unix.SEEK_END)
			EQ(3, unix.SYS_READ, fd, buf, 8)
			EQ(0, unix.SYS_LSEEK, fd, 0, unix.SEEK_DATA)
			EQ(10, unix.SYS_LSEEK, fd, 0, unix.SEEK_HOLE)
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
	registerPrepared("lseek_errors", func() func() {
		f, pp := P("f"), P("p")
		return func() {
			fd := openAt(f, unix.O_RDONLY, 0)
			p := openAt(pp, unix.O_RDWR, 0)
			ERR(unix.EBADF, unix.SYS_LSEEK, 9999, 0, unix.SEEK_SET)
			ERR(unix.EINVAL, unix.SYS_LSEEK, fd, 0, 99)
			ERR(unix.EINVAL, unix.SYS_LSEEK, fd, u(-1), unix.SEEK_SET)
			ERR(unix.ENXIO, unix.SYS_LSEEK, fd, 100, unix.SEEK_DATA)
			ERR(unix.ESPIPE, unix.SYS_LSEEK, p, 0, unix.SEEK_SET)
			EQ(0, unix.SYS_CLOSE, p)
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
	registerPrepared("sendfile", func() func() {
		src, dst, off := P("src"), P("dst"), loff(6)
		return func() {
			in := openAt(src, unix.O_RDONLY, 0)
			out := openAt(dst, unix.O_CREAT|unix.O_WRONLY, 0o644)
			EQ(5, unix.SYS_SENDFILE, out, in, off, 5)
			// No offset: from in's file position, which the first call left at 0.
			EQ(11, unix.SYS_SENDFILE, out, in, 0, 100)
			EQ(0, unix.SYS_CLOSE, out)
			EQ(0, unix.SYS_CLOSE, in)
		}
	})
	registerPrepared("sendfile_errors", func() func() {
		src, dst, neg := P("src"), P("dst"), loff(-1)
		return func() {
			in := openAt(src, unix.O_RDONLY, 0)
			out := openAt(dst, unix.O_CREAT|unix.O_WRONLY, 0o644)
			ERR(unix.EBADF, unix.SYS_SENDFILE, out, 9999, 0, 5)
			ERR(unix.EBADF, unix.SYS_SENDFILE, in, in, 0, 5)
			ERR(unix.EFAULT, unix.SYS_SENDFILE, out, in, 8, 5)
			ERR(unix.EINVAL, unix.SYS_SENDFILE, out, in, neg, 5)
			EQ(0, unix.SYS_CLOSE, out)
			EQ(0, unix.SYS_CLOSE, in)
		}
	})
	registerPrepared("splice", func() func() {
		src, pp, dst, off := P("src"), P("p"), P("dst"), loff(1)
		return func() {
			in := openAt(src, unix.O_RDONLY, 0)
			p := openAt(pp, unix.O_RDWR, 0)
			out := openAt(dst, unix.O_CREAT|unix.O_WRONLY, 0o644)
			EQ(4, unix.SYS_SPLICE, in, off, p, 0, 4, 0)
			EQ(4, unix.SYS_SPLICE, p, 0, out, 0, 4, unix.SPLICE_F_MOVE)
			EQ(0, unix.SYS_CLOSE, out)
			EQ(0, unix.SYS_CLOSE, p)
			EQ(0, unix.SYS_CLOSE, in)
		}
	})
	registerPrepared("splice_errors", func() func() {
		src, pp, off := P("src"), P("p"), loff(0)
		return func() {
			in := openAt(src, unix.O_RDONLY, 0)
			p := openAt(pp, unix.O_RDWR, 0)
			ERR(unix.EBADF, unix.SYS_SPLICE, in, 0, in, 0, 4, 0)
			ERR(unix.EBADF, unix.SYS_SPLICE, 9999, 0, p, 0, 4, 0)
			ERR(unix.ESPIPE, unix.SYS_SPLICE, p, off, in, 0, 4, 0)
			ERR(unix.EINVAL, unix.SYS_SPLICE, p, 0, p, 0, 4, 0)
			ERR(unix.EINVAL, unix.SYS_SPLICE, in, 0, p, 0, 4, 0x100)
			EQ(0, unix.SYS_CLOSE, p)
			EQ(0, unix.SYS_CLOSE, in)
		}
	})
	registerPrepared("tee", func() func() {
		p1, p2, xyz, buf := P("p1"), P("p2"), S("xyz"), Buf(make([]byte, 16))
		return func() {
			a := openAt(p1, unix.O_RDWR, 0)
			b := openAt(p2, unix.O_RDWR, 0)
			EQ(3, unix.SYS_WRITE, a, xyz, 3)
			EQ(3, unix.SYS_TEE, a, b, 16, unix.SPLICE_F_NONBLOCK)
			EQ(3, unix.SYS_READ, b, buf, 16)
			EQ(3, unix.SYS_READ, a, buf, 16)
			EQ(0, unix.SYS_CLOSE, b)
			EQ(0, unix.SYS_CLOSE, a)
		}
	})
	registerPrepared("tee_errors", func() func() {
		p1, p2, ff := P("p1"), P("p2"), P("f")
		return func() {
			a := openAt(p1, unix.O_RDWR, 0)
			b := openAt(p2, unix.O_RDWR, 0)
			f := openAt(ff, unix.O_RDWR, 0)
			ERR(unix.EAGAIN, unix.SYS_TEE, a, b, 16, unix.SPLICE_F_NONBLOCK)
			ERR(unix.EINVAL, unix.SYS_TEE, a, a, 16, 0)
			ERR(unix.EINVAL, unix.SYS_TEE, f, b, 16, 0)
			ERR(unix.EBADF, unix.SYS_TEE, 9999, b, 16, 0)
			EQ(0, unix.SYS_CLOSE, f)
			EQ(0, unix.SYS_CLOSE, b)
			EQ(0, unix.SYS_CLOSE, a)
		}
	})
	registerPrepared("vmsplice", func() func() {
		pp, v, buf := P("p"), iov([]byte("hel"), []byte("lo")), Buf(make([]byte, 16))
		return func() {
			p := openAt(pp, unix.O_RDWR, 0)
			EQ(5, unix.SYS_VMSPLICE, p, v, 2, 0)
			EQ(5, unix.SYS_READ, p, buf, 16)
			EQ(0, unix.SYS_CLOSE, p)
		}
	})
	registerPrepared("vmsplice_errors", func() func() {
		pp, ff, v := P("p"), P("f"), iov([]byte("x"))
		return func() {
			p := openAt(pp, unix.O_RDWR, 0)
			f := openAt(ff, unix.O_RDWR, 0)
			ERR(unix.EBADF, unix.SYS_VMSPLICE, 9999, v, 1, 0)
			ERR(unix.EBADF, unix.SYS_VMSPLICE, f, v, 1, 0)
			ERR(unix.EINVAL, unix.SYS_VMSPLICE, p, v, 1, 0x100)
			ERR(unix.EFAULT, unix.SYS_VMSPLICE, p, 8, 1, 0)
			EQ(0, unix.SYS_CLOSE, f)
			EQ(0, unix.SYS_CLOSE, p)
		}
	})
	// Both files of each in-kernel copy named, pipe ends included, and
	// the offsets passed by pointer as the kernel read them at entry.
	registerPrepared("transfer_two_files", func() func() {
		src, dst := P("src"), P("dst")
		inOff, outOff, a, b, c := loff(1), loff(2), loff(0), loff(6), loff(4)
		pp, pa := New[[2]int32]()
		qq, qa := New[[2]int32]()
		return func() {
			in := openAt(src, unix.O_RDONLY, 0)
			out := openAt(dst, unix.O_CREAT|unix.O_RDWR, 0o644)
			EQ(0, unix.SYS_PIPE2, pa, 0)
			r, w := uintptr(pp[0]), uintptr(pp[1])
			EQ(4, unix.SYS_SPLICE, in, inOff, w, 0, 4, 0)
			EQ(4, unix.SYS_SPLICE, r, 0, out, outOff, 4, 0)
			EQ(2, unix.SYS_COPY_FILE_RANGE, in, a, out, b, 2, 0)
			EQ(2, unix.SYS_SENDFILE, w, in, c, 2)
			EQ(0, unix.SYS_PIPE2, qa, 0)
			EQ(2, unix.SYS_TEE, r, uintptr(qq[1]), 2, unix.SPLICE_F_NONBLOCK)
			EQ(0, unix.SYS_CLOSE, uintptr(qq[1]))
			EQ(0, unix.SYS_CLOSE, uintptr(qq[0]))
			EQ(0, unix.SYS_CLOSE, w)
			EQ(0, unix.SYS_CLOSE, r)
			EQ(0, unix.SYS_CLOSE, out)
			EQ(0, unix.SYS_CLOSE, in)
		}
	})
	registerPrepared("copy_file_range", func() func() {
		src, dst, off := P("src"), P("dst"), loff(2)
		return func() {
			in := openAt(src, unix.O_RDONLY, 0)
			out := openAt(dst, unix.O_CREAT|unix.O_WRONLY, 0o644)
			EQ(5, unix.SYS_COPY_FILE_RANGE, in, off, out, 0, 5, 0)
			EQ(10, unix.SYS_COPY_FILE_RANGE, in, 0, out, 0, 100, 0)
			EQ(0, unix.SYS_CLOSE, out)
			EQ(0, unix.SYS_CLOSE, in)
		}
	})
	registerPrepared("copy_file_range_errors", func() func() {
		src, dst, dir := P("src"), P("dst"), P("")
		return func() {
			in := openAt(src, unix.O_RDONLY, 0)
			out := openAt(dst, unix.O_CREAT|unix.O_WRONLY, 0o644)
			d := openAt(dir, unix.O_RDONLY|unix.O_DIRECTORY, 0)
			ERR(unix.EINVAL, unix.SYS_COPY_FILE_RANGE, in, 0, out, 0, 5, 1)
			ERR(unix.EBADF, unix.SYS_COPY_FILE_RANGE, in, 0, in, 0, 5, 0)
			ERR(unix.EBADF, unix.SYS_COPY_FILE_RANGE, 9999, 0, out, 0, 5, 0)
			ERR(unix.EISDIR, unix.SYS_COPY_FILE_RANGE, d, 0, out, 0, 5, 0)
			EQ(0, unix.SYS_CLOSE, d)
			EQ(0, unix.SYS_CLOSE, out)
			EQ(0, unix.SYS_CLOSE, in)
		}
	})
	registerPrepared("fallocate", func() func() {
		f := P("f")
		return func() {
			fd := openAt(f, unix.O_CREAT|unix.O_RDWR, 0o644)
			EQ(0, unix.SYS_FALLOCATE, fd, 0, 0, 8192)
			EQ(0, unix.SYS_FALLOCATE, fd, unix.FALLOC_FL_KEEP_SIZE, 8192, 4096)
			EQ(0, unix.SYS_FALLOCATE, fd, unix.FALLOC_FL_PUNCH_HOLE|unix.FALLOC_FL_KEEP_SIZE, 0, 4096)
			EQ(0, unix.SYS_FALLOCATE, fd, unix.FALLOC_FL_ZERO_RANGE, 4096, 4096)
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
	registerPrepared("fallocate_errors", func() func() {
		f, pp := P("f"), P("p")
		return func() {
			fd := openAt(f, unix.O_RDWR, 0)
			ro := openAt(f, unix.O_RDONLY, 0)
			p := openAt(pp, unix.O_RDWR, 0)
			ERR(unix.EINVAL, unix.SYS_FALLOCATE, fd, 0, 0, 0)
			ERR(unix.EOPNOTSUPP, unix.SYS_FALLOCATE, fd, unix.FALLOC_FL_PUNCH_HOLE, 0, 4096)
			ERR(unix.EBADF, unix.SYS_FALLOCATE, ro, 0, 0, 4096)
			ERR(unix.ESPIPE, unix.SYS_FALLOCATE, p, 0, 0, 4096)
			ERR(unix.EBADF, unix.SYS_FALLOCATE, 9999, 0, 0, 4096)
			EQ(0, unix.SYS_CLOSE, p)
			EQ(0, unix.SYS_CLOSE, ro)
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
	registerPrepared("fadvise64", func() func() {
		f := P("f")
		return func() {
			fd := openAt(f, unix.O_RDONLY, 0)
			EQ(0, unix.SYS_FADVISE64, fd, 0, 0, unix.FADV_SEQUENTIAL)
			EQ(0, unix.SYS_FADVISE64, fd, 0, 10, unix.FADV_WILLNEED)
			EQ(0, unix.SYS_FADVISE64, fd, 0, 0, unix.FADV_DONTNEED)
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
	registerPrepared("fadvise64_errors", func() func() {
		f, pp := P("f"), P("p")
		return func() {
			fd := openAt(f, unix.O_RDONLY, 0)
			p := openAt(pp, unix.O_RDWR, 0)
			ERR(unix.EINVAL, unix.SYS_FADVISE64, fd, 0, 0, 99)
			ERR(unix.EINVAL, unix.SYS_FADVISE64, fd, 0, u(-1), unix.FADV_NORMAL)
			ERR(unix.ESPIPE, unix.SYS_FADVISE64, p, 0, 0, unix.FADV_NORMAL)
			ERR(unix.EBADF, unix.SYS_FADVISE64, 9999, 0, 0, unix.FADV_NORMAL)
			EQ(0, unix.SYS_CLOSE, p)
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
	registerPrepared("readahead", func() func() {
		f := P("f")
		return func() {
			fd := openAt(f, unix.O_RDONLY, 0)
			EQ(0, unix.SYS_READAHEAD, fd, 0, 4096)
			EQ(0, unix.SYS_CLOSE, fd)
		}
	})
	registerPrepared("readahead_errors", func() func() {
		f, pp := P("f"), P("p")
		return func() {
			wo := openAt(f, unix.O_WRONLY, 0)
			p := openAt(pp, unix.O_RDWR, 0)
			ERR(unix.EBADF, unix.SYS_READAHEAD, wo, 0, 4096)
			ERR(unix.EINVAL, unix.SYS_READAHEAD, p, 0, 4096)
			ERR(unix.EBADF, unix.SYS_READAHEAD, 9999, 0, 4096)
			EQ(0, unix.SYS_CLOSE, p)
			EQ(0, unix.SYS_CLOSE, wo)
		}
	})
}
