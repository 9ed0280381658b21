//go:build ignore

/* (Past 350 lines: the two syscall programs and the record they build,
 * the path every traced call takes, read best in one place.)
 * One object on purpose: bpf2go compiles one C file into one object, and
 * the programs share the maps, the filter and the helpers. By concern:
 * the kernel's structs in kernel.h, the config and shared maps in maps.h,
 * the record's helpers in record.h, who is traced in filter.h, strings
 * and structs read as the kernel reads them in copies.h, naming new fds
 * in files.h, naming the files calls use in names.h, io_submit's iocbs in aio.h, the file-mapping filter in
 * mapping.h, the process hooks in tasks.h and the io_uring hooks in
 * uring.h (the last two included at the end). Each header includes what
 * it uses (TestHeadersSelfContained compiles each alone). This file keeps
 * the syscall enter/exit pair with the record they build, which read as
 * one piece. */

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
const struct ior_full *unused_full __attribute__((unused));
const struct ior_slots *unused_slots __attribute__((unused));
const enum ior_ev_flags *unused_ev_flags __attribute__((unused));
const enum ior_ev_mark *unused_ev_mark __attribute__((unused));
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
const struct ior_stack *unused_stack __attribute__((unused));
const enum ior_filter *unused_filter __attribute__((unused));
const enum ior_name_flags *unused_name_flags __attribute__((unused));
const enum ior_name_state *unused_name_state __attribute__((unused));
const enum ior_name_arg *unused_name_arg __attribute__((unused));
const enum ior_fdchange *unused_fdchange __attribute__((unused));
const enum ior_copy *unused_copy __attribute__((unused));
const struct ior_copied *unused_copied __attribute__((unused));
const enum ior_str_max *unused_str_max __attribute__((unused));
const enum ior_blob_size *unused_blob_size __attribute__((unused));
const enum ior_resolved *unused_resolved __attribute__((unused));
const enum ior_capture *unused_capture __attribute__((unused));
const enum ior_capture_limits *unused_capture_limits __attribute__((unused));
const struct ior_offsets *unused_offsets __attribute__((unused));
const enum ior_off_state *unused_off_state __attribute__((unused));
const struct ior_argv *unused_argv __attribute__((unused));
const enum ior_argv_flags *unused_argv_flags __attribute__((unused));
const enum ior_struct *unused_struct __attribute__((unused));
const enum ior_proc_flags *unused_proc_flags __attribute__((unused));
const enum ior_gen *unused_gen __attribute__((unused));
const enum ior_traced *unused_traced __attribute__((unused));

#include "maps.h"

/* Calls of traced tasks to syscalls that are not recorded, by number,
 * while cfg.count_other is set: a per-CPU increment, nothing sent. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, IOR_MAX_NR);
	__type(key, __u32);
	__type(value, __u64);
} other_calls SEC(".maps");

#include "filter.h"

#include "mapping.h"

#include "record.h"
#include "copies.h"

#include "names.h"
#include "resolved.h"
#include "proc.h"
#include "aio.h"

#include "copy.h"
#include "captures.h"

/* The enter's rarer parts, each behind a global function: the verifier
 * checks a global function once, on its own, where inlined they were
 * checked again for each state ior_sys_enter reaches them in (copy_enter
 * up to ~54 times, capture_enter's argv walk ~46). Only the calls that
 * have them pay the call (sockets and poll; captures). in->nr is set. */
__noinline int copy_enter_once(struct inflight *in)
{
	if (in)
		copy_enter(in, descs[in->nr & (IOR_MAX_NR - 1)]);
	return 0;
}

__noinline int capture_enter_once(struct inflight *in)
{
	if (in)
		capture_enter(in, descs[in->nr & (IOR_MAX_NR - 1)]);
	return 0;
}

__noinline int aio_enter_once(struct inflight *in, __u64 id)
{
	if (in)
		aio_enter(in, id);
	return 0;
}

/* aio_reap behind a global function, as the enter's rarer parts: inlined
 * in emit it was checked for each state emit reaches it in (~500 of
 * ior_sys_exit's instructions processed). Only io_getevents pays the
 * call. in->rec_exit is set. */
