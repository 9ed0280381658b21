package main

import (
	"runtime"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// raceFD is the fd the race replaces.
const raceFD = 100

// raceDup2 is not a scenario: "ioworkload --race-dup2 DIR N", for the
// test of calls that race an fd's replacement
// (integrationtests/race_test.go). A thread reads one byte at offset 0
// of fd 100, N times, while another makes fd 100 a copy of DIR/a ("A")
// and of DIR/b ("B") in turn with dup2; what each read got, the truth of
// which file it read, is written to DIR/truth in the order of the reads.
func raceDup2(d string, n int) {
	dir = d
	truth := make([]byte, n)
	a := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("a"), unix.O_RDONLY, 0))
	b := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("b"), unix.O_RDONLY, 0))
	EQ(raceFD, unix.SYS_DUP2, a, raceFD)
	var stop atomic.Bool
	done := make(chan struct{})
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with it
		defer close(done)
		for !stop.Load() {
			EQ(raceFD, unix.SYS_DUP2, a, raceFD)
			EQ(raceFD, unix.SYS_DUP2, b, raceFD)
		}
	}()
	buf := Buf(truth)
	for i := range n {
		EQ(1, unix.SYS_PREAD64, raceFD, buf+uintptr(i), 1, 0)
	}
	stop.Store(true)
	<-done
	fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("truth"), unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC, 0o644))
	EQ(int64(n), unix.SYS_WRITE, fd, buf, uintptr(n))
	EQ(0, unix.SYS_CLOSE, fd)
}

// raceChdir is not a scenario: "ioworkload --race-chdir DIR N". The
// main thread makes DIR/a its cwd N times with chdir while another
// thread, sharing the fs_struct (the runtime's threads do), makes DIR/b
// its cwd with fchdir, as fast as it can, until then: each chdir's cwd
// may be moved by the other between the kernel's setting it and the
// call's return (integrationtests/race_test.go).
func raceChdir(d string, n int) {
	dir = d
	runtime.LockOSThread()
	a := P("a")
	b := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("b"), unix.O_RDONLY|unix.O_DIRECTORY, 0))
	var stop atomic.Bool
	done := make(chan struct{})
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with it
		defer close(done)
		for !stop.Load() {
			EQ(0, unix.SYS_FCHDIR, b)
		}
	}()
	for range n {
		EQ(0, unix.SYS_CHDIR, a)
	}
	stop.Store(true)
	<-done
}
