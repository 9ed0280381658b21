package top

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ior-tracer/ior/internal/flame"
	"github.com/ior-tracer/ior/internal/live"
)

// flameFields: by file and syscall, by process, or (when the events
// carry user stacks) by stack: its frames outermost first, then the
// file, then the syscall, as ior collapsed -fields stack,path,syscall.
var flameFields = [][]string{{"path", "syscall"}, {"comm", "pid", "syscall"}, {"stack", "path", "syscall"}}

var flameNames = []string{"file > syscall", "process > pid > syscall", "stack > file > syscall"}

const flameByStack = 2

// nextFlameBy is the view w switches to: by stack only when the events
// have stacks.
func (m *Model) nextFlameBy() int {
	n := len(flameFields)
	if !m.snap.StacksOn {
		n = flameByStack
	}
	return (m.flameBy + 1) % n
}

// node is a frame of the flamegraph: its calls and its children, most
// calls first.
type node struct {
	name string
	n    uint64
	kids []*node
}

func (nd *node) child(name string) *node {
	for _, k := range nd.kids {
		if k.name == name {
			return k
		}
	}
	k := &node{name: name}
	nd.kids = append(nd.kids, k)
	return k
}

func (nd *node) sort() {
	slices.SortFunc(nd.kids, func(a, b *node) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.name, b.name)) })
	for _, k := range nd.kids {
		k.sort()
	}
}

// flameRoot folds the snapshot's groups (internal/flame's folding) and
// descends to the zoomed frame.
func (m *Model) flameRoot() *node {
	root := &node{name: "all"}
	o := flame.Options{Fields: flameFields[m.flameBy], Weight: "count"}
	var stacks []flame.Stack
	var err error
	if m.flameBy == flameByStack {
		stacks, err = flame.StacksOf(m.snap.Stacks, o)
	} else {
		stacks, err = flame.Stacks(m.snap.Groups, o)
	}
	if err != nil {
		return root
	}
	for _, st := range stacks {
		nd := root
		nd.n += st.Weight
		for _, f := range st.Frames {
			nd = nd.child(f)
			nd.n += st.Weight
		}
	}
	root.sort()
	for _, z := range m.zoom {
		var next *node
		for _, k := range root.kids {
			if k.name == z {
				next = k
			}
		}
		if next == nil {
			break
		}
		root = next
	}
	return root
}

// flame draws an icicle: the zoomed frame on top, each level below it
// split in proportion to calls.
func (m *Model) flame(w, h int) []string {
	root := m.flameRoot()
	sel := min(m.sel[m.tab], max(len(root.kids)-1, 0))
	m.sel[m.tab] = sel
	by := flameNames[m.flameBy]
	if m.flameBy == flameByStack && m.snap.StacksFolded > 0 {
		by += fmt.Sprintf(" (%d calls folded into %s: too many stacks)", m.snap.StacksFolded, live.Other)
	}
	out := []string{m.st.head.Render(fit(fmt.Sprintf("flame by %s (w switches), calls | %s | Left/Right pick, Enter zoom, Backspace out", by, strings.Join(append([]string{"all"}, m.zoom...), " > ")), w))}
	// Each frame spans the columns of its share of the calls, placed
	// from its parent's first column, so children sit under parents.
	type span struct {
		nd    *node
		start uint64 // calls before it, at its level, in root's units
	}
	level := []span{{root, 0}}
	for depth := 0; len(level) > 0 && len(out) < h; depth++ {
		row := []rune(strings.Repeat(" ", w))
		var next []span
		for _, sp := range level {
			x0 := int(sp.start * uint64(w) / max(root.n, 1))
			x1 := int((sp.start + sp.nd.n) * uint64(w) / max(root.n, 1))
			if x1-x0 >= 2 {
				label := []rune(fit(fmt.Sprintf("%s %s", sp.nd.name, human(sp.nd.n)), x1-x0-1) + "|")
				copy(row[x0:x1], label)
			}
			c := sp.start
			for _, k := range sp.nd.kids {
				next = append(next, span{k, c})
				c += k.n
			}
		}
		l := string(row)
		if depth == 1 && sel < len(root.kids) {
			// mark the selected frame with brackets in its first cell
			l = m.markSelected(row, root, sel, w)
		}
		out = append(out, l)
		level = next
	}
	if len(root.kids) > sel {
		k := root.kids[sel]
		out = append(out, "", fmt.Sprintf("selected: %s, %d calls (%.1f%% of %s)", k.name, k.n, 100*float64(k.n)/float64(max(root.n, 1)), root.name))
	}
	return out
}

func (m *Model) flameZoom() {
	root := m.flameRoot()
	if sel := m.sel[tabFlame]; sel < len(root.kids) {
		m.zoom = append(m.zoom, root.kids[sel].name)
		m.sel[tabFlame] = 0
	}
}

// markSelected highlights the selected child's columns.
func (m *Model) markSelected(row []rune, root *node, sel, w int) string {
	var c uint64
	for _, k := range root.kids[:sel] {
		c += k.n
	}
	x0 := int(c * uint64(w) / max(root.n, 1))
	x1 := int((c + root.kids[sel].n) * uint64(w) / max(root.n, 1))
	if x1 <= x0 {
		return string(row)
	}
	return string(row[:x0]) + m.st.sel.Render(string(row[x0:x1])) + string(row[x1:])
}
