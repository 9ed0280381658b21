//go:build ignore

/* One object on purpose: bpf2go compiles one C file into one object, and
 * the programs share the maps, the filter and the helpers. The kernel's
 * structs are in kernel.h, the process hooks in tasks.h and the io_uring
 * hooks in uring.h (included at the end), the file-mapping filter in
 * mapping.h; this file keeps the maps, the filter and the syscall
 * enter/exit pair with the record they build,
 * which read as one piece. */

/* ior's kernel side. One enter program and one exit program serve every
 * syscall: they sit on the raw sys_enter / sys_exit tracepoints, and the
 * descs table, filled from Go, says which syscalls to record and which of
 * their arguments are user strings or structs worth copying.
 *
 * Raw tracepoints rather than one perf-event tracepoint per syscall: the
 * kernel waits for RCU grace periods when each perf tracepoint is
 * released, which made detaching ~115 of them take over 6 s; two raw
 * tracepoint links detach at once and also spare the per-event copy into
 * a perf record. BTF-typed (tp_btf): the registers and the task's name
 * are read in place, where helpers copying them cost a third of each
 * program. Enter and exit are paired here, per thread, so each syscall
 * costs one ring buffer record. All decoding and formatting happens in
 * userspace. */

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "ior.h"

#include "kernel.h"

char LICENSE[] SEC("license") = "Dual MIT/GPL";


/* Anchors so the shared types reach BTF, where bpf2go finds them. */
const struct ior_event *unused_event __attribute__((unused));
const enum ior_stat *unused_stat __attribute__((unused));
const enum ior_kind *unused_kind __attribute__((unused));
const enum ior_slot_state *unused_slot_state __attribute__((unused));
const enum ior_limits *unused_limits __attribute__((unused));
const enum ior_fork_flags *unused_fork_flags __attribute__((unused));
const enum ior_new_fds *unused_new_fds __attribute__((unused));
const struct ior_new_files *unused_new_files __attribute__((unused));
const struct ior_uring_req *unused_uring_req __attribute__((unused));
const enum ior_uring_exec *unused_uring_exec __attribute__((unused));
const struct ior_map_file *unused_map_file __attribute__((unused));
const struct ior_aio_iocb *unused_aio_iocb __attribute__((unused));
const enum ior_filter *unused_filter __attribute__((unused));

const volatile struct ior_config cfg = {};
const volatile struct ior_sc_desc descs[IOR_MAX_NR] = {};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 << 20); /* Go may resize before load */
} events SEC(".maps");

/* A thread's syscall between its enter and exit. Task-local storage
 * rather than a hash keyed by tid: no hashing or bucket locks, the fields
 * are written in place (no value copy), and nothing needs deleting. */
struct inflight {
	__u64 enter_ns;
	__u64 args[6];
	__u16 nr;
	__u16 slot_len[2];
	__u8 slot_state[2];
	__u8 active; /* enter seen, exit not yet */
	__u8 marked; /* traced as a descendant (cfg.follow) or from exec */
	__u8 map_file; /* blob holds the file of the call's mapping (mapping.h) */
	__u8 aio_n;    /* blob holds this many iocbs (aio.h) */
	__u8 pad[2];
	char path[2][IOR_PATH_MAX]; /* path strings read at enter */
	char blob[IOR_BLOB_MAX];    /* the struct argument, read at exit */
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct inflight);
} inflight SEC(".maps");

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

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, IOR_STAT_MAX);
	__type(key, __u32);
	__type(value, __u64);
} stats SEC(".maps");

static __always_inline void stat_inc(__u32 i)
{
	__u64 *v = bpf_map_lookup_elem(&stats, &i);

	if (v)
		(*v)++;
}

/* A wakeup costs the traced task an irq_work and the reader a context
 * switch; per record that dominated ior's cost. Batch them. */
static __always_inline __u64 wakeup_flags(void)
{
	if (!cfg.wakeup_bytes)
		return 0;
	if (bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= cfg.wakeup_bytes)
		return BPF_RB_FORCE_WAKEUP;
	return BPF_RB_NO_WAKEUP;
}

