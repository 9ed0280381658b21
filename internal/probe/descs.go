package probe

import (
	"slices"

	"github.com/ior-tracer/ior/internal/syscalls"
)

// syscallTable is the kernel side's table of the chosen syscalls (descs
// in bpf/ior.h), by number: what each one's programs read, name, copy
// and capture; namingOnly's are traced for their effect on names only.
func syscallTable(chosen []*syscalls.Spec, namingOnly []string) *[MaxNR]iorIorScDesc {
	descs := new([MaxNR]iorIorScDesc)
	for _, sp := range chosen {
		d := &descs[sp.NR]
		d.Traced = uint8(iorIorTracedIOR_TRACED)
		if slices.Contains(namingOnly, sp.Name) {
			d.Traced = uint8(iorIorTracedIOR_TRACED_NAMING)
		}
		for j, a := range sp.Path {
			if a != syscalls.None {
				d.Path[j] = uint8(a + 1)
			}
		}
		if sp.Blob != syscalls.None {
			d.Blob, d.BlobLen = uint8(sp.Blob+1), sp.BlobLen
		}
		d.NewFds = sp.NewFDs
		d.Filter = sp.Filter
		d.Name = nameArgs(sp)
		d.Resolved = ResolvedArg(sp)
		d.Fdchange = fdChange(sp)
		d.Copy, d.LenShift = sp.Copy, sp.CopyShift
		if sp.CopyLen != syscalls.None {
			d.LenArg = uint8(sp.CopyLen + 1)
		}
		if sp.TS != syscalls.None {
			d.Ts = uint8(sp.TS + 1)
		}
		d.StrMax = sp.StrMax
		if sp.Exec {
			d.Exec = 1
		}
		d.BlobSize, d.BlobMin = sp.BlobSize, sp.BlobMin
		if sp.BlobArg != syscalls.None {
			d.BlobArg = uint8(sp.BlobArg + 1)
		}
		d.Slot = uint8(syscalls.StructOf(sp))
		d.Nargs = uint8(sp.NArgs())
		d.Capture = sp.Capture
		for j, a := range sp.CapArg {
			if a != syscalls.None {
				d.CapArg[j] = uint8(a + 1)
			}
		}
	}
	// The exits that make names and process records stale, whoever
	// makes them, traced or not (ior_sys_exit bumps the generations).
	for _, g := range genBumps {
		descs[g.nr].Gen |= g.gen
	}
	return descs
}
