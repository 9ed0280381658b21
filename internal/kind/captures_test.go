//go:build linux && amd64

package kind

import (
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

// The values the kernel side read behind pointers are in args, by name
// and typed, and nowhere else in the per-event outputs (no field of
// their own, not in Args' text): what ior could not read says "?", a
// count that stopped at its bound says "+", never a plain number.
func TestCapturesInArgs(t *testing.T) {
	for _, c := range []struct {
		name, want string
		ev         event.Event
	}{
		{"offsets", `{"fd_in":3,"off_in":5,"fd_out":4,"off_out":"?","len":10,"flags":"0"}`,
			event.Event{Syscall: "splice", FD: 3, FD2: 4, Len: 10, OffIn: 5, OffState: event.OffInSet | event.OffOutFault}},
		{"negative offset", `{"fd_in":3,"fd_out":4,"off_out":-1,"len":0,"flags":"0x0"}`,
			event.Event{Syscall: "copy_file_range", FD: 3, FD2: 4, OffOut: -1, OffState: event.OffOutSet}},
		{"no offsets", `{"fd_in":3,"fd_out":4,"len":0,"flags":"0x0"}`,
			event.Event{Syscall: "copy_file_range", FD: 3, FD2: 4}},
		{"sendfile", `{"out_fd":4,"in_fd":3,"offset":7,"count":9}`,
			event.Event{Syscall: "sendfile64", FD: 3, FD2: 4, Len: 9, OffIn: 7, OffState: event.OffInSet}},
		{"flock", `{"fd":3,"cmd":"F_SETLK","arg":{"l_type":"F_WRLCK","l_whence":"SEEK_SET","l_start":0,"l_len":10,"l_pid":77}}`,
			event.Event{Syscall: "fcntl", FD: 3, Flags: unix.F_SETLK, Flock: &event.Flock{Type: unix.F_WRLCK, Len: 10, PID: 77}}},
		{"flock unreadable", `{"fd":3,"cmd":"F_SETLKW","arg":"0x10"}`,
			event.Event{Syscall: "fcntl", FD: 3, Flags: unix.F_SETLKW, Args: "0x10"}},
		{"argv", `{"pathname":"/bin/ls","argv":["ls","a b"],"envc":3}`,
			event.Event{Syscall: "execve", Path: "/bin/ls", Argv: []string{"ls", "a b"}, Envc: 3}},
		{"argv cut", `{"pathname":"/bin/ls","argv":["x","\u0000..."],"envc":"65536+"}`,
			event.Event{Syscall: "execve", Path: "/bin/ls", Argv: []string{"x"}, ArgvCut: true, Envc: 65536, EnvcCut: true}},
		{"argv fault", `{"pathname":"/bin/ls","argv":["x","\u0000?"],"envc":"?"}`,
			event.Event{Syscall: "execve", Path: "/bin/ls", Argv: []string{"x"}, ArgvFault: true, Envc: -1}},
		{"argv unreadable", `{"pathname":"/bin/ls","argv":["\u0000?"],"envc":0}`,
			event.Event{Syscall: "execve", Path: "/bin/ls", Argv: []string{}, ArgvFault: true}},
	} {
		c.ev.FD2 = max(c.ev.FD2, -1)
		if got := ArgsJSON(&c.ev); got != c.want {
			t.Errorf("%s: args %s, want %s", c.name, got, c.want)
		}
	}
	for _, f := range Fields {
		if n := f.Name; n == "off_in" || n == "off_out" || n == "flock" || n == "argv" || n == "envc" {
			t.Errorf("a field %s beside args", n)
		}
	}
}
