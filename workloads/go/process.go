package main

import (
	"os"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// In a child made by a raw fork only raw syscalls run: the Go runtime's
// other threads are not there (a lock one held at the fork stays held),
// so nothing may schedule, allocate or grow the stack: these helpers are
// nosplit and take no variadic slice, and every pointer is made before
// the fork. rawIn exits the child with status 1 on a result but want.
//
//go:nosplit
func rawIn(nr, want, a0, a1, a2, a3 uintptr) uintptr {
	r, _, e := unix.RawSyscall6(nr, a0, a1, a2, a3, 0, 0)
	if e != 0 || (want != anyResult && r != want) {
		unix.RawSyscall(unix.SYS_EXIT_GROUP, 1, 0, 0)
	}
	return r
}

const anyResult = ^uintptr(0)

// rawMarker is marker() for a raw child: a faccessat that fails ENOENT.
//
//go:nosplit
func rawMarker(path uintptr) {
	unix.RawSyscall6(unix.SYS_FACCESSAT, atFDCWD, path, unix.F_OK, 0, 0, 0)
}

func init() {
	register("fork_child_io", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("shared"), unix.O_CREAT|unix.O_WRONLY, 0o644))
		begin, end, child, kid, k := P(".ior-begin-t1"), P(".ior-end-t1"), P("child"), S("kid"), S("k")
		pid, _, e := unix.RawSyscall(unix.SYS_FORK, 0, 0, 0)
		if e != 0 {
			fail(unix.SYS_FORK, -1, e, ">= 0")
		}
		if pid == 0 {
			rawMarker(begin)
			c := rawIn(unix.SYS_OPENAT, anyResult, atFDCWD, child, unix.O_CREAT|unix.O_WRONLY, 0o644)
			rawIn(unix.SYS_WRITE, 3, c, kid, 3, 0)
			rawIn(unix.SYS_CLOSE, 0, c, 0, 0, 0)
			rawIn(unix.SYS_WRITE, 1, fd, k, 1, 0)
			rawIn(unix.SYS_CLOSE, 0, fd, 0, 0, 0)
			rawMarker(end)
			unix.RawSyscall(unix.SYS_EXIT_GROUP, 0, 0, 0)
		}
		waitChild(int(pid))
		p := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("parent"), unix.O_CREAT|unix.O_WRONLY, 0o644))
		EQ(0, unix.SYS_CLOSE, p)
		EQ(0, unix.SYS_CLOSE, fd)
	})
	register("fork_parent_closes", func() {
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("shared"), unix.O_CREAT|unix.O_WRONLY, 0o644))
		p := uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("parent"), unix.O_CREAT|unix.O_WRONLY, 0o644))
		gate, pg := New[[2]int32]()
		_, b := New[byte]()
		begin, end, k := P(".ior-begin-t1"), P(".ior-end-t1"), S("k")
		EQ(0, unix.SYS_PIPE2, pg, 0)
		r := uintptr(gate[0])
		pid, _, e := unix.RawSyscall(unix.SYS_FORK, 0, 0, 0)
		if e != 0 {
			fail(unix.SYS_FORK, -1, e, ">= 0")
		}
		if pid == 0 {
			rawMarker(begin)
			rawIn(unix.SYS_READ, 1, r, b, 1, 0)
			rawIn(unix.SYS_WRITE, 1, fd, k, 1, 0)
			rawIn(unix.SYS_CLOSE, 0, fd, 0, 0, 0)
			rawMarker(end)
			unix.RawSyscall(unix.SYS_EXIT_GROUP, 0, 0, 0)
		}
		EQ(0, unix.SYS_CLOSE, fd)
		EQ(1, unix.SYS_WRITE, uintptr(gate[1]), S("g"), 1)
		EQ(1, unix.SYS_WRITE, p, S("p"), 1)
		waitChild(int(pid))
		EQ(0, unix.SYS_CLOSE, uintptr(gate[0]))
		EQ(0, unix.SYS_CLOSE, uintptr(gate[1]))
		EQ(0, unix.SYS_CLOSE, p)
	})
	register("vfork_exit", func() {
		pid, errno := vforkExit()
		if errno != 0 {
			fail(unix.SYS_VFORK, -1, unix.Errno(errno), ">= 0")
		}
		waitChild(int(pid))
	})
	register("exec_cloexec", func() {
		k, c, path, pa, pe := execSetup()
		pid, _, e := unix.RawSyscall(unix.SYS_FORK, 0, 0, 0)
		if e != 0 {
			fail(unix.SYS_FORK, -1, e, ">= 0")
		}
		if pid == 0 {
			unix.RawSyscall(unix.SYS_EXECVE, path, pa, pe)
			unix.RawSyscall(unix.SYS_EXIT_GROUP, 127, 0, 0)
		}
		execDone(int(pid), k, c)
	})
	register("vfork_exec", func() {
		k, c, path, pa, pe := execSetup()
		pid, errno := vforkExec(path, pa, pe)
		if errno != 0 {
			fail(unix.SYS_VFORK, -1, unix.Errno(errno), ">= 0")
		}
		execDone(int(pid), k, c)
	})
	register("process_errors", func() {
		argv := []uintptr{S("x"), 0}
		pa := uintptr(unsafe.Pointer(&argv[0]))
		ERR(unix.EINVAL, unix.SYS_CLONE, unix.CLONE_SIGHAND, 0, 0, 0, 0)
		ERR(unix.EINVAL, unix.SYS_CLONE3, 0, 0)
		ERR(unix.ENOENT, unix.SYS_EXECVE, P("missing"), pa, pa+8)
		ERR(unix.EBADF, unix.SYS_EXECVEAT, 9999, S("x"), pa, pa+8, 0)
	})
}