__noinline int aio_reap_once(struct inflight *in, __u64 id, __s64 ret)
{
	if (in)
		aio_reap(in, id, ret, in->rec_exit);
	return 0;
}

__noinline int mapping_enter_once(struct inflight *in, __u64 filter)
{
	return in ? mapping_enter(in, filter) : 0;
}

/* BTF-typed (tp_btf): the registers are read in place, with no helper
 * call to copy them. */
SEC("tp_btf/sys_enter")
int ior_sys_enter(__u64 *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx[0];
	struct task_struct *t = bpf_get_current_task_btf();
	__u64 id = task_id(t);
	struct inflight *in = 0;
	struct ior_sc_desc d;
	long nr = ctx[1];

	if (nr < 0 || nr >= IOR_MAX_NR)
		return 0;
	/* The whole desc is copied only for a traced task: untraced ones,
	 * the common case, read one byte of it. */
	if (!descs[nr].traced) {
		if (cfg.count_other && wanted_in(t, id, &in)) {
			__u32 k = nr;
			__u64 *v = bpf_map_lookup_elem(&other_calls, &k);

			if (v)
				(*v)++;
		}
		return 0;
	}
	if (!wanted_in(t, id, &in))
		return 0;
	d = desc_of(nr);
	if (!in)
		in = storage(t, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!in) {
		stat_inc(IOR_STAT_LOST_INFLIGHT);
		return 0;
	}
	proc_look(in, id); /* the process table (proc.h): one load and a compare */
	in->h.enter_ns = bpf_ktime_get_ns();
	in->nr = nr;
	in->args[0] = regs->di;
	in->args[1] = regs->si;
	in->args[2] = regs->dx;
	in->args[3] = regs->r10;
	in->args[4] = regs->r8;
	in->args[5] = regs->r9;
	if (d.copy)
		copy_enter_once(in);
	if (d.filter == IOR_FILTER_AIO_SUBMIT)
		aio_enter_once(in, id);
	else if (d.filter == IOR_FILTER_AIO_REAP)
		;
	else if (d.filter && !mapping_enter_once(in, d.filter)) {
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
		read_path(in, 0, d.path[0], d.str_max[0]);
	if (d.path[1])
		read_path(in, 1, d.path[1], d.str_max[1]);
	if (d.capture)
		capture_enter_once(in);
	fd_change(in->args, d.fdchange);
	name_enter(in, d.name[0], 0);
	name_enter(in, d.name[1], 1);
	if (d.resolved > IOR_RESOLVED_RET)
		in->fs_seq = fs_seq_now();
	in->stack.len = 0;
	if (cfg.stacks)
		user_stack(ctx, &in->stack);
	in->active = 1;
	return 0;
}

/* path_retry: finish_path's second read of path i, or its fault.
 * Global, not inlined: read_path inlined twice here was checked again
 * for each state emit reaches it in (~12 each, ~1,400 of ior_sys_exit's
 * instructions processed). Only a path the enter could not read pays
 * the call. */
__noinline int path_retry(struct inflight *in, __u32 i, __u32 argn, __u32 kind, __u32 exec_done)
{
	if (!in)
		return 0;
	i &= 1;
	if (!exec_done && read_path(in, i, argn, kind)) {
		in->slot_state[i] |= IOR_SLOT_RETRIED;
		stat_inc(IOR_STAT_PATHS_RETRIED);
	} else {
		in->slot_state[i] = IOR_SLOT_FAULT;
		stat_inc(IOR_STAT_PATHS_FAULTED);
	}
	return 0;
}

/* finish_path: path i, read at enter, or read now when that failed: the
 * syscall has faulted its page in by its exit. Not after an exec that
 * succeeded: the memory is the new image's by then; the exec hook
 * (tasks.h) took the path from the kernel's copy, or it is unknown. */
static __always_inline void finish_path(struct inflight *in, int i, __u8 argn, __u8 kind, int exec_done)
{
	if (!argn || (in->slot_state[i] & IOR_SLOT_OK))
		return;
	path_retry(in, i, argn, kind, exec_done);
}

#include "files.h"

/* lost_call_stat: the stat a call's record that found no room counts
 * in: an event lost, or a call traced only to name files (not one the
 * user asked for). Read on that failure path only. */
static __always_inline __u32 lost_call_stat(__u32 nr)
{
	return descs[nr & (IOR_MAX_NR - 1)].traced == IOR_TRACED_NAMING ? IOR_STAT_LOST_NAMING : IOR_STAT_LOST_RINGBUF;
}

/* word_count is n, the words of in's record built so far, reloaded
 * from memory and bounded to [0, 15]: the verifier, which tracks no
 * value in memory, sees every count as the same range, and the paths
 * that add a word and those that do not lead to one state (with the
 * counts exact, ior_sys_exit's instructions processed doubled). The
 * real count is at most IOR_REC_WORDS - 1; in->args[15] still lies in
 * struct inflight. */
static __always_inline __u32 word_count(struct inflight *in, __u32 n)
{
	in->rec_words = n;
	return *(volatile __u32 *)&in->rec_words & 15;
}

/* send_event sends the syscall record emit built in in: the header
 * (in->h, its flags holding the count of arguments), the arguments it
 * has (in->args, in place), then what the header's states say follows
 * (ior.h: the name ids, the exit time when the duration does not fit,
 * the task's name, the slots' lengths), then its strings (in's path
 * slots), l2 bytes of its struct (in's blob), its stack and, when lf
 * (sizeof(fid), else 0), the resolved file's id fid, at their real lengths (a ring buffer
 * record reserved at run-time size through a dynptr).
 * Global, not static: the verifier checks a global function once, on its
 * own, with its arguments unknown. Inlined in emit, these ~230
 * instructions were checked again for each of the ~200 distinct states
 * emit's slot kinds lead here (~40,000 of ior_sys_exit's ~58,000
 * instructions processed, most of its load time: the time to ready's
 * longest step). The call costs a bpf-to-bpf call per record. */
__noinline int send_event(struct inflight *in, __u64 blob, __u64 lf_in, __u64 fid)
{
	struct ior_event *e;
	struct ior_slots *s;
	struct bpf_dynptr ptr;
	__u32 l0, l1, l2, ls, lf, off, n, hl;
	__u64 dur;

	if (!in)
		return 0;
	e = &in->h;
	/* What follows the arguments, each word after the last; the
	 * slots' lengths are read after the words that do not depend on
	 * them, so that the verifier walks those once, not once for each
	 * combination of slots. */
	n = e->flags & IOR_EV_NARGS;
	if (n > 6)
		n = 6;
	/* The flags are or-ed into the header in memory: a flags
	 * register took each of its values into a verifier state of its
	 * own. */
	e->flags = n;
	/* Each optional word is counted as n in [0, 15] after it (word_count):
	 * the paths with and without it then meet in one verifier state,
	 * where the exact counts made 2^4 of them (ior_sys_exit's
	 * instructions processed more than doubled). */
	if ((e->name_state[0] & IOR_NAME_STATE) == IOR_NAME_OK) {
		in->args[n] = in->rec_nid[0];
		n++;
		e->flags |= IOR_EV_NID0;
	}
	n = word_count(in, n);
	if ((e->name_state[1] & IOR_NAME_STATE) == IOR_NAME_OK) {
		in->args[n] = in->rec_nid[1];
		n++;
		e->flags |= IOR_EV_NID1;
	}
	n = word_count(in, n);
	dur = in->rec_exit - e->enter_ns;
	if (dur >= 0xffffffffULL) {
		e->dur = 0;
		in->args[n] = in->rec_exit;
		n++;
		e->flags |= IOR_EV_EXIT;
	} else {
		e->dur = dur;
	}
	n = word_count(in, n);
	/* The task's name, only when it is not the one the last of the
	 * task's records that reached the ring carried, under the same
	 * thread id (an exec from a thread takes the leader's): the reader
	 * keeps each thread's name (probe.Threads) and takes it from there.
	 * A record that could not be sent (ring full) makes the next carry
	 * it again (comm_ok, below): a lost record never leaves the reader
	 * with an old name. Two loads from the task_struct, as
	 * current_comm. */
	{
		struct task_struct *t = bpf_get_current_task_btf();
		const __u64 *src = (const __u64 *)t->comm;
		__u64 c0 = src[0], c1 = src[1];

		if (!in->comm_ok || in->comm_tid != e->tid || c0 != in->comm_sent[0] || c1 != in->comm_sent[1]) {
			in->args[n] = c0;
			in->args[n + 1] = c1;
			in->comm_sent[0] = c0;
			in->comm_sent[1] = c1;
			in->comm_tid = e->tid;
			n += 2;
			e->flags |= IOR_EV_COMM;
		}
	}
	n = word_count(in, n);
	/* 64-bit arguments, bounded here: the verifier knows nothing of
	 * them (a __u32 argument's upper half is not cleared either). */
	/* Each length one verifier state (LEN_WITHIN, record.h). */
	l2 = LEN_MAX(blob, IOR_BLOB_MAX);
	lf = lf_in & sizeof(fid); /* 0 or 8: one state, not two */
	l0 = LEN_WITHIN(in->slot_len[0], IOR_PATH_MAX, e->slot_state[0] & IOR_SLOT_OK);
	l1 = LEN_WITHIN(in->slot_len[1], IOR_PATH_MAX, e->slot_state[1] & IOR_SLOT_OK);
	ls = cfg.stacks ? LEN_MAX(in->stack.len, sizeof(in->stack.pcs)) : 0;
	if (l0 | l1 | l2 | ls) {
		s = (struct ior_slots *)&in->args[n];
		s->slot_len[0] = l0;
		s->slot_len[1] = l1;
		s->slot_len[2] = l2;
		s->stack_len = ls;
		n++;
		e->flags |= IOR_EV_SLOTS;
	}
	n = word_count(in, n);
	hl = sizeof(*e) + n * sizeof(__u64);
	if (!(l0 | l1 | l2 | ls | lf)) {
		/* No strings, no struct (most calls): one helper call. */
		if (bpf_ringbuf_output(&events, e, hl, wakeup_flags(hl))) {
			stat_inc(lost_call_stat(e->nr));
			in->comm_ok = 0; /* the next record carries the name */
			return 0;
		}
		in->comm_ok = 1;
		return 0;
	}
	if (bpf_ringbuf_reserve_dynptr(&events, hl + l0 + l1 + l2 + ls + lf, 0, &ptr)) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		stat_inc(lost_call_stat(e->nr));
		in->comm_ok = 0;
		return 0;
	}
	in->comm_ok = 1;
	bpf_dynptr_write(&ptr, 0, e, hl, 0);
	off = hl;
	if (l0)
		bpf_dynptr_write(&ptr, off, in->path[0], l0, 0);
	off += l0;
	if (l1)
		bpf_dynptr_write(&ptr, off, in->path[1], l1, 0);
	off += l1;
	if (l2)
		bpf_dynptr_write(&ptr, off, in->blob, l2, 0);
	off += l2;
	if (ls)
		bpf_dynptr_write(&ptr, off, in->stack.pcs, ls, 0);
	off += ls;
	if (lf)
		bpf_dynptr_write(&ptr, off, &fid, sizeof(fid), 0);
	bpf_ringbuf_submit_dynptr(&ptr, wakeup_flags(hl + l0 + l1 + l2 + ls + lf));
	return 0;
}

