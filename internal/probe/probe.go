// (Past 350 lines: one lifecycle — choose the programs, fill the syscall
// table the kernel side reads, load with verifier errors explained,
// attach, detach.)

package probe

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"github.com/cilium/ebpf/rlimit"
	"github.com/ior-tracer/ior/internal/syscalls"
	"golang.org/x/sys/unix"
)

// Config selects what the kernel side records.
type Config struct {
	TGID uint32 // 0: any process
	TID  uint32 // 0: any thread
	Comm string // "": any comm; else a prefix of at most 15 bytes
	// RingBytes is the ring buffer size (a power of two pages); 0: 16 MiB.
	RingBytes uint32
	// Syscalls to trace; nil: every syscall in syscalls.Table.
	Syscalls []string
	// NamingOnly: those of Syscalls traced only so that the others are
	// named (not shown): a record of theirs the ring buffer had no room
	// for is counted apart (Stats.LostNaming), not as an event lost.
	NamingOnly []string
	// WakeupBytes: the reader is woken once about this much data waits
	// (each CPU wakes it after its share); it must then poll
	// (PollInterval) for less. 0: RingBytes/8.
	WakeupBytes uint64
	// ExecTGID: a process ior started, traced from its exec on.
	ExecTGID uint32
	// Follow traces the descendants of what is traced (fork, clone,
	// threads) from their first instruction; tasks that exist already
	// are added with Mark.
	Follow bool
	// Stacks captures each event's user stack (Raw.Stack) and, at exec,
	// what symbolizing it needs (the program's path, AT_ENTRY, AT_BASE).
	Stacks bool
	// CountOther counts the traced tasks' calls to syscalls that are
	// not recorded, by number (OtherCalls); it runs the filter for
	// every syscall that is not recorded, so it is off unless asked.
	CountOther bool
	// StartLo and StartHi pin the target (TGID, TID or ExecTGID) by its
	// start: a task with its number whose start time since boot (ns) is
	// outside [StartLo, StartHi) got the number after the target exited,
	// and is not traced. StartHi 0: not checked.
	StartLo, StartHi uint64
	// Exclude: processes never traced, besides ior (at most MaxExclude;
	// the readers of ior's output, with -all and -comm).
	Exclude []uint32
	// CgroupID, CgroupLevel: only tasks in this cgroup v2 or below it
	// (its id and depth, cgroups.go); 0: any.
	CgroupID    uint64
	CgroupLevel uint32
}

// MaxExclude is how many processes Config.Exclude may hold
// (IOR_MAX_EXCLUDE).
const MaxExclude = 8

// PollInterval is how often the reader must look at the ring buffer
// for data below the wakeup threshold.
const PollInterval = 50 * time.Millisecond

// tgidWords is the size of the kernel side's tgid bitmaps (TGID_WORDS).
const tgidWords = 1024

// RejectAll is a TGID no process can have (above PID_MAX_LIMIT): every
// probe fires and filters the event out. Benchmarks use it to measure
// the cost of the tracepoints alone.
const RejectAll = 1 << 30

// Probe is ior's loaded and attached BPF side.
type Probe struct {
	objs     iorObjects
	links    []link.Link
	Ring     *Ring    // the ring buffer, read in place (ring.go); set by Attach
	Attached []string // syscall names whose tracepoints are attached
	Skipped  []string // tracepoints this kernel lacks
	URing    bool     // io_uring requests are traced
	noAttach map[string]bool
	once     sync.Once
	ringDone chan struct{} // closed once Ring is made or ringErr set (openRing)
	ringErr  error
}

// TracefsRoot returns where tracefs is mounted, or an error that tells
// how to mount it.
func TracefsRoot() (string, error) {
	for _, d := range []string{"/sys/kernel/tracing", "/sys/kernel/debug/tracing"} {
		_, err := os.Stat(d + "/events/syscalls")
		switch {
		case err == nil:
			return d, nil
		case errors.Is(err, os.ErrPermission):
			return "", fmt.Errorf("tracefs at %s is not readable by this user (ior reads which syscall tracepoints exist there): run as root or grant read access", d)
		}
	}
	return "", errors.New("tracefs is not mounted (or has no syscall tracepoints): mount it with 'mount -t tracefs nodev /sys/kernel/tracing'")
}

