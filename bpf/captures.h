/* Values behind pointers that strace shows and no other desc field
 * reads (desc capture, enum ior_capture): the offsets sendfile64, splice
 * and copy_file_range take by pointer, fcntl's struct flock, execve's
 * argv and envp's count. Each is read when the kernel reads it: the
 * offsets and argv at enter (the kernel writes the offsets back; after a
 * successful exec argv is the new image's memory), a struct flock at
 * enter and, for the commands that fill it, at exit. Included by
 * ior.bpf.c and tasks.h (the exec hook's fallback, exec_argv). */
#ifndef IOR_CAPTURES_H
#define IOR_CAPTURES_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "ior.h"
#include "kernel.h"
#include "maps.h"
#include "record.h"
#include "filter.h"

/* fcntl's lock commands (include/uapi/asm-generic/fcntl.h; on x86_64
 * F_GETLK64 and its siblings are these same numbers). */
#define IOR_F_GETLK 5
#define IOR_F_SETLK 6
#define IOR_F_SETLKW 7
#define IOR_F_OFD_GETLK 36
#define IOR_F_OFD_SETLK 37
#define IOR_F_OFD_SETLKW 38

/* fcntl_lock: 1 for a command that reads a struct flock, 2 for one
 * that also writes it back (the GETLK commands), 0 for the others. */
static __always_inline int fcntl_lock(__u64 cmd)
{
	switch ((__u32)cmd) {
	case IOR_F_GETLK:
	case IOR_F_OFD_GETLK:
		return 2;
	case IOR_F_SETLK:
	case IOR_F_SETLKW:
	case IOR_F_OFD_SETLK:
	case IOR_F_OFD_SETLKW:
		return 1;
	}
	return 0;
}

/* off_read: the loff_t at arg argn into o->off[i]. */
static __always_inline void off_read(struct inflight *in, struct ior_offsets *o, int i, __u8 argn)
{
	__u64 p = argn ? arg_of(in->args, argn) : 0;

	o->off[i] = 0;
	o->state[i] = IOR_OFF_NONE;
	if (!p)
		return;
	o->state[i] = bpf_probe_read_user(&o->off[i], sizeof(o->off[i]), (const void *)p) ? IOR_OFF_FAULT : IOR_OFF_OK;
}

/* The walk of an argv or envp (bpf_loop): the task's slot 1 is looked
 * up again in each step, where the verifier knows it as a map value.
 * The bytes of slot 1 used so far are kept there too, in its length
 * (inflight.slot_len[1]), not here: read from a map, the verifier knows
 * nothing of them, and the loop's first round covers the others. Kept
 * here, each round's larger offset was one more state, the step
 * checked again for each (~1,000 instructions processed in
 * ior_sys_enter, ~740 in ior_exec). */
struct argv_walk {
	__u64 arr; /* the user's array of pointers */
	__u32 n;   /* entries seen */
	__u8 flags;
};

/* argv_step reads argument i into slot 1 after those before it. */
static long argv_step(__u64 i, void *vw)
{
	struct argv_walk *w = vw;
	struct inflight *in = storage(bpf_get_current_task_btf(), 0);
	__u64 p = 0, room;
	__u32 off;
	long n;
	char last;

	if (!in)
		return 1;
	if (bpf_probe_read_user(&p, sizeof(p), (const __u64 *)w->arr + i)) {
		w->flags |= IOR_ARGV_FAULT;
		return 1;
	}
	if (!p)
		return 1;
	/* One past the kept ones, or no room left for one: cut. Past 4095
	 * bytes of the slot the 64 left are too few to be worth it; the
	 * mask says the same to the verifier. */
	off = in->slot_len[1];
	if (i >= IOR_ARGV_MAX || off >= 4096) {
		w->flags |= IOR_ARGV_CUT;
		return 1;
	}
	off &= 4095;
	room = IOR_PATH_MAX - off;
	if (room > IOR_ARG_MAX)
		room = IOR_ARG_MAX;
	n = bpf_probe_read_user_str(in->path[1] + off, room, (const void *)p);
	if (n <= 0) {
		w->flags |= IOR_ARGV_FAULT;
		return 1;
	}
	/* n == room: a NUL at room - 1, or none within room (the helper put
	 * one there): the byte it overwrote tells. */
	if (n >= room && !bpf_probe_read_user(&last, 1, (const char *)p + room - 1) && last)
		w->flags |= IOR_ARGV_CUT;
	in->slot_len[1] = off + n;
	w->n = i + 1;
	return 0;
}