static __always_inline struct inflight *storage(struct task_struct *t, __u64 flags)
{
	return bpf_task_storage_get(&inflight, t, 0, flags);
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

/* Is the current task traced? The common case of a task that is not is
 * decided by compares and, when following, one task storage look-up of a
 * task that has none (a NULL pointer test in the kernel). */
static __always_inline int wanted_in(__u64 id, struct inflight **found)
{
	__u32 tgid = id >> 32, tid = (__u32)id;

	if (tgid == cfg.self_tgid)
		return 0;
	if (cfg.tid) {
		if (tid != cfg.tid)
			return 0;
	} else if (!cfg.tgid || tgid != cfg.tgid) {
		if (cfg.follow || cfg.exec_tgid) {
			struct inflight *in;

			if (!tgid_bit(&kernel_tgids, tgid) && !tgid_bit(&user_tgids, tgid))
				return 0;
			in = storage(bpf_get_current_task_btf(), 0);
			if (!in || !in->marked)
				return 0;
			*found = in;
		} else if (cfg.tgid) {
			return 0;
		}
	}
	return comm_ok();
}

/* wanted: is the current task traced? (wanted_in also hands back its
 * storage when the answer needed it, so that the caller looks it up
 * once.) */
static __always_inline int wanted(__u64 id)
{
	struct inflight *in = 0;

	return wanted_in(id, &in);
}

#include "aio.h"
#include "mapping.h"

/* args[] can only be indexed by constants in ctx, and a variable index on
 * the stack needs proof of bounds: a switch gives both. */
static __always_inline __u64 arg_of(const __u64 *args, __u8 n)
{
	switch (n) {
	case 1: return args[0];
	case 2: return args[1];
	case 3: return args[2];
	case 4: return args[3];
	case 5: return args[4];
	case 6: return args[5];
	}
	return 0;
}

/* read_path copies path argument i into the task's slot; a string that
 * fills the slot was cut. False when the string cannot be read (yet). */
static __always_inline int read_path(struct inflight *in, int i, __u8 argn)
{
	long n = bpf_probe_read_user_str(in->path[i], IOR_PATH_MAX, (const void *)arg_of(in->args, argn));

	if (n <= 0)
		return 0;
	in->slot_len[i] = n - 1; /* without the NUL */
	in->slot_state[i] |= IOR_SLOT_OK;
	if (n >= IOR_PATH_MAX)
		in->slot_state[i] |= IOR_SLOT_TRUNCATED;
	return 1;
}

/* BTF-typed (tp_btf): the registers are read in place, with no helper
 * call to copy them. */
SEC("tp_btf/sys_enter")
int ior_sys_enter(__u64 *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx[0];
	__u64 id = bpf_get_current_pid_tgid();
	struct inflight *in = 0;
	struct ior_sc_desc d;
	long nr = ctx[1];

	if (nr < 0 || nr >= IOR_MAX_NR)
		return 0;
	d = descs[nr];
	if (!d.traced || !wanted_in(id, &in))
		return 0;
	if (!in)
		in = storage(bpf_get_current_task_btf(), BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!in) {
		stat_inc(IOR_STAT_LOST_INFLIGHT);
		return 0;
	}
	in->enter_ns = bpf_ktime_get_ns();
	in->nr = nr;
	in->args[0] = regs->di;
	in->args[1] = regs->si;
	in->args[2] = regs->dx;
	in->args[3] = regs->r10;
	in->args[4] = regs->r8;
	in->args[5] = regs->r9;
	if (d.filter == IOR_FILTER_AIO_SUBMIT)
		aio_enter(in);
	else if (d.filter && !mapping_enter(in, d.filter)) {
		in->active = 0;
		return 0;
	}
	in->slot_state[0] = 0;
	in->slot_state[1] = 0;
	in->slot_len[0] = 0;
	in->slot_len[1] = 0;
	/* A string whose page is not resident yet cannot be read here; the
	 * exit program tries again once the syscall has faulted it in. */
	if (d.path[0])
		read_path(in, 0, d.path[0]);
	if (d.path[1])
		read_path(in, 1, d.path[1]);
	in->active = 1;
	return 0;
}

/* finish_path: path i, read at enter, or read now when that failed: the
 * syscall has faulted its page in by its exit. */
static __always_inline void finish_path(struct inflight *in, int i, __u8 argn)
{
	if (!argn || (in->slot_state[i] & IOR_SLOT_OK))
		return;
	if (read_path(in, i, argn)) {
		in->slot_state[i] |= IOR_SLOT_RETRIED;
		stat_inc(IOR_STAT_PATHS_RETRIED);
	} else {
		in->slot_state[i] = IOR_SLOT_FAULT;
		stat_inc(IOR_STAT_PATHS_FAULTED);
	}
}

/* current_comm copies the task's name with two loads from its
 * task_struct: bpf_get_current_comm, which copies it byte by byte and
 * pads it, cost a third of the exit program. A name being changed
 * meanwhile (prctl) may come out mixed, as from the helper. */
static __always_inline void current_comm(char *dst)
{
	struct task_struct *t = bpf_get_current_task_btf();
	const __u64 *src = (const __u64 *)t->comm;
	__u64 v[2] = { src[0], src[1] };

	__builtin_memcpy(dst, v, sizeof(v)); /* dst is not 8-aligned in ior_event */
}

static __always_inline void fill_header(struct ior_event *e, __u64 id, __u8 kind)
{
	e->pid = id >> 32;
	e->tid = (__u32)id;
	e->kind = kind;
	e->pad = 0;
	current_comm(e->comm);
}

static __always_inline __u32 bounded(__u32 len, __u32 max)
{
	return len > max ? max : len;
}

/* file_id reads what fd is in the current task's fd table, now. */
static __always_inline void file_id(int fd, struct ior_file_id *id)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct fdtable *fdt = BPF_CORE_READ(t, files, fdt);
	struct file **fds = BPF_CORE_READ(fdt, fd);
	struct file *f = 0;
	const unsigned char *name;

	if (fd < 0 || fd >= BPF_CORE_READ(fdt, max_fds))
		return;
	bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
	if (!f)
		return;
	id->ino = BPF_CORE_READ(f, f_inode, i_ino);
	id->magic = BPF_CORE_READ(f, f_inode, i_sb, s_magic);
	id->priv = (__u64)BPF_CORE_READ(f, private_data);
	name = BPF_CORE_READ(f, f_path.dentry, d_name.name);
	bpf_probe_read_kernel_str(id->name, sizeof(id->name), name);
}

