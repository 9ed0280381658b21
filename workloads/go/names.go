package main

import (
	"strings"

	"golang.org/x/sys/unix"
)

// deep is a path of 16 directories of 240 bytes each, then leaf.
func deep(leaf string) uintptr {
	return P(strings.Repeat(strings.Repeat("d", 240)+"/", 16) + leaf)
}

var odd = []string{"a\nb", "t\tab", "semi;colon", "esc\x1b[31m", "bad\xff\xfe"}

func init() {
	register("long_path", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, deep("f"), unix.O_CREAT|unix.O_WRONLY, 0o644))
		EQ(1, unix.SYS_WRITE, fd, S("x"), 1)
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(0, unix.SYS_RENAME, deep("f"), deep("g"))
		EQ(0, unix.SYS_UNLINK, deep("g"))
	})
	register("odd_names", func() {
		// All open at once, so each has an fd of its own in every run.
		var fds []uintptr
		for _, n := range odd {
			fds = append(fds, uintptr(OK(unix.SYS_OPENAT, atFDCWD, P(n), unix.O_CREAT|unix.O_WRONLY, 0o644)))
		}
		for _, fd := range fds {
			EQ(0, unix.SYS_CLOSE, fd)
		}
		for _, n := range odd {
			EQ(0, unix.SYS_UNLINK, P(n))
		}
		ERR(unix.EFAULT, unix.SYS_UNLINK, 0)
	})
}
