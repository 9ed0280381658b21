package probe

import "testing"

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
