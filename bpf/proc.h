/* The process table: what a traced task runs in (its mount namespace,
 * pid namespace, root and cgroup v2), sent as an IOR_KIND_PROC record
 * before the first call of the task that ior records, and again before
 * the first call after any of it may have changed. Included by
 * ior.bpf.c after names.h (a task's root is named by its walk).
 *
 * Why a generation rather than a look at every call: reading the four
 * takes some fifteen dependent loads; a traced call pays one load and a
 * compare (proc_gen against the task's copy). proc_gen is bumped where
 * any task's namespaces, root or cgroup can change: the exits of
 * unshare, setns, chroot and pivot_root (their descs' IOR_GEN_PROC,
 * bumped by ior_sys_exit for any task, as the renames in names.h) and every cgroup
 * move (cgroup_attach_task, whoever moves whom). A bump makes each
 * traced task read its four again at its next call, and send a record
 * only when one differs. An exec sends one whatever (a new program in
 * the same place). A root moved under a task by another task's
 * pivot_root is seen (any pivot_root bumps). Not seen: a cgroup renamed
 * (rename(2) in cgroupfs: its id stays, the path in the last record is
 * then the old one). */
#ifndef IOR_PROC_H
#define IOR_PROC_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "ior.h"
#include "kernel.h"
#include "maps.h"
#include "record.h"
#include "names.h"

/* The kernel's structs as the process table reads them (CO-RE flavors:
 * the ___proc suffix is dropped when matching the running kernel's). */
struct kernfs_node___proc {
	struct kernfs_node___proc *__parent; /* 6.15 on */
	struct kernfs_node___proc *parent;   /* before */
	const char *name;
	__u64 id;
} __attribute__((preserve_access_index));
struct cgroup___proc {
	struct kernfs_node___proc *kn;
} __attribute__((preserve_access_index));
struct css_set___proc {
	struct cgroup___proc *dfl_cgrp;
} __attribute__((preserve_access_index));
struct pid_namespace___proc {
	struct ns_common ns;
} __attribute__((preserve_access_index));
struct upid___proc {
	int nr;
	struct pid_namespace___proc *ns;
} __attribute__((preserve_access_index));
struct pid___proc {
	unsigned int level;
	struct upid___proc numbers[1];
} __attribute__((preserve_access_index));
struct nsproxy___proc {
	struct mnt_namespace *mnt_ns;
} __attribute__((preserve_access_index));
struct task_struct___proc {
	struct nsproxy___proc *nsproxy;
	struct css_set___proc *cgroups;
	struct pid___proc *thread_pid;
	struct fs_struct *fs;
} __attribute__((preserve_access_index));

/* Bumped where a task's namespaces, root or cgroup may have changed;
 * starts at 1 so that a task's zeroed storage always differs. */
volatile __u64 proc_gen = 1;

static __always_inline void proc_changed(void)
{
	__sync_fetch_and_add(&proc_gen, 1);
}

/* A task moved to another cgroup, by whoever (cgroup.procs, clone3's
 * CLONE_INTO_CGROUP is a new task: its first call sends its record). */
SEC("raw_tracepoint/cgroup_attach_task")
int ior_proc_cgroup(void *ctx)
{
	proc_changed();
	return 0;
}

/* A record as it is built: the header, then the cgroup's path as
 * components, last first (as a name record's). */
struct proc_buf {
	struct ior_full e;
	char b[2 * IOR_NAME_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct proc_buf);
} proc_bufs SEC(".maps");

struct cg_walk {
	struct kernfs_node___proc *kn;
	__u32 off;
	__u8 cut;
};

static __always_inline struct kernfs_node___proc *kn_parent(struct kernfs_node___proc *kn)
{
	if (bpf_core_field_exists(kn->__parent))
		return BPF_CORE_READ(kn, __parent);
	return BPF_CORE_READ(kn, parent);
}

/* cg_step copies one cgroup's name and climbs to its parent; the
 * hierarchy's root (no parent) has no name of its own. */
static long cg_step(__u64 i, void *vw)
{
	struct cg_walk *w = vw;
	struct kernfs_node___proc *kn = w->kn;
	struct kernfs_node___proc *up = kn_parent(kn);
	struct proc_buf *buf;
	__u32 zero = 0;
	long n;

	if (!up)
		return 1;
	if (w->off >= IOR_NAME_MAX) {
		w->cut = 1;
		return 1;
	}
	buf = bpf_map_lookup_elem(&proc_bufs, &zero);
	if (!buf)
		return 1;
	n = bpf_probe_read_kernel_str(buf->b + (w->off & (IOR_NAME_MAX - 1)), 256, BPF_CORE_READ(kn, name));
	if (n <= 0) {
		w->cut = 1;
		return 1;
	}
	w->off += n;
	w->kn = up;
	return 0;
}

/* proc_send sends the current task's record, from what proc_check
 * put in its inflight (no copy on the stack: the chain of calls down to
 * a name walk has 512 bytes in all), and root, its root's name id; id
 * is its pid_tgid. */
