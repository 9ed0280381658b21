package probe

import (
	"testing"
	"unsafe"
)

// A syscall record without a name has its thread's from the thread's
// last record that carried one; other kinds' names (an io_uring
// request's submitter at submission) leave it; a thread never named
// gets no name, never another's, and is counted.
func TestThreadsComm(t *testing.T) {
	rec := func(kind Kind, tid uint32, comm string) []byte {
		r := Raw{Kind: kind, PID: 1, TID: tid, NR: 17}
		copy(r.Comm[:], comm)
		return r.Marshal()
	}
	var th Threads
	var r Raw
	for _, c := range []struct {
		b    []byte
		want string
	}{
		{rec(KindSyscall, 8, "first"), "first"},
		{rec(KindSyscall, 8, ""), "first"},
		{rec(KindURing, 8, "submitted"), "submitted"}, // its own name ...
		{rec(KindSyscall, 8, ""), "first"},            // ... not the thread's
		{rec(KindSyscall, 8, "renamed"), "renamed"},
		{rec(KindSyscall, 8, ""), "renamed"},
		{rec(KindSyscall, 4194303, "high"), "high"}, // pid_max's last id
		{rec(KindSyscall, 4194303, ""), "high"},
		{rec(KindSyscall, 9, ""), ""}, // never named: none
		{rec(KindSyscall, 8, ""), "renamed"},
	} {
		if err := th.Decode(c.b, &r); err != nil {
			t.Fatal(err)
		}
		if got := string(CString(r.Comm[:])); got != c.want {
			t.Errorf("tid %d kind %d: comm %q, want %q", r.TID, r.Kind, got, c.want)
		}
	}
	if th.Unnamed != 1 {
		t.Errorf("%d records unnamed, want 1", th.Unnamed)
	}
	// Without Threads, a record without a name decodes with none.
	if err := Decode(rec(KindSyscall, 8, ""), &r); err != nil || r.Comm != ([CommLen]byte{}) {
		t.Errorf("stateless decode: comm %q, %v", r.Comm, err)
	}
}

// A pread64's record as the kernel side sends it most often: four
// arguments, its fd's name id, no name (the thread's is known).
func BenchmarkThreadsDecode(b *testing.B) {
	var th Threads
	var r Raw
	first := Raw{Kind: KindSyscall, NR: 17, PID: 1, TID: 1, Args: [6]uint64{3, 0x7ffd0000, 4096, 8192},
		NameState: [2]uint8{NameOK}, NameID: [2]uint64{42}, EnterNs: 100, ExitNs: 900}
	copy(first.Comm[:], "bench")
	if err := th.Decode(first.Marshal(), &r); err != nil {
		b.Fatal(err)
	}
	first.Comm = [CommLen]byte{}
	rec := first.Marshal()
	// 8-aligned, as the ring hands records over.
	buf := make([]uint64, (len(rec)+7)/8)
	al := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), len(rec))
	copy(al, rec)
	b.ReportAllocs()
	for b.Loop() {
		if err := th.Decode(al, &r); err != nil {
			b.Fatal(err)
		}
	}
}

// The same record through the package's Decode, which keeps no names.
func BenchmarkDecode(b *testing.B) {
	var r Raw
	rec := (&Raw{Kind: KindSyscall, NR: 17, PID: 1, TID: 1, Args: [6]uint64{3, 0x7ffd0000, 4096, 8192},
		NameState: [2]uint8{NameOK}, NameID: [2]uint64{42}, EnterNs: 100, ExitNs: 900}).Marshal()
	buf := make([]uint64, (len(rec)+7)/8)
	al := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), len(rec))
	copy(al, rec)
	b.ReportAllocs()
	for b.Loop() {
		if err := Decode(al, &r); err != nil {
			b.Fatal(err)
		}
	}
}
