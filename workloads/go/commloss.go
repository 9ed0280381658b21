package main

import (
	"runtime"
	"strconv"

	"golang.org/x/sys/unix"
)

// commLossSeeks is how many lseeks each round makes.
const commLossSeeks = 20

// commLoss is not a scenario: "ioworkload --comm-loss DIR N", for the
// test that a thread's name is never shown wrong when records are lost
// (integrationtests/commloss_test.go). N rounds, on one locked thread:
// the thread names itself "cl<i>" with prctl(PR_SET_NAME), then seeks
// DIR/f to offset i commLossSeeks times with lseek; every lseek ior
// shows must carry the name of its offset's round.
func commLoss(d string, n int) {
	dir = d
	runtime.LockOSThread()
	fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("f"), unix.O_RDONLY|unix.O_CREAT, 0o644))
	for i := range n {
		name := append([]byte("cl"+strconv.Itoa(i)), 0)
		EQ(0, unix.SYS_PRCTL, unix.PR_SET_NAME, Buf(name))
		for range commLossSeeks {
			EQ(int64(i), unix.SYS_LSEEK, fd, uintptr(i), unix.SEEK_SET)
		}
	}
	EQ(0, unix.SYS_CLOSE, fd)
}
