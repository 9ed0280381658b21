package probe

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/btf"
)

// Loading the object is most of ior's time to ready (IOR_DEBUG_STARTUP
// shows each step, IOR_DEBUG_VERIFIER what the verifier checks; `ior
// -pid` on the 2-core VM, 2026-12-08, session 8, chrt -f 20: ~36 ms
// in-process to "loaded", ~42 to "released"): parsing the ELF without
// its source lines (~4 ms, parseObject) and decoding the kernel's BTF
// (~11 ms of CPU, most of it cilium/ebpf hashing and sorting its name
// index) side by side, then inflating the kernel types the programs
// name (~7 ms, warm) while the maps are made (~10 ms of CPU, the 16 MiB
// ring buffer and the preallocated LRU maps most, each page charged to
// the memory cgroup: the biggest two made on a goroutine of their own,
// bigNames), and ~20 ms of loading programs on 2 CPUs, the verifier
// about two thirds of it (instructions processed: ior_sys_exit ~6,500,
// ior_sys_enter ~5,100, the io_uring programs ~3,400-4,200 each, 29,600
// in all, from 37,800 before session 8's second round and 67,800 before
// session 6). What made the verifier check the same code again, and
// what each cut: a static function or an inlined tail is checked once
// per state its caller reaches it in, a global one once per program
// (send_event, slot_fill, uring_send, ior_name_of, name_send,
// name_exit_late, path_retry, file_id); a length bounded by a compare
// leaves two or three states (0, the bound, the range) that the rest
// of the function is checked with, each combination of lengths its own
// (LEN_WITHIN in record.h lays the compare out so that the constants
// are pruned: send_event 2,141 -> 582); a bpf_loop callback is checked
// until its state stops changing, so what it writes should not narrow (vma_file's
// zeroing, the argv walk's offset kept in a map); a switch over argument
// numbers forked every state six ways (arg_of); a pointer load from a
// trusted pointer searches the kernel's BTF by name, ~1 ms each
// (untrusted(), kernel.h). Garbage collection is off meanwhile (Load).
// One collection loads its programs one after the other; here the
// programs are loaded side by side, one per CPU, the longest first,
// into the same maps (each program's own collection gets the maps it
// uses as replacements, so that every program shares one ring buffer,
// one .bss, one .rodata), without their source lines (loadProgram).
// The kernel's BTF is decoded once, for every load (a btf.Cache, whose
// lock the loads wait on until it is done), and the types the programs
// name inflated right after, while the maps are made (warm). Tried
// without a measurable gain: parsing the ELF before ior's own checks
// (session 6); starting the kernel's BTF from a package's init, before
// main, the arguments read there (session 8: -0.4 to -1.4 ms, 3 runs of
// 25-30 rounds; not kept). What is left is the 2 CPUs' work, not waits.

// kernelBTF is the running kernel's BTF, decoded in the background,
// once (kernelTypes): CO-RE relocations and the tp_btf programs'
// targets need it.
type kernelBTF struct {
	*btf.Cache
	// progs: the programs whose kernel types are inflated next (warm);
	// closed by the caller when it has sent them or will not.
	progs chan []*ebpf.ProgramSpec
}

// kernelTypes decodes the running kernel's BTF in the background, then
// inflates the types the programs sent on progs name (warm).
func kernelTypes() *kernelBTF {
	k := &kernelBTF{Cache: btf.NewCache(), progs: make(chan []*ebpf.ProgramSpec, 1)}
	go func() {
		spec, err := k.Kernel() // an error shows again, and is reported, at load
		Step("kernel BTF decoded (background)")
		progs, ok := <-k.progs
		if err != nil || !ok {
			return
		}
		warm(spec, progs)
		Step("kernel types inflated (background)")
	}()
	return k
}

// warm inflates the kernel's types that progs' CO-RE relocations and
// tp_btf targets name, as their loads would. cilium/ebpf decodes the
// kernel's BTF lazily: the first load that needs a type decodes it and
// every type it refers to (task_struct's closure is much of the
// kernel's), ~7 ms of CPU, under one lock. The first two loads (one per
// CPU) both need them: one waited for the other, its CPU idle. Done
// here, it is done while the maps are made.
func warm(kernel *btf.Spec, progs []*ebpf.ProgramSpec) {
	seen := map[*btf.CORERelocation]bool{}
	var relos []*btf.CORERelocation
	for _, ps := range progs {
		for i := range ps.Instructions {
			if r := btf.CORERelocationMetadata(&ps.Instructions[i]); r != nil && !seen[r] {
				seen[r] = true
				relos = append(relos, r)
			}
		}
		if ps.Type == ebpf.Tracing && ps.AttachType == ebpf.AttachTraceRawTp {
			_, _ = kernel.AnyTypesByName("btf_trace_" + ps.AttachTo)
		}
	}
	// The fixups are the loads' to make; an error here shows again
	// there, and is reported.
	_, _ = btf.CORERelocate(relos, []*btf.Spec{kernel}, binary.LittleEndian, func(btf.Type) (btf.TypeID, error) { return 0, nil })
}