/* slot_fill fills a call's struct slot (in's blob) and returns its
 * length; *st is the slot's state. Global, not inlined: the verifier
 * checks it once, where inlined in emit its cases were checked again for
 * each of the ~15 states emit reaches them in (copy_blob's loop ~80
 * times). Only calls with a struct slot pay the call. */
__noinline __u64 slot_fill(struct inflight *in, __s64 ret, __u8 *st)
{
	struct ior_sc_desc d;
	__u32 l2 = 0;
	int copy = 0;

	if (!in || !st)
		return 0;
	d = descs[in->nr & (IOR_MAX_NR - 1)];
	/* The struct slot, as its one kind says. A struct argument is
	 * copied at exit, so that output structs (a file handle from
	 * name_to_handle_at) are filled in; inputs were read at enter. */
	switch (d.slot) {
	case IOR_STRUCT_NEW_FILES:
	case IOR_STRUCT_NEW_FILES_COPY:
		l2 = new_files(in, d, ret);
		*st = l2 ? IOR_SLOT_OK : 0;
		/* accept's peer address, after the new fd: the copy below */
		copy = l2 && d.slot == IOR_STRUCT_NEW_FILES_COPY;
		break;
	case IOR_STRUCT_OFFSETS:
	case IOR_STRUCT_FLOCK:
		l2 = capture_exit(in, d, ret, st);
		break;
	case IOR_STRUCT_COPY:
		copy = 1;
		break;
	case IOR_STRUCT_MAP_FILE:
		l2 = mapping_exit(in, d.filter, ret);
		*st = l2 ? IOR_SLOT_OK : 0;
		break;
	case IOR_STRUCT_BLOB:
		l2 = copy_blob(in, d, ret, st);
		break;
	}
	/* copy_exit inlined once, not in each case that copies: each copy
	 * of it was checked on its own (~300 instructions processed). */
	if (copy) {
		l2 = copy_exit(in, d, ret);
		*st = IOR_SLOT_OK | in->copy_state;
	}
	return l2;
}

