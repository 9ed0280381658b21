/* What the kernel read, ior reads. A string argument is read up to the
 * kernel's own limit for it; the struct argument of a syscall is copied
 * at its exit, as many bytes as the kernel itself read or wrote there: a
 * fixed block read past the end of what the call used faults when the
 * struct sits right before an unmapped page, and the whole copy is lost.
 * Included by ior.bpf.c only, before the programs. */
#ifndef IOR_COPIES_H
#define IOR_COPIES_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "ior.h"
#include "kernel.h"
#include "maps.h"
#include "record.h"

/* str_limit: the bytes the kernel reads of a string argument at most
 * (enum ior_str_max), NUL included. */
static __always_inline __u32 str_limit(__u8 kind)
{
	switch (kind) {
	case IOR_STR_XATTR: return 256;
	case IOR_STR_MEMFD: return 250;
	}
	return 4096;
}

/* read_path copies path argument i into the task's slot as the kernel
 * reads it: at most its limit of bytes. A string with no NUL within them
 * is one the kernel refused (ENAMETOOLONG, ERANGE, EINVAL): it is kept
 * whole, all limit bytes, and marked cut. False when the string cannot be
 * read (yet). */
static __always_inline int read_path(struct inflight *in, int i, __u8 argn, __u8 kind)
{
	const char *src = (const char *)arg_of(in->args, argn);
	__u32 lim = str_limit(kind);
	long n = bpf_probe_read_user_str(in->path[i], lim, src);
	char last;

	if (n <= 0)
		return 0;
	in->slot_len[i] = n - 1; /* without the NUL */
	in->slot_state[i] |= IOR_SLOT_OK;
	/* n == lim: a NUL at lim - 1, or none within lim bytes (the helper
	 * put one there): the byte the helper overwrote tells. */
	if (n >= lim && lim <= IOR_PATH_MAX && !bpf_probe_read_user(&last, 1, src + lim - 1) && last) {
		in->path[i][(lim - 1) & 4095] = last;
		in->slot_len[i] = lim;
		in->slot_state[i] |= IOR_SLOT_TRUNCATED;
	}
	return 1;
}

/* user_stack copies the current task's user stack (return addresses,
 * innermost first) by the frame pointer chain, as perf does: a frame
 * built without frame pointers breaks the chain, and what comes after
 * it is missing (or wrong, when the register held something else). */
static __always_inline void user_stack(void *ctx, struct ior_stack *st)
{
	long n = bpf_get_stack(ctx, st->pcs, sizeof(st->pcs), BPF_F_USER_STACK);

	st->len = n > 0 ? n : 0;
}

/* io_uring_register's opcodes whose argument user space reads
 * (include/uapi/linux/io_uring.h). */
#define IOR_REGISTER_FILES 2
#define IOR_REGISTER_FILES_UPDATE 6
#define IOR_REGISTER_FILES2 13
#define IOR_REGISTER_FILES_UPDATE2 14

/* copy_len reads the struct from src into the slot: l bytes (bounded by
 * the slot); its length, or 0 with *st FAULT when unreadable. */
static __always_inline __u32 copy_sized(struct inflight *in, const void *src, __u32 len, __u8 *st)
{
	__u64 l = len;

	/* The compiler folds a bound into the computation of l, where the
	 * verifier loses it: it is checked again here, on the register. */
	asm volatile("" : "+r"(l));
	if (l > IOR_BLOB_MAX)
		l = IOR_BLOB_MAX;
	if (!l)
		return 0;
	if (bpf_probe_read_user(in->blob, l, src)) {
		*st = IOR_SLOT_FAULT;
		return 0;
	}
	*st = IOR_SLOT_OK;
	return l;
}

/* copy_handle: a struct file_handle is its 8-byte header and handle_bytes
 * more (the kernel takes at most MAX_HANDLE_SZ). name_to_handle_at
 * writes them all only when it succeeds; when it fails (EOVERFLOW: the
 * size it needs) only the header. */
static __always_inline __u32 copy_handle(struct inflight *in, const void *src, __s64 ret, int out, __u8 *st)
{
	__u32 n;

	if (!copy_sized(in, src, 8, st))
		return 0;
	n = *(__u32 *)in->blob;
	if (!n || n > IOR_HANDLE_MAX || (out && ret < 0))
		return 8;
	if (bpf_probe_read_user(in->blob + 8, n, src + 8))
		return 8; /* the header alone: the handle is not known */
	return 8 + n;
}

/* copy_events: io_getevents' results, as many as it returned, each
 * struct io_event copied on its own; those past the slot, or past one
 * that cannot be read, are counted lost (their requests stay in flight
 * to user space). */
static __always_inline __u32 copy_events(struct inflight *in, const void *src, __s64 ret, __u8 *st)
{
	__u32 n = 0;

	if (ret <= 0)
		return 0;
	for (int i = 0; i < IOR_BLOB_MAX / IOR_AIO_EVENT; i++) {
		if (i >= ret)
			break;
		if (bpf_probe_read_user(in->blob + i * IOR_AIO_EVENT, IOR_AIO_EVENT, src + i * IOR_AIO_EVENT))
			break;
		n = i + 1;
	}
	if (ret > n) {
		__u64 *v;
		__u32 k = IOR_STAT_AIO_RESULTS_LOST;

		v = bpf_map_lookup_elem(&stats, &k);
		if (v)
			*v += ret - n;
	}
	*st = n ? IOR_SLOT_OK : IOR_SLOT_FAULT;
	return n * IOR_AIO_EVENT;
}

/* register_len: what io_uring_register reads of its argument, for the
 * opcodes user space decodes: REGISTER_FILES' nr_args fds (4 bytes each),
 * FILES_UPDATE's struct io_uring_files_update (16 bytes), FILES2's and
 * FILES_UPDATE2's 32-byte structs (which nr_args must size exactly). */
static __always_inline __u32 register_len(__u64 op, __u64 nr)
{
	switch ((__u32)op) {
	case IOR_REGISTER_FILES:
		return (__u32)nr > IOR_BLOB_MAX / 4 ? IOR_BLOB_MAX : (__u32)nr * 4;
	case IOR_REGISTER_FILES_UPDATE:
		return 16;
	case IOR_REGISTER_FILES2:
	case IOR_REGISTER_FILES_UPDATE2:
		return (__u32)nr == 32 ? 32 : 0;
	}
	return 0;
}

/* copy_blob fills the struct slot of a call whose desc names a struct
 * argument; returns its length and sets *st. */
static __always_inline __u32 copy_blob(struct inflight *in, struct ior_sc_desc d, __s64 ret, __u8 *st)
{
	const void *src = (const void *)arg_of(in->args, d.blob);

	*st = 0;
	switch (d.blob_size) {
	case IOR_BLOB_HANDLE:
		/* name_to_handle_at's handle is its output (arg 3). */
		return copy_handle(in, src, ret, d.blob == 3, st);
	case IOR_BLOB_EVENTS:
		return copy_events(in, src, ret, st);
	case IOR_BLOB_SIZED:
		if (arg_of(in->args, d.blob_arg) < d.blob_min)
			return 0; /* the kernel refused it unread (EINVAL) */
		return copy_sized(in, src, d.blob_len, st);
	case IOR_BLOB_URING_REGISTER:
		return copy_sized(in, src, register_len(in->args[1], in->args[3]), st);
	}
	return copy_sized(in, src, d.blob_len, st);
}

#endif
