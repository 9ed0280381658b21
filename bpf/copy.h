/* Structs whose length the call passes (desc copy): socket addresses,
 * socket options, pollfd arrays, epoll_event, and timeouts. Inputs are
 * read at enter, before the call can change them (ppoll writes back the
 * time left); outputs at exit, once the kernel filled them, no longer
 * than the caller's buffer and the kernel's length both say. The struct
 * slot holds a struct ior_copied, the timeout (desc ts), then the bytes;
 * for a call that makes fds (accept) all after its struct
 * ior_new_files. Included by ior.bpf.c only, before the enter program. */
#ifndef IOR_COPY_H
#define IOR_COPY_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "ior.h"
#include "kernel.h"
#include "maps.h"
#include "record.h"

#define COPY_HEAD sizeof(struct ior_copied)
#define COPY_FDS sizeof(struct ior_new_files)

/* copy_user reads n bytes, at most cap, into dst. 0 when all of them
 * were read. The verifier loses the bound through the compiler's min,
 * so the size is also masked to a byte, which inflight's spill keeps in
 * bounds. */
static __always_inline long copy_user(void *dst, __u32 n, __u32 cap, __u64 src)
{
	__u64 m;

	if (n > cap)
		n = cap;
	m = n;
	/* in asm, so that the compiler cannot drop it as redundant */
	asm volatile("%0 &= 0xff" : "+r"(m));
	if (!m)
		return 0;
	return bpf_probe_read_user(dst, m, (const void *)src);
}

/* copy_bytes reads n bytes of the struct argument to its place in the
 * slot: after the head, the timeout or the new fds. */
static __always_inline long copy_bytes(struct inflight *in, struct ior_sc_desc d, __u32 n)
{
	__u64 src = arg_of(in->args, d.blob);

	if (n > d.blob_len)
		n = d.blob_len;
	in->copy_n = 0;
	if (d.new_fds) {
		if (copy_user(in->blob + COPY_FDS + COPY_HEAD, n, IOR_BLOB_MAX - COPY_FDS - COPY_HEAD, src))
			return -1;
		in->copy_n = n > IOR_BLOB_MAX - COPY_FDS - COPY_HEAD ? IOR_BLOB_MAX - COPY_FDS - COPY_HEAD : n;
	} else if (d.ts) {
		if (copy_user(in->blob + COPY_HEAD + IOR_TS_LEN, n, IOR_BLOB_MAX - COPY_HEAD - IOR_TS_LEN, src))
			return -1;
		in->copy_n = n > IOR_BLOB_MAX - COPY_HEAD - IOR_TS_LEN ? IOR_BLOB_MAX - COPY_HEAD - IOR_TS_LEN : n;
	} else {
		if (copy_user(in->blob + COPY_HEAD, n, IOR_BLOB_MAX - COPY_HEAD, src))
			return -1;
		in->copy_n = n > IOR_BLOB_MAX - COPY_HEAD ? IOR_BLOB_MAX - COPY_HEAD : n;
	}
	return 0;
}

/* copy_len: the length the call passes, in bytes (ENTER, EXIT), or
 * blob_len when it passes none. An int to the kernel: a negative one is
 * refused, and reads as huge here, bounded by blob_len. */
static __always_inline __u32 copy_len(struct inflight *in, struct ior_sc_desc d)
{
	__u64 v = (__u32)arg_of(in->args, d.len_arg);

	if (!d.len_arg)
		return d.blob_len; /* a struct of fixed size (epoll_event) */

	v = LEN_MAX(v, 0xffff); /* one verifier state (record.h) */
	return v << (d.len_shift & 7);
}

static __always_inline struct ior_copied *copy_head(struct inflight *in, struct ior_sc_desc d)
{
	if (d.new_fds)
		return (struct ior_copied *)(in->blob + COPY_FDS);
	return (struct ior_copied *)in->blob;
}

/* copy_enter reads what is input: the timeout, the caller's buffer size
 * (VALRES), the struct itself (ENTER). */
static __always_inline void copy_enter(struct inflight *in, struct ior_sc_desc d)
{
	struct ior_copied *h = copy_head(in, d);
	__u64 p;

	in->copy_state = 0;
	in->copy_n = 0;
	h->len = h->ulen = 0;
	if (d.ts && !d.new_fds) {
		p = arg_of(in->args, d.ts);
		__builtin_memset(in->blob + COPY_HEAD, 0, IOR_TS_LEN);
		if (p && bpf_probe_read_user(in->blob + COPY_HEAD, IOR_TS_LEN, (const void *)p))
			in->copy_state |= IOR_SLOT_TS_FAULT;
	}
	switch (d.copy) {
	case IOR_COPY_ENTER:
		h->len = h->ulen = copy_len(in, d);
		if (arg_of(in->args, d.blob) && copy_bytes(in, d, h->len))
			in->copy_state |= IOR_SLOT_FAULT;
		break;
	case IOR_COPY_VALRES:
		p = arg_of(in->args, d.len_arg);
		if (p && bpf_probe_read_user(&h->ulen, sizeof(h->ulen), (const void *)p))
			h->ulen = 0;
		break;
	}
}

/* copy_exit reads what is output and returns the slot's length. A
 * timeout unreadable at enter stays so: select, pselect6 and ppoll write
 * the time left back into it. */
static __always_inline __u32 copy_exit(struct inflight *in, struct ior_sc_desc d, __s64 ret)
{
	struct ior_copied *h = copy_head(in, d);
	__u32 n, klen = 0;
	__u64 p;

	switch (d.copy) {
	case IOR_COPY_ENTER:
		/* An input the kernel does not change, on a page not resident
		 * at enter: the call has faulted it in by now. */
		if ((in->copy_state & IOR_SLOT_FAULT) && !copy_bytes(in, d, h->len))
			in->copy_state &= ~IOR_SLOT_FAULT;
		break;
	case IOR_COPY_EXIT:
		h->len = h->ulen = copy_len(in, d);
		if (arg_of(in->args, d.blob) && copy_bytes(in, d, h->len))
			in->copy_state |= IOR_SLOT_FAULT;
		break;
	case IOR_COPY_VALRES:
		p = arg_of(in->args, d.len_arg);
		if (ret < 0 || !p || !arg_of(in->args, d.blob))
			break;
		if (bpf_probe_read_user(&klen, sizeof(klen), (const void *)p)) {
			in->copy_state |= IOR_SLOT_FAULT;
			break;
		}
		h->len = klen;
		n = klen < h->ulen ? klen : h->ulen;
		if (copy_bytes(in, d, n))
			in->copy_state |= IOR_SLOT_FAULT;
		break;
	}
	n = in->copy_n;
	if (d.new_fds)
		return COPY_FDS + COPY_HEAD + (n > IOR_BLOB_MAX - COPY_FDS - COPY_HEAD ? IOR_BLOB_MAX - COPY_FDS - COPY_HEAD : n);
	if (d.ts)
		return COPY_HEAD + IOR_TS_LEN + (n > IOR_BLOB_MAX - COPY_HEAD - IOR_TS_LEN ? IOR_BLOB_MAX - COPY_HEAD - IOR_TS_LEN : n);
	return COPY_HEAD + (n > IOR_BLOB_MAX - COPY_HEAD ? IOR_BLOB_MAX - COPY_HEAD : n);
}

#endif
