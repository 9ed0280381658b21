/* Linux AIO: every iocb an io_submit hands the kernel, read at enter
 * (they are input, and the caller may reuse them once the call returns),
 * and every result an io_getevents returns, read at exit: one record
 * each (IOR_KIND_AIO_IOCB, IOR_KIND_AIO_RESULT), however many, so that
 * user space pairs each request with its result by context and iocb
 * address. What cannot be read is counted (IOR_STAT_AIO_UNREAD); a
 * record the ring buffer has no room for is counted lost. Included by
 * ior.bpf.c only. */
#ifndef IOR_AIO_H
#define IOR_AIO_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "ior.h"
#include "kernel.h"
#include "maps.h"
#include "record.h"
#include "names.h"
#include "proc.h" /* PROC_MARK: a result's mark */

/* struct iocb as include/uapi/linux/aio_abi.h lays it out (x86_64, ABI). */
struct user_iocb {
	__u64 aio_data;
	__u32 aio_key;
	__u32 aio_rw_flags;
	__u16 aio_lio_opcode;
	__s16 aio_reqprio;
	__u32 aio_fildes;
	__u64 aio_buf;
	__u64 aio_nbytes;
	__s64 aio_offset;
};

/* struct io_event (include/uapi/linux/aio_abi.h). */
struct user_io_event {
	__u64 data;
	__u64 obj;
	__s64 res;
	__s64 res2;
};

/* The records, built per CPU (the programs' stack is small). */
struct aio_iocb_rec {
	struct ior_full e;
	struct ior_aio_iocb cb;
};

struct aio_result_rec {
	struct ior_full e;
	struct user_io_event ev;
};

struct aio_buf {
	struct aio_iocb_rec iocb;
	struct aio_result_rec result;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct aio_buf);
} aio_bufs SEC(".maps");

struct aio_walk {
	__u64 id;   /* the task's pid_tgid */
	__u64 ctx;  /* the AIO context */
	__u64 arr;  /* io_submit's iocb pointers, io_getevents' results */
	__u64 time; /* io_submit's enter, io_getevents' exit */
	__u8 mark;  /* results: the header's mark, as the reaping call's (emit) */
};

/* aio_send_iocb reads iocb i of an io_submit (w's fields) and sends
 * it, its fd's file named as the kernel names it (names.h); 1: it could
 * not be read. Global, called by aio_iocb: the verifier checks it once,
 * where as the loop's callback it checked it twice (a callback's
 * second round is how the verifier sees that its state is stable), ~700
 * instructions each time. */
__noinline int aio_send_iocb(__u64 id, __u64 ctx, __u64 arr, __u64 time, __u64 i)
{
	struct aio_buf *b;
	struct user_iocb cb;
	struct file *f;
	__u32 zero = 0;
	__u64 p, nid = 0;
	__u8 nst;

	if (bpf_probe_read_user(&p, sizeof(p), (const __u64 *)arr + i) ||
	    bpf_probe_read_user(&cb, sizeof(cb), (const void *)p)) {
		stat_inc(IOR_STAT_AIO_UNREAD);
		return 1;
	}
	f = fd_file(cb.aio_fildes);
	if (f) {
		__u64 dent = (__u64)BPF_CORE_READ(f, f_path.dentry);

		nid = name_of((__u64)BPF_CORE_READ(f, f_path.mnt), dent);
		nst = nid ? IOR_NAME_OK | (unlinked(dent) ? IOR_NAME_DELETED : 0) : IOR_NAME_LOST;
	} else {
		nst = IOR_NAME_NOFILE;
	}
	b = bpf_map_lookup_elem(&aio_bufs, &zero); /* after name_of, which may walk */
	if (!b)
		return 1;
	__builtin_memset(&b->iocb.e, 0, sizeof(b->iocb.e));
	fill_header(&b->iocb.e, id, IOR_KIND_AIO_IOCB);
	b->iocb.e.h.enter_ns = time;
	b->iocb.e.args[0] = ctx;
	b->iocb.e.args[1] = i;
	b->iocb.e.h.name_state[0] = nst;
	b->iocb.e.name_id[0] = nid;
	b->iocb.e.h.slot_state[2] = IOR_SLOT_OK;
	b->iocb.e.s.slot_len[2] = sizeof(b->iocb.cb);
	b->iocb.cb.obj = p;
	b->iocb.cb.data = cb.aio_data;
	b->iocb.cb.nbytes = cb.aio_nbytes;
	b->iocb.cb.offset = cb.aio_offset;
	b->iocb.cb.fd = cb.aio_fildes;
	b->iocb.cb.op = cb.aio_lio_opcode;
	b->iocb.cb.pad = 0;
	if (bpf_ringbuf_output(&events, &b->iocb, sizeof(b->iocb), wakeup_flags(sizeof(b->iocb))))
		stat_inc(IOR_STAT_LOST_RINGBUF);
	return 0;
}

