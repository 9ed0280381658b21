package probe

// KindProc is what a traced task runs in (IOR_KIND_PROC, bpf/proc.h):
// Args [0] its mount namespace's inode number, [1] its pid namespace's,
// [2] its cgroup v2 id (0: none), [3] the id of the name record naming
// its root (0: none), [4] Proc* flags; slot 0 its cgroup's path below
// the hierarchy's root, components last first, each ending in a NUL.
const KindProc = Kind(iorIorKindIOR_KIND_PROC)

// Process record flags (enum ior_proc_flags), KindProc's Args[4].
const (
	ProcFirst      = uint64(iorIorProcFlagsIOR_PROC_FIRST)       // the task's first record
	ProcExec       = uint64(iorIorProcFlagsIOR_PROC_EXEC)        // after an exec
	ProcRootLost   = uint64(iorIorProcFlagsIOR_PROC_ROOT_LOST)   // its root's name could not be sent
	ProcCgroupCut  = uint64(iorIorProcFlagsIOR_PROC_CGROUP_CUT)  // the cgroup's path is not whole
	ProcCgroupNone = uint64(iorIorProcFlagsIOR_PROC_CGROUP_NONE) // no cgroup v2 could be read
	ProcExecLost   = uint64(iorIorProcFlagsIOR_PROC_EXEC_LOST)   // the task's exec record was lost
)

// NameFSPath: a name record walked up to another mount namespace's
// root than ior's carries in slot 1 the file's path below its file
// system's root (components last first), for the host's view.
const NameFSPath = uint64(iorIorNameFlagsIOR_NAMEF_FSPATH)
