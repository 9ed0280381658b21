/* How each io_uring op's arguments are read from the prepared request
 * (struct io_kiocb's cmd area, CO-RE) into a request's entry. A part of
 * uring.h, which includes it after the entry's types: included first, it
 * includes uring.h, which includes it there. */
#include "uring.h"

#ifndef IOR_URING_ARGS_H
#define IOR_URING_ARGS_H


/* kpath copies a kernel string (a struct filename's name) into slot i. */
static __always_inline void kpath(struct uring_path *p, int i, struct filename *f)
{
	const char *name = BPF_CORE_READ(f, name);
	long n;

	if (!name) {
		p->state[i] = IOR_SLOT_FAULT;
		return;
	}
	n = bpf_probe_read_kernel_str(p->path[i], IOR_PATH_MAX, name);
	if (n <= 0) {
		p->state[i] = IOR_SLOT_FAULT;
		return;
	}
	p->len[i] = n - 1;
	p->state[i] = IOR_SLOT_OK;
	if (n >= IOR_PATH_MAX)
		p->state[i] |= IOR_SLOT_TRUNCATED;
}

/* op_args reads what the op was prepared with; for path ops, its strings
 * into *p (returns whether it has any). */
static __always_inline int op_args(struct io_kiocb *req, struct uring_req *r, struct uring_path *p)
{
	void *cmd = &req->cmd;
	struct filename *f0 = 0, *f1 = 0;

	switch (r->opcode) {
	case OP_READV: case OP_WRITEV: case OP_READ_FIXED: case OP_WRITE_FIXED:
	case OP_READ: case OP_WRITE: case OP_READ_MULTISHOT: case OP_READV_FIXED: case OP_WRITEV_FIXED: {
		struct io_rw *rw = cmd;

		r->args[2] = rw->kiocb.ki_pos;
		r->args[3] = rw->len;
		r->args[4] = (__u32)rw->flags;
		break;
	}
	case OP_FSYNC: case OP_SYNC_FILE_RANGE: case OP_FALLOCATE: {
		struct io_sync *s = cmd;

		r->args[2] = s->off;
		r->args[3] = s->len;
		r->args[4] = (__u32)(r->opcode == OP_FALLOCATE ? s->mode : s->flags);
		break;
	}
	case OP_FADVISE: {
		struct io_fadvise *fa = cmd;

		r->args[2] = fa->offset;
		r->args[3] = fa->len;
		r->args[4] = fa->advice;
		break;
	}
	case OP_FTRUNCATE:
		r->args[3] = ((struct io_ftrunc *)cmd)->len;
		break;
	case OP_SPLICE: case OP_TEE: {
		struct io_splice *sp = cmd;

		r->x.fd2 = sp->splice_fd_in;
		r->args[2] = sp->off_out;
		r->args[3] = sp->len;
		r->args[4] = sp->flags;
		break;
	}
	case OP_OPENAT: case OP_OPENAT2: {
		struct io_open *o = cmd;

		f0 = o->filename;
		r->args[1] = (__s64)o->dfd;
		r->args[4] = o->how.flags;
		r->args[5] = o->how.mode;
		r->x.file_slot = o->file_slot;
		break;
	}
	case OP_CLOSE: {
		struct io_close *cl = cmd;

		r->args[1] = (__s64)cl->fd;
		r->x.file_slot = cl->file_slot;
		break;
	}
	case OP_STATX: {
		struct io_statx *st = cmd;

		f0 = st->filename;
		r->args[1] = (__s64)st->dfd;
		r->args[4] = st->flags;
		r->args[5] = st->mask;
		break;
	}
	case OP_RENAMEAT: {
		struct io_rename *rn = cmd;

		f0 = rn->oldpath;
		f1 = rn->newpath;
		r->args[1] = (__s64)rn->old_dfd;
		r->x.fd2 = rn->new_dfd;
		r->args[4] = (__u32)rn->flags;
		break;
	}
	case OP_UNLINKAT: {
		struct io_unlink *u = cmd;

		f0 = u->filename;
		r->args[1] = (__s64)u->dfd;
		r->args[4] = (__u32)u->flags;
		break;
	}
	case OP_MKDIRAT: {
		struct io_mkdir *m = cmd;

		f0 = m->filename;
		r->args[1] = (__s64)m->dfd;
		r->args[5] = m->mode;
		break;
	}
	case OP_SYMLINKAT: case OP_LINKAT: {
		struct io_link *l = cmd;

		f0 = l->oldpath;
		f1 = l->newpath;
		r->args[1] = (__s64)l->old_dfd;
		r->x.fd2 = l->new_dfd;
		r->args[4] = (__u32)l->flags;
		break;
	}
	}
	if (!f0)
		return 0;
	p->len[0] = p->len[1] = 0;
	p->state[0] = p->state[1] = 0;
	kpath(p, 0, f0);
	if (f1)
		kpath(p, 1, f1);
	return 1;
}

#endif