/* new_files fills the struct slot of a call that made fds with what
 * they are: read at exit, from the kernel's own table, so that no later
 * reuse of the numbers can confuse them. */
static __always_inline __u32 new_files(struct inflight *in, struct ior_sc_desc d, __s64 ret)
{
	struct ior_new_files *nf = (struct ior_new_files *)in->blob;

	__builtin_memset(nf, 0, sizeof(*nf));
	nf->fd[0] = nf->fd[1] = -1;
	if (ret < 0)
		return 0;
	if (d.new_fds == IOR_NEW_FD_RET)
		nf->fd[0] = ret;
	else if (bpf_probe_read_user(nf->fd, sizeof(nf->fd), (const void *)arg_of(in->args, d.blob)))
		return 0;
	file_id(nf->fd[0], &nf->id[0]);
	file_id(nf->fd[1], &nf->id[1]);
	return sizeof(*nf);
}

/* emit writes one syscall's record: the header, then its strings and
 * struct at their real lengths (a ring buffer record reserved at run-time
 * size through a dynptr). */
static __always_inline void emit(__s64 ret, __u64 id, struct inflight *in, struct ior_sc_desc d)
{
	struct ior_event e = {};
	struct bpf_dynptr ptr;
	__u32 l0, l1, l2 = 0, off;

	finish_path(in, 0, d.path[0]);
	finish_path(in, 1, d.path[1]);
	fill_header(&e, id, IOR_KIND_SYSCALL);
	e.enter_ns = in->enter_ns;
	e.exit_ns = bpf_ktime_get_ns();
	e.ret = ret;
	e.nr = in->nr;
	__builtin_memcpy(e.args, in->args, sizeof(e.args));
	e.slot_state[0] = in->slot_state[0];
	e.slot_state[1] = in->slot_state[1];
	/* A struct argument is copied at exit, so that output structs (a
	 * file handle from name_to_handle_at) are filled in. */
	if (d.new_fds) {
		l2 = new_files(in, d, ret);
		e.slot_state[2] = l2 ? IOR_SLOT_OK : 0;
	} else if (d.filter == IOR_FILTER_AIO_SUBMIT) {
		l2 = bounded(in->aio_n, IOR_AIO_MAX) * sizeof(struct ior_aio_iocb);
		e.slot_state[2] = l2 ? IOR_SLOT_OK : 0;
	} else if (d.filter) {
		l2 = mapping_exit(in, d.filter, ret);
		e.slot_state[2] = l2 ? IOR_SLOT_OK : 0;
	} else if (d.blob) {
		l2 = bounded(d.blob_len, IOR_BLOB_MAX);
		if (l2 && !bpf_probe_read_user(in->blob, l2, (const void *)arg_of(in->args, d.blob))) {
			e.slot_state[2] = IOR_SLOT_OK;
		} else {
			e.slot_state[2] = IOR_SLOT_FAULT;
			l2 = 0;
		}
	}
	l0 = (e.slot_state[0] & IOR_SLOT_OK) ? bounded(in->slot_len[0], IOR_PATH_MAX) : 0;
	l1 = (e.slot_state[1] & IOR_SLOT_OK) ? bounded(in->slot_len[1], IOR_PATH_MAX) : 0;
	e.slot_len[0] = l0;
	e.slot_len[1] = l1;
	e.slot_len[2] = l2;
	if (!(l0 | l1 | l2)) {
		/* No strings, no struct (most calls): one helper call. */
		if (bpf_ringbuf_output(&events, &e, sizeof(e), wakeup_flags()))
			stat_inc(IOR_STAT_LOST_RINGBUF);
		return;
	}
	if (bpf_ringbuf_reserve_dynptr(&events, sizeof(e) + l0 + l1 + l2, 0, &ptr)) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		stat_inc(IOR_STAT_LOST_RINGBUF);
		return;
	}
	bpf_dynptr_write(&ptr, 0, &e, sizeof(e), 0);
	off = sizeof(e);
	if (l0)
		bpf_dynptr_write(&ptr, off, in->path[0], l0, 0);
	off += l0;
	if (l1)
		bpf_dynptr_write(&ptr, off, in->path[1], l1, 0);
	off += l1;
	if (l2)
		bpf_dynptr_write(&ptr, off, in->blob, l2, 0);
	bpf_ringbuf_submit_dynptr(&ptr, wakeup_flags());
}

SEC("tp_btf/sys_exit")
int ior_sys_exit(__u64 *ctx)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct inflight *in;

	/* Only an enter that passed the filter set active, so the exit needs
	 * only the cheap part of it, to spare untraced tasks the storage
	 * look-up. */
	if (cfg.tid) {
		if ((__u32)id != cfg.tid)
			return 0;
	} else if (cfg.tgid || cfg.follow || cfg.exec_tgid) {
		__u32 tgid = id >> 32;

		if (tgid != cfg.tgid && !tgid_bit(&kernel_tgids, tgid) && !tgid_bit(&user_tgids, tgid))
			return 0;
	}
	in = storage(bpf_get_current_task_btf(), 0);
	if (!in || !in->active) {
		/* Not a traced syscall, or tracing began mid-call. */
		return 0;
	}
	in->active = 0;
	emit(ctx[1], id, in, descs[in->nr & (IOR_MAX_NR - 1)]);
	return 0;
}

#include "tasks.h"
#include "uring.h"
