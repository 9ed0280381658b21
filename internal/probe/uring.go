package probe

import (
	"os"
	"slices"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/ior-tracer/ior/internal/syscalls"
)

// uringHooks are the io_uring tracepoints and the programs on them.
var uringHooks = []struct{ tp, prog string }{
	{"io_uring_submit_req", "ior_uring_submit"},
	{"io_uring_req_failed", "ior_uring_failed"},
	{"io_uring_queue_async_work", "ior_uring_async"},
	{"io_uring_complete", "ior_uring_complete"},
	{"io_uring_cqe_overflow", "ior_uring_overflow"},
}

// chooseURing decides whether io_uring requests are traced: with
// io_uring_enter, the call that submits them, and when this kernel has
// every io_uring tracepoint ior needs (else each missing one is said).
// Programs not attached are loaded as empty stubs, so that the object
// loads the same way everywhere.
func (p *Probe) chooseURing(spec *ebpf.CollectionSpec, root string, chosen []*syscalls.Spec) {
	p.URing = slices.ContainsFunc(chosen, func(sp *syscalls.Spec) bool { return sp.Name == "io_uring_enter" })
	for _, h := range uringHooks {
		if _, err := os.Stat(root + "/events/io_uring/" + h.tp); err != nil {
			p.Skipped = append(p.Skipped, "io_uring:"+h.tp)
			p.URing = false
		}
	}
	if !p.URing {
		p.stubURing(spec)
	}
}

// stubURing replaces the io_uring programs with empty ones, not attached.
func (p *Probe) stubURing(spec *ebpf.CollectionSpec) {
	p.URing = false
	p.noAttach = map[string]bool{}
	for _, h := range uringHooks {
		p.noAttach[h.tp] = true
		spec.Programs[h.prog] = &ebpf.ProgramSpec{Name: h.prog, Type: ebpf.RawTracepoint, License: "GPL",
			Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, 0), asm.Return()}}
	}
}

// lastLine is an error's last line: a verifier's log ends with its reason.
func lastLine(err error) string {
	l := strings.Split(strings.TrimSpace(err.Error()), "\n")
	return l[len(l)-1]
}

// isURing: prog is one of the io_uring programs.
func isURing(prog string) bool {
	return slices.ContainsFunc(uringHooks, func(h struct{ tp, prog string }) bool { return h.prog == prog })
}
