/* ior's process hooks: exec, fork and exit of traced tasks. Included at
 * the end of ior.bpf.c. */
#ifndef IOR_TASKS_H
#define IOR_TASKS_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "ior.h"
#include "kernel.h"
#include "maps.h"
#include "record.h"
#include "filter.h"
#include "captures.h"
#include "proc.h"


/* A record of a traced task's exec, fork or exit: no syscall, no slots.
 * named, when set, gives the command name instead of the current task:
 * a process's last task to exit may be a helper thread (an io_uring
 * worker, say), and the exit belongs to the process, named by its leader. */
static __always_inline int emit_task(__u64 id, __u8 kind, __u64 a0, __u64 a1, __u64 a2,
				     struct task_struct *named, __u8 mark)
{
	struct ior_full *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e) {
		stat_inc(IOR_STAT_LOST_TASKS);
		return 0;
	}
	fill_header(e, id, kind);
	e->h.mark = mark;
	if (named)
		bpf_probe_read_kernel_str(e->comm, sizeof(e->comm), named->comm);
	__builtin_memset(e->h.slot_state, 0, sizeof(e->h.slot_state));
	__builtin_memset(e->s.slot_len, 0, sizeof(e->s.slot_len));
	e->h.enter_ns = e->exit_ns = bpf_ktime_get_ns();
	e->h.ret = 0;
	e->h.nr = 0;
	__builtin_memset(e->args, 0, sizeof(e->args));
	__builtin_memset(e->name_id, 0, sizeof(e->name_id));
	e->args[0] = a0;
	e->args[1] = a1;
	e->args[2] = a2;
	bpf_ringbuf_submit(e, wakeup_flags(sizeof(*e)));
	return 1;
}

/* For -stacks, what symbolizing the new program's stacks needs and only
 * exec knows, read from the auxiliary vector exec built: the program's
 * entry point (AT_ENTRY, which gives where a position-independent
 * program was loaded) and its interpreter's base (AT_BASE); everything
 * else is mapped later by mmap, which ior records. */
enum { AT_BASE_ = 7, AT_ENTRY_ = 9, AUXV_PAIRS = 32 };

/* emit_exec: the exec record with the program's path as exec was given
 * it (slot 0), its AT_ENTRY (args[0]) and AT_BASE (args[1]). */
static __always_inline int emit_exec(__u64 id, struct linux_binprm *bprm, __u8 mark)
{
	struct ior_full *e = bpf_ringbuf_reserve(&events, sizeof(*e) + IOR_PATH_MAX, 0);
	struct task_struct *t = bpf_get_current_task_btf();
	unsigned long *auxv = BPF_CORE_READ(t, mm)->saved_auxv;
	const char *name = BPF_CORE_READ(bprm, filename);
	long n;

	if (!e) {
		stat_inc(IOR_STAT_LOST_TASKS);
		return 0;
	}
	fill_header(e, id, IOR_KIND_EXEC);
	e->h.mark = mark;
	__builtin_memset(e->h.slot_state, 0, sizeof(e->h.slot_state));
	__builtin_memset(e->s.slot_len, 0, sizeof(e->s.slot_len));
	__builtin_memset(e->args, 0, sizeof(e->args));
	__builtin_memset(e->name_id, 0, sizeof(e->name_id));
	e->h.enter_ns = e->exit_ns = bpf_ktime_get_ns();
	e->h.ret = 0;
	e->h.nr = 0;
	for (int i = 0; i < AUXV_PAIRS; i++) {
		unsigned long kv[2];

		if (bpf_probe_read_kernel(kv, sizeof(kv), auxv + 2 * i) || !kv[0])
			break;
		if (kv[0] == AT_ENTRY_)
			e->args[0] = kv[1];
		else if (kv[0] == AT_BASE_)
			e->args[1] = kv[1];
	}
	n = bpf_probe_read_kernel_str((char *)(e + 1), IOR_PATH_MAX, name);
	if (n > 1) {
		e->s.slot_len[0] = n - 1;
		e->h.slot_state[0] = IOR_SLOT_OK;
	}
	bpf_ringbuf_submit(e, wakeup_flags(sizeof(*e) + IOR_PATH_MAX));
	return 1;
}

/* exec closes O_CLOEXEC descriptors: userspace's fd table must know. The
 * command ior started is traced from its exec on, so that nothing of
 * ior's own launcher (which runs before the exec) is recorded. */
/* exec_path: a traced execve or execveat whose path could not be read
 * at enter (its page not yet faulted in: a string literal of a forked
 * child, say) takes it from the kernel's own copy, here where the old
 * image is already gone and its memory cannot be read again. For a path
 * relative to a dirfd the kernel built "/dev/fd/N/NAME" (fdpath): what
 * follows "/dev/fd/N/" is the name as given. */
