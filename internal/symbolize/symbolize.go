package symbolize

import (
	"debug/dwarf"
	"debug/elf"
	"debug/gosym"
	"path/filepath"
	"sort"
	"sync"
)

// Frame is one function an address is in: the innermost first when
// inlined calls make one address several frames. File and Line are
// where the address (or, for a caller of inlined code, the inlined call)
// is; "" and 0 when the file has no line table.
type Frame struct {
	Func string
	File string
	Line int
}

// Symbolizer names addresses of mapped files, reading each file once.
// Safe for concurrent use.
type Symbolizer struct {
	mu    sync.Mutex
	root  string // "": files at their own paths
	files map[string]*symFile
	cache map[cacheKey][]Frame
}

// New returns an empty Symbolizer.
func New() *Symbolizer {
	return &Symbolizer{files: map[string]*symFile{}, cache: map[cacheKey][]Frame{}}
}

// NewRoot returns a Symbolizer that reads each file under root, as a
// sysroot: the traced machine's files copied there (what it lacks stays
// file+offset). Tests use it to symbolize a checked-in recording with
// checked-in programs only.
func NewRoot(root string) *Symbolizer {
	s := New()
	s.root = root
	return s
}

type sym struct {
	addr, size uint64
	name       string
}

// symFile is one ELF file's tables, read once.
type symFile struct {
	err     error
	image   *Image
	syms    []sym // sorted by addr
	gotab   *gosym.Table
	dw      *dwarf.Data
	dwLines map[dwarf.Offset]*dwarf.LineReader
}

// file returns path's tables, reading them the first time.
func (s *Symbolizer) file(path string) *symFile {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.files[path]; ok {
		return f
	}
	f := load(filepath.Join(s.root, path))
	s.files[path] = f
	return f
}

func load(path string) *symFile {
	ef, err := elf.Open(path)
	if err != nil {
		return &symFile{err: err}
	}
	defer ef.Close()
	f := &symFile{image: imageOf(ef), dwLines: map[dwarf.Offset]*dwarf.LineReader{}}
	for _, read := range []func() ([]elf.Symbol, error){ef.Symbols, ef.DynamicSymbols} {
		ss, _ := read()
		for _, x := range ss {
			if elf.ST_TYPE(x.Info) == elf.STT_FUNC && x.Value != 0 {
				f.syms = append(f.syms, sym{x.Value, x.Size, x.Name})
			}
		}
		if len(f.syms) > 0 {
			break // .symtab when there is one; else the exported .dynsym
		}
	}
	sort.Slice(f.syms, func(i, j int) bool { return f.syms[i].addr < f.syms[j].addr })
	// Go programs: the pclntab names every function, inlined or not,
	// with its file and line, even when stripped of DWARF.
	if pcln, text := ef.Section(".gopclntab"), ef.Section(".text"); pcln != nil && text != nil {
		if data, err := pcln.Data(); err == nil {
			if tab, err := gosym.NewTable(nil, gosym.NewLineTable(data, text.Addr)); err == nil {
				f.gotab = tab
			}
		}
	}
	if f.gotab == nil {
		f.dw, _ = ef.DWARF()
	}
	return f
}

// vaddr converts a file offset to the address the file's own tables use
// (through the loadable segment that holds it).
func (f *symFile) vaddr(off uint64) (uint64, bool) {
	for _, p := range f.image.Loads {
		if off >= p.Off && off < p.Off+p.Filesz {
			return off - p.Off + p.Vaddr, true
		}
	}
	return 0, false
}

// Frames names the code at file offset off of the file at path: the
// functions it is in, innermost first. nil when the file cannot be read
// or has no symbol there.
func (s *Symbolizer) Frames(path string, off uint64) []Frame {
	f := s.file(path)
	if f.err != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	pc, ok := f.vaddr(off)
	if !ok {
		return nil
	}
	if f.gotab != nil {
		file, line, fn := f.gotab.PCToLine(pc)
		if fn != nil {
			return []Frame{{Func: fn.Name, File: file, Line: line}}
		}
	}
	var frames []Frame
	if f.dw != nil {
		frames = f.dwarfFrames(pc)
	}
	if len(frames) == 0 {
		if name := f.symbol(pc); name != "" {
			frames = []Frame{{Func: name}}
		}
	}
	return frames
}

// BuildID returns the build ID of the file at path ("": none).
func (s *Symbolizer) BuildID(path string) string {
	if f := s.file(path); f.err == nil {
		return f.image.BuildID
	}
	return ""
}

func (f *symFile) symbol(pc uint64) string {
	i := sort.Search(len(f.syms), func(i int) bool { return f.syms[i].addr > pc }) - 1
	if i < 0 {
		return ""
	}
	if x := f.syms[i]; x.size == 0 || pc < x.addr+x.size {
		return x.name
	}
	return ""
}
