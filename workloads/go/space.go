package main

import "golang.org/x/sys/unix"

// File size and allocated space, and the page cache: offsets and lengths,
// error paths.

func init() {
	register("truncate_lengths", func() {
		EQ(0, unix.SYS_TRUNCATE, P("f"), 4)
		EQ(0, unix.SYS_TRUNCATE, P("f"), 8)
		fd := openAt(P("f"), unix.O_RDWR, 0)
		EQ(0, unix.SYS_FTRUNCATE, fd, 6)
		EQ(0, unix.SYS_FTRUNCATE, fd, 0)
		EQ(2, unix.SYS_WRITE, fd, S("ab"), 2)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("truncate_errors", func() {
		ERR(unix.EISDIR, unix.SYS_TRUNCATE, P("sub"), 0)
		ERR(unix.EINVAL, unix.SYS_TRUNCATE, P("f"), u(-1))
		ERR(unix.ENOTDIR, unix.SYS_TRUNCATE, P("f/x"), 0)
		p := openAt(P("p"), unix.O_RDWR, 0)
		ERR(unix.EINVAL, unix.SYS_FTRUNCATE, p, 0)
		f := openAt(P("f"), unix.O_RDWR, 0)
		ERR(unix.EINVAL, unix.SYS_FTRUNCATE, f, u(-1))
		EQ(0, unix.SYS_CLOSE, f)
		EQ(0, unix.SYS_CLOSE, p)
	})
	register("fallocate_offsets", func() {
		fd := openAt(P("f"), unix.O_CREAT|unix.O_RDWR, 0o644)
		EQ(0, unix.SYS_FALLOCATE, fd, 0, 0, 4096)
		EQ(0, unix.SYS_FALLOCATE, fd, unix.FALLOC_FL_KEEP_SIZE, 4096, 8192)
		EQ(0, unix.SYS_FALLOCATE, fd, unix.FALLOC_FL_PUNCH_HOLE|unix.FALLOC_FL_KEEP_SIZE, 0, 1024)
		EQ(0, unix.SYS_FALLOCATE, fd, unix.FALLOC_FL_ZERO_RANGE, 1024, 1024)
		ERR(unix.EINVAL, unix.SYS_FALLOCATE, fd, 0, u(-1), 1)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("fadvise64_offsets", func() {
		fd := openAt(P("f"), unix.O_RDONLY, 0)
		EQ(0, unix.SYS_FADVISE64, fd, 0, 0, unix.FADV_SEQUENTIAL)
		EQ(0, unix.SYS_FADVISE64, fd, 2, 4, unix.FADV_WILLNEED)
		EQ(0, unix.SYS_FADVISE64, fd, 4096, 100, unix.FADV_DONTNEED)
		ERR(unix.EINVAL, unix.SYS_FADVISE64, fd, 0, u(-1), unix.FADV_NORMAL)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("readahead_offsets", func() {
		fd := openAt(P("f"), unix.O_RDONLY, 0)
		EQ(0, unix.SYS_READAHEAD, fd, 0, 10)
		EQ(0, unix.SYS_READAHEAD, fd, 4096, 4096)
		d := openAt(P("sub"), unix.O_RDONLY|unix.O_DIRECTORY, 0)
		ERR(unix.EINVAL, unix.SYS_READAHEAD, d, 0, 10)
		EQ(0, unix.SYS_CLOSE, d)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("sync_file_range_offsets", func() {
		fd := openAt(P("f"), unix.O_CREAT|unix.O_WRONLY, 0o644)
		EQ(5, unix.SYS_WRITE, fd, S("hello"), 5)
		EQ(0, unix.SYS_SYNC_FILE_RANGE, fd, 0, 5, unix.SYNC_FILE_RANGE_WRITE)
		EQ(0, unix.SYS_SYNC_FILE_RANGE, fd, 0, 0,
			unix.SYNC_FILE_RANGE_WAIT_BEFORE|unix.SYNC_FILE_RANGE_WRITE|unix.SYNC_FILE_RANGE_WAIT_AFTER)
		ERR(unix.EINVAL, unix.SYS_SYNC_FILE_RANGE, fd, u(-1), 5, unix.SYNC_FILE_RANGE_WRITE)
		p := openAt(P("p"), unix.O_RDWR, 0)
		ERR(unix.ESPIPE, unix.SYS_SYNC_FILE_RANGE, p, 0, 0, unix.SYNC_FILE_RANGE_WRITE)
		EQ(0, unix.SYS_CLOSE, p)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("sync_dir", func() {
		d := openAt(P(""), unix.O_RDONLY|unix.O_DIRECTORY, 0)
		EQ(0, unix.SYS_FSYNC, d)
		EQ(0, unix.SYS_FDATASYNC, d)
		EQ(0, unix.SYS_SYNCFS, d)
		EQ(0, unix.SYS_CLOSE, d)
	})
}
