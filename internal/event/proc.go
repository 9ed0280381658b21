package event

import "strconv"

// Proc is what a process runs in, from the process table (the kernel
// side's record, sent at the task's first recorded call and again after
// a change): an event's Proc is its thread's entry as of that event.
// Shared between the events of a thread: never modify it.
type Proc struct {
	MntNS, PidNS uint64 // the namespaces' inode numbers (/proc/PID/ns/mnt names mnt:[MntNS])
	CgroupID     uint64 // its cgroup v2's id (the kernfs node's: the directory's inode number in cgroupfs)
	// Cgroup is its cgroup v2's path below the hierarchy's root, as the
	// kernel's kernfs nodes name it ("/" the root; "" not known).
	Cgroup string
	// Root is its root directory named as ior names files: in ior's
	// (the host's) view where ior reaches it, else mnt:[INODE]/path
	// ("" not known).
	Root string
	// Foreign: Foreign* bits, where it differs from ior itself.
	Foreign uint8
}

// Where a process differs from ior: bits of Proc.Foreign.
const (
	ForeignMnt    uint8 = 1 // another mount namespace
	ForeignPid    uint8 = 2 // another pid namespace
	ForeignCgroup uint8 = 4 // another cgroup v2
	ForeignRoot   uint8 = 8 // another root directory (chroot, pivot_root)
)

var foreignNames = []struct {
	bit  uint8
	name string
}{{ForeignMnt, "mnt"}, {ForeignPid, "pid"}, {ForeignCgroup, "cgroup"}, {ForeignRoot, "root"}}

// ForeignText names Foreign bits joined by "|" ("mnt|cgroup"); "" for
// none.
func ForeignText(bits uint8) string {
	var out []byte
	for _, n := range foreignNames {
		if bits&n.bit != 0 {
			if len(out) > 0 {
				out = append(out, '|')
			}
			out = append(out, n.name...)
		}
	}
	return string(out)
}

// foreignText is the event's "foreign" field: where its process's
// namespaces or cgroup differ from ior's ("mnt", "pid", "cgroup";
// "" the same, or not known; "unknown" its process record lost). A root of its own alone (chroot) is not
// a container: the root field says it.
func foreignText(e *Event) string {
	if e.Proc == nil {
		if e.ProcUnknown {
			return "unknown"
		}
		return ""
	}
	return ForeignText(e.Proc.Foreign &^ ForeignRoot)
}

// Container describes where an event's process runs when that is not
// where ior runs ("" when it is, or is not known): the namespaces and
// cgroup that differ, as /proc names namespaces (mnt:[INODE]).
func (e *Event) Container() string {
	p := e.Proc
	if p == nil || p.Foreign&^ForeignRoot == 0 {
		return ""
	}
	var out []byte
	add := func(s string) {
		if len(out) > 0 {
			out = append(out, ' ')
		}
		out = append(out, s...)
	}
	if p.Foreign&ForeignMnt != 0 {
		add("mnt:[" + strconv.FormatUint(p.MntNS, 10) + "]")
	}
	if p.Foreign&ForeignPid != 0 {
		add("pid:[" + strconv.FormatUint(p.PidNS, 10) + "]")
	}
	if p.Foreign&ForeignCgroup != 0 {
		cg := p.Cgroup
		if cg == "" {
			cg = "#" + strconv.FormatUint(p.CgroupID, 10)
		}
		add("cgroup:" + cg)
	}
	return string(out)
}

func procNum(f func(p *Proc) uint64) func(*Event) uint64 {
	return func(e *Event) uint64 {
		if e.Proc == nil {
			return 0
		}
		return f(e.Proc)
	}
}

func procStr(f func(p *Proc) string) func(*Event) string {
	return func(e *Event) string {
		if e.Proc == nil {
			return ""
		}
		return f(e.Proc)
	}
}