// Load loads the BPF objects with cfg baked in and attaches them.
func Load(cfg Config) (*Probe, error) {
	p, err := Prepare(cfg)
	if err != nil {
		return nil, err
	}
	if err := p.Attach(); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// Prepare is Load without the attach (Attach): the caller may do its own
// preparation meanwhile.
func Prepare(cfg Config) (*Probe, error) {
	Step("load begins")
	// No garbage collection while loading: parsing the object and the
	// kernel's BTF allocate much that lives briefly, and collecting it
	// on the way (mark assists, the background worker on one of 2 CPUs)
	// made the load ~15 ms longer; the heap ends ~2 MB bigger.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	types := kernelTypes() // decoded while the rest is prepared
	defer close(types.progs)
	root, err := TracefsRoot()
	if err != nil {
		return nil, err
	}
	if err := rlimit.RemoveMemlock(); err != nil {
		return nil, fmt.Errorf("removing memlock limit: %w", err)
	}
	spec, err := parseObject(debugLines)
	if err != nil {
		return nil, fmt.Errorf("loading BPF spec: %w", err)
	}
	Step("ELF parsed")
	types.progs <- slices.Collect(maps.Values(spec.Programs))
	if cfg.RingBytes != 0 {
		spec.Maps["events"].MaxEntries = cfg.RingBytes
	}
	ring := spec.Maps["events"].MaxEntries
	big := makeBigMaps(spec) // made while the syscalls are chosen and the rest are made
	defer big.close()
	kc := iorIorConfig{Tgid: cfg.TGID, Tid: cfg.TID, ExecTgid: cfg.ExecTGID, SelfTgid: uint32(os.Getpid()), WakeupBytes: wakeupPerCPU(cfg.WakeupBytes, ring),
		StartLo: cfg.StartLo, StartHi: cfg.StartHi}
	kc.ExcludeN = uint32(copy(kc.ExcludeTgid[:], cfg.Exclude))
	if cfg.Follow {
		kc.Follow = 1
	}
	if cfg.Stacks {
		kc.Stacks = 1
	}
	if cfg.CountOther {
		kc.CountOther = 1
	}
	if cfg.Comm != "" {
		if len(cfg.Comm) > 15 {
			return nil, fmt.Errorf("comm %q is longer than the kernel's 15 bytes", cfg.Comm)
		}
		kc.CommLen = uint32(len(cfg.Comm))
		for i := 0; i < len(cfg.Comm); i++ {
			kc.Comm[i] = int8(cfg.Comm[i])
		}
	}
	kc.CgroupId, kc.CgroupLevel = cfg.CgroupID, cfg.CgroupLevel
	// ior's own mount namespace: names walked up to another's root
	// also carry their path in their file system (the host's view).
	var ns unix.Stat_t
	if unix.Stat("/proc/self/ns/mnt", &ns) == nil {
		kc.SelfMntns = ns.Ino
	}
	if err := spec.Variables["cfg"].Set(kc); err != nil {
		return nil, fmt.Errorf("setting filter: %w", err)
	}

	p := &Probe{}
	chosen, err := p.choose(root, cfg.Syscalls)
	if err != nil {
		return nil, err
	}
	descs := syscallTable(chosen, cfg.NamingOnly)
	// By pointer: cilium/ebpf copies its memory as it is (no padding),
	// where a value went through encoding/binary field by field, ~0.5 ms
	// on the way to ready (TestDescsSetByPointer: the same bytes).
	if err := spec.Variables["descs"].Set(descs); err != nil {
		return nil, fmt.Errorf("setting syscall table: %w", err)
	}
	p.chooseURing(spec, root, chosen)
	Step("programs chosen")

	if err := p.load(spec, types, big); err != nil {
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			return nil, fmt.Errorf("BPF program rejected by the verifier: %s", verifierTail(ve))
		}
		return nil, fmt.Errorf("loading BPF objects: %w", err)
	}
	Step("loaded")
	p.openRing() // while the programs attach (Attach)
	return p, nil
}

// Attach attaches the programs Prepare loaded and waits for the ring
// buffer's reader (Ring); on error, some may be attached (Close
// detaches them).
func (p *Probe) Attach() error {
	err := p.attach()
	if rerr := p.waitRing(); err == nil {
		err = rerr
	}
	if err != nil {
		return err
	}
	Step("attached")
	return nil
}

