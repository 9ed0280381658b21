package ioprof

import (
	"slices"
	"unsafe"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/symbolize"
)

// maxNamed bounds the Namer's cache of symbolized stacks; past it the
// cache starts again (the Symbolizer keeps each file's tables and each
// address's frames, so naming again is cheap).
const maxNamed = 1 << 14

type nameKey struct {
	pcs  string // the stack's addresses' bytes
	pid  uint32
	maps int // the process's mappings then: a new one may name more
}

// Namer names user stacks as the flamegraphs' "stack" frames: each
// stack symbolized, outermost first (inlined calls as frames of their
// own, an address without a symbol as file+offset or bare, a walk that
// ended in no mapping as one marker frame), cached. Not safe for
// concurrent use.
type Namer struct {
	sym   *symbolize.Symbolizer
	names map[nameKey][]string
}

// NewNamer returns a Namer over sym.
func NewNamer(sym *symbolize.Symbolizer) *Namer {
	return &Namer{sym: sym, names: map[nameKey][]string{}}
}

// Names returns st's frames, outermost first, as of the mappings ms of
// process pid. The slice is shared: never modify it.
func (n *Namer) Names(ms []recording.Mapping, pid uint32, st *event.Stack) []string {
	if st == nil || len(st.PCs) == 0 {
		return nil
	}
	raw := unsafe.String((*byte)(unsafe.Pointer(&st.PCs[0])), 8*len(st.PCs))
	if fr, ok := n.names[nameKey{raw, pid, len(ms)}]; ok {
		return fr
	}
	var fr []string
	for _, l := range n.sym.Resolve(ms, st.PCs) {
		fr = append(fr, l.Names()...)
	}
	slices.Reverse(fr) // outermost first
	if len(n.names) >= maxNamed {
		clear(n.names)
	}
	// The key's bytes are copied: st's addresses may be reused.
	n.names[nameKey{string([]byte(raw)), pid, len(ms)}] = fr
	return fr
}
