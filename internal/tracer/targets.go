package tracer

import (
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/procfs"
	"github.com/ior-tracer/ior/internal/syscalls"
)

// probeConfig says what the kernel side traces. A -pid target and a
// command are followed into their children unless NoFollow; a command is
// traced from its exec on, so that ior's launcher, which runs before,
// is not.
func (s *session) probeConfig() probe.Config {
	cfg := &s.cfg
	pc := probe.Config{TID: cfg.TID, Comm: cfg.Comm, RingBytes: cfg.RingBytes, Syscalls: withNaming(cfg.Syscalls), Stacks: cfg.Stacks, CountOther: cfg.CountOther}
	pc.NamingOnly = pc.Syscalls[len(cfg.Syscalls):] // what withNaming added
	switch {
	case cfg.RejectAll:
		// Every probe attached, every task filtered out, through the
		// same checks as a real target's untraced neighbours.
		pc = probe.Config{TGID: probe.RejectAll, Follow: true, RingBytes: cfg.RingBytes, Syscalls: withNaming(cfg.Syscalls), Stacks: cfg.Stacks}
	case s.child != nil:
		pc.ExecTGID, pc.Follow = cfg.PID, !cfg.NoFollow
	case cfg.PID != 0:
		pc.TGID, pc.Follow = cfg.PID, !cfg.NoFollow
	}
	if s.target != nil && !cfg.RejectAll {
		pc.StartLo, pc.StartHi = s.target.startLo, s.target.startHi
	}
	pc.Exclude = s.exclude
	pc.CgroupID, pc.CgroupLevel = cfg.CgroupID, cfg.CgroupLevel
	return pc
}

// seed tells the kernel side and the fd table about the tasks that exist
// at attach: the target's descendants (followed from now on, their fds
// read once) — or, with no target process, every process.
func (s *session) seed() error {
	cfg := &s.cfg
	tr := s.pipe.tracker
	switch {
	case cfg.RejectAll:
		return nil
	case cfg.PID != 0:
		tr.Snapshot(cfg.PID)
		if s.child != nil {
			return nil // its exec says what it maps
		}
		if err := s.snapshotMaps(cfg.PID); err != nil || cfg.NoFollow {
			return err
		}
		for _, pid := range descendants(int(cfg.PID)) {
			for _, tid := range threads(pid) {
				if err := s.probe.Mark(pid, tid); err != nil {
					return err
				}
			}
			tr.Snapshot(uint32(pid))
			if err := s.snapshotMaps(uint32(pid)); err != nil {
				return err
			}
		}
	case cfg.TID != 0:
		if pid, ok := tgidOf(int(cfg.TID)); ok {
			tr.Snapshot(uint32(pid))
		}
	default: // -comm, -all
		for _, pid := range procfs.Proc.PIDs() {
			if pid != os.Getpid() {
				tr.Snapshot(uint32(pid))
			}
		}
	}
	return nil
}

// snapshotMaps records, with -stacks, what a process that exists at
// attach has mapped (/proc/PID/maps): its stacks' addresses fall there.
func (s *session) snapshotMaps(pid uint32) error {
	if s.pipe.space == nil {
		return nil
	}
	return s.pipe.space.Snapshot(pid)
}

// descendants lists the processes below pid, from /proc.
func descendants(pid int) []int {
	children := map[int][]int{}
	for p, parent := range procfs.Proc.Parents() {
		children[parent] = append(children[parent], p)
	}
	var out []int
	var walk func(int)
	walk = func(p int) {
		for _, c := range children[p] {
			out = append(out, c)
			walk(c)
		}
	}
	walk(pid)
	return out
}

// threads lists a process's threads.
func threads(pid int) []int {
	ents, _ := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/task")
	var out []int
	for _, e := range ents {
		if tid, err := strconv.Atoi(e.Name()); err == nil {
			out = append(out, tid)
		}
	}
	return out
}

// tgidOf finds the process of thread tid.
func tgidOf(tid int) (int, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(tid) + "/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "Tgid:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			return n, err == nil
		}
	}
	return 0, false
}

// withNaming adds to a -syscalls subset the calls the fd table follows
// (opens, dups, closes, fcntl, chdir, io_uring's setup and register,
// mmap, name_to_handle_at, ...: syscalls.Naming): they are traced so that
// what the subset records is named, but not recorded or shown
// (pipeline.only). No subset: every syscall, nothing to add.
func withNaming(names []string) []string {
	if len(names) == 0 {
		return nil
	}
	out := slices.Clone(names)
	for _, n := range syscalls.Naming() {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
