package fdtable

import (
	"fmt"
	"math/rand"
	"runtime"
	"testing"
)

// A forked table is a copy: across many generations of forks, changes,
// deletions and flattening, every table reads as its own plain map.
func TestFDSetCopyOnWrite(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	type pair struct {
		s    *fdSet
		want map[int32]file
	}
	tables := []pair{{newFDSet(), map[int32]file{}}}
	for step := 0; step < 4000; step++ {
		i := rng.Intn(len(tables))
		p := &tables[i]
		fd := int32(rng.Intn(40))
		switch op := rng.Intn(10); {
		case op < 4:
			f := file{path: fmt.Sprint("/f", step), cloexec: op == 0}
			p.s.set(fd, f)
			p.want[fd] = f
		case op < 7:
			p.s.del(fd)
			delete(p.want, fd)
		case op < 8 && len(tables) < 64:
			c := map[int32]file{}
			for k, v := range p.want {
				c[k] = v
			}
			tables = append(tables, pair{p.s.fork(), c})
		case op < 9:
			p.s = p.s.clone(func(f file) bool { return !f.cloexec })
			for k, v := range p.want {
				if v.cloexec {
					delete(p.want, k)
				}
			}
		}
		for j := range tables {
			q := &tables[j]
			for fd := int32(0); fd < 40; fd++ {
				got, ok := q.s.get(fd)
				w, wok := q.want[fd]
				if ok != wok || got != w {
					t.Fatalf("step %d: table %d fd %d = %+v %v, want %+v %v", step, j, fd, got, ok, w, wok)
				}
			}
			if n := len(q.s.flat()); n != len(q.want) {
				t.Fatalf("step %d: table %d holds %d fds, want %d", step, j, n, len(q.want))
			}
		}
	}
}

// A process with many fds that starts many children costs what they
// change, not fds × children (19,000 fds and 200 children took 603 MB).
func TestForkSharesTable(t *testing.T) {
	const fds, children = 20000, 200
	tr := NewTracker(manyFDs(fds))
	tr.Snapshot(pid)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for c := uint32(0); c < children; c++ {
		fork(tr, pid, 1000+c, false, false)
		open(t, tr, "/new", 3, 0) // the parent changes between forks
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	grew := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("%d children of a process with %d fds: heap grew %d KiB", children, fds, grew>>10)
	if grew > 16<<20 {
		t.Errorf("heap grew %d MiB for %d children", grew>>20, children)
	}
	if got := tr.Path(1000+children-1, fds-1); got != fmt.Sprint("/data/file-", fds-1) {
		t.Errorf("last child's fd %d = %q", fds-1, got)
	}
}

// manyFDs is a process pid with n fds open.
type manyFDs int

func (manyFDs) Cwd(uint32) (string, bool) { return "/", true }

func (n manyFDs) FDs(uint32) []FD {
	out := make([]FD, n)
	for i := range out {
		out[i] = FD{Num: int32(i), Path: fmt.Sprint("/data/file-", i)}
	}
	return out
}

// The handle table forgets its oldest handles past its bound, and counts
// them; a forgotten handle is unknown, never another file's.
func TestHandlesBounded(t *testing.T) {
	tr := NewTracker(fakeProc{})
	const n = maxHandles + 1000
	for i := 0; i < n; i++ {
		tr.handles.put(fmt.Sprintf("%016x", i), fmt.Sprint("/files/", i))
	}
	if len(tr.handles.m) > maxHandles || tr.HandlesForgotten() != n-maxHandles {
		t.Errorf("%d handles held, %d forgotten", len(tr.handles.m), tr.HandlesForgotten())
	}
	if _, ok := tr.handles.get(fmt.Sprintf("%016x", 0)); ok {
		t.Error("the oldest handle is still there")
	}
	if p, _ := tr.handles.get(fmt.Sprintf("%016x", n-1)); p != fmt.Sprint("/files/", n-1) {
		t.Errorf("newest handle names %q", p)
	}
	big := string(make([]byte, 4096))
	for i := 0; i < 8192; i++ {
		tr.handles.put(fmt.Sprintf("big%016x", i), big+fmt.Sprint(i))
	}
	if tr.handles.bytes > maxHandleBytes {
		t.Errorf("handles hold %d bytes", tr.handles.bytes)
	}
}