/* emit builds one syscall's record in in (in->h and what follows the
 * arguments) and sends it (send_event). Nothing is zeroed first: every
 * byte sent is set here or in send_event. */
static __always_inline void emit(__s64 ret, __u64 id, struct inflight *in, struct ior_sc_desc d)
{
	struct ior_event *e = &in->h;
	__u32 l2 = 0, lf = 0;
	__u64 fid = 0;
	__u8 st2 = 0;

	finish_path(in, 0, d.path[0], d.str_max[0], d.exec && ret == 0);
	finish_path(in, 1, d.path[1], d.str_max[1], d.exec && ret == 0);
	in->rec_exit = bpf_ktime_get_ns();
	e->pid = id >> 32;
	e->tid = (__u32)id;
	e->kind = IOR_KIND_SYSCALL;
	e->flags = d.nargs; /* the count of arguments; send_event adds the rest */
	/* The task's process record is pending (proc.h's PROC_PENDING), or
	 * its exec record was lost (PROC_EXEC_LOST): the reader must not
	 * join this call to its last one, nor its stack to the old image. */
	e->mark = PROC_MARK(in->proc_why);
	e->ret = ret;
	e->nr = in->nr;
	e->slot_state[0] = in->slot_state[0];
	e->slot_state[1] = in->slot_state[1];
	e->name_state[0] = name_exit(in, d.name[0], 0);
	e->name_state[1] = name_exit(in, d.name[1], 1);
	e->file_state[0] = 0;
	e->file_state[1] = 0;
	/* The file path 0 resolved to (resolved.h): its id goes last. */
	if (d.resolved) {
		e->file_state[0] = resolved_file(in, d.resolved, ret, &fid);
		if ((e->file_state[0] & IOR_NAME_STATE) == IOR_NAME_OK)
			lf = sizeof(fid);
	}
	/* The change is done; bumped after the call's own names were read,
	 * which it does not race (dup2(fd, fd)). */
	fd_change(in->args, d.fdchange);
	/* io_getevents' results: records of their own, before the call's.
	 * (io_submit's iocbs went out at enter, aio.h.) */
	if (d.filter == IOR_FILTER_AIO_REAP)
		aio_reap_once(in, id, ret);
	/* The struct slot (slot_fill): most calls have none. */
	if (d.slot)
		l2 = slot_fill(in, ret, &st2);
	e->slot_state[2] = st2;
	send_event(in, l2, lf, fid);
}

SEC("tp_btf/sys_exit")
int ior_sys_exit(__u64 *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx[0];
	struct task_struct *t = bpf_get_current_task_btf();
	__u64 id = task_id(t);
	long nr = regs->orig_ax;
	struct inflight *in;

	/* Before any filter: the exits after which, whoever made them,
	 * names (names.h) or process records (proc.h) may be stale. */
	if (nr >= 0 && nr < IOR_MAX_NR && descs[nr].gen) {
		if (descs[nr].gen & IOR_GEN_NAMES)
			renamed();
		if (descs[nr].gen & IOR_GEN_PROC)
			proc_changed();
	}

	/* Only an enter that passed the filter set active, so the exit needs
	 * only the cheap part of it, to spare untraced tasks the storage
	 * look-up. */
	if (!maybe_wanted(id))
		return 0;
	in = storage(t, 0);
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
