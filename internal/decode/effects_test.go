package decode

import (
	"encoding/binary"
	"slices"
	"testing"

	"github.com/ior-tracer/ior/internal/abi"
	"github.com/ior-tracer/ior/internal/calls"
)

func u32s(vs ...uint32) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

// io_uring_register's argument as the fd table gets it: REGISTER_FILES'
// fds, no more than its count nor than were copied; an update's first
// slot, when copied; nothing for the other opcodes.
func TestURingRegisterArg(t *testing.T) {
	for _, c := range []struct {
		op, n  uint64
		b      []byte
		fds    []int32
		off    uint32
		offOK  bool
		saying string
	}{
		{abi.IORingRegisterFiles, 2, u32s(3, 0xffffffff, 9), []int32{3, -1}, 0, false, "count bounds"},
		{abi.IORingRegisterFiles, 5, u32s(3, 4)[:6], []int32{3}, 0, false, "copied bytes bound"},
		{abi.IORingRegisterFilesUpdate, 2, u32s(7, 0), nil, 7, true, "an update's offset"},
		{abi.IORingRegisterFilesUpdate2, 2, u32s(8, 0), nil, 8, true, "an update2's offset"},
		{abi.IORingRegisterFilesUpdate, 2, []byte{1, 2}, nil, 0, false, "an offset not copied"},
		{abi.IORingUnregisterFiles, 0, u32s(1), nil, 0, false, "no argument read"},
	} {
		fds, off, ok := uringRegister(c.op, c.n, c.b)
		if !slices.Equal(fds, c.fds) || off != c.off || ok != c.offOK {
			t.Errorf("%s: %v %d %v, want %v %d %v", c.saying, fds, off, ok, c.fds, c.off, c.offOK)
		}
	}
}

// A file handle is known by its type and bytes; one whose handle_bytes
// go past what was copied is none.
func TestHandleKey(t *testing.T) {
	h := append(u32s(4, 1), 0xde, 0xad, 0xbe, 0xef)
	if got := handleKey(h); got != "01000000deadbeef" {
		t.Errorf("handleKey: %q", got)
	}
	if got := handleKey(h[:10]); got != "" {
		t.Errorf("a handle cut short: %q", got)
	}
}

// io_getevents' results: data, obj, res of a whole struct io_event.
func TestIOEvent(t *testing.T) {
	b := binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil, 1), 0x100)
	b = binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(b, uint64(1<<64-5)), 0)
	if got, ok := ioEvent(b); !ok || got != (calls.IOEvent{Data: 1, Obj: 0x100, Res: -5}) {
		t.Errorf("ioEvent: %+v %v", got, ok)
	}
	if _, ok := ioEvent(b[:31]); ok {
		t.Error("a short io_event read as whole")
	}
}