/* aio_iocb: iocb i of the walk w. An unreadable one ends the walk, as
 * it ends the kernel's (which returns the iocbs before it). */
static long aio_iocb(__u64 i, void *vw)
{
	struct aio_walk *w = vw;

	return aio_send_iocb(w->id, w->ctx, w->arr, w->time, i) ? 1 : 0; /* the verifier wants 0 or 1 */
}

/* aio_enter: io_submit(ctx, nr, iocbpp): each iocb, a record each. */
static __always_inline void aio_enter(struct inflight *in, __u64 id)
{
	struct aio_walk w = { .id = id, .ctx = in->args[0], .arr = in->args[2], .time = in->h.enter_ns };
	long nr = in->args[1];

	if (nr <= 0)
		return;
	if (nr > IOR_AIO_LOOP) {
		stat_inc(IOR_STAT_AIO_UNREAD); /* past what one walk reads: their results are aio:UNKNOWN */
		nr = IOR_AIO_LOOP;
	}
	bpf_loop(nr, aio_iocb, &w, 0);
}

/* aio_result reads result i of an io_getevents and sends it. */
static long aio_result(__u64 i, void *vw)
{
	struct aio_walk *w = vw;
	struct aio_buf *b;
	__u32 zero = 0;

	b = bpf_map_lookup_elem(&aio_bufs, &zero);
	if (!b)
		return 1;
	if (bpf_probe_read_user(&b->result.ev, sizeof(b->result.ev), (const struct user_io_event *)w->arr + i)) {
		stat_inc(IOR_STAT_AIO_UNREAD);
		return 0;
	}
	__builtin_memset(&b->result.e, 0, sizeof(b->result.e));
	fill_header(&b->result.e, w->id, IOR_KIND_AIO_RESULT);
	b->result.e.h.mark = w->mark;
	b->result.e.exit_ns = w->time;
	b->result.e.args[0] = w->ctx;
	b->result.e.args[1] = i;
	b->result.e.h.slot_state[2] = IOR_SLOT_OK;
	b->result.e.s.slot_len[2] = sizeof(b->result.ev);
	if (bpf_ringbuf_output(&events, &b->result, sizeof(b->result), wakeup_flags(sizeof(b->result))))
		stat_inc(IOR_STAT_LOST_RINGBUF);
	return 0;
}

/* aio_reap: io_getevents and io_pgetevents(ctx, min_nr, nr, events, ...)
 * returned ret results: each, a record each, before the call's own. */
static __always_inline void aio_reap(struct inflight *in, __u64 id, __s64 ret, __u64 now)
{
	struct aio_walk w = { .id = id, .ctx = in->args[0], .arr = in->args[3], .time = now, .mark = PROC_MARK(in->proc_why) };

	if (ret <= 0)
		return;
	if (ret > IOR_AIO_LOOP) {
		stat_inc(IOR_STAT_AIO_UNREAD);
		ret = IOR_AIO_LOOP;
	}
	bpf_loop(ret, aio_result, &w, 0);
}

#endif
