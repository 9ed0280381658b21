package symbolize

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// inlined.c: inner is inlined into outer; the asm label marks an
// instruction of the inlined code, found through the symbol table alone.
const inlinedC = `static inline __attribute__((always_inline)) int inner(int x)
{
	__asm__ volatile("inl_mark: nop");
	return x * 3;
}

int outer(int x)
{
	return inner(x) + 1;
}
`

// An address in code inlined by a C compiler is two frames, innermost
// first: the inlined function at its own line, then the function it was
// inlined into at the line of the call (DWARF's inlined subroutines).
func TestDWARFInlinedFrames(t *testing.T) {
	cc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("no gcc")
	}
	dir := t.TempDir()
	src, so := filepath.Join(dir, "inlined.c"), filepath.Join(dir, "inlined.so")
	if err := os.WriteFile(src, []byte(inlinedC), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(cc, "-O2", "-g", "-shared", "-fPIC", "-o", so, src).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	off := symbolOffset(t, so, "inl_mark")
	got := New().Frames(so, off)
	want := []Frame{{Func: "inner", File: src, Line: 3}, {Func: "outer", File: src, Line: 9}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("frames %+v, want %+v", got, want)
	}
	im, err := ReadImage(so)
	if err != nil || len(im.BuildID) != 40 {
		t.Errorf("build ID %q (%v), want gcc's 20 bytes in hex", im.BuildID, err)
	}
}

// symbolOffset is the file offset of a symbol, from .symtab and the
// program headers.
func symbolOffset(t *testing.T, path, name string) uint64 {
	t.Helper()
	f, err := elf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, _ := f.Symbols()
	for _, s := range syms {
		if s.Name != name {
			continue
		}
		for _, p := range f.Progs {
			if p.Type == elf.PT_LOAD && s.Value >= p.Vaddr && s.Value < p.Vaddr+p.Filesz {
				return s.Value - p.Vaddr + p.Off
			}
		}
	}
	t.Fatalf("no symbol %s in %s", name, path)
	return 0
}
