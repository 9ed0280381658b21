package recording

import (
	"bytes"
	"io"
	"reflect"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
)

// Every field of an event survives the recording: each is set to a value
// of its own, and the round trip must give the event back whole. A field
// added to event.Event but not to the format fails here.
func TestEveryEventFieldRoundTrips(t *testing.T) {
	var ev event.Event
	v := reflect.ValueOf(&ev).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("s" + v.Type().Field(i).Name)
		case reflect.Int32, reflect.Int64:
			f.SetInt(int64(-3 - i))
		case reflect.Uint8, reflect.Uint32, reflect.Uint64:
			f.SetUint(uint64(1000 + i))
		case reflect.Bool:
			// ProcUnknown: by the process table too, with no Proc (its
			// 'P' record of zeros: TestProcUnknown).
			f.SetBool(v.Type().Field(i).Name != "ProcUnknown")
		case reflect.Slice: // Argv
			f.Set(reflect.ValueOf([]string{"a" + v.Type().Field(i).Name, "", "b"}))
		case reflect.Pointer:
			switch f.Interface().(type) {
			case *event.Stack:
				f.Set(reflect.ValueOf(&event.Stack{PCs: []uint64{0x401000, 0x7f0000001234, 3}}))
			case *event.Flock:
				f.Set(reflect.ValueOf(&event.Flock{Type: 1, Whence: 2, Start: -5, Len: 1 << 40, PID: 77}))
			case *event.Proc: // by the process table, written before the event
				f.Set(reflect.ValueOf(&event.Proc{MntNS: 4026531841, PidNS: 4026531836, CgroupID: 9876,
					Cgroup: "/sys.slice/x", Root: "/srv/root", Foreign: event.ForeignMnt | event.ForeignCgroup}))
			default:
				t.Fatalf("pointer field %s: teach this test", v.Type().Field(i).Name)
			}
		default:
			t.Fatalf("field %s has kind %s: teach this test", v.Type().Field(i).Name, f.Kind())
		}
	}
	ev.ExitNs = ev.EnterNs + 77 // a duration, not a second clock
	ev.PathStatus = 0x35        // fits its 8 bits
	var buf bytes.Buffer
	w, err := NewWriter(&buf, Header{Name: "t"})
	if err != nil {
		t.Fatal(err)
	}
	w.Proc(&ev)
	w.Write(&ev)
	if err := w.Close(Stats{}); err != nil {
		t.Fatal(err)
	}
	rd, err := NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var got event.Event
	if err := rd.Next(&got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ev) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, ev)
	}
	if err := rd.Next(&got); err != io.EOF {
		t.Errorf("after the event: %v, want EOF", err)
	}
}

// A version 3 event has no args: its io_uring fields follow path_status
// at once, and a syscall's record ends there. Both still read.
func TestReadsVersion3Events(t *testing.T) {
	c := newCrafted(t, 3)
	c.rec(recString, []byte("io_uring:READ"))
	c.rec(recString, []byte("read"))
	// syscall, pid, tid, comm, enter delta, duration, ret, bytes, fd,
	// fd2, path, path2, flags, mode, offset, len, path_status[, user_data,
	// slot+1, sqe_flags, exec]
	c.rec(recEvent, []byte{1, 7, 7, 0, 2, 1, 8, 8, 6, 1, 0, 0, 0, 0, 0, 4, 0, 42, 2, 1, 2})
	c.rec(recEvent, []byte{2, 7, 7, 0, 2, 1, 8, 8, 6, 1, 0, 0, 0, 0, 0, 4, 0})
	c.rec(recTrailer, []byte(`{"events":2}`))
	rd, err := NewReader(bytes.NewReader(c.bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var req, sys event.Event
	if err := rd.Next(&req); err != nil {
		t.Fatal(err)
	}
	if err := rd.Next(&sys); err != nil {
		t.Fatal(err)
	}
	if req.Syscall != "io_uring:READ" || req.UserData != 42 || req.Slot1 != 2 || req.SqeFlags != 1 || req.Exec != 2 || req.Args != "" {
		t.Errorf("version 3 request read as %+v", req)
	}
	if sys.Syscall != "read" || sys.Len != 4 || sys.UserData != 0 || sys.Args != "" {
		t.Errorf("version 3 syscall read as %+v", sys)
	}
}

// A version 4 event ends at its io_uring fields: no resolved files
// follow, and it reads with none. A version 5 syscall with a file
// carries zero io_uring fields before it.
func TestReadsVersion4EventsWithoutFiles(t *testing.T) {
	c := newCrafted(t, 4)
	c.rec(recString, []byte("io_uring:READ"))
	// syscall, pid, tid, comm, enter delta, duration, ret, bytes, fd,
	// fd2, path, path2, flags, mode, offset, len, path_status, stack,
	// args, user_data, slot+1, sqe_flags, exec
	c.rec(recEvent, []byte{1, 7, 7, 0, 2, 1, 8, 8, 6, 1, 0, 0, 0, 0, 0, 4, 0, 0, 0, 42, 2, 1, 2})
	c.rec(recTrailer, []byte(`{"events":1}`))
	rd, err := NewReader(bytes.NewReader(c.bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var req event.Event
	if err := rd.Next(&req); err != nil {
		t.Fatal(err)
	}
	if req.UserData != 42 || req.Exec != 2 || req.File != "" || req.File2 != "" || req.FileStatus != 0 {
		t.Errorf("version 4 request read as %+v", req)
	}

	var buf bytes.Buffer
	w, err := NewWriter(&buf, Header{Name: "t"})
	if err != nil {
		t.Fatal(err)
	}
	in := event.Event{Syscall: "openat", FD: -1, FD2: -1, Path: "/a/l/f", File: "/a/real/f", FileStatus: event.FileUnread << 4}
	w.Write(&in)
	if err := w.Close(Stats{}); err != nil {
		t.Fatal(err)
	}
	rd2, err := NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer rd2.Close()
	var got event.Event
	if err := rd2.Next(&got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, in) {
		t.Errorf("version 5 syscall read as %+v, want %+v", got, in)
	}
}
