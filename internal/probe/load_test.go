package probe

import (
	"errors"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/btf"
)

// The programs go to the kernel without their source lines (a cost at
// every load), except one the verifier rejects: it is loaded again with
// them, so that the log its error ends with names the source.
func TestProgramLinesOnlyWhenRejected(t *testing.T) {
	needBPF(t)
	if debugStartup {
		t.Skip("IOR_DEBUG_STARTUP keeps the lines")
	}
	spec, err := loadIor()
	if err != nil {
		t.Fatal(err)
	}
	cache := btf.NewCache()
	mc, err := loadMaps(spec, cache, makeBigMaps(spec))
	if err != nil {
		t.Fatal(err)
	}
	defer mc.Close()

	prog, err := loadProgram(spec, "ior_fork", mc.Maps, cache)
	if err != nil {
		t.Fatal(err)
	}
	defer prog.Close()
	info, err := prog.Info()
	if err != nil {
		t.Fatal(err)
	}
	// Its functions' BTF is there (global functions need it): the lines
	// are what is left out (none reads as ErrNotSupported).
	if fns, err := info.FuncInfos(); err != nil || len(fns) == 0 {
		t.Fatalf("ior_fork's function info: %d, %v", len(fns), err)
	}
	lines, err := info.LineInfos()
	if len(lines) != 0 || (err != nil && !errors.Is(err, ebpf.ErrNotSupported)) {
		t.Errorf("ior_fork loaded with %d source lines (err %v), want none", len(lines), err)
	}

	// The same program, its first instruction reading a register never
	// set: rejected. Its metadata (source line, function) is kept.
	broken := spec.Programs["ior_fork"].Copy()
	bad := asm.Mov.Reg(asm.R0, asm.R5)
	bad.Metadata = broken.Instructions[0].Metadata
	broken.Instructions[0] = bad
	if broken.Instructions[0].Source() == nil {
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

// Prepare loads without attaching (the tracer makes its recording while
// Attach runs): no link until Attach, then one per program attached. The
// ring buffer, made early beside the other maps (makeBigMaps), has the
// size asked for.
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
}