// wakeupCPUs is how many per-CPU wakeup counters the kernel side has
// (IOR_WAKE_CPUS in bpf/maps.h); CPUs past it share them.
const wakeupCPUs = 256

// wakeupPerCPU is the kernel side's wakeup mark: each CPU forces a
// wakeup once it has put this many bytes in the ring since its last one
// (wakeup_flags in bpf/maps.h), so that the backlog before a wakeup
// stays below wake (0: ring/8) however many CPUs produce.
func wakeupPerCPU(wake uint64, ring uint32) uint64 {
	if wake == 0 {
		wake = uint64(ring / 8)
	}
	n, err := ebpf.PossibleCPU()
	if err != nil || n < 1 {
		n = runtime.NumCPU()
	}
	return max(wake/uint64(min(n, wakeupCPUs)), 1)
}

// load loads spec's maps and programs into p.objs (load.go).
func (p *Probe) load(spec *ebpf.CollectionSpec, kernel *kernelBTF, big *bigMaps) error {
	types := kernel.Cache
	mc, err := loadMaps(spec, types, big)
	if err != nil {
		return err
	}
	Step("maps made")
	progs, errs := loadPrograms(spec, slices.Collect(maps.Keys(spec.Programs)), mc.Maps, types)
	if len(errs) > 0 && p.URing && !slices.ContainsFunc(errs, func(e *progError) bool { return !isURing(e.name) }) {
		// The io_uring programs read the kernel's own request structs,
		// which change between kernels: without them ior still traces
		// syscalls, and says why requests are not.
		p.stubURing(spec)
		p.Skipped = append(p.Skipped, "io_uring requests (this kernel's io_uring structs: "+lastLine(errs[0].err)+")")
		var names []string
		for _, e := range errs {
			names = append(names, e.name)
		}
		var more map[string]*ebpf.Program
		more, errs = loadPrograms(spec, names, mc.Maps, types)
		maps.Copy(progs, more)
	}
	if len(errs) > 0 {
		for _, pr := range progs {
			pr.Close()
		}
		mc.Close()
		return errs[0]
	}
	return assign(&p.objs, mc, progs)
}

func verifierTail(ve *ebpf.VerifierError) string {
	lines := ve.Log
	if len(lines) > 8 {
		lines = lines[len(lines)-8:]
	}
	return ve.Cause.Error() + "\n" + strings.Join(lines, "\n")
}

// choose picks the syscalls to trace: those asked for (all when none
// are) that this kernel has. A kernel without a syscall has no tracepoint
// for it; its number may mean nothing, or something else, so it is left
// out of the kernel side's table, and said.
func (p *Probe) choose(root string, names []string) ([]*syscalls.Spec, error) {
	want := map[string]bool{}
	for _, n := range names {
		if syscalls.ByName(n) == nil {
			return nil, fmt.Errorf("unknown syscall %q (see 'ior syscalls')", n)
		}
		want[n] = true
	}
	have := dirNames(root + "/events/syscalls")
	var chosen []*syscalls.Spec
	for i := range syscalls.Table {
		sp := &syscalls.Table[i]
		if len(want) > 0 && !want[sp.Name] {
			continue
		}
		if sp.NR >= MaxNR {
			return nil, fmt.Errorf("syscall %s has number %d, beyond the kernel side's table (%d)", sp.Name, sp.NR, MaxNR)
		}
		if !have["sys_enter_"+sp.Name] {
			p.Skipped = append(p.Skipped, "syscalls:sys_enter_"+sp.Name)
			continue
		}
		p.Attached = append(p.Attached, sp.Name)
		chosen = append(chosen, sp)
	}
	if len(chosen) == 0 {
		return nil, errors.New("this kernel has none of the syscalls asked for")
	}
	return chosen, nil
}

// dirNames is the set of the names in directory dir (none if it cannot
// be read): one read of tracefs's syscalls directory instead of a stat
// for each of the ~300 syscalls, which cost the start ~1 ms.
func dirNames(dir string) map[string]bool {
	have := map[string]bool{}
	f, err := os.Open(dir)
	if err != nil {
		return have
	}
	defer f.Close()
	names, _ := f.Readdirnames(-1)
	for _, n := range names {
		have[n] = true
	}
	return have
}

