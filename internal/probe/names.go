package probe

import "github.com/ior-tracer/ior/internal/syscalls"

// KindName is a file's name as the kernel side walked it (IOR_KIND_NAME):
// Args [0] its id, [1] the id it replaces (0: none), [2] the inode
// number, [3] s_dev<<32 | Name* flags, [4] the file system's magic, [5]
// the mount namespace's inode number; slot 0 the path's components, last
// first, each ending in a NUL.
const KindName = Kind(iorIorKindIOR_KIND_NAME)

// Name record flags (enum ior_name_flags), low bits of Args[3].
const (
	NameCut    = uint64(iorIorNameFlagsIOR_NAMEF_CUT)    // not whole: too long or too deep
	NamePseudo = uint64(iorIorNameFlagsIOR_NAMEF_PSEUDO) // no place in a tree: slot 0 is the dentry's name
)

// What the kernel side could tell of a file a call used (enum
// ior_name_state): Raw.NameState[i] & NameStateMask, and NameDeleted.
const (
	NameOK        = uint8(iorIorNameStateIOR_NAME_OK)
	NameNoFile    = uint8(iorIorNameStateIOR_NAME_NOFILE)
	NameRaced     = uint8(iorIorNameStateIOR_NAME_RACED)
	NameLost      = uint8(iorIorNameStateIOR_NAME_LOST)
	NameStateMask = uint8(iorIorNameStateIOR_NAME_STATE)
	NameDeleted   = uint8(iorIorNameStateIOR_NAME_DELETED)
)

// nameArgs says which files of a call the kernel side names (the desc's
// name[i], enum ior_name_arg): slot i the base of path i (its dirfd, the
// cwd, or the root for an absolute path); else slot 0 the fd the call
// works on, read at enter only for close (which drops it), and slot 1
// its second fd when it uses two files (Spec.NameFD2).
func nameArgs(sp *syscalls.Spec) [2]uint8 {
	var n [2]uint8
	for i := range 2 {
		if sp.Path[i] == syscalls.None || sp.Dir[i] == syscalls.Raw {
			continue
		}
		n[i] = uint8(iorIorNameArgIOR_NAME_PATHBASE)
		if sp.Dir[i] >= 0 {
			n[i] |= uint8(sp.Dir[i] + 1)
		}
	}
	if sp.Path[0] == syscalls.None && sp.FD != syscalls.None && sp.Effect != syscalls.EffectCloseRange {
		n[0] = uint8(sp.FD + 1)
		if sp.Effect == syscalls.EffectClose {
			n[0] |= uint8(iorIorNameArgIOR_NAME_ENTER)
		}
	}
	// A call on two files (sendfile64, splice, tee, copy_file_range):
	// slot 1 its second fd, named the same way.
	if sp.Path[1] == syscalls.None && sp.NameFD2 && sp.FD2 != syscalls.None {
		n[1] = uint8(sp.FD2 + 1)
	}
	return n
}

// ResolvedArg says where the kernel side reads the file a call's path 0
// resolved to (the desc's resolved, resolved.h): an open's is the file
// its new fd holds, chdir's the cwd it made, chroot's the root. 0: not
// read (no hook on the lookup itself: see resolved.h).
func ResolvedArg(sp *syscalls.Spec) uint8 {
	switch {
	case sp.Effect == syscalls.EffectOpen:
		return uint8(iorIorResolvedIOR_RESOLVED_RET)
	case sp.Effect == syscalls.EffectChdir:
		return uint8(iorIorResolvedIOR_RESOLVED_CWD)
	case sp.Name == "chroot":
		return uint8(iorIorResolvedIOR_RESOLVED_ROOT)
	}
	return 0
}

// fdChange says which fd a call replaces or closes (the desc's
// fdchange): its sequence is bumped at the call's enter and exit, so
// that a call on that fd meanwhile is told it raced (names.h).
func fdChange(sp *syscalls.Spec) uint8 {
	switch sp.Effect {
	case syscalls.EffectClose:
		return uint8(sp.FD + 1)
	case syscalls.EffectDupTo:
		return uint8(sp.FD2 + 1)
	case syscalls.EffectCloseRange:
		return uint8(iorIorFdchangeIOR_FDCHANGE_RANGE)
	}
	return 0
}
