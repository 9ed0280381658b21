package main

import "golang.org/x/sys/unix"

func init() {
	register("sync", func() {
		fd := openF()
		EQ(5, unix.SYS_WRITE, fd, S("hello"), 5)
		EQ(0, unix.SYS_FSYNC, fd)
		EQ(0, unix.SYS_FDATASYNC, fd)
		EQ(0, unix.SYS_SYNC_FILE_RANGE, fd, 0, 5, unix.SYNC_FILE_RANGE_WRITE)
		EQ(0, unix.SYS_SYNCFS, fd)
		EQ(0, unix.SYS_SYNC)
		EQ(0, unix.SYS_CLOSE, fd)
	})
}
