package recording

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// Version 5's captured values survive a round trip, each kind alone and
// after an io_uring request's fields, and an event without them reads
// back without them.
func TestCapturesRoundTrip(t *testing.T) {
	evs := []event.Event{
		{Syscall: "splice", TID: 1, FD: 3, FD2: 4, Path: "/a", Path2: "pipe:[9]", OffIn: 5, OffState: event.OffInSet | event.OffOutFault},
		{Syscall: "sendfile64", TID: 1, FD: 3, FD2: 4, OffIn: -1, OffState: event.OffInSet},
		{Syscall: "fcntl", TID: 1, FD: 3, FD2: -1, Flags: 5, Flock: &event.Flock{Type: 1, Whence: 0, Start: 2, Len: 10, PID: 1234}},
		{Syscall: "execve", TID: 1, FD: -1, FD2: -1, Path: "/bin/ls", Argv: []string{"ls", "", "-l"}, Envc: 3},
		{Syscall: "execve", TID: 1, FD: -1, FD2: -1, Argv: []string{}, ArgvCut: true, ArgvFault: true, Envc: -1, EnvcCut: true},
		{Syscall: "io_uring:READ", TID: 1, FD: 3, FD2: -1, UserData: 7, Slot1: 2, OffState: event.OffOutSet, OffOut: 1 << 40},
		{Syscall: "read", TID: 1, FD: 3, FD2: -1},
	}
	rec, err := Read(bytes.NewReader(encode(t, evs)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rec.Events, evs) {
		t.Errorf("events differ:\n got %+v\nwant %+v", rec.Events, evs)
	}
}
