package probe

import "golang.org/x/sys/unix"

// What a syscall's exit makes stale, for every task (enum ior_gen, the
// desc's gen).
const (
	genNames = uint8(iorIorGenIOR_GEN_NAMES) // every name walked (names.h)
	genProc  = uint8(iorIorGenIOR_GEN_PROC)  // every task's process record (proc.h)
)

// genBumps are the syscalls after whose exit, by any task, the kernel
// side walks names again (a rename may have moved a directory above a
// named file; a change of the mount tree moves every name below it) or
// reads a traced task's namespaces, root and cgroup again. ior_sys_exit
// bumps the generations for them before any filter, whether they are
// traced or not.
var genBumps = []struct {
	nr  int
	gen uint8
}{
	{unix.SYS_RENAME, genNames}, {unix.SYS_RENAMEAT, genNames}, {unix.SYS_RENAMEAT2, genNames},
	{unix.SYS_MOUNT, genNames}, {unix.SYS_MOVE_MOUNT, genNames}, {unix.SYS_UMOUNT2, genNames},
	{unix.SYS_PIVOT_ROOT, genNames | genProc},
	{unix.SYS_UNSHARE, genProc}, {unix.SYS_SETNS, genProc}, {unix.SYS_CHROOT, genProc},
}
