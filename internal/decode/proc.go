package decode

import (
	"os"
	"strings"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
	"golang.org/x/sys/unix"
)

// Self is what ior itself runs in, for telling which processes run
// elsewhere (event.Proc.Foreign). Zero fields are not known and mark
// nothing.
type Self struct {
	MntNS, PidNS uint64
	CgroupID     uint64
	Cgroup       string // its cgroup v2 path, as /proc/self/cgroup says it
	Root         string // its root as ior names files ("/")
}

// ReadSelf reads ior's own namespaces, cgroup and root from /proc/self
// (the cgroup's id from its directory in /sys/fs/cgroup, where the
// kernel's cgroup v2 id is the directory's inode number).
func ReadSelf() Self {
	var s Self
	var st unix.Stat_t
	if unix.Stat("/proc/self/ns/mnt", &st) == nil {
		s.MntNS = st.Ino
	}
	if unix.Stat("/proc/self/ns/pid", &st) == nil {
		s.PidNS = st.Ino
	}
	if b, err := os.ReadFile("/proc/self/cgroup"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if p, ok := strings.CutPrefix(line, "0::"); ok {
				s.Cgroup = p
			}
		}
	}
	var fs unix.Statfs_t
	if s.Cgroup != "" && unix.Statfs("/sys/fs/cgroup", &fs) == nil && fs.Type == unix.CGROUP2_SUPER_MAGIC &&
		unix.Stat("/sys/fs/cgroup"+s.Cgroup, &st) == nil {
		s.CgroupID = st.Ino
	}
	if r, err := os.Readlink("/proc/self/root"); err == nil {
		s.Root = r
	}
	return s
}

// SetSelf tells the decoder what ior runs in: processes elsewhere are
// marked (event.Proc.Foreign), and names walked in another mount
// namespace are named in ior's view where ior reaches the file (its own
// mounts, /proc/self/mountinfo; the file checked by its inode).
func (d *Decoder) SetSelf(s Self) {
	d.self = s
	d.mountNS = s.MntNS
	d.hosts = &mountTable{path: "/proc/self/mountinfo"}
}

// maxProcThreads bounds the process table's threads; past it the table
// starts anew, and events fall back to their process's last record.
const maxProcThreads = 1 << 16

// learnProc keeps a process record: what thread r.TID runs in from now.
func (d *Decoder) learnProc(r *probe.Raw) *event.Proc {
	p := &event.Proc{MntNS: r.Args[0], PidNS: r.Args[1], CgroupID: r.Args[2]}
	flags := r.Args[4]
	if flags&(probe.ProcCgroupCut|probe.ProcCgroupNone) == 0 {
		p.Cgroup = joinReversed(r.Slot[0])
	}
	if n, ok := d.names[r.Args[3]]; ok && r.Args[3] != 0 {
		p.Root = n.path
	}
	s := &d.self
	if s.MntNS != 0 && p.MntNS != s.MntNS {
		p.Foreign |= event.ForeignMnt
	}
	if s.PidNS != 0 && p.PidNS != s.PidNS {
		p.Foreign |= event.ForeignPid
	}
	switch {
	case s.CgroupID != 0 && p.CgroupID != 0:
		if p.CgroupID != s.CgroupID {
			p.Foreign |= event.ForeignCgroup
		}
	case s.Cgroup != "" && p.Cgroup != "" && p.Cgroup != s.Cgroup:
		p.Foreign |= event.ForeignCgroup
	}
	if s.Root != "" && p.Root != "" && p.Root != s.Root {
		p.Foreign |= event.ForeignRoot
	}
	d.setProc(r.PID, r.TID, p)
	return p
}

// procOf is thread tid's entry, else its process's last (a thread that
// made no recorded call yet shares its process's, mostly); nil: none;
// procUnknown: its record lost (Decode says nil and ProcUnknown).
func (d *Decoder) procOf(pid, tid uint32) *event.Proc {
	c := &d.procLast[tid%procCells]
	if c.ok && c.tid == tid && c.pid == pid {
		return c.p // most records are those of a thread seen just before
	}
	p := d.procs[tid]
	if p == nil {
		p = d.procPID[pid]
	}
	*c = procLast{pid: pid, tid: tid, p: p, ok: true}
	return p
}

// procUnknown is the table's entry for a thread whose process record
// was lost: its calls' process is not known until the next record comes
// (the last one would be a wrong answer: the old namespaces or root
// after an unshare, setns or chroot). Never handed out: an event's Proc
// is nil, and its ProcUnknown says why.
var procUnknown = &event.Proc{}

// procLost notes that thread tid's process record was lost (a syscall
// record marked ProcPending), for the thread and, as learnProc's, for
// its process's threads with none of their own; true the first time
// since the thread's last record (the recording is then told).
func (d *Decoder) procLost(pid, tid uint32) bool {
	if d.procs[tid] == procUnknown && d.procPID[pid] == procUnknown {
		return false
	}
	d.setProc(pid, tid, procUnknown)
	return true
}

// procKeep is what thread tid's entry is after a call of its own whose
// process alone is not known (Call.ProcOnce): p, its entry before (the
// thread's, or its process's), which the recording then gives the
// thread again, for the thread and, as a reader takes a 'P' record, for
// its process: the table says the same.
func (d *Decoder) procKeep(pid, tid uint32, p *event.Proc) *event.Proc {
	if d.procs[tid] != p || d.procPID[pid] != p {
		d.setProc(pid, tid, p)
	}
	return p
}

// setProc makes p the entry of thread tid and of its process pid (each
// table started again at its bound).
func (d *Decoder) setProc(pid, tid uint32, p *event.Proc) {
	if d.procs == nil || len(d.procs) >= maxProcThreads {
		d.procs = map[uint32]*event.Proc{}
	}
	if d.procPID == nil || len(d.procPID) >= maxProcThreads {
		d.procPID = map[uint32]*event.Proc{}
	}
	d.procs[tid], d.procPID[pid] = p, p
	clear(d.procLast[:])
}

// execLost: a record of process pid says its exec record was lost (its
// mark until the process record that says so, which ends it: last);
// true the first time, when the stages must drop the old image.
func (d *Decoder) execLost(pid uint32, last bool) bool {
	told := d.execsLost[pid]
	switch {
	case last:
		delete(d.execsLost, pid)
	case !told:
		if d.execsLost == nil || len(d.execsLost) >= maxProcThreads {
			d.execsLost = map[uint32]bool{}
		}
		d.execsLost[pid] = true
	}
	return !told
}

// procLast caches procOf's last answer for a thread, in a cell by tid
// (the 16-thread loop's threads interleave: one cell for all missed
// nearly every record, two map look-ups each); any change to the table
// drops them all.
type procLast struct {
	pid, tid uint32
	p        *event.Proc
	ok       bool
}

// procCells is how many threads' answers procOf keeps.
const procCells = 64

// forgetProc drops an ended process's entry (its threads' go when the
// table starts anew).
func (d *Decoder) forgetProc(pid, tid uint32) {
	delete(d.procPID, pid)
	delete(d.procs, tid)
	clear(d.procLast[:])
}
