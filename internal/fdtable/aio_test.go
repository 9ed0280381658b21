package fdtable

import (
	"encoding/binary"
	"testing"

	"github.com/ior-tracer/ior/internal/decode"
	"github.com/ior-tracer/ior/internal/probe"
	"golang.org/x/sys/unix"
)

// aioCall decodes and applies a record whose struct slot is blob.
func aioCall(t *testing.T, tr *Tracker, name string, args [6]uint64, ret int64, blob []byte) decode.Call {
	t.Helper()
	r := call{name: name, args: args, ret: ret}.raw(t)
	r.Slot[probe.BlobSlot], r.SlotState[probe.BlobSlot] = blob, probe.SlotOK
	var c decode.Call
	decode.New().Decode(r, &c)
	tr.Apply(&c)
	return c
}

func ioEvents(evs ...[3]uint64) []byte { // data, obj, res
	var b []byte
	for _, e := range evs {
		b = binary.LittleEndian.AppendUint64(b, e[0])
		b = binary.LittleEndian.AppendUint64(b, e[1])
		b = binary.LittleEndian.AppendUint64(b, e[2])
		b = binary.LittleEndian.AppendUint64(b, 0)
	}
	return b
}

// Each iocb an io_submit accepted becomes an event when io_getevents
// returns its result: its command, file (named at submission), offset,
// length, aio_data and result; the io_getevents' own event comes after.
// A result ior did not see submitted is aio:UNKNOWN, its file unknown;
// io_destroy forgets the context's requests.
func TestAIORequests(t *testing.T) {
	tr := newTracker()
	apply(t, tr, call{name: "openat", args: [6]uint64{uint64(unix.AT_FDCWD & 0xffffffff), 0, unix.O_RDWR}, ret: 3, slots: []string{"f"}})
	const ctx = 0x7f00
	cbs := probe.AIOIocbsBytes([]probe.AIOIocb{
		{Obj: 0x100, Data: 1, NBytes: 4, Offset: 0, FD: 3, Op: 0},
		{Obj: 0x200, Data: 2, NBytes: 2, Offset: 10, FD: 3, Op: 1},
		{Obj: 0x300, Data: 3, NBytes: 2, Offset: 10, FD: 3, Op: 1}, // not accepted: ret 2
	})
	aioCall(t, tr, "io_submit", [6]uint64{ctx, 3}, 2, cbs)
	c := aioCall(t, tr, "io_getevents", [6]uint64{ctx, 1, 4}, 3, ioEvents([3]uint64{2, 0x200, 2}, [3]uint64{1, 0x100, 4}, [3]uint64{3, 0x300, 2}))
	if len(c.Extra) != 3 {
		t.Fatalf("%d request events, want 3", len(c.Extra))
	}
	w, r, u := c.Extra[0], c.Extra[1], c.Extra[2]
	if w.Syscall != "aio:PWRITE" || w.Path != "/home/u/f" || w.FD != 3 || w.Offset != 10 || w.Len != 2 || w.Bytes != 2 || w.UserData != 2 {
		t.Errorf("PWRITE: %+v", w)
	}
	if r.Syscall != "aio:PREAD" || r.Ret != 4 || r.Bytes != 4 || r.ExitNs != c.Event.ExitNs {
		t.Errorf("PREAD: %+v", r)
	}
	if u.Syscall != "aio:UNKNOWN" || u.PathStatus == 0 || u.UserData != 3 {
		t.Errorf("a result of an iocb io_submit did not accept: %+v", u)
	}
	aioCall(t, tr, "io_submit", [6]uint64{ctx, 1}, 1, probe.AIOIocbsBytes([]probe.AIOIocb{{Obj: 0x100, FD: 3, Op: 0}}))
	apply(t, tr, call{name: "io_destroy", args: [6]uint64{ctx}})
	c = aioCall(t, tr, "io_getevents", [6]uint64{ctx, 1, 4}, 1, ioEvents([3]uint64{0, 0x100, 4}))
	if len(c.Extra) != 1 || c.Extra[0].Syscall != "aio:UNKNOWN" {
		t.Errorf("after io_destroy: %+v", c.Extra)
	}
}

// An AIO request's event carries its io_submit's user stack (-stacks):
// the code that asked for it, not the one that reaped it.
func TestAIORequestStack(t *testing.T) {
	tr := newTracker()
	apply(t, tr, call{name: "openat", args: [6]uint64{uint64(unix.AT_FDCWD & 0xffffffff), 0, unix.O_RDWR}, ret: 3, slots: []string{"f"}})
	const ctx = 0x7f00
	cbs := probe.AIOIocbsBytes([]probe.AIOIocb{{Obj: 0x100, Data: 1, NBytes: 4, FD: 3, Op: 0}})
	sub := call{name: "io_submit", args: [6]uint64{ctx, 1}, ret: 1}.raw(t)
	sub.Slot[probe.BlobSlot], sub.SlotState[probe.BlobSlot] = cbs, probe.SlotOK
	sub.Stack = binary.LittleEndian.AppendUint64(nil, 0x401234)
	var c decode.Call
	decode.New().Decode(sub, &c)
	tr.Apply(&c)
	reap := aioCall(t, tr, "io_getevents", [6]uint64{ctx, 1, 1}, 1, ioEvents([3]uint64{1, 0x100, 4}))
	if len(reap.Extra) != 1 || reap.Extra[0].Stack == nil || reap.Extra[0].Stack.PCs[0] != 0x401234 {
		t.Fatalf("request events %+v: want one with the io_submit's stack", reap.Extra)
	}
}