// slowFirst: the programs whose verification takes longest, started
// first so that they do not end up alone at the end.
// (Longest first, each load's wall time on the 2-CPU VM with the other
// CPU loading too, 2026-12-08: sys_exit ~23 ms, sys_enter ~17,
// uring_submit ~9, exec ~6, uring_complete ~5, uring_overflow ~4.5,
// task_exit ~4, uring_failed ~3, the rest ~1: what is left at the end
// is short on both CPUs.)
var slowFirst = []string{"ior_sys_exit", "ior_sys_enter", "ior_uring_submit", "ior_exec", "ior_uring_complete",
	"ior_uring_overflow", "ior_task_exit", "ior_uring_failed", "ior_fork"}

// progError is a program the kernel refused, by name.
type progError struct {
	name string
	err  error
}

// Error is the loader's, which names the program already.
func (e *progError) Error() string { return e.err.Error() }
func (e *progError) Unwrap() error { return e.err }

// bigNames are the maps whose creation costs most (the kernel allocates,
// zeroes and charges their memory at once: the 16 MiB ring buffer ~3-5
// ms, the names LRU's 65,536 preallocated entries ~3 ms): they are made
// on a goroutine of their own as soon as the ELF is parsed, side by side
// with choosing the syscalls and making the other maps, instead of
// after them.
var bigNames = []string{"events", "names"}

// bigMaps are those maps being made (makeBigMaps).
type bigMaps struct {
	done  chan struct{}
	maps  map[string]*ebpf.Map
	err   error
	taken bool // the maps belong to a collection now (loadMaps)
}

// makeBigMaps starts making spec's big maps (bigNames); spec's map specs
// must not change after.
func makeBigMaps(spec *ebpf.CollectionSpec) *bigMaps {
	b := &bigMaps{done: make(chan struct{}), maps: map[string]*ebpf.Map{}}
	go func() {
		defer close(b.done)
		for _, n := range bigNames {
			m, err := ebpf.NewMap(spec.Maps[n])
			if err != nil {
				b.err = fmt.Errorf("map %s: %w", n, err)
				return
			}
			b.maps[n] = m
		}
	}()
	return b
}

// close closes the big maps unless a collection took them; it waits for
// them first.
func (b *bigMaps) close() {
	<-b.done
	if !b.taken {
		for _, m := range b.maps {
			m.Close()
		}
	}
}

// loadMaps makes every map of spec (data sections included, filled from
// spec's variables and frozen where read-only) but the big ones, which
// it then takes from big.
func loadMaps(spec *ebpf.CollectionSpec, cache *btf.Cache, big *bigMaps) (*ebpf.Collection, error) {
	rest := &ebpf.CollectionSpec{Maps: map[string]*ebpf.MapSpec{}, Variables: spec.Variables, Types: spec.Types, ByteOrder: spec.ByteOrder}
	for n, m := range spec.Maps {
		if !slices.Contains(bigNames, n) {
			rest.Maps[n] = m
		}
	}
	mc, err := ebpf.NewCollectionWithOptions(rest, ebpf.CollectionOptions{Cache: cache})
	if err != nil {
		return nil, err
	}
	<-big.done
	if big.err != nil {
		mc.Close()
		return nil, big.err
	}
	maps.Copy(mc.Maps, big.maps)
	big.taken = true
	return mc, nil
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

// loadProgram loads one program of spec into maps. Its instructions go
// to the kernel without their source lines (the object is parsed
// without them, parseObject, unless debugLines): cilium/ebpf marshals
// them into each program's BTF, the kernel checks them and moves them
// along at each of the verifier's patches, ~8% of sys_exit's load (20
// loads: 331 -> 304 ms of CPU). A program the verifier rejects is
// loaded again with them, so that the log its error ends with names the
// source.
func loadProgram(spec *ebpf.CollectionSpec, name string, maps map[string]*ebpf.Map, cache *btf.Cache) (*ebpf.Program, error) {
	prog, err := loadProgramSpec(spec, name, spec.Programs[name], maps, cache)
	if ve := (*ebpf.VerifierError)(nil); err != nil && !debugLines && errors.As(err, &ve) {
		return loadProgramSpec(spec, name, withLines(spec.Programs[name], name), maps, cache)
	}
	return prog, err
}

// loadProgramSpec loads ps, the program name of spec, into maps.
func loadProgramSpec(spec *ebpf.CollectionSpec, name string, ps *ebpf.ProgramSpec, maps map[string]*ebpf.Map, cache *btf.Cache) (*ebpf.Program, error) {
	// Its collection holds only the maps it refers to, as specs without
	// their BTF or contents, and no variables: for each program, the
	// loader copies every map's spec (the BTF of its key and value deeply)
	// and clones its handle, and maps each data section's memory for its
	// variables (~3% of ior's start-up CPU over the 11 programs). The
	// maps are made already: the loader only checks that each replacement
	// has its spec's type, sizes and flags.
	one := &ebpf.CollectionSpec{Maps: map[string]*ebpf.MapSpec{}, Types: spec.Types, ByteOrder: spec.ByteOrder,
		Programs: map[string]*ebpf.ProgramSpec{name: ps}}
	used := map[string]*ebpf.Map{}
	for _, ins := range ps.Instructions {
		if r := ins.Reference(); r != "" && ins.IsLoadFromMap() && maps[r] != nil && one.Maps[r] == nil {
			bare := *spec.Maps[r]
			bare.Key, bare.Value, bare.Contents = nil, nil, nil
			one.Maps[r], used[r] = &bare, maps[r]
		}
	}
	coll, err := ebpf.NewCollectionWithOptions(one, ebpf.CollectionOptions{Cache: cache, MapReplacements: used, Programs: programOptions()})
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