/* envp_step counts entry i of envp. */
static long envp_step(__u64 i, void *vw)
{
	struct argv_walk *w = vw;
	__u64 p = 0;

	if (bpf_probe_read_user(&p, sizeof(p), (const __u64 *)w->arr + i)) {
		w->flags |= IOR_ENVP_FAULT;
		return 1;
	}
	if (!p)
		return 1;
	w->n = i + 1;
	if (w->n == IOR_ENVC_MAX) {
		/* Cut only when one more follows. */
		if (!bpf_probe_read_user(&p, sizeof(p), (const __u64 *)w->arr + i + 1) && p)
			w->flags |= IOR_ENVC_CUT;
	}
	return 0;
}

/* capture_argv fills slot 1 with execve's argv and envp's count. */
static __always_inline void capture_argv(struct inflight *in, struct ior_sc_desc d)
{
	struct argv_walk w = { .arr = arg_of(in->args, d.cap_arg[0]) };
	struct ior_argv h = {};
	__u32 off;

	in->slot_len[1] = sizeof(struct ior_argv);
	/* A NULL argv or envp is an empty one to the kernel. */
	if (w.arr)
		bpf_loop(IOR_ARGV_MAX + 1, argv_step, &w, 0);
	h.argc = w.n;
	h.flags = w.flags;
	w.arr = arg_of(in->args, d.cap_arg[1]);
	w.n = 0;
	w.flags = 0;
	if (w.arr)
		bpf_loop(IOR_ENVC_MAX, envp_step, &w, 0);
	h.envc = w.n;
	h.flags |= w.flags;
	__builtin_memcpy(in->path[1], &h, sizeof(h));
	off = in->slot_len[1];
	in->slot_len[1] = off > IOR_PATH_MAX ? IOR_PATH_MAX : off;
	in->slot_state[1] = IOR_SLOT_OK;
}

/* argk_step reads argument i of the kernel's own copy of argv, the new
 * image's strings back to back from mm->arg_start (w->arr the next). */
static long argk_step(__u64 i, void *vw)
{
	struct argv_walk *w = vw;
	struct inflight *in = storage(bpf_get_current_task_btf(), 0);
	__u64 room;
	__u32 off;
	long n;
	char last;

	if (!in)
		return 1;
	off = in->slot_len[1];
	if (off >= 4096) {
		w->flags |= IOR_ARGV_CUT;
		return 1;
	}
	off &= 4095;
	room = IOR_PATH_MAX - off;
	if (room > IOR_ARG_MAX)
		room = IOR_ARG_MAX;
	n = bpf_probe_read_user_str(in->path[1] + off, room, (const void *)w->arr);
	if (n <= 0) {
		w->flags |= IOR_ARGV_FAULT;
		return 1;
	}
	in->slot_len[1] = off + n;
	w->n = i + 1;
	if (n >= room && !bpf_probe_read_user(&last, 1, (const char *)w->arr + room - 1) && last) {
		/* Longer than kept: where the next one starts is not known. */
		w->flags |= IOR_ARGV_CUT;
		return 1;
	}
	w->arr += n;
	return 0;
}

/* exec_argv: a traced execve or execveat whose argv (or envp) could
 * not be read at enter (a page the process had not touched yet) takes
 * them from the kernel's own copy, here at the exec, where the old
 * image's memory is gone: argv's strings as the kernel copied them to
 * the new image's stack, envp's count from the binprm. Not for a #!
 * script or binfmt_misc: their argv is the interpreter's, not the one
 * given (left unreadable). */
