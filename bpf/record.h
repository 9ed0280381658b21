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

/* LEN_WITHIN(len, max, ok) is len bounded to max (a constant), or 0
 * when ok is 0, in one verifier state where bounded() under a ?: left up
 * to three (0, max, and [0, max - 1]) for the verifier to check the rest
 * of the function with, each combination of a record's lengths a state
 * of its own (send_event and uring_send checked ~6 times over). The
 * verifier follows a branch's fall-through first: laid out here so that
 * the path keeping len in [0, max] goes first, the two that set a
 * constant (max, 0) then meet a state that covers them and are pruned.
 * The same instructions as the C (three compares at most, no call). */
#define LEN_WITHIN(len, max, ok)                                          \
	({                                                                \
		__u64 __l = (len), __ok = (ok);                           \
		asm volatile("if %[o] == 0 goto 2f\n\t"                   \
			     "if %[l] > %[m] goto 1f\n\t"                 \
			     "goto 3f\n"                                  \
			     "1:\n\t"                                     \
			     "%[l] = %[m]\n\t"                            \
			     "goto 3f\n"                                  \
			     "2:\n\t"                                     \
			     "%[l] = 0\n"                                 \
			     "3:\n"                                       \
			     : [l] "+r"(__l)                              \
			     : [m] "i"(max), [o] "r"(__ok));              \
		(__u32)__l;                                               \
	})

/* LEN_MAX(len, max): LEN_WITHIN for a len always there. */
#define LEN_MAX(len, max)                                                 \
	({                                                                \
		__u64 __l = (len);                                        \
		asm volatile("if %[l] > %[m] goto 1f\n\t"                 \
			     "goto 2f\n"                                  \
			     "1:\n\t"                                     \
			     "%[l] = %[m]\n"                              \
			     "2:\n"                                       \
			     : [l] "+r"(__l)                              \
			     : [m] "i"(max));                             \
		(__u32)__l;                                               \
	})

#endif
