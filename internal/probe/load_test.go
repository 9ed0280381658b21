package probe

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/btf"
)

// The programs go to the kernel without their source lines (a cost at
// every load), and the object is parsed without them (a cost on the way
// to ready), except for one the verifier rejects: it is loaded again
// with them, so that the log its error ends with names the source.
func TestProgramLinesOnlyWhenRejected(t *testing.T) {
	needBPF(t)
	if debugLines {
		t.Skip("IOR_DEBUG_VERIFIER keeps the lines")
	}
	spec, err := parseObject(false)
	if err != nil {
		t.Fatal(err)
	}
	full, err := parseObject(true)
	if err != nil {
		t.Fatal(err)
	}
	for name, ps := range spec.Programs {
		fp := full.Programs[name]
		if fp == nil || len(fp.Instructions) != len(ps.Instructions) {
			t.Fatalf("%s: %d instructions parsed without lines, %d with", name, len(ps.Instructions), len(fp.Instructions))
		}
		lines := 0
		for i, ins := range ps.Instructions {
			if fn := btf.FuncMetadata(&ins); ins.Source() != nil && (fn == nil || ins.Source().String() != fn.Name) {
				t.Fatalf("%s parsed with source lines (instruction %d: %v)", name, i, ins.Source())
			}
			if fp.Instructions[i].OpCode != ins.OpCode || fp.Instructions[i].Constant != ins.Constant {
				t.Fatalf("%s: instruction %d is %v parsed without lines, %v with", name, i, ins, fp.Instructions[i])
			}
			if fp.Instructions[i].Source() != nil {
				lines++
			}
		}
		if lines == 0 {
			t.Errorf("%s: no source line parsed with them", name)
		}
		if fns := ps.Instructions[0].Symbol(); fns != name {
			t.Errorf("%s: first instruction's symbol %q", name, fns)
		}
	}
	cache := btf.NewCache()
	mc, err := loadMaps(spec, cache, makeBigMaps(spec))
	if err != nil {
		t.Fatal(err)
	}
	defer mc.Close()

	prog, err := loadProgram(spec, "ior_sys_exit", mc.Maps, cache)
	if err != nil {
		t.Fatal(err)
	}
	defer prog.Close()
	info, err := prog.Info()
	if err != nil {
		t.Fatal(err)
	}
	// Its functions' BTF is there (global functions need it): the lines
	// are what is left out, but for each function's name at its start.
	fns, err := info.FuncInfos()
	if err != nil || len(fns) == 0 {
		t.Fatalf("ior_fork's function info: %d, %v", len(fns), err)
	}
	lines, err := info.LineInfos()
	if len(lines) != len(fns) || err != nil {
		t.Errorf("ior_fork loaded with %d lines (err %v), want one per function (%d)", len(lines), err, len(fns))
	}
	for _, l := range lines {
		if l.Line.FileName() != "" {
			t.Errorf("ior_fork loaded with a source line: %s:%d", l.Line.FileName(), l.Line.LineNumber())
		}
	}

	// The same program, its first instruction reading a register never
	// set: rejected. Its metadata (function) is kept; its source line
	// comes from the object parsed with them.
	broken := spec.Programs["ior_fork"].Copy()
	bad := asm.Mov.Reg(asm.R0, asm.R5)
	bad.Metadata = broken.Instructions[0].Metadata
	broken.Instructions[0] = bad
	if full.Programs["ior_fork"].Instructions[0].Source() == nil {
		t.Fatal("ior_fork's first instruction has no source line to show")
	}
	bs := *spec
	bs.Programs = map[string]*ebpf.ProgramSpec{"ior_fork": broken}
	_, err = loadProgram(&bs, "ior_fork", mc.Maps, cache)
	var ve *ebpf.VerifierError
	if !errors.As(err, &ve) {
		t.Fatalf("broken ior_fork: %v, want a verifier error", err)
	}
	if !strings.Contains(strings.Join(ve.Log, "\n"), " @ ") {
		t.Errorf("the rejection's log names no source line (\"; ... @ file:line\"):\n%s", strings.Join(ve.Log, "\n"))
	}
}

// Every program loads at its first try without its source lines, only
// each function's name at its start (funcLines) and cilium/ebpf's note
// on an instruction whose CO-RE relocation failed on this kernel: such a
// program was refused without them and loaded a third time with all its
// lines (each naming its file).
func TestProgramsLoadWithoutLines(t *testing.T) {
	needBPF(t)
	if debugLines {
		t.Skip("IOR_DEBUG_VERIFIER keeps the lines")
	}
	spec, cache, mc := objectMaps(t)
	progs, errs := loadPrograms(spec, slices.Collect(maps.Keys(spec.Programs)), mc.Maps, cache)
	for _, e := range errs {
		t.Errorf("%s: %v", e.name, e.err)
	}
	for name, prog := range progs {
		defer prog.Close()
		info, err := prog.Info()
		if err != nil {
			t.Fatal(err)
		}
		lines, err := info.LineInfos()
		if err != nil && !errors.Is(err, ebpf.ErrNotSupported) {
			t.Fatalf("%s's line info: %v", name, err)
		}
		for _, l := range lines {
			if l.Line.FileName() != "" {
				t.Errorf("%s loaded with its source lines (%d, %s:%d)", name, len(lines), l.Line.FileName(), l.Line.LineNumber())
				break
			}
		}
	}
}

