package syscalls

import (
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

// Arguments are decoded as the kernel reads them: ignored ones are 0, a
// umode_t is 16 bits, an int 32.
func TestArgsAsKernelReads(t *testing.T) {
	for _, c := range []struct {
		name      string
		args      [6]uint64
		mode, len uint64
	}{
		{"openat", [6]uint64{0, 0, unix.O_RDONLY, 0xdeadbeef}, 0, 0},
		{"openat", [6]uint64{0, 0, unix.O_CREAT | unix.O_WRONLY, 0xdead01a4}, 0o644, 0},
		{"openat", [6]uint64{0, 0, unix.O_TMPFILE | unix.O_RDWR, 0x10180}, 0o600, 0},
		{"open", [6]uint64{0, unix.O_RDONLY, 0x1234}, 0, 0},
		{"mkdirat", [6]uint64{0, 0, 0x7fff01ed}, 0o755, 0},
		{"fcntl", [6]uint64{3, unix.F_GETFD, 0xdeadbeef}, 0, 0},
		{"fcntl", [6]uint64{3, unix.F_SETFD, 0x100000001}, 1, 0},
		// A struct flock's address is no mode: the struct is Event.Flock.
		{"fcntl", [6]uint64{3, unix.F_SETLK, 0x7ffd00001000}, 0, 0},
		{"getdents64", [6]uint64{3, 0, 0x100000040}, 0, 64},
		{"pread64", [6]uint64{3, 0, 0x100000040}, 0, 0x100000040},
	} {
		sp := ByName(c.name)
		var ev event.Event
		sp.Decode(&c.args, 0, nil, &ev)
		if ev.Mode != c.mode || ev.Len != c.len {
			t.Errorf("%s%x: mode %#o len %d, want mode %#o len %d", c.name, c.args, ev.Mode, ev.Len, c.mode, c.len)
		}
	}
}
