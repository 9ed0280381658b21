package probe

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/ior-tracer/ior/internal/syscalls"
)

// Decode and Marshal are each other's inverse over every header field
// and both slots.
func TestRecordRoundTrip(t *testing.T) {
	in := Raw{Kind: KindSyscall, NR: 257, EnterNs: 11, ExitNs: 22, Ret: -2, Args: [6]uint64{1, 2, 3, 4, 5, 6},
		PID: 7, TID: 8, SlotState: [NSlots]uint8{SlotOK, SlotOK | SlotRetried}}
	copy(in.Comm[:], "comm-0123456789")
	in.Slot[0], in.Slot[1] = []byte("/a/b\x00"), []byte("x")
	in.Stack = []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
	in.FileState, in.FileID = [2]uint8{NameOK | NameDeleted, NameRaced}, [2]uint64{99, 0}
	b := in.Marshal()
	// The resolved file's id is the record's last 8 bytes, after the
	// stack, as resolved.h writes it.
	if got := b[len(b)-8:]; !bytes.Equal(got, []byte{99, 0, 0, 0, 0, 0, 0, 0}) {
		t.Errorf("record ends % x, want the file id 99", got)
	}
	var out Raw
	if err := Decode(b, &out); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Slot[0], in.Slot[0]) || !bytes.Equal(out.Slot[1], in.Slot[1]) {
		t.Errorf("slots %q %q, want %q %q", out.Slot[0], out.Slot[1], in.Slot[0], in.Slot[1])
	}
	if !bytes.Equal(out.Stack, in.Stack) {
		t.Errorf("stack %x, want %x", out.Stack, in.Stack)
	}
	out.Slot, in.Slot = [NSlots][]byte{}, [NSlots][]byte{}
	out.Stack, in.Stack = nil, nil
	if !reflect.DeepEqual(out, in) {
		t.Errorf("decoded %+v, want %+v", out, in)
	}
	if err := Decode(b[:len(b)-1], &out); err == nil {
		t.Error("a record cut short decoded without error")
	}
}

// An unaligned buffer decodes too (the header is copied, not read in
// place).
func TestDecodeUnaligned(t *testing.T) {
	in := Raw{Kind: KindExec, PID: 3, TID: 3}
	b := append([]byte{0}, in.Marshal()...)
	var out Raw
	if err := Decode(b[1:], &out); err != nil || out.PID != 3 || out.Kind != KindExec {
		t.Errorf("unaligned decode: %+v, %v", out, err)
	}
}

// Every syscall of the table fits the kernel side's descriptor table.
func TestTableFitsDescriptors(t *testing.T) {
	for _, sp := range syscalls.Table {
		if sp.NR < 0 || sp.NR >= MaxNR {
			t.Errorf("%s: number %d outside the kernel side's table (%d)", sp.Name, sp.NR, MaxNR)
		}
	}
}

// The syscall table's copy kinds and slot sizes are the kernel side's,
// and every copied struct fits the slot after what precedes it.
func TestCopyMatchesKernel(t *testing.T) {
	if syscalls.CopyEnter != int(CopyEnter) || syscalls.CopyExit != int(CopyExit) || syscalls.CopyValRes != int(CopyValRes) {
		t.Errorf("copy kinds: syscalls %d %d %d, kernel %d %d %d", syscalls.CopyEnter, syscalls.CopyExit, syscalls.CopyValRes,
			CopyEnter, CopyExit, CopyValRes)
	}
	if syscalls.CopiedHeadLen != CopiedHeadLen || syscalls.TSLen != TSLen {
		t.Errorf("slot head %d, timeout %d; kernel %d, %d", syscalls.CopiedHeadLen, syscalls.TSLen, CopiedHeadLen, TSLen)
	}
	for _, sp := range syscalls.Table {
		if sp.Copy == 0 {
			continue
		}
		room := BlobMax - CopiedHeadLen
		if sp.TS != syscalls.None {
			room -= TSLen
		}
		if sp.NewFDs != 0 {
			room -= NewFilesLen
		}
		if int(sp.BlobLen) > room {
			t.Errorf("%s: copies %d bytes, the slot has room for %d", sp.Name, sp.BlobLen, room)
		}
		if sp.TS != syscalls.None && sp.NewFDs != 0 {
			t.Errorf("%s: a timeout and new fds: the kernel side reads no timeout then", sp.Name)
		}
	}
}

// Only a syscall's record carries resolved files: another kind's header
// bytes there (a task record built in reserved memory) are not read as
// states, and no id is looked for past its end.
func TestRecordFilesOnlyForSyscalls(t *testing.T) {
	in := Raw{Kind: KindFork, FileState: [2]uint8{NameOK, NameOK}, FileID: [2]uint64{1, 2}}
	b := in.Marshal()
	b = b[:len(b)-16] // as the kernel sends it: the header alone
	var out Raw
	if err := Decode(b, &out); err != nil {
		t.Fatalf("a fork record with stray file states: %v", err)
	}
	if out.FileState != [2]uint8{} {
		t.Errorf("file states %v, want none", out.FileState)
	}
}
