package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// atFDCWD as a syscall argument (sign-extended, as C passes it).
var atFDCWD = uintptr(^uint64(0) - 99) // -100

// pinned keeps every buffer handed to the kernel reachable until exit;
// pinMu guards it (the threads scenario pins from four goroutines).
var (
	pinned [][]byte
	pinMu  sync.Mutex
)

// P returns the address of "<dir>/name\0".
func P(name string) uintptr {
	if name == "" {
		return S(dir + "/")
	}
	return S(dir + "/" + name)
}

// S returns the address of a NUL-terminated copy of s.
func S(s string) uintptr {
	b := append([]byte(s), 0)
	return Buf(b)
}

// Buf returns the address of b and keeps b alive.
func Buf(b []byte) uintptr {
	pinMu.Lock()
	defer pinMu.Unlock()
	pinned = append(pinned, b)
	return uintptr(unsafe.Pointer(&b[0]))
}

// New allocates a zeroed T on the heap (which Go never moves), keeps it
// alive, and returns it with its address for a syscall argument.
func New[T any]() (*T, uintptr) {
	var zero T
	b := make([]byte, unsafe.Sizeof(zero)+8)
	Buf(b)
	return (*T)(unsafe.Pointer(&b[0])), uintptr(unsafe.Pointer(&b[0]))
}

func call(nr uintptr, args ...uintptr) (int64, unix.Errno) {
	var a [6]uintptr
	copy(a[:], args)
	r, _, e := unix.Syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5])
	if e != 0 {
		return -1, e
	}
	return int64(r), 0
}

func fail(nr uintptr, got int64, e unix.Errno, want string) {
	_, file, line, _ := runtime.Caller(2)
	fmt.Fprintf(os.Stderr, "%s:%d: syscall %d returned %d (errno %d: %v), want %s\n", file, line, nr, got, int(e), e, want)
	exit(1)
}

// EQ: the result must be exactly want.
func EQ(want int64, nr uintptr, args ...uintptr) int64 {
	r, e := call(nr, args...)
	if r != want {
		fail(nr, r, e, fmt.Sprint(want))
	}
	return r
}

// OK: the result must be >= 0; it is returned.
func OK(nr uintptr, args ...uintptr) int64 {
	r, e := call(nr, args...)
	if r < 0 {
		fail(nr, r, e, ">= 0")
	}
	return r
}

// ERR: the call must fail with errno want.
func ERR(want unix.Errno, nr uintptr, args ...uintptr) {
	r, e := call(nr, args...)
	if r != -1 || e != want {
		fail(nr, r, e, "-"+unix.ErrnoName(want))
	}
}

// ExitUnsupported is the exit status for a syscall this kernel lacks.
const ExitUnsupported = 77

// Unsupported reports a syscall this kernel lacks and exits 77.
func Unsupported(name string) {
	fmt.Fprintf(os.Stderr, "unsupported: %s\n", name)
	exit(ExitUnsupported)
}

// u converts an int argument (a flag, a mode) for a raw syscall.
func u(v int) uintptr { return uintptr(v) }