// vforkExit vforks a child that exits at once (vfork_amd64.s: the child
// shares the stack, so it must run no Go code).
func vforkExit() (pid, errno uintptr)

// waitChild reaps a child (wait4 is not traced).
func waitChild(pid int) unix.WaitStatus {
	var st unix.WaitStatus
	if got, err := unix.Wait4(pid, &st, 0, nil); got != pid || err != nil {
		fail(unix.SYS_WAIT4, int64(got), 0, "the child")
	}
	return st
}

// execSetup opens the exec scenarios' kept and close-on-exec files and
// makes, before any fork, what the child's execve needs: this binary
// again in its --exec-child mode.
func execSetup() (kept, cloexec, path, argv, envp uintptr) {
	kept = uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("kept"), unix.O_CREAT|unix.O_WRONLY, 0o644))
	cloexec = uintptr(OK(unix.SYS_OPENAT, atFDCWD, P("cx"), unix.O_CREAT|unix.O_WRONLY|unix.O_CLOEXEC, 0o644))
	args := []uintptr{S(selfExe), S("--exec-child"), P(""), S(strconv.Itoa(int(kept))), S(strconv.Itoa(int(cloexec))), 0}
	var env []uintptr
	for _, e := range os.Environ() {
		env = append(env, S(e))
	}
	env = append(env, 0)
	return kept, cloexec, args[0], Buf(words(args)), Buf(words(env))
}

// execDone waits for the exec'd child, then closes the two files.
func execDone(pid int, kept, cloexec uintptr) {
	if st := waitChild(pid); !st.Exited() || st.ExitStatus() != 0 {
		fail(unix.SYS_WAIT4, int64(st), 0, "the exec'd child to exit 0")
	}
	EQ(0, unix.SYS_CLOSE, cloexec)
	EQ(0, unix.SYS_CLOSE, kept)
}

// vforkExec vforks a child that execs path at once (vfork_amd64.s).
func vforkExec(path, argv, envp uintptr) (pid, errno uintptr)

// words lays out pointers as a C array (argv, envp).
func words(p []uintptr) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(&p[0])), len(p)*int(unsafe.Sizeof(p[0])))
}

// execChildIO is the exec scenarios' child, after its exec: I/O on a kept
// fd and on one that was close-on-exec, between worker t1's markers.
func execChildIO(kept, cloexec uintptr) {
	marker(P(".ior-begin-t1"))
	EQ(1, unix.SYS_WRITE, kept, S("k"), 1)
	ERR(unix.EBADF, unix.SYS_WRITE, cloexec, S("c"), 1)
	marker(P(".ior-end-t1"))
}

func init() {
	// execve's argv and envp's count as the kernel read them at entry:
	// a child (worker t1) execs copies.go's end program as "tiny" with 3 arguments,
	// another (t2) through execveat with 40, one of them 300 bytes long
	// (cut), and a failed execve.
	register("execve_argv", func() {
		tiny := P("tiny")
		argv3 := Buf(words([]uintptr{S("tiny"), S(".ior-end-t1"), S("x"), 0}))
		envp := Buf(words([]uintptr{S("A=1"), S("B=2"), 0}))
		a40 := []uintptr{S("tiny"), S(".ior-end-t2"), S(strings.Repeat("L", 300))}
		for i := 3; i < 40; i++ {
			a40 = append(a40, S("a"+strconv.Itoa(i)))
		}
		argv40 := Buf(words(append(a40, 0)))
		b1, b2, missing := P(".ior-begin-t1"), P(".ior-begin-t2"), P("missing")
		fd := uintptr(OK(unix.SYS_OPENAT, atFDCWD, tiny, unix.O_CREAT|unix.O_WRONLY, 0o755))
		EQ(int64(len(endELF)), unix.SYS_WRITE, fd, Buf(endELF), uintptr(len(endELF)))
		EQ(0, unix.SYS_CLOSE, fd)
		for _, c := range []struct {
			begin, nr, a0, a1, a2, a3 uintptr
		}{{b1, unix.SYS_EXECVE, tiny, argv3, envp, 0}, {b2, unix.SYS_EXECVEAT, atFDCWD, tiny, argv40, envp}} {
			pid, _, e := unix.RawSyscall(unix.SYS_FORK, 0, 0, 0)
			if e != 0 {
				fail(unix.SYS_FORK, -1, e, ">= 0")
			}
			if pid == 0 {
				rawMarker(c.begin)
				unix.RawSyscall6(c.nr, c.a0, c.a1, c.a2, c.a3, 0, 0)
				unix.RawSyscall(unix.SYS_EXIT_GROUP, 127, 0, 0)
			}
			if st := waitChild(int(pid)); !st.Exited() || st.ExitStatus() != 0 {
				fail(unix.SYS_WAIT4, int64(st), 0, "the exec'd child to exit 0")
			}
		}
		ERR(unix.ENOENT, unix.SYS_EXECVE, missing, argv3, envp)
	})
}
