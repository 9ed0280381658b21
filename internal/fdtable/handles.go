package fdtable

// handleTable remembers which path each file handle name_to_handle_at
// returned names, for open_by_handle_at. A traced program can make any
// number of them (60,000 files added 244 MB when nothing was ever
// dropped): it holds at most maxHandles handles naming at most
// maxHandleBytes of keys and paths, forgetting the oldest first. A
// handle it forgot opens as an unknown path, and Forgotten counts them.
type handleTable struct {
	m         map[string]string
	order     []string // keys, oldest first (from head)
	head      int
	bytes     int
	forgotten uint64
}

const (
	maxHandles     = 1 << 16
	maxHandleBytes = 16 << 20
)

func newHandleTable() *handleTable { return &handleTable{m: map[string]string{}} }

func (h *handleTable) get(k string) (string, bool) {
	p, ok := h.m[k]
	return p, ok
}

func (h *handleTable) put(k, path string) {
	if old, ok := h.m[k]; ok {
		h.bytes += len(path) - len(old)
		h.m[k] = path
		return
	}
	for len(h.m) > 0 && (len(h.m) >= maxHandles || h.bytes+len(k)+len(path) > maxHandleBytes) {
		old := h.order[h.head]
		h.order[h.head] = ""
		h.head++
		h.bytes -= len(old) + len(h.m[old])
		delete(h.m, old)
		h.forgotten++
	}
	if h.head > len(h.order)/2 { // reclaim the consumed front
		h.order = append(h.order[:0], h.order[h.head:]...)
		h.head = 0
	}
	h.m[k] = path
	h.order = append(h.order, k)
	h.bytes += len(k) + len(path)
}

// HandlesForgotten counts the file handles the tracker forgot because
// its table was full; an open_by_handle_at of one shows an unknown path.
func (t *Tracker) HandlesForgotten() uint64 { return t.handles.forgotten }
