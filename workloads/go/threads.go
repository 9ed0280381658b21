package main

import (
	"fmt"
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// Four worker goroutines, each locked to its own OS thread, each with its
// own exact sequence on its own file, bracketed by its own markers
// (.ior-begin-tN, .ior-end-tN). The barrier (not traced) holds every close
// until all workers have opened their files, so no fd number is reused
// while another thread's events are in flight.
func init() {
	workers := []func(opened *sync.WaitGroup){
		func(opened *sync.WaitGroup) {
			buf := Buf(make([]byte, 4))
			fd := openAt(P("d/t1"), unix.O_CREAT|unix.O_RDWR, 0o644)
			EQ(4, unix.SYS_WRITE, fd, S("abcd"), 4)
			EQ(3, unix.SYS_PWRITE64, fd, S("xyz"), 3, 10)
			EQ(4, unix.SYS_PREAD64, fd, buf, 4, 0)
			barrier(opened)
			EQ(0, unix.SYS_CLOSE, fd)
		},
		func(opened *sync.WaitGroup) {
			fd := openAt(P("d/t2"), unix.O_CREAT|unix.O_WRONLY|unix.O_APPEND, 0o600)
			EQ(6, unix.SYS_WRITEV, fd, iov([]byte("abc"), []byte("def")), 2)
			EQ(0, unix.SYS_FSYNC, fd)
			EQ(0, unix.SYS_FDATASYNC, fd)
			barrier(opened)
			EQ(0, unix.SYS_CLOSE, fd)
		},
		func(opened *sync.WaitGroup) {
			_, st := New[unix.Stat_t]()
			fd := openAt(P("d/t3"), unix.O_CREAT|unix.O_WRONLY, 0o644)
			EQ(0, unix.SYS_FCHMOD, fd, 0o640)
			EQ(0, unix.SYS_FTRUNCATE, fd, 100)
			EQ(0, unix.SYS_FSTAT, fd, st)
			barrier(opened)
			EQ(0, unix.SYS_CLOSE, fd)
		},
		func(opened *sync.WaitGroup) {
			fd := openAt(P("d/t4"), unix.O_CREAT|unix.O_RDWR, 0o644)
			fd2 := uintptr(OK(unix.SYS_DUP, fd))
			EQ(7, unix.SYS_LSEEK, fd2, 7, unix.SEEK_SET)
			EQ(0, unix.SYS_FCNTL, fd2, unix.F_GETFD, 0)
			barrier(opened)
			EQ(0, unix.SYS_CLOSE, fd2)
			EQ(0, unix.SYS_CLOSE, fd)
		},
	}
	register("threads", func() {
		EQ(0, unix.SYS_MKDIR, P("d"), 0o755)
		var opened, done sync.WaitGroup
		opened.Add(len(workers))
		done.Add(len(workers))
		for i, work := range workers {
			begin, end := P(fmt.Sprintf(".ior-begin-t%d", i+1)), P(fmt.Sprintf(".ior-end-t%d", i+1))
			go func() {
				// Never unlocked: the thread ends with the goroutine, so
				// no other goroutine ever runs on it.
				runtime.LockOSThread()
				defer done.Done()
				marker(begin)
				work(&opened)
				marker(end)
			}()
		}
		done.Wait()
		EQ(0, unix.SYS_RENAME, P("d"), P("done"))
	})
}

// barrier returns once every worker has reached it.
func barrier(opened *sync.WaitGroup) {
	opened.Done()
	opened.Wait()
}

// thread_fd_reuse: one thread closes its fd, then another opens a file
// and gets the same number: each thread's events name its own file.
func init() {
	register("thread_fd_reuse", func() {
		EQ(0, unix.SYS_MKDIR, P("d"), 0o755)
		for i, name := range []string{"d/ta", "d/tb"} {
			begin, end := P(fmt.Sprintf(".ior-begin-t%d", i+1)), P(fmt.Sprintf(".ior-end-t%d", i+1))
			file := P(name)
			var done sync.WaitGroup
			done.Add(1)
			go func() {
				runtime.LockOSThread() // never unlocked: the thread ends with it
				defer done.Done()
				marker(begin)
				fd := openAt(file, unix.O_CREAT|unix.O_WRONLY, 0o644)
				EQ(1, unix.SYS_WRITE, fd, S("x"), 1)
				EQ(0, unix.SYS_CLOSE, fd)
				marker(end)
			}()
			done.Wait()
		}
	})
}
