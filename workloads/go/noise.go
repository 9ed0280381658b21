package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// noiseRounds counts the file I/O rounds of the noise goroutines.
var noiseRounds atomic.Int64

// awaitNoise returns once the noise goroutines have done n more rounds of
// file I/O, so that their events surely fall inside the traced window.
func awaitNoise(n int64) {
	target := noiseRounds.Load() + n
	for noiseRounds.Load() < target {
		time.Sleep(50 * time.Microsecond)
	}
}

// startNoise keeps the Go runtime busy on other threads while the scenario
// runs: garbage and GC, timers, and file I/O on files of their own.
func startNoise() {
	go func() {
		var keep [][]byte
		for i := 0; ; i++ {
			keep = append(keep, make([]byte, 64<<10))
			if len(keep) > 64 {
				keep = keep[:0]
			}
			if i%256 == 0 {
				runtime.GC()
			}
			time.Sleep(20 * time.Microsecond)
		}
	}()
	go func() {
		t := time.NewTicker(100 * time.Microsecond)
		for range t.C {
		}
	}()
	for i := 0; i < 2; i++ {
		stat, status := noiseFD("/proc/self/stat", 600+2*i), noiseFD("/proc/self/status", 601+2*i)
		go func() {
			buf := make([]byte, 4096)
			for {
				if n, err := unix.Pread(stat, buf, 0); err != nil || n == 0 {
					panic(fmt.Sprintf("/proc/self/stat: %d bytes, %v", n, err))
				}
				var st unix.Stat_t
				unix.Fstat(status, &st)
				unix.Seek(status, 0, 0)
				unix.Read(status, buf)
				// An open that fails (a file is no directory): no fd.
				if fd, err := unix.Open("/proc/self/status", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0); err == nil {
					panic(fmt.Sprintf("/proc/self/status opened as a directory: fd %d", fd))
				}
				noiseRounds.Add(1)
				time.Sleep(50 * time.Microsecond)
			}
		}()
	}
}

// noiseFD opens path for the noise goroutines at fd number at, before
// the scenario: their rounds then read, seek, stat and fail to open, and
// take no fd number. Files opened and closed in each round (as they were)
// could take the number a scenario's close had just freed, and the
// scenario's next open, which the tables expect to get that number back
// ("= fd1" again), got another (resolved_symlink_file/go-noise failed so
// in CI). The numbers are high (600-603), away from the scenarios' fixed
// ones (100-260, 900-999) and below any RLIMIT_NOFILE Go leaves.
func noiseFD(path string, at int) int {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		panic(err)
	}
	if err := unix.Dup3(fd, at, unix.O_CLOEXEC); err != nil {
		panic(err)
	}
	unix.Close(fd)
	return at
}
