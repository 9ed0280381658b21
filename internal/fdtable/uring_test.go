package fdtable

import (
	"encoding/binary"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
	"golang.org/x/sys/unix"
)

const ringCtx = 0xffff888012345000

// req is an io_uring request's record as the kernel side writes it.
type req struct {
	op       uint16
	fd       int32
	sqeFlags uint8
	fileSlot uint32
	ret      int64
	paths    []string
	flags    uint64
}

func (q req) raw() *probe.Raw {
	r := &probe.Raw{Kind: probe.KindURing, NR: q.op, Ret: q.ret, PID: pid, TID: pid + 1}
	r.Args[0], r.Args[1], r.Args[4] = 7, uint64(int64(q.fd)), q.flags
	copy(r.Comm[:], "work")
	for i, p := range q.paths {
		r.Slot[i], r.SlotState[i] = []byte(p), probe.SlotOK
	}
	r.Slot[probe.BlobSlot] = probe.URingReq{Ctx: ringCtx, FD2: -1, FileSlot: q.fileSlot, SqeFlags: q.sqeFlags}.Marshal()
	r.SlotState[probe.BlobSlot] = probe.SlotOK
	return r
}

const (
	opRead, opOpenat, opClose = 22, 18, 19
	fixed                     = 1 // IOSQE_FIXED_FILE
)

// setupRing makes the ring fd 5 of ringCtx, and opens /home/u/a as fd 3.
func setupRing(t *testing.T, tr *Tracker) {
	t.Helper()
	r := call{name: "io_uring_setup", args: [6]uint64{8}, ret: 5}.raw(t)
	r.Slot[probe.BlobSlot] = probe.NewFilesBlob(5, 99, 0x09041934, ringCtx, "[io_uring]")
	r.SlotState[probe.BlobSlot] = probe.SlotOK
	applyRaw(tr, r)
	apply(t, tr, call{name: "openat", args: [6]uint64{uint64(unix.AT_FDCWD & 0xffffffff), 0, unix.O_RDONLY}, ret: 3, slots: []string{"a"}})
}

func check(t *testing.T, what string, ev event.Event, path string, unknown bool) {
	t.Helper()
	if ev.Path != path || (ev.PathStatus&event.PathUnknown != 0) != unknown {
		t.Errorf("%s: path %q status %d, want %q (unknown %v)", what, ev.Path, ev.PathStatus, path, unknown)
	}
}

// REGISTER_FILES names the ring's slots by the fds in the user's array
// (-1: empty); a request on a slot is named by it; a slot never
// registered, or a ring ior did not see made, is unknown.
func TestURingFixedFiles(t *testing.T) {
	tr := newTracker()
	setupRing(t, tr)
	var arr [8]byte
	binary.LittleEndian.PutUint32(arr[0:], 3)
	binary.LittleEndian.PutUint32(arr[4:], ^uint32(0))
	apply(t, tr, call{name: "io_uring_register", args: [6]uint64{5, 2, 0, 2}, slots: []string{string(arr[:])}})
	ev := applyRaw(tr, req{op: opRead, fd: 0, sqeFlags: fixed, ret: 4}.raw())
	check(t, "slot 0", ev, "/home/u/a", false)
	if ev.Syscall != "io_uring:READ" || ev.Slot1 != 1 || ev.FD != -1 || ev.Bytes != 4 || ev.UserData != 7 {
		t.Errorf("READ_FIXED decoded as %+v", ev)
	}
	check(t, "empty slot 1", applyRaw(tr, req{op: opRead, fd: 1, sqeFlags: fixed, ret: -9}.raw()), "", true)
	other := req{op: opRead, fd: 0, sqeFlags: fixed, ret: 4}.raw()
	other.Slot[probe.BlobSlot] = probe.URingReq{Ctx: ringCtx + 0x1000, FD2: -1, SqeFlags: fixed}.Marshal()
	check(t, "another ring's slot 0", applyRaw(tr, other), "", true)
}

// OPENAT through the ring makes an fd the next requests and syscalls
// name; CLOSE through the ring frees it.
func TestURingOpenClose(t *testing.T) {
	tr := newTracker()
	setupRing(t, tr)
	ev := applyRaw(tr, req{op: opOpenat, fd: unix.AT_FDCWD, ret: 6, paths: []string{"b"}, flags: unix.O_RDONLY}.raw())
	if ev.Syscall != "io_uring:OPENAT" || ev.FD != 6 || ev.Path != "/home/u/b" {
		t.Errorf("OPENAT decoded as %+v", ev)
	}
	check(t, "READ of the new fd", applyRaw(tr, req{op: opRead, fd: 6, ret: 1}.raw()), "/home/u/b", false)
	check(t, "read(2) of it", apply(t, tr, call{name: "read", args: [6]uint64{6}, ret: 1}), "/home/u/b", false)
	check(t, "CLOSE", applyRaw(tr, req{op: opClose, fd: 6}.raw()), "/home/u/b", false)
	check(t, "READ after CLOSE", applyRaw(tr, req{op: opRead, fd: 6, ret: -9}.raw()), "", true)
}

// A direct descriptor: OPENAT into slot 2 (file_slot 3), then requests on
// the slot, then CLOSE of the slot; with IORING_FILE_INDEX_ALLOC the
// result is the slot.
func TestURingDirectDescriptors(t *testing.T) {
	tr := newTracker()
	setupRing(t, tr)
	ev := applyRaw(tr, req{op: opOpenat, fd: unix.AT_FDCWD, fileSlot: 3, paths: []string{"c"}}.raw())
	if ev.Slot1 != 3 || ev.FD != -1 || ev.Ret != 0 {
		t.Errorf("direct OPENAT decoded as %+v", ev)
	}
	check(t, "READ of slot 2", applyRaw(tr, req{op: opRead, fd: 2, sqeFlags: fixed, ret: 1}.raw()), "/home/u/c", false)
	check(t, "fd 2 is not slot 2", apply(t, tr, call{name: "read", args: [6]uint64{2}, ret: -9}), "", true)
	check(t, "CLOSE of slot 2", applyRaw(tr, req{op: opClose, fileSlot: 3}.raw()), "/home/u/c", false)
	check(t, "READ after", applyRaw(tr, req{op: opRead, fd: 2, sqeFlags: fixed, ret: -9}.raw()), "", true)
	ev = applyRaw(tr, req{op: opOpenat, fd: unix.AT_FDCWD, fileSlot: ^uint32(0), ret: 4, paths: []string{"d"}}.raw())
	if ev.Slot1 != 5 {
		t.Errorf("OPENAT into an allocated slot: slot %d, want 4", int(ev.Slot1)-1)
	}
	check(t, "READ of slot 4", applyRaw(tr, req{op: opRead, fd: 4, sqeFlags: fixed, ret: 1}.raw()), "/home/u/d", false)
}
