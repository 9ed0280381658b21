/* The file a path argument resolved to, as the kernel's own lookup
 * reached it (symlinks, "..", mounts resolved), next to the path as the
 * program passed it. Read only where a tracepoint can reach the kernel's
 * result exactly: an open's new fd holds the struct file its lookup
 * reached, read at the syscall's exit. Calls that resolve a path and
 * keep no file (stat, access, unlink, rename, mkdir ...) leave their
 * result in the kernel's stack: only a hook on the lookup itself
 * (fexit on filename_lookup, __filename_parentat) sees it, and ior's
 * test kernel refuses fentry/fexit and LSM programs (EPERM at load),
 * and has no kprobes. Named by names.h's walk and cache. Included by
 * ior.bpf.c after names.h. */
#ifndef IOR_RESOLVED_H
#define IOR_RESOLVED_H

/* resolved_ret names the file the fd an open returned holds at its
 * exit: enum ior_name_state, *id the name's. No file there any more:
 * another thread closed the fd after the kernel installed it (RACED). A
 * failed call resolved nothing: 0. */
static __always_inline __u8 resolved_ret(__s64 ret, __u64 *id)
{
	struct file *f;
	__u64 mnt, dent;

	if (ret < 0)
		return 0;
	f = fd_file((int)ret);
	if (!f)
		return IOR_NAME_RACED;
	mnt = (__u64)BPF_CORE_READ(f, f_path.mnt);
	dent = (__u64)BPF_CORE_READ(f, f_path.dentry);
	*id = name_of(mnt, dent);
	if (!*id)
		return IOR_NAME_LOST;
	return IOR_NAME_OK | (unlinked(dent) ? IOR_NAME_DELETED : 0);
}

#endif
