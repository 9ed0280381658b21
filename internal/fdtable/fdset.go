package fdtable

// fdSet is an fd table; processes made with CLONE_FILES share one. A
// fork without CLONE_FILES copies its parent's table, which the kernel
// does in full; ior does it in O(1), copy-on-write, so that a process
// with many fds that starts many children (19,000 fds and 200 children
// made 603 MB when each child had a copy) costs what the tables change,
// not fds × children:
//
// a table is its own changes (top, where an entry marked gone is an fd
// deleted over a layer below) over a chain of frozen layers that it may share with
// the tables forked from it. A fork freezes the parent's changes into a
// new layer, which parent and child then both sit on, each with an empty
// top. Look-ups walk down the chain; a chain longer than maxLayers has
// its small top layers merged (see compact), which costs what they hold.
type fdSet struct {
	top   map[int32]file
	below *layer
}

// layer is a frozen table of changes over the layers below it.
type layer struct {
	m     map[int32]file
	below *layer
	depth int // layers below, plus one
}

// maxLayers bounds the look-up chain.
const maxLayers = 8

func newFDSet() *fdSet { return &fdSet{top: map[int32]file{}} }

// get is what fd holds, if anything.
func (s *fdSet) get(fd int32) (file, bool) {
	f, ok := s.top[fd]
	for l := s.below; !ok && l != nil; l = l.below {
		f, ok = l.m[fd]
	}
	if !ok || f.gone {
		return file{}, false
	}
	return f, true
}

// set makes fd hold f.
func (s *fdSet) set(fd int32, f file) { s.top[fd] = f }

// del removes fd.
func (s *fdSet) del(fd int32) {
	if s.below == nil {
		delete(s.top, fd)
		return
	}
	if _, ok := s.get(fd); ok {
		s.top[fd] = file{gone: true}
	}
}

// each calls f for every fd the table holds (in no order). f may change
// the table.
func (s *fdSet) each(f func(fd int32, fl file)) {
	for fd, fl := range s.flat() {
		f(fd, fl)
	}
}

// flat is the table as one map (a new one when it has layers).
func (s *fdSet) flat() map[int32]file {
	if s.below == nil {
		return s.top
	}
	var chain []map[int32]file
	for l := s.below; l != nil; l = l.below {
		chain = append(chain, l.m)
	}
	m := map[int32]file{}
	for i := len(chain) - 1; i >= 0; i-- {
		for fd, f := range chain[i] {
			m[fd] = f
		}
	}
	for fd, f := range s.top {
		m[fd] = f
	}
	for fd, f := range m {
		if f.gone {
			delete(m, fd)
		}
	}
	return m
}

// fork returns the table a child made without CLONE_FILES starts with:
// the same contents, sharing s's frozen layers.
func (s *fdSet) fork() *fdSet {
	if len(s.top) > 0 {
		depth := 1
		if s.below != nil {
			depth = s.below.depth + 1
		}
		l := &layer{m: s.top, below: s.below, depth: depth}
		if depth > maxLayers {
			l = compact(l)
		}
		s.top, s.below = map[int32]file{}, l
	}
	return &fdSet{top: map[int32]file{}, below: s.below}
}

// compact merges the layers at the top of the chain l into one, as long
// as what it has merged is at least half the size of the next layer:
// small layers of changes go into one, a large table below them is
// shared as it is (merging into it would copy it). The chain then stays
// short, and each compaction costs the changes it merges.
func compact(l *layer) *layer {
	var ls []*layer // top first
	for x := l; x != nil; x = x.below {
		ls = append(ls, x)
	}
	acc, k := len(ls[0].m), 1
	for k < len(ls) && 2*acc >= len(ls[k].m) {
		acc += len(ls[k].m)
		k++
	}
	if k == 1 {
		return l
	}
	m := make(map[int32]file, acc)
	for i := k - 1; i >= 0; i-- {
		for fd, f := range ls[i].m {
			m[fd] = f
		}
	}
	c := &layer{m: m, depth: 1}
	if k < len(ls) {
		c.below, c.depth = ls[k], ls[k].depth+1
	} else {
		for fd, f := range m { // nothing below to delete from
			if f.gone {
				delete(m, fd)
			}
		}
	}
	return c
}

// clone is a new, unshared table of the entries keep accepts (exec).
func (s *fdSet) clone(keep func(file) bool) *fdSet {
	c := newFDSet()
	for fd, f := range s.flat() {
		if keep(f) {
			c.top[fd] = f
		}
	}
	return c
}
