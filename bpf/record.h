/* Helpers the record builders share: a syscall argument by number, a
 * record's header, a length bounded for the verifier. */
#ifndef IOR_RECORD_H
#define IOR_RECORD_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "ior.h"
#include "kernel.h"

/* arg_of is argument n (1-6) of args, a map value's array (the task's
 * inflight.args): 0 for none. An index with its bounds checked, not a
 * switch: each of a switch's six cases went on as a state of its own,
 * which the verifier checked the rest of the program for again (~1,350
 * of ior_sys_exit's instructions processed in slot_fill alone). ctx's
 * arguments could only be indexed by constants. */
static __always_inline __u64 arg_of(const __u64 *args, __u8 n)
{
	__u32 i = (__u32)n - 1;

	if (i >= 6)
		return 0;
	return args[i];
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

	__builtin_memcpy(dst, v, sizeof(v)); /* dst may not be 8-aligned */
}

/* fill_header fills what every full record (struct ior_full) has of
 * the current task; the builder sets the rest. */
static __always_inline void fill_header(struct ior_full *e, __u64 id, __u8 kind)
{
	e->h.pid = id >> 32;
	e->h.tid = (__u32)id;
	e->h.kind = kind;
	e->h.flags = IOR_EV_FULL;
	e->h.dur = 0;
	e->h.mark = 0;
	e->s.stack_len = 0;
	/* Records built in reserved memory (tasks.h) leave the rest as
	 * they found it: no resolved files unless the builder sets them. */
	e->h.file_state[0] = 0;
	e->h.file_state[1] = 0;
	e->h.name_state[0] = 0;
	e->h.name_state[1] = 0;
	current_comm(e->comm);
}

static __always_inline __u32 bounded(__u32 len, __u32 max)
{
	return len > max ? max : len;
}

#endif
