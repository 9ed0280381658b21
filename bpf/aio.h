/* Linux AIO: the iocbs an io_submit hands the kernel, read at enter (they
 * are input, and the caller may reuse them once the call returns), so
 * that user space can name each request's file and, when io_getevents
 * returns its result (by the iocb's address), make it an event of its
 * own. Included by ior.bpf.c only. */
#ifndef IOR_AIO_H
#define IOR_AIO_H

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

/* aio_enter: io_submit(ctx, nr, iocbpp): the first IOR_AIO_MAX iocbs
 * into the struct slot. One that cannot be read ends the copy. */
static __always_inline void aio_enter(struct inflight *in)
{
	struct ior_aio_iocb *out = (struct ior_aio_iocb *)in->blob;
	const __u64 *pp = (const __u64 *)in->args[2];
	long nr = in->args[1];
	__u8 n = 0;

	in->aio_n = 0;
	for (int i = 0; i < IOR_AIO_MAX; i++) {
		struct user_iocb cb;
		__u64 p;

		if (i >= nr || bpf_probe_read_user(&p, sizeof(p), pp + i) ||
		    bpf_probe_read_user(&cb, sizeof(cb), (const void *)p))
			break;
		out[i].obj = p;
		out[i].data = cb.aio_data;
		out[i].nbytes = cb.aio_nbytes;
		out[i].offset = cb.aio_offset;
		out[i].fd = cb.aio_fildes;
		out[i].op = cb.aio_lio_opcode;
		out[i].pad = 0;
		n = i + 1;
	}
	in->aio_n = n;
}

#endif
