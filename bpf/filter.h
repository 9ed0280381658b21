/* Who is traced: the filter every program runs first, and the marks
 * (task storage, tgid bitmaps) that followed tasks carry. The one place
 * that decides it: wanted_in for a syscall's enter, maybe_wanted for its
 * exit, uring_wanted for an io_uring request's submitter, wanted for the
 * rest. */
#ifndef IOR_FILTER_H
#define IOR_FILTER_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "ior.h"
#include "kernel.h"
#include "maps.h"

/* Which processes may have marked tasks, one bit per tgid (modulo the
 * bitmap's size): a clear bit answers "not traced" with one inlined array
 * look-up, so that an untraced task, the common case, never reaches the
 * task storage look-up. The kernel side sets bits in one map (atomically)
 * and user space in the other, so that neither's read-modify-write can
 * lose the other's bit. A bit shared by two tgids only sends one of them
 * on to the exact check. */
#define TGID_WORDS 1024 /* 65536 bits */
struct tgid_bits {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, TGID_WORDS);
	__type(key, __u32);
	__type(value, __u64);
};
struct tgid_bits kernel_tgids SEC(".maps");
struct tgid_bits user_tgids SEC(".maps");

static __always_inline int tgid_bit(void *map, __u32 tgid)
{
	__u32 k = (tgid / 64) % TGID_WORDS;
	__u64 *w = bpf_map_lookup_elem(map, &k);

	return w && (*w >> (tgid % 64)) & 1;
}

static __always_inline void mark_tgid(__u32 tgid)
{
	__u32 k = (tgid / 64) % TGID_WORDS;
	__u64 *w = bpf_map_lookup_elem(&kernel_tgids, &k);

	if (w)
		__sync_fetch_and_or(w, 1ULL << (tgid % 64));
}

static __always_inline struct inflight *storage(struct task_struct *t, __u64 flags)
{
	return bpf_task_storage_get(&inflight, t, 0, flags);
}

/* task_id: bpf_get_current_pid_tgid()'s value (the tgid above, the
 * thread id below) for the current task t, by two loads from it. The
 * syscall programs have t anyway (its storage); the helper was a call
 * of its own at each enter and exit, and calls are dear here (each
 * return through the kernel's return thunk). */
static __always_inline __u64 task_id(struct task_struct *t)
{
	return (__u64)(__u32)t->tgid << 32 | (__u32)t->pid;
}

static __always_inline int comm_ok(void)
{
	char comm[IOR_COMM_LEN];

	if (!cfg.comm_len)
		return 1;
	bpf_get_current_comm(comm, sizeof(comm));
#pragma unroll
	for (int i = 0; i < IOR_COMM_LEN; i++) {
		if (i >= cfg.comm_len)
			break;
		if (comm[i] != cfg.comm[i])
			return 0;
	}
	return 1;
}

/* in_cgroup: with -cgroup, is the current task in that cgroup v2 or one
 * below it (a task started later included)? Its ancestor at the
 * cgroup's level is the cgroup. */
static __always_inline int in_cgroup(void)
{
	return !cfg.cgroup_id || bpf_get_current_ancestor_cgroup_id(cfg.cgroup_level) == cfg.cgroup_id;
}

/* Is t (the target's thread, or its process's leader) the target itself,
 * not a newcomer that reused its number? See cfg.start_lo. */
static __always_inline int same_start(struct task_struct *t)
{
	__u64 st;

	if (!cfg.start_hi)
		return 1;
	st = t->start_boottime;
	return st >= cfg.start_lo && st < cfg.start_hi;
}

/* Is tgid one of the processes left out besides ior (cfg.exclude_tgid)?
 * With none, as with a target, the verifier drops the loop (cfg is
 * read-only data it knows). */