// Prepare loads without attaching (the tracer makes its recording while
// Attach runs): no link until Attach, then one per program attached. The
// ring buffer, made early beside the other maps (makeBigMaps), has the
// size asked for; its reader, made while the programs attach, is there
// once Attach returns, mapping all of it. A probe closed without Attach
// waits for the reader and closes it.
func TestPrepareThenAttach(t *testing.T) {
	needBPF(t)
	if _, err := TracefsRoot(); err != nil {
		t.Skip(err)
	}
	p, err := Prepare(Config{TGID: RejectAll, Syscalls: []string{"read"}, RingBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if n := p.objs.Events.MaxEntries(); n != 1<<20 {
		t.Errorf("ring buffer of %d bytes, want %d", n, 1<<20)
	}
	if len(p.links) != 0 {
		t.Fatalf("Prepare attached %d links", len(p.links))
	}
	if err := p.Attach(); err != nil {
		t.Fatal(err)
	}
	want := 1 // cgroup_attach_task
	for _, a := range p.programs() {
		if !p.noAttach[a.name] {
			want++
		}
	}
	if len(p.links) != want {
		t.Errorf("Attach: %d links, want %d", len(p.links), want)
	}
	if p.Ring == nil || len(p.Ring.data) != 2<<20 {
		t.Fatalf("Attach: no ring buffer reader over the 1 MiB ring, twice mapped (%v)", p.Ring)
	}
	if prod, cons := *p.Ring.prodPos, *p.Ring.consPos; prod < cons {
		t.Errorf("the ring's positions: producer %d behind consumer %d", prod, cons)
	}

	q, err := Prepare(Config{TGID: RejectAll, Syscalls: []string{"read"}, RingBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	q.Close()
	if q.Ring == nil || q.Ring.prodData != nil {
		t.Errorf("a probe closed without Attach: ring reader %v, want it made and closed", q.Ring)
	}
}

// warm inflates, ahead of the loads, the kernel's types the programs'
// CO-RE relocations and targets name: a load after it finds them made
// (it allocates a fraction of what a load that decodes them does).
func TestWarmKernelTypes(t *testing.T) {
	needBPF(t)
	spec, _, mc := objectMaps(t)
	load := func(warmed bool) uint64 {
		cache := btf.NewCache()
		kernel, err := cache.Kernel()
		if err != nil {
			t.Fatal(err)
		}
		if warmed {
			warm(kernel, slices.Collect(maps.Values(spec.Programs)))
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		prog, err := loadProgram(spec, "ior_sys_exit", mc.Maps, cache)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		prog.Close()
		return after.TotalAlloc - before.TotalAlloc
	}
	cold, warmed := load(false), load(true)
	t.Logf("ior_sys_exit's load allocated %d bytes cold, %d after warm", cold, warmed)
	if warmed > cold/3 {
		t.Errorf("ior_sys_exit's load after warm allocated %d bytes, %d without: the kernel's types were not made ahead", warmed, cold)
	}
}

// The object read without its line info is the object with the 4
// bytes of .BTF.ext's line info length read as 4, whatever the ranges
// read: byte for byte a patched copy's.
func TestWithoutLineInfoReads(t *testing.T) {
	rd, err := withoutLineInfo(_IorBytes)
	if err != nil {
		t.Fatal(err)
	}
	p := rd.(*patched)
	want := bytes.Clone(_IorBytes)
	copy(want[p.off:], []byte{4, 0, 0, 0})
	if bytes.Equal(want, _IorBytes) {
		t.Fatal("the line info's length was 4 already")
	}
	for _, r := range [][2]int64{{0, int64(len(want))}, {p.off - 3, 5}, {p.off + 2, 10}, {p.off, 4}, {p.off + 3, 1}, {p.off - 8, 8}, {int64(len(want)) - 10, 20}} {
		got := make([]byte, r[1])
		n, err := rd.ReadAt(got, r[0])
		end := min(r[0]+r[1], int64(len(want)))
		if int64(n) != end-r[0] || !bytes.Equal(got[:n], want[r[0]:end]) || (end < r[0]+r[1]) != (err == io.EOF) {
			t.Errorf("ReadAt(%d bytes at %d): %d bytes, %v; differ from the patched copy's", r[1], r[0], n, err)
		}
	}
}

// The syscall table set by pointer (its memory copied as it is) holds
// the bytes it held set by value (encoded field by field), every field
// of every entry set.
func TestDescsSetByPointer(t *testing.T) {
	spec, err := parseObject(false)
	if err != nil {
		t.Fatal(err)
	}
	var descs [MaxNR]iorIorScDesc
	raw := unsafe.Slice((*byte)(unsafe.Pointer(&descs)), unsafe.Sizeof(descs))
	for i := range raw {
		raw[i] = byte(i*7 + i/13 + 1)
	}
	v := spec.Variables["descs"]
	if err := v.Set(descs); err != nil {
		t.Fatal(err)
	}
	byValue := bytes.Clone(v.Value)
	clear(v.Value)
	if err := v.Set(&descs); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(v.Value, byValue) {
		t.Error("the syscall table set by pointer differs from the table set by value")
	}
}

// objectMaps parses the object without its lines and makes its maps
// (closed at the test's end), for loading its programs.
func objectMaps(t *testing.T) (*ebpf.CollectionSpec, *btf.Cache, *ebpf.Collection) {
	t.Helper()
	spec, err := parseObject(false)
	if err != nil {
		t.Fatal(err)
	}
	cache := btf.NewCache()
	mc, err := loadMaps(spec, cache, makeBigMaps(spec))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mc.Close() })
	return spec, cache, mc
}
