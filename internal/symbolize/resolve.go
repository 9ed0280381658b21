package symbolize

import (
	"fmt"
	"strings"

	"github.com/ior-tracer/ior/internal/recording"
)

// Location is one address of a stack: the mapping it falls in (ok false:
// none recorded: the address stays bare) and the functions there
// (none: the file has no symbol for it, or could not be read). WalkEnded
// marks the last Location of a stack cut short (see Resolve): its
// address lies in no mapping of the process, and the addresses after it
// were dropped.
type Location struct {
	Addr      uint64
	Mapping   recording.Mapping
	Mapped    bool
	Frames    []Frame
	WalkEnded bool
}

type cacheKey struct {
	path string
	off  uint64
}

// Resolve names each address of a stack (innermost first) against the
// process's mappings as the recording kept them. Return addresses are
// looked up one byte back, in the call instruction (the innermost, the
// address after the syscall instruction, alike).
//
// The kernel walks the frame pointer chain: past a function built
// without frame pointers the chain goes through whatever that function
// keeps in its frame-pointer register, and the "return addresses" after
// are garbage (bytes of a string, say). So when the process has
// mappings recorded, the stack is cut at the first address in none of
// them: that Location is the last, WalkEnded, and the rest is dropped.
// With no mapping recorded for the process nothing can be told apart,
// and every address is kept, bare.
func (s *Symbolizer) Resolve(ms []recording.Mapping, pcs []uint64) []Location {
	locs := make([]Location, len(pcs))
	for i, pc := range pcs {
		l := &locs[i]
		l.Addr = pc
		m, ok := find(ms, pc-1)
		if !ok {
			if len(ms) > 0 {
				l.WalkEnded = true
				return locs[:i+1]
			}
			continue
		}
		l.Mapping, l.Mapped = m, true
		off := pc - 1 - m.Start + m.Offset
		k := cacheKey{m.Path, off}
		s.mu.Lock()
		fr, hit := s.cache[k]
		s.mu.Unlock()
		if !hit {
			fr = s.Frames(m.Path, off)
			s.mu.Lock()
			if len(s.cache) > 1<<20 {
				clear(s.cache)
			}
			s.cache[k] = fr
			s.mu.Unlock()
		}
		l.Frames = fr
	}
	return locs
}

func find(ms []recording.Mapping, addr uint64) (recording.Mapping, bool) {
	for i := len(ms) - 1; i >= 0; i-- {
		if addr >= ms[i].Start && addr < ms[i].Limit {
			return ms[i], true
		}
	}
	return recording.Mapping{}, false
}

// Names returns what to call a location's frames, innermost first: the
// function names, or, with none, the address in its file
// ("libc.so.6+0x11b2a1"), or the bare address when no mapping holds it;
// for where a stack was cut, one marker frame.
func (l *Location) Names() []string {
	if l.WalkEnded {
		return []string{l.Marker()}
	}
	if len(l.Frames) > 0 {
		out := make([]string, len(l.Frames))
		for i, f := range l.Frames {
			out[i] = f.Func
		}
		return out
	}
	return []string{l.Bare()}
}

// Bare names the address without symbols: its file and offset (with the
// build ID when known), or the address alone.
func (l *Location) Bare() string {
	if !l.Mapped {
		return fmt.Sprintf("0x%x", l.Addr)
	}
	name := l.Mapping.Path[strings.LastIndexByte(l.Mapping.Path, '/')+1:]
	return fmt.Sprintf("%s+0x%x", name, l.Addr-l.Mapping.Start+l.Mapping.Offset)
}

// Marker is the one frame that stands for the end of a stack cut at an
// address in no mapping (WalkEnded) and whatever followed it.
func (l *Location) Marker() string {
	return fmt.Sprintf("[walk ended: unmapped 0x%x]", l.Addr)
}