static __noinline int proc_send(__u64 id, struct inflight *in, __u64 why, __u64 root)
{
	__u64 mntns = in->proc_mntns, cgid = in->proc_cgid, root_dent = in->proc_rdent;
	struct task_struct___proc *t = (struct task_struct___proc *)bpf_get_current_task_btf();
	struct pid___proc *pid = BPF_CORE_READ(t, thread_pid);
	struct kernfs_node___proc *kn = BPF_CORE_READ(t, cgroups, dfl_cgrp, kn);
	struct cg_walk w = { .kn = kn };
	struct upid___proc *up;
	struct proc_buf *buf;
	struct ior_full *e;
	__u32 zero = 0, len, level;
	struct kernfs_node___proc *top;
	__u64 pidns;

	level = BPF_CORE_READ(pid, level);
	up = (struct upid___proc *)((char *)pid + bpf_core_field_offset(struct pid___proc, numbers) +
				    (level & 63) * bpf_core_type_size(struct upid___proc));
	pidns = BPF_CORE_READ(up, ns, ns.inum);
	buf = bpf_map_lookup_elem(&proc_bufs, &zero);
	if (!buf)
		return 0;
	if (kn)
		bpf_loop(64, cg_step, &w, 0);
	top = w.kn; /* a local: see name_send_fspath */
	if (kn && top && kn_parent(top))
		w.cut = 1; /* deeper than 64 */
	e = &buf->e;
	__builtin_memset(e, 0, sizeof(*e));
	fill_header(e, id, IOR_KIND_PROC);
	e->h.enter_ns = e->exit_ns = bpf_ktime_get_ns();
	e->args[0] = mntns;
	e->args[1] = pidns;
	e->args[2] = cgid;
	e->args[3] = root;
	e->args[4] = why | (root_dent && !root ? IOR_PROC_ROOT_LOST : 0) | (w.cut ? IOR_PROC_CGROUP_CUT : 0) |
		     (kn ? 0 : IOR_PROC_CGROUP_NONE);
	len = w.off & (2 * IOR_NAME_MAX - 1);
	e->h.slot_state[0] = IOR_SLOT_OK;
	e->s.slot_len[0] = len;
	if (bpf_ringbuf_output(&events, buf, sizeof(*e) + len, 0)) {
		stat_inc(IOR_STAT_LOST_PROCS);
		return 0;
	}
	return 1;
}

/* A send that failed (ring buffer full) is tried again at the next
 * call: its reasons wait in proc_why, with this bit. The top two bits:
 * the task's records carry them shifted down as their mark (PROC_MARK:
 * IOR_EVM_PROC_PENDING, IOR_EVM_EXEC_LOST; emit in ior.bpf.c), a shift
 * and no branch. PROC_EXEC_LOST: the task's exec record was lost
 * (tasks.h), until a process record says so (IOR_PROC_EXEC_LOST). */
#define PROC_PENDING (1ULL << 62)
#define PROC_EXEC_LOST (1ULL << 63)
#define PROC_MARKS (PROC_PENDING | PROC_EXEC_LOST)
#define PROC_MARK(why) ((why) >> 62)

/* How many tasks have a mark pending (PROC_MARKS), or more (a task that
 * exits with one is not taken off): 0, the rule, spares an io_uring
 * submission the look-up of its submitter's storage for the mark
 * (uring.h's start). */
volatile __u64 procs_pending;

/* proc_check: at a traced call's enter, when proc_gen moved since the
 * task last looked (or it never did): read the four again and send a
 * record if one differs (or none was sent, or an exec asked for one). */
static __noinline void proc_check(struct inflight *in, __u64 id)
{
	struct task_struct___proc *t = (struct task_struct___proc *)bpf_get_current_task_btf();
	__u32 gen = (__u32)proc_gen; /* before the reads: a change during them reads again */
	struct fs_struct *fs = BPF_CORE_READ(t, fs);
	__u64 mntns = BPF_CORE_READ(t, nsproxy, mnt_ns, ns.inum);
	__u64 cgid = BPF_CORE_READ(t, cgroups, dfl_cgrp, kn, id);
	__u64 rmnt = (__u64)BPF_CORE_READ(fs, root.mnt);
	__u64 rdent = (__u64)BPF_CORE_READ(fs, root.dentry);
	__u64 why = in->proc_why;

	if (!in->proc_gen)
		why |= in->proc_mntns || in->proc_cgid ? IOR_PROC_EXEC : IOR_PROC_FIRST;
	else if (!why && mntns == in->proc_mntns && cgid == in->proc_cgid && rmnt == in->proc_rmnt &&
		 rdent == in->proc_rdent) {
		in->proc_gen = gen;
		return;
	}
	in->proc_mntns = mntns;
	in->proc_cgid = cgid;
	in->proc_rmnt = rmnt;
	in->proc_rdent = rdent;
	/* Named here, not in proc_send: one frame less above the walk. */
	if (!proc_send(id, in, why & ~PROC_MARKS, rdent ? name_of(rmnt, rdent) : 0)) {
		if (!(why & PROC_MARKS))
			__sync_fetch_and_add(&procs_pending, 1);
		in->proc_why = why | PROC_PENDING;
		in->proc_gen = gen - 1; /* looked at again at the next call */
		return;
	}
	if (why & PROC_MARKS)
		__sync_fetch_and_add(&procs_pending, -1);
	in->proc_why = 0;
	in->proc_gen = gen;
}

/* proc_look: at a traced call's enter (and the exec and exit hooks):
 * one load and a compare, and the look itself only after a change. */
static __always_inline void proc_look(struct inflight *in, __u64 id)
{
	if (in->proc_gen != (__u32)proc_gen)
		proc_check(in, id);
}

#endif
