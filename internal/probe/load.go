package probe

import (
	"cmp"
	"errors"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/btf"
)

// Loading the object is most of ior's time to ready (IOR_DEBUG_STARTUP
// shows each step, IOR_DEBUG_VERIFIER what the verifier checks; `ior --
// true` on the 2-core VM, 2026-12-08, ~65-75 ms in-process when quiet):
// parsing the ELF (~8 ms) and decoding the kernel's BTF (~11 ms of CPU,
// most of it cilium/ebpf sorting its name index) side by side, creating
// the maps (~7-15 ms, the 16 MiB ring buffer and the preallocated LRU
// maps most) and ~35 ms of loading programs on 2 CPUs, the verifier
// about half of it (instructions processed: ior_sys_exit ~11,400,
// ior_sys_enter ~5,200, the io_uring programs ~3,900-4,600 each, 36,000
// in all, from 67,800 before this round). What made the verifier check
// the same code again, and what each cut: a static function or an
// inlined tail is checked once per state its caller reaches it in, a
// global one once per program (send_event, slot_fill, uring_send,
// ior_name_of, name_send); a bpf_loop callback is checked until its
// state stops changing, so what it writes should not narrow (vma_file's
// zeroing, the argv walk's offset kept in a map); a switch over argument
// numbers forked every state six ways (arg_of); a pointer load from a
// trusted pointer searches the kernel's BTF by name, ~1 ms each
// (untrusted(), kernel.h). Garbage collection is off meanwhile (Load).
// One collection loads its programs one after the other; here the
// programs are loaded side by side, one per CPU, the longest first,
// into the same maps (each program's own collection gets them as
// replacements, so that every program shares one ring buffer, one .bss,
// one .rodata). Tried without a measurable gain (in-process medians
// within 2 ms over 15 alternated runs): making the two biggest maps on a
// CPU of their own, and parsing the ELF before ior's own checks — the
// load is bound by the 2 CPUs' work, not by waits; giving each
// program's collection only the maps it refers to (the loader copies
// every map spec, with its BTF, for each program: ~2% of ior's start-up
// CPU in a profile; the medians moved within the busy VM's noise).

// kernelTypes decodes the running kernel's BTF in the background, once:
// CO-RE relocations and the tp_btf programs' targets need it.
func kernelTypes() *btf.Cache {
	c := btf.NewCache()
	go func() {
		c.Kernel() // an error shows again, and is reported, at load
		Step("kernel BTF decoded (background)")
	}()
	return c
}

// slowFirst: the programs whose verification takes longest, started
// first so that they do not end up alone at the end.
var slowFirst = []string{"ior_sys_exit", "ior_sys_enter", "ior_uring_submit", "ior_uring_complete", "ior_fork"}

// progError is a program the kernel refused, by name.
type progError struct {
	name string
	err  error
}

// Error is the loader's, which names the program already.
func (e *progError) Error() string { return e.err.Error() }
func (e *progError) Unwrap() error { return e.err }

// loadMaps makes every map of spec (data sections included, filled from
// spec's variables and frozen where read-only).
func loadMaps(spec *ebpf.CollectionSpec, cache *btf.Cache) (*ebpf.Collection, error) {
	ms := &ebpf.CollectionSpec{Maps: spec.Maps, Variables: spec.Variables, Types: spec.Types, ByteOrder: spec.ByteOrder}
	return ebpf.NewCollectionWithOptions(ms, ebpf.CollectionOptions{Cache: cache})
}

// loadPrograms loads the programs named, into maps, one per CPU at a
// time. It returns those loaded and, for each that failed, its error.
func loadPrograms(spec *ebpf.CollectionSpec, names []string, maps map[string]*ebpf.Map, cache *btf.Cache) (map[string]*ebpf.Program, []*progError) {
	slices.SortStableFunc(names, func(a, b string) int {
		ia, ib := slices.Index(slowFirst, a), slices.Index(slowFirst, b)
		if ia < 0 {
			ia = len(slowFirst)
		}
		if ib < 0 {
			ib = len(slowFirst)
		}
		return cmp.Compare(ia, ib)
	})
	var (
		mu    sync.Mutex
		progs = map[string]*ebpf.Program{}
		errs  []*progError
		next  = make(chan string)
		wg    sync.WaitGroup
	)
	for range max(1, min(runtime.NumCPU(), len(names))) {
		wg.Go(func() {
			for name := range next {
				t0 := time.Now()
				prog, err := loadProgram(spec, name, maps, cache)
				noteProgram(name, t0, time.Now(), prog)
				mu.Lock()
				if err != nil {
					errs = append(errs, &progError{name, err})
				} else {
					progs[name] = prog
				}
				mu.Unlock()
			}
		})
	}
	for _, n := range names {
		next <- n
	}
	close(next)
	wg.Wait()
	return progs, errs
}

// loadProgram loads one program of spec into maps.
func loadProgram(spec *ebpf.CollectionSpec, name string, maps map[string]*ebpf.Map, cache *btf.Cache) (*ebpf.Program, error) {
	one := &ebpf.CollectionSpec{Maps: spec.Maps, Variables: spec.Variables, Types: spec.Types, ByteOrder: spec.ByteOrder,
		Programs: map[string]*ebpf.ProgramSpec{name: spec.Programs[name]}}
	coll, err := ebpf.NewCollectionWithOptions(one, ebpf.CollectionOptions{Cache: cache, MapReplacements: maps, Programs: programOptions()})
	if err != nil {
		return nil, err
	}
	defer coll.Close() // its clones of the maps
	return coll.DetachProgram(name), nil
}

// assign hands maps and programs to objs (by their ebpf tags); on error
// it closes them all.
func assign(objs *iorObjects, maps *ebpf.Collection, progs map[string]*ebpf.Program) error {
	all := &ebpf.Collection{Maps: maps.Maps, Programs: progs}
	err := errors.Join(all.Assign(&objs.iorMaps), all.Assign(&objs.iorPrograms))
	if err != nil {
		objs.Close()
	}
	all.Close() // what objs did not take: the data sections
	return err
}