static __always_inline void exec_path(struct linux_binprm *bprm)
{
	struct inflight *in = storage(bpf_get_current_task_btf(), 0);
	const char *name, *fdpath = 0;
	char head[32];
	__u32 skip = 0;
	long n;

	if (!in || !in->active || (in->slot_state[0] & IOR_SLOT_OK) || !descs[in->nr & (IOR_MAX_NR - 1)].exec)
		return;
	name = BPF_CORE_READ(bprm, filename);
	if (bpf_core_field_exists(bprm->fdpath))
		fdpath = BPF_CORE_READ(bprm, fdpath);
	if (fdpath && fdpath == name && bpf_probe_read_kernel_str(head, sizeof(head), name) > 8) {
		/* "/dev/fd/" then the dirfd's digits, then "/" unless the name was "" */
		skip = 8;
		for (int i = 8; i < sizeof(head); i++) {
			if (head[i] < '0' || head[i] > '9') {
				/* Looked at here, where i is the loop's: after the
				 * loop each way out was a verifier state of its own
				 * for it (~400 instructions processed). */
				skip = i + (head[i] == '/');
				break;
			}
			skip = i + 1;
		}
	}
	n = bpf_probe_read_kernel_str(in->path[0], 4096, name + skip);
	if (n <= 0)
		return;
	in->slot_len[0] = n - 1;
	in->slot_state[0] = IOR_SLOT_OK | IOR_SLOT_KERNEL;
	stat_inc(IOR_STAT_PATHS_KERNEL);
}

SEC("raw_tracepoint/sched_process_exec")
int ior_exec(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct inflight *pin = 0;
	__u8 mark = 0;
	int sent;

	if (cfg.exec_tgid && (id >> 32) == cfg.exec_tgid && same_start(untrusted(bpf_get_current_task_btf())->group_leader)) {
		struct inflight *in = storage(bpf_get_current_task_btf(), BPF_LOCAL_STORAGE_GET_F_CREATE);

		mark_tgid(id >> 32);
		if (in)
			in->marked = 1;
	}
	if (!wanted(id))
		return 0;
	exec_path((struct linux_binprm *)ctx->args[2]);
	exec_argv((struct linux_binprm *)ctx->args[2]);
	/* The process table's record again, before the exec's own
	 * (proc.h): the new program's events are marked from its first. */
	pin = storage(bpf_get_current_task_btf(), BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (pin) {
		pin->proc_gen = 0; /* sent whatever: an exec */
		proc_look(pin, id);
		/* Not sent (the ring full): marked as a syscall's record. */
		mark = PROC_MARK(pin->proc_why);
	}
	if (cfg.stacks)
		sent = emit_exec(id, (struct linux_binprm *)ctx->args[2], mark);
	else
		sent = emit_task(id, IOR_KIND_EXEC, 0, 0, 0, 0, mark);
	if (!sent && pin) {
		/* User space would go on with the old image's mappings and
		 * close-on-exec fds: the task's records say the exec was lost
		 * (IOR_EVM_EXEC_LOST) until a process record does, sent at its
		 * next call (proc_gen 0). */
		if (!(pin->proc_why & PROC_MARKS))
			__sync_fetch_and_add(&procs_pending, 1);
		pin->proc_why |= PROC_EXEC_LOST | IOR_PROC_EXEC_LOST;
		pin->proc_gen = 0;
	}
	return 0;
}

/* A traced task forked: a new thread, and with cfg.follow a new process,
 * is traced from its first instruction (marked here, in the parent,
 * before it can run), and the fd table learns what it shares. */
SEC("tp_btf/sched_process_fork")
int ior_fork(__u64 *ctx)
{
	struct task_struct *parent = (struct task_struct *)ctx[0];
	struct task_struct *child = (struct task_struct *)ctx[1];
	__u64 id = bpf_get_current_pid_tgid();
	__u64 flags = 0;
	struct inflight *in;

	if (!wanted(id))
		return 0;
	if (!cfg.follow && child->tgid != parent->tgid)
		return 0; /* a child process ior does not follow */
	/* A new thread of a traced process is traced, following or not. */
	in = storage(child, BPF_LOCAL_STORAGE_GET_F_CREATE);
	mark_tgid(child->tgid);
	if (in)
		in->marked = 1;
	if (child->tgid == parent->tgid)
		flags |= IOR_FORK_THREAD;
	/* Through untrusted pointers (kernel.h): loaded from trusted ones,
	 * the verifier searched the kernel's BTF ~3 times for each (~38% of
	 * this program's load, ~6 ms). */
	if (untrusted(child)->files == untrusted(parent)->files)
		flags |= IOR_FORK_FILES;
	emit_task(id, IOR_KIND_FORK, child->tgid, child->pid, flags, 0, 0);
	return 0;
}

/* A traced process ends (its last task exits): an "exit" event with its
 * status, and its fd table can go. A thread that ends alone says nothing. */
SEC("tp_btf/sched_process_exit")
int ior_task_exit(__u64 *ctx)
{
	struct task_struct *t = (struct task_struct *)ctx[0];
	__u64 id = bpf_get_current_pid_tgid();

	struct inflight *pin;
	__u8 mark = 0;

	if (!(__u8)ctx[1] || !wanted(id))
		return 0;
	/* The exiting task may have made no call since its cgroup or
	 * namespaces changed: its process table entry first (proc.h); not
	 * sent (the ring full), the exit is marked as a syscall's record. */
	pin = storage(bpf_get_current_task_btf(), BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (pin) {
		proc_look(pin, id);
		mark = PROC_MARK(pin->proc_why);
	}
	/* The leader through an untrusted pointer (see ior_fork). */
	emit_task(id, IOR_KIND_EXIT, t->exit_code, (__u8)ctx[1], 0, untrusted(t)->group_leader, mark);
	return 0;
}

#endif
