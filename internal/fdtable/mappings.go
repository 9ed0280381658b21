package fdtable

import (
	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
)

// mappedFiles names the files an address space has mapped: the path of
// the fd each was mmap'ed through, by the file's identity as the kernel
// side reads it from the vma (inode, device, generation). munmap, msync
// and mremap name their mapping's file from it: the vma holding their
// address says which file it is, so a name is never that of another
// file, however the mapping was split, moved or partly unmapped since.
//
// A process made by fork shares its parent's (its mappings are copies
// of the parent's, and a name learned for a file by either is a name of
// that file); exec starts an empty one, as the kernel starts a new
// address space. A mapping made before tracing began, by exec itself
// (the program, its interpreter), or through an fd ior could not name is
// unknown.
type mappedFiles struct{ m map[calls.MapFile]string }

// maxMappedFiles bounds one address space's names: past it they are
// forgotten (shown as unknown until mapped again), not grown without end.
const maxMappedFiles = 1 << 16

func newMappedFiles() *mappedFiles { return &mappedFiles{m: map[calls.MapFile]string{}} }

// mapFile: a successful mmap mapped the file of its fd: its path (if
// whole) names that file from now on.
func mapFile(p *Process, c *calls.Call) {
	path := known(&c.Event)
	if !c.MapFileOK || path == "" {
		return
	}
	if len(p.maps.m) >= maxMappedFiles {
		clear(p.maps.m)
	}
	p.maps.m[c.MapFile] = path
}

// onMapping names the file of the mapping a call worked on; unknown when
// the kernel side could not look at the mapping or ior never saw it made.
func onMapping(p *Process, c *calls.Call) {
	ev := &c.Event
	ev.Path = ""
	if c.MapFileOK {
		ev.Path = p.maps.m[c.MapFile]
	}
	if ev.Path == "" {
		ev.PathStatus |= event.PathUnknown
	}
}
