package probe

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"testing"
)

// compactRecord lays out a record by hand as bpf/ior.h documents it (not
// through Marshal): the 40-byte header, then the parts its flags name,
// in their order.
func compactRecord(flags uint8, dur uint32, tail ...[]byte) []byte {
	b := make([]byte, 40)
	binary.LittleEndian.PutUint64(b[0:], 1000)                       // enter_ns
	binary.LittleEndian.PutUint64(b[8:], uint64(0xffffffffffffffff)) // ret -1
	binary.LittleEndian.PutUint32(b[16:], 7)                         // pid
	binary.LittleEndian.PutUint32(b[20:], 8)                         // tid
	binary.LittleEndian.PutUint32(b[24:], dur)
	binary.LittleEndian.PutUint16(b[28:], 17) // nr
	b[30], b[31] = uint8(KindSyscall), flags
	b[32], b[35], b[36] = SlotOK, NameNoFile, NameOK // slot_state[0], name_state[0], name_state[1]
	for _, t := range tail {
		b = append(b, t...)
	}
	return b
}

func u64s(v ...uint64) []byte {
	var b []byte
	for _, x := range v {
		b = binary.LittleEndian.AppendUint64(b, x)
	}
	return b
}

// A record carries only the arguments its call has, a name id only for
// a name state that is NameOK, the exit time only when the duration
// does not fit 32 bits: each decodes to the same Raw the full record
// did, the arguments past the count 0.
func TestDecodeCompact(t *testing.T) {
	comm := []byte("cat\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	path := []byte("/etc/passwd")
	// Six arguments, name 1's id, the task's name, a path in slot 0.
	six := compactRecord(6|evNID1|evComm|evSlots, 250,
		u64s(1, 2, 3, 4, 5, 6), u64s(99), comm, []byte{11, 0, 0, 0, 0, 0, 0, 0}, path)
	var r Raw
	if err := Decode(six, &r); err != nil {
		t.Fatal(err)
	}
	if r.Args != [6]uint64{1, 2, 3, 4, 5, 6} || r.NameID != [2]uint64{0, 99} || r.ExitNs != 1250 ||
		string(CString(r.Comm[:])) != "cat" || !bytes.Equal(r.Slot[0], path) || r.Ret != -1 || r.NR != 17 ||
		r.PID != 7 || r.TID != 8 || r.NameState != [2]uint8{NameNoFile, NameOK} {
		t.Errorf("six arguments: decoded %+v", r)
	}
	// No argument, no name id, a call of 5 s (past 2^32 ns): the exit
	// time follows, dur is not read. Decoded into the same Raw: nothing
	// of the record before may stay.
	zero := compactRecord(evExit|evComm, 12345, u64s(1000+5e9), comm)
	if err := Decode(zero, &r); err != nil {
		t.Fatal(err)
	}
	if r.Args != [6]uint64{} || r.NameID != [2]uint64{} || r.ExitNs != 1000+5e9 || len(r.Slot[0]) != 0 || string(CString(r.Comm[:])) != "cat" {
		t.Errorf("no arguments, 5 s: decoded args %v ids %v exit %d slot %q", r.Args, r.NameID, r.ExitNs, r.Slot[0])
	}
	// The common read: 3 arguments, its fd's name id, the task's name:
	// 40 + 24 + 8 + 16 bytes, where the header alone was 136.
	rd := Raw{Kind: KindSyscall, NR: 0, EnterNs: 5, ExitNs: 900, Ret: 832, Args: [6]uint64{3, 0x7ffd0000, 832},
		NameState: [2]uint8{NameOK}, NameID: [2]uint64{42}}
	copy(rd.Comm[:], "cat")
	if b := rd.Marshal(); len(b) != 88 {
		t.Errorf("a read's record is %d bytes, want 88", len(b))
	}
	// Cut anywhere in what the flags promise: an error, not a guess.
	for n := 40; n < len(six)-len(path); n++ {
		if err := Decode(six[:n], &r); err == nil {
			t.Errorf("a record cut to %d of %d bytes decoded", n, len(six))
		}
	}
	// More arguments than a call has: refused.
	if err := Decode(compactRecord(7, 0, u64s(1, 2, 3, 4, 5, 6, 7)), &r); err == nil {
		t.Error("a record of 7 arguments decoded")
	}
}

// Marshal writes the compact layout, and Decode reads it back: a
// duration past 32 bits, a record of no argument, a name id whose state
// is not NameOK kept (Marshal keeps a set id).
func TestMarshalCompactRoundTrip(t *testing.T) {
	for _, in := range []Raw{
		{Kind: KindSyscall, NR: 35, EnterNs: 1, ExitNs: 1 + 6e9},                            // nanosleep of 6 s
		{Kind: KindSyscall, NR: 162, EnterNs: 1 << 40, ExitNs: 1<<40 + 1<<32 - 2},           // just fits
		{Kind: KindSyscall, NR: 162, EnterNs: 1 << 40, ExitNs: 1<<40 + 1<<32 - 1},           // just does not
		{Kind: KindURing, NR: 22, EnterNs: 9, ExitNs: 3, Args: [6]uint64{0, 0, 0, 0, 0, 1}}, // exit before enter: kept
		{Kind: KindSyscall, NameState: [2]uint8{NameRaced, NameOK}, NameID: [2]uint64{5, 6}},
		{Kind: KindSyscall, NR: 0, EnterNs: 7, ExitNs: 8, ProcPending: true}, // its process record lost
	} {
		var out Raw
		if err := Decode(in.Marshal(), &out); err != nil {
			t.Fatalf("%+v: %v", in, err)
		}
		out.Slot, out.Stack = [NSlots][]byte{}, nil // empty, not nil
		if !reflect.DeepEqual(out, in) {
			t.Errorf("decoded %+v, want %+v", out, in)
		}
	}
}