// programs are the kernel side's programs, in the order they are
// attached: sys_exit first (it bumps the generations that say names and
// process records may be stale, after a rename, a mount or an unshare by
// any task: nothing walked from attach on may miss one; it records
// nothing before sys_enter is attached), the scheduler's hooks next (so
// that a child forked during attach is already followed), then enter
// last (an enter with no exit program would leave per-thread state
// behind).
func (p *Probe) programs() []struct {
	name  string
	prog  *ebpf.Program
	typed bool // tp_btf (BTF-typed arguments) rather than a raw tracepoint
} {
	return []struct {
		name  string
		prog  *ebpf.Program
		typed bool
	}{
		{"sys_exit", p.objs.IorSysExit, true},
		{"sched_process_fork", p.objs.IorFork, true},
		{"sched_process_exit", p.objs.IorTaskExit, true},
		{"sched_process_exec", p.objs.IorExec, false},
		{"io_uring_complete", p.objs.IorUringComplete, true},
		{"io_uring_cqe_overflow", p.objs.IorUringOverflow, true},
		{"io_uring_queue_async_work", p.objs.IorUringAsync, true},
		{"io_uring_req_failed", p.objs.IorUringFailed, true},
		{"io_uring_submit_req", p.objs.IorUringSubmit, true},
		{"sys_enter", p.objs.IorSysEnter, true},
	}
}

func (p *Probe) attach() error {
	// The process table's invalidation by cgroup moves first (proc.h);
	// the others, and the name cache's (renames, mounts), come with
	// sys_exit, attached first of the programs below.
	l, err := link.AttachRawTracepoint(link.RawTracepointOptions{Name: "cgroup_attach_task", Program: p.objs.IorProcCgroup})
	if err != nil {
		return fmt.Errorf("attaching to tracepoint cgroup_attach_task: %w", err)
	}
	p.links = append(p.links, l)
	for _, a := range p.programs() {
		var l link.Link
		var err error
		if p.noAttach[a.name] {
			continue
		}
		if a.typed {
			l, err = link.AttachTracing(link.TracingOptions{Program: a.prog, AttachType: ebpf.AttachTraceRawTp})
		} else {
			l, err = link.AttachRawTracepoint(link.RawTracepointOptions{Name: a.name, Program: a.prog})
		}
		if err != nil {
			return fmt.Errorf("attaching to tracepoint %s: %w", a.name, err)
		}
		p.links = append(p.links, l)
	}
	return nil
}

// Mark traces task tid of process pid (and, with Follow, what it starts
// from now on): for the threads and descendants of a target that existed
// before attach. A task that is gone already is no error.
func (p *Probe) Mark(pid, tid int) error {
	// The process's bit in user space's bitmap first (the kernel side
	// only reads it), then the task's storage.
	k := uint32(pid/64) % tgidWords
	var w uint64
	if err := p.objs.UserTgids.Lookup(k, &w); err != nil {
		return fmt.Errorf("marking process %d: %w", pid, err)
	}
	if err := p.objs.UserTgids.Update(k, w|1<<(uint(pid)%64), ebpf.UpdateAny); err != nil {
		return fmt.Errorf("marking process %d: %w", pid, err)
	}
	fd, err := unix.PidfdOpen(tid, unix.PIDFD_THREAD)
	if err != nil {
		if errors.Is(err, unix.ESRCH) {
			return nil
		}
		return fmt.Errorf("marking task %d: %w", tid, err)
	}
	defer unix.Close(fd)
	v := iorInflight{Marked: 1}
	if err := p.objs.Inflight.Update(uint32(fd), &v, ebpf.UpdateAny); err != nil && !errors.Is(err, unix.ESRCH) {
		return fmt.Errorf("marking task %d: %w", tid, err)
	}
	return nil
}

// Detach stops new events; already written ones stay readable.
// The links are closed side by side: releasing one waits for RCU grace
// periods in the kernel (~20-50 ms each for the perf tracepoints and the
// raw ones alike), which closes waiting together share; one after the
// other, the ~21 links made a short 'ior -- true' take ~0.9 s, ~0.65 s
// of it here.
func (p *Probe) Detach() {
	var wg sync.WaitGroup
	for _, l := range p.links {
		wg.Go(func() { l.Close() })
	}
	wg.Wait()
	p.links = nil
}

// Close detaches and frees everything.
func (p *Probe) Close() {
	p.once.Do(func() {
		p.Detach()
		_ = p.waitRing()
		if p.Ring != nil {
			p.Ring.Close()
		}
		p.objs.Close()
	})
}
