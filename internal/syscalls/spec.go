//go:build linux && amd64

package syscalls

import (
	"github.com/ior-tracer/ior/internal/event"
	"golang.org/x/sys/unix"
)

// byNR is a slice indexed by number, not a map: it is looked up once
// per event.
var byNR = func() []*Spec {
	n := 0
	for i := range Table {
		n = max(n, Table[i].NR+1)
	}
	a := make([]*Spec, n)
	for i := range Table {
		a[Table[i].NR] = &Table[i]
	}
	return a
}()

var byName = func() map[string]*Spec {
	m := make(map[string]*Spec, len(Table))
	for i := range Table {
		m[Table[i].Name] = &Table[i]
	}
	return m
}()

// ByNR returns the spec of syscall number nr, or nil.
func ByNR(nr int) *Spec {
	if nr < 0 || nr >= len(byNR) {
		return nil
	}
	return byNR[nr]
}

// ByName returns the spec of the named syscall, or nil.
func ByName(name string) *Spec { return byName[name] }

// Names lists every traced syscall, in table order.
func Names() []string {
	names := make([]string, len(Table))
	for i := range Table {
		names[i] = Table[i].Name
	}
	return names
}

// CloexecOf reports whether the fds a call made are close-on-exec.
func (sp *Spec) CloexecOf(flags uint64) bool {
	switch sp.Cloexec {
	case 0:
		return flags&unix.O_CLOEXEC != 0
	case NoCloexecFlag:
		return false
	case AlwaysCloexec:
		return true
	}
	return flags&sp.Cloexec != 0
}

// fdArg is an int argument as the kernel reads it: the low 32 bits.
func fdArg(v uint64) int32 { return int32(uint32(v)) }

// intArg is argument n as the kernel reads it: all 64 bits of a long,
// the low 32 of an int.
func (sp *Spec) intArg(args *[6]uint64, n int8) uint64 {
	if sp.Wide&(1<<n) != 0 {
		return args[n]
	}
	return uint64(uint32(args[n]))
}

// Decode fills ev's argument fields from the call's registers, its
// return value and its copied struct, as the table says.
func (sp *Spec) Decode(args *[6]uint64, ret int64, blob []byte, ev *event.Event) {
	ev.Syscall = sp.Name
	if sp.FD != None {
		ev.FD = fdArg(args[sp.FD])
	}
	if sp.FD2 != None {
		ev.FD2 = fdArg(args[sp.FD2])
	}
	if sp.Flags != None {
		ev.Flags = sp.intArg(args, sp.Flags)
	}
	if sp.Mode != None {
		ev.Mode = sp.intArg(args, sp.Mode)
	}
	if sp.Offset != None {
		ev.Offset = int64(args[sp.Offset])
	}
	if sp.Len != None {
		ev.Len = args[sp.Len]
	}
	if sp.Bytes && ret > 0 {
		ev.Bytes = ret
	}
	if sp.Hook != nil {
		sp.Hook(args, blob, ev)
	}
}

// Dirfd returns the dirfd path argument i is relative to (AT_FDCWD for
// the cwd), and false when the argument is not a path to resolve.
func (sp *Spec) Dirfd(args *[6]uint64, i int) (int32, bool) {
	switch d := sp.Dir[i]; d {
	case Raw:
		return 0, false
	case None:
		return unix.AT_FDCWD, true
	default:
		return fdArg(args[d]), true
	}
}

// ReturnsFD reports whether a successful call ev returned a new fd.
func (sp *Spec) ReturnsFD(ev *event.Event) bool {
	switch sp.Effect {
	case EffectOpen, EffectOpenByHandle, EffectDup, EffectDupTo, EffectIOUringSetup:
		return true
	case EffectNewFiles:
		return sp.NewFDs == NewFDRet
	case EffectFcntl:
		return FcntlDups(ev.Flags)
	}
	return false
}

// FcntlDups reports whether fcntl command cmd duplicates the fd.
func FcntlDups(cmd uint64) bool { return cmd == unix.F_DUPFD || cmd == unix.F_DUPFD_CLOEXEC }