static __always_inline int excluded(__u32 tgid)
{
#pragma unroll
	for (int i = 0; i < IOR_MAX_EXCLUDE; i++) {
		if (i >= cfg.exclude_n)
			break;
		if (tgid == cfg.exclude_tgid[i])
			return 1;
	}
	return 0;
}

/* Is the current task traced? The common case of a task that is not is
 * decided by compares and, when following, one task storage look-up of a
 * task that has none (a NULL pointer test in the kernel). t is the
 * current task, which the caller has (one helper call, not one here
 * too). */
static __always_inline int wanted_in(struct task_struct *t, __u64 id, struct inflight **found)
{
	__u32 tgid = id >> 32, tid = (__u32)id;

	if (tgid == cfg.self_tgid || excluded(tgid))
		return 0;
	if (cfg.tid) {
		if (tid != cfg.tid || !same_start(t))
			return 0;
	} else if (cfg.tgid && tgid == cfg.tgid) {
		if (!same_start(untrusted(t)->group_leader))
			return 0;
	} else {
		if (cfg.follow || cfg.exec_tgid) {
			struct inflight *in;

			if (!tgid_bit(&kernel_tgids, tgid) && !tgid_bit(&user_tgids, tgid))
				return 0;
			in = storage(t, 0);
			if (!in || !in->marked)
				return 0;
			*found = in;
		} else if (cfg.tgid) {
			return 0;
		}
	}
	return in_cgroup() && comm_ok();
}

/* maybe_wanted: the part of wanted_in that needs no task storage, for
 * a program that goes on only when the task's storage says its enter was
 * traced (the syscall exit): it spares untraced tasks the look-up. */
static __always_inline int maybe_wanted(__u64 id)
{
	if (cfg.tid) {
		if ((__u32)id != cfg.tid)
			return 0;
	} else if (cfg.tgid || cfg.follow || cfg.exec_tgid) {
		__u32 tgid = id >> 32;

		if (tgid != cfg.tgid && !tgid_bit(&kernel_tgids, tgid) && !tgid_bit(&user_tgids, tgid))
			return 0;
	}
	return 1;
}

/* wanted: is the current task traced? (wanted_in also hands back its
 * storage when the answer needed it, so that the caller looks it up
 * once.) */
static __always_inline int wanted(__u64 id)
{
	struct inflight *in = 0;

	return wanted_in(bpf_get_current_task_btf(), id, &in);
}

/* uring_wanted: is a request submitted by the current task t (id: its
 * task_id) traced? An io thread (the SQ thread) counts as its process's
 * leader. *found: t's storage when the answer needed it (as wanted_in). */
extern struct task_struct *bpf_task_from_pid(__s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

static __always_inline int uring_wanted(struct task_struct *t, __u64 id, __u8 *exec, struct inflight **found)
{
	struct task_struct *leader;
	struct inflight *in = 0;
	int marked;

	if (!(t->flags & PF_IO_WORKER))
		return wanted_in(t, id, found);
	*exec |= IOR_URING_SQPOLL;
	if ((id >> 32) == cfg.self_tgid || cfg.tid || excluded(id >> 32) || !in_cgroup())
		return 0;
	if (cfg.tgid && (id >> 32) == cfg.tgid)
		return same_start(untrusted(t)->group_leader);
	if (!cfg.follow && !cfg.exec_tgid)
		return !cfg.tgid;
	/* The leader found by its pid (the process's, id >> 32), not loaded
	 * from t->group_leader: a pointer loaded from a trusted one costs the
	 * verifier ~3 linear searches of the kernel's BTF by name (kernel.h,
	 * untrusted()) in each program that inlines this (uring_submit,
	 * uring_failed), and untrusted() will not do here: the task storage
	 * wants a trusted task. The reference taken and dropped costs only
	 * an SQ thread's requests. */
	leader = bpf_task_from_pid(id >> 32);
	if (!leader)
		return 0;
	in = storage(leader, 0);
	marked = in && in->marked;
	bpf_task_release(leader);
	return marked;
}

#endif