static __always_inline void exec_argv(struct linux_binprm *bprm)
{
	struct inflight *in = storage(bpf_get_current_task_btf(), 0);
	struct argv_walk w = {};
	struct ior_argv h;
	struct mm_struct *mm;
	int argc;
	__u32 used;

	if (!in || !in->active || descs[in->nr & (IOR_MAX_NR - 1)].capture != IOR_CAPTURE_ARGV ||
	    !(in->slot_state[1] & IOR_SLOT_OK))
		return;
	__builtin_memcpy(&h, in->path[1], sizeof(h));
	if (!(h.flags & (IOR_ARGV_FAULT | IOR_ENVP_FAULT)) || BPF_CORE_READ(bprm, interp) != BPF_CORE_READ(bprm, filename))
		return;
	if (h.flags & IOR_ENVP_FAULT) {
		h.envc = BPF_CORE_READ(bprm, envc); /* exact: no bound to cut at */
		h.flags &= ~(IOR_ENVP_FAULT | IOR_ENVC_CUT);
	}
	if (h.flags & IOR_ARGV_FAULT) {
		mm = BPF_CORE_READ(bpf_get_current_task_btf(), mm);
		w.arr = BPF_CORE_READ(mm, arg_start);
		argc = BPF_CORE_READ(bprm, argc);
		if (argc > IOR_ARGV_MAX) {
			w.flags |= IOR_ARGV_CUT;
			argc = IOR_ARGV_MAX;
		}
		in->slot_len[1] = sizeof(struct ior_argv);
		if (argc > 0)
			bpf_loop(argc, argk_step, &w, 0);
		h.argc = w.n;
		h.flags = (h.flags & ~(IOR_ARGV_FAULT | IOR_ARGV_CUT)) | w.flags;
		used = in->slot_len[1];
		in->slot_len[1] = used > IOR_PATH_MAX ? IOR_PATH_MAX : used;
	}
	__builtin_memcpy(in->path[1], &h, sizeof(h));
	in->slot_state[1] |= IOR_SLOT_KERNEL;
}

/* capture_enter reads, at a call's enter, what its desc capture says:
 * into slot 2 (offsets, a struct flock) or slot 1 (argv). */
static __always_inline void capture_enter(struct inflight *in, struct ior_sc_desc d)
{
	in->cap_state = 0;
	switch (d.capture) {
	case IOR_CAPTURE_OFFSETS: {
		struct ior_offsets *o = (struct ior_offsets *)in->blob;

		off_read(in, o, 0, d.cap_arg[0]);
		off_read(in, o, 1, d.cap_arg[1]);
		__builtin_memset(o->pad, 0, sizeof(o->pad));
		in->cap_state = IOR_SLOT_OK;
		break;
	}
	case IOR_CAPTURE_FLOCK:
		if (!fcntl_lock(in->args[1]))
			break;
		in->cap_state = bpf_probe_read_user(in->blob, IOR_FLOCK_LEN, (const void *)arg_of(in->args, d.cap_arg[0]))
					? IOR_SLOT_FAULT : IOR_SLOT_OK;
		break;
	case IOR_CAPTURE_ARGV:
		capture_argv(in, d);
		break;
	}
}

/* capture_exit: the struct slot's length (0: none) and its state. A
 * GETLK that succeeded wrote the lock it found (or F_UNLCK) back. */
static __always_inline __u32 capture_exit(struct inflight *in, struct ior_sc_desc d, __s64 ret, __u8 *st)
{
	*st = 0;
	switch (d.capture) {
	case IOR_CAPTURE_OFFSETS:
		*st = in->cap_state;
		return in->cap_state ? sizeof(struct ior_offsets) : 0;
	case IOR_CAPTURE_FLOCK:
		if (fcntl_lock(in->args[1]) == 2 && ret == 0)
			in->cap_state = bpf_probe_read_user(in->blob, IOR_FLOCK_LEN,
							    (const void *)arg_of(in->args, d.cap_arg[0]))
						? IOR_SLOT_FAULT : IOR_SLOT_OK;
		*st = in->cap_state;
		return in->cap_state == IOR_SLOT_OK ? IOR_FLOCK_LEN : 0;
	}
	return 0;
}

#endif
