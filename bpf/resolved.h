/* The file a path argument resolved to, as the kernel's own lookup
 * reached it (symlinks, "..", mounts resolved), next to the path as the
 * program passed it. Read only where a tracepoint can reach the kernel's
 * result exactly: an open's new fd holds the struct file its lookup
 * reached, read at the syscall's exit; chdir and chroot leave theirs in
 * the task's fs_struct (its cwd, its root). Calls that resolve a path and
 * keep no file (stat, access, unlink, rename, mkdir ...) leave their
 * result in the kernel's stack: only a hook on the lookup itself
 * (fexit on filename_lookup, __filename_parentat) sees it, and ior's
 * test kernel refuses fentry/fexit and LSM programs (EPERM at load),
 * and has no kprobes. Named by names.h's walk and cache. Included by
 * ior.bpf.c after names.h. */
#ifndef IOR_RESOLVED_H
#define IOR_RESOLVED_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "ior.h"
#include "kernel.h"
#include "maps.h"
#include "record.h"
#include "names.h"

/* fs_struct's seq (a seqlock_t) down to its count, which the kernel
 * bumps by 2 around every change of a root or a cwd (set_fs_pwd,
 * set_fs_root, chroot_fs_refs). Anonymous structs: only the member
 * names are relocated. */
struct fs_struct___seq {
	struct {
		struct {
			struct {
				unsigned int sequence;
			} seqcount;
		} seqcount;
	} seq;
} __attribute__((preserve_access_index));

static __always_inline __u32 fs_seq_now(void)
{
	struct fs_struct___seq *fs = (void *)BPF_CORE_READ(bpf_get_current_task_btf(), fs);

	return BPF_CORE_READ(fs, seq.seqcount.seqcount.sequence);
}

/* resolved_file names, at a call's exit, the file its path 0 resolved
 * to (how: the desc's resolved): enum ior_name_state, *id the name's. A
 * failed call resolved nothing it kept: 0. One call site of name_of for
 * every kind: each site is verified apart, and ior's start-up pays.
 * - IOR_RESOLVED_RET: the file the fd an open returned holds. No file
 *   there any more: another thread closed the fd after the kernel
 *   installed it (RACED).
 * - IOR_RESOLVED_CWD, _ROOT: the directory chdir or chroot made the cwd
 *   or root: the fs_struct's, if the call's own change was the only one
 *   since its enter (exactly one write, +2) and none came while it was
 *   read; else another task sharing the fs_struct (a thread, a CLONE_FS
 *   child) changed it meanwhile: RACED. */
static __always_inline __u8 resolved_file(struct inflight *in, __u8 how, __s64 ret, __u64 *id)
{
	__u64 mnt, dent;

	if (how == IOR_RESOLVED_RET) {
		struct file *f;

		if (ret < 0)
			return 0;
		f = fd_file((int)ret);
		if (!f)
			return IOR_NAME_RACED;
		/* BTF-typed loads (untrusted): they give pointers, which
		 * ior_name_of does not take; stored in the task's storage,
		 * they read back as numbers (volatile: read back, not
		 * forwarded). */
		f = untrusted(f);
		in->res_mnt = (__u64)f->f_path.mnt;
		in->res_dent = (__u64)f->f_path.dentry;
		mnt = *(volatile __u64 *)&in->res_mnt;
		dent = *(volatile __u64 *)&in->res_dent;
	} else {
		struct fs_struct *fs = BPF_CORE_READ(bpf_get_current_task_btf(), fs);
		__u32 s1, s2;

		if (ret != 0)
			return 0;
		s1 = fs_seq_now();
		if (how == IOR_RESOLVED_CWD) {
			mnt = (__u64)BPF_CORE_READ(fs, pwd.mnt);
			dent = (__u64)BPF_CORE_READ(fs, pwd.dentry);
		} else {
			mnt = (__u64)BPF_CORE_READ(fs, root.mnt);
			dent = (__u64)BPF_CORE_READ(fs, root.dentry);
		}
		s2 = fs_seq_now();
		if (s1 != in->fs_seq + 2 || s2 != s1)
			return IOR_NAME_RACED;
	}
	return name_state(in, mnt, dent, id);
}

#endif
