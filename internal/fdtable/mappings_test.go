package fdtable

import (
	"testing"

	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
	"golang.org/x/sys/unix"
)

var (
	fileA = calls.MapFile{Ino: 12, Dev: 0x803, Gen: 1}
	fileB = calls.MapFile{Ino: 13, Dev: 0x803, Gen: 1}
)

// mapCall is a mapping call whose record carries the identity of its
// mapping's file (nil: the kernel side could not tell).
func mapCall(t *testing.T, tr *Tracker, p uint32, c call, f *calls.MapFile) event.Event {
	t.Helper()
	r := c.raw(t)
	r.PID, r.TID = p, p
	if f != nil {
		r.Slot[probe.BlobSlot], r.SlotState[probe.BlobSlot] = probe.MapFile{Ino: f.Ino, Dev: f.Dev, Gen: f.Gen}.Bytes(), probe.SlotOK
	}
	return applyRaw(tr, r)
}

// mmapCall: an mmap of fd that returned ret (an address, or -errno).
func mmapCall(fd int, ret int64) call {
	return call{name: "mmap", args: [6]uint64{0, 4096, unix.PROT_READ, unix.MAP_SHARED, uint64(fd), 0}, ret: ret}
}

func munmapCall() call { return call{name: "munmap", args: [6]uint64{0x7000, 4096}} }

func wantMapped(t *testing.T, ev event.Event, path string) {
	t.Helper()
	unknown := ev.PathStatus&event.PathUnknown != 0
	if ev.Path != path || unknown != (path == "") {
		t.Errorf("%s: path %q (unknown %v), want %q", ev.Syscall, ev.Path, unknown, path)
	}
}

// munmap, msync and mremap name the file of their mapping by its
// identity, learned from the mmap that mapped it, after its fd is closed
// and whatever was mapped since.
func TestMappingNamedByFile(t *testing.T) {
	tr := newTracker()
	open(t, tr, "/a", 3, 0)
	open(t, tr, "/b", 4, 0)
	wantMapped(t, mapCall(t, tr, pid, mmapCall(3, 0x7000), &fileA), "/a")
	mapCall(t, tr, pid, mmapCall(4, 0x9000), &fileB)
	apply(t, tr, call{name: "close", args: [6]uint64{3}})
	wantMapped(t, mapCall(t, tr, pid, call{name: "msync", args: [6]uint64{0x7000, 4096, unix.MS_SYNC}}, &fileA), "/a")
	wantMapped(t, mapCall(t, tr, pid, call{name: "mremap", args: [6]uint64{0x9000, 4096, 8192, 1}, ret: 0xa000}, &fileB), "/b")
	wantMapped(t, mapCall(t, tr, pid, munmapCall(), &fileA), "/a")
	// Unknown: the kernel side could not look at the mapping, or the
	// file was mapped before tracing (no mmap seen).
	wantMapped(t, mapCall(t, tr, pid, munmapCall(), nil), "")
	wantMapped(t, mapCall(t, tr, pid, munmapCall(), &calls.MapFile{Ino: 99, Dev: 1}), "")
	// A failed mmap, or one through an fd ior cannot name, teaches nothing.
	mapCall(t, tr, pid, mmapCall(4, -int64(unix.EACCES)), &fileA)
	wantMapped(t, mapCall(t, tr, pid, munmapCall(), &fileA), "/a")
	ev := mapCall(t, tr, pid, mmapCall(9, 0x7000), &calls.MapFile{Ino: 98, Dev: 1})
	wantMapped(t, ev, "")
	wantMapped(t, mapCall(t, tr, pid, munmapCall(), &calls.MapFile{Ino: 98, Dev: 1}), "")
}

// A forked child shares what its parent learned (its mappings are copies
// of the parent's); exec starts a new address space with none.
func TestMappingsAcrossForkAndExec(t *testing.T) {
	tr := newTracker()
	open(t, tr, "/a", 3, 0)
	mapCall(t, tr, pid, mmapCall(3, 0x7000), &fileA)
	fork(tr, pid, 50, false, false)
	wantMapped(t, mapCall(t, tr, 50, munmapCall(), &fileA), "/a")
	applyRaw(tr, &probe.Raw{Kind: probe.KindExec, PID: 50, TID: 50})
	wantMapped(t, mapCall(t, tr, 50, munmapCall(), &fileA), "")
	wantMapped(t, mapCall(t, tr, pid, munmapCall(), &fileA), "/a")
}
