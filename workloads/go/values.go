package main

import "golang.org/x/sys/unix"

// high is garbage in the upper 32 bits of an int argument's register.
const high = uintptr(0xdead000000000000)

func init() {
	register("int_args_low32", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), high|unix.O_CREAT|unix.O_WRONLY, high|0o644))
		EQ(0, unix.SYS_FACCESSAT2, atFDCWD, P("f"), high|unix.F_OK, high)
		EQ(0, unix.SYS_FCHMODAT, atFDCWD, P("f"), high|0o600)
		ERR(unix.EBADF, unix.SYS_OPENAT, ^uintptr(0), S("f"), unix.O_RDONLY, 0)
		fd2 := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY, 0))
		EQ(0, unix.SYS_FACCESSAT2, fd2, S(""), unix.F_OK, unix.AT_EMPTY_PATH)
		EQ(0, unix.SYS_CLOSE, fd2)
		EQ(0, unix.SYS_CLOSE, high|fd)
	})
}
