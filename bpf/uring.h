/* (Past 350 lines: one request's life — submission, naming, async,
 * failure, completion, overflow — shares its state and map.)
 * ior's io_uring hooks: every request a traced process submits becomes
 * one record (IOR_KIND_URING, struct ior_uring_req) when it completes.
 * (Past 350 lines: submission, completion and overflow share the maps
 * and the record they build.)
 * Included at the end of ior.bpf.c.
 *
 * A request is seen at io_uring:io_uring_submit_req (after the kernel
 * has prepared it: the op's arguments are in the request, path strings
 * copied into the kernel), or at io_uring:io_uring_req_failed when the
 * kernel rejects the SQE before that; it is paired by its address with
 * io_uring:io_uring_complete, as a syscall's enter is paired with its
 * exit. io_uring:io_uring_queue_async_work says it went to an io-wq
 * worker. The filter runs at submission, on the submitting task: io
 * threads (SQPOLL, io-wq) are made without the fork tracepoint and are
 * never marked, so they count as their process's leader. Completion
 * needs no filter: a request that was not recorded at submission has no
 * entry to find. */
#ifndef IOR_URING_H
#define IOR_URING_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "ior.h"
#include "kernel.h"
#include "maps.h"
#include "record.h"
#include "filter.h"
#include "names.h"
#include "proc.h" /* procs_pending, PROC_PENDING: a request's mark */


#define IORING_CQE_F_MORE 2
#define IOSQE_CQE_SKIP_SUCCESS 64 /* REQ_F_CQE_SKIP: the same bit */

/* Opcodes (include/uapi/linux/io_uring.h, enum io_uring_op): ABI. */
enum {
	OP_READV = 1, OP_WRITEV = 2, OP_FSYNC = 3, OP_READ_FIXED = 4, OP_WRITE_FIXED = 5,
	OP_SYNC_FILE_RANGE = 8, OP_FALLOCATE = 17, OP_OPENAT = 18, OP_CLOSE = 19,
	OP_STATX = 21, OP_READ = 22, OP_WRITE = 23, OP_FADVISE = 24, OP_OPENAT2 = 28,
	OP_SPLICE = 30, OP_TEE = 33, OP_RENAMEAT = 35, OP_UNLINKAT = 36, OP_MKDIRAT = 37,
	OP_SYMLINKAT = 38, OP_LINKAT = 39, OP_READ_MULTISHOT = 49, OP_FTRUNCATE = 55,
	OP_READV_FIXED = 60, OP_WRITEV_FIXED = 61,
};

#include "uring_kernel.h"

/* A request between its submission and its completion. */
struct uring_req {
	__u64 submit_ns;
	__u64 id; /* the submitter's pid_tgid */
	__u64 args[6];
	struct ior_uring_req x;
	__u16 opcode;
	__u8 has_paths; /* its strings wait in uring_paths */
	/* name_state/name_id were read at submission (a CLOSE's file, a path
	 * op's bases); else the request's own file is named at completion. */
	__u8 named;
	__u8 name_state[2]; /* enum ior_name_state */
	__u8 mark; /* the record's (enum ior_ev_mark: start) */
	/* In its slot by address, or in uring_reqs (not in its slot by
	 * ring and user_data): counted in uring_udn. See uring_slots. */
	__u8 counted;
	__u64 name_id[2];
	char comm[IOR_COMM_LEN];
};

/* Not preallocated (nor uring_by_ud): only requests whose slot is taken
 * come here (uring_slots), so the common path never allocates, and the
 * 3.4 MB (1.5 MB) the kernel zeroed and charged at map creation, ~2 ms
 * of ior's start, go. A failed update is a counted loss, as when full. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 16384); /* requests in flight at once */
	__type(key, __u64);         /* the request's address */
	__type(value, struct uring_req);
} uring_reqs SEC(".maps");

/* The path strings of a request in flight, kept apart so that reads and
 * writes, the common ops, carry no 8 KiB with them. */
struct uring_path {
	__u16 len[2];
	__u8 state[2];
	__u8 pad[4];
	char path[2][IOR_PATH_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 4096);
	__type(key, __u64);
	__type(value, struct uring_path);
} uring_paths SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct uring_path);
} uring_scratch SEC(".maps");

/* Requests in flight by ring and user_data: a completion that goes to
 * the CQ overflow list (io_uring_cqe_overflow) names no request, only
 * these. n counts the traced requests in flight with that user_data;
 * req is the last one submitted, which an overflow pairs with only when
 * it is the one (n == 1). */
struct uring_ud_key {
	__u64 ctx;
	__u64 user_data;
};

struct uring_ud {
	__u64 req;
	__u64 n;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 16384); /* as uring_reqs: one per request at most */
	__type(key, struct uring_ud_key);
	__type(value, struct uring_ud);
} uring_by_ud SEC(".maps");

/* With -stacks, a request's user stack: that of the io_uring_enter that
 * submitted it, which the syscall's enter already read (the submitter is
 * current at submission). A request from the SQ thread (SQPOLL) has none. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 16384);
	__type(key, __u64); /* the request's address */
	__type(value, struct ior_stack);
} uring_stacks SEC(".maps");

static __always_inline void uring_stack_save(__u64 key, __u8 exec)
{
	struct inflight *in;

	if (!cfg.stacks)
		return;
	in = (exec & IOR_URING_SQPOLL) ? 0 : storage(bpf_get_current_task_btf(), 0);
	if (in && in->active && in->stack.len && !bpf_map_update_elem(&uring_stacks, &key, &in->stack, BPF_ANY))
		return;
	/* None: nor one left by an earlier request at this address whose
	 * completion ior did not see. */
	bpf_map_delete_elem(&uring_stacks, &key);
}

#include "uring_args.h"

/* io_uring_enter's number (x86_64's, and the generic table's). */
#define IOR_NR_IO_URING_ENTER 426

/* start fills a request's entry (on the stack: stored once, complete)
 * for the submitting task t (id: its task_id; in: its storage if the
 * filter looked it up): its name by two loads, as current_comm
 * (record.h) reads it, from the t the caller has.
 * Its submission time: a task that is not an io thread submits only
 * inside io_uring_enter (io_submit_sqes, every SQE of the call in one
 * loop); when ior traced that call's entry (its storage says so: active,
 * and the call's number, which only an entry ior traced writes), every
 * request the call submits takes its entry time, and spares a clock read
 * (~20 ns under bpf-stats). The SQ thread's requests, and a task's whose
 * io_uring_enter ior does not trace, read the clock. */
static __always_inline void start(struct uring_req *r, struct task_struct *t, __u64 id, __u8 exec,
				  struct inflight *in)
{
	const __u64 *comm = (const __u64 *)t->comm;
	__u64 v[2] = { comm[0], comm[1] };

	if (!(exec & IOR_URING_SQPOLL) && !in)
		in = storage(t, 0);
	if (in && in->active && in->nr == IOR_NR_IO_URING_ENTER)
		r->submit_ns = in->h.enter_ns;
	else
		r->submit_ns = bpf_ktime_get_ns();
	r->id = id;
	r->x.fd2 = -1;
	r->x.exec = exec;
	__builtin_memcpy(r->comm, v, sizeof(v));
	/* Submitted while the submitter's process record is pending
	 * (proc.h): its record is marked as the submitter's syscalls'. */
	if (procs_pending && !(exec & IOR_URING_SQPOLL) && in)
		r->mark = PROC_MARK(in->proc_why);
}

/* kcast: kernel address p as a BTF-typed pointer to T (read-only, its
 * loads made fault-safe by the verifier): a field is one load, not a
 * bpf_probe_read_kernel call (about 15 ns each under perf). */
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;
#define kcast(p, T) ((T *)bpf_rdonly_cast((void *)(p), bpf_core_type_id_kernel(T)))

/* The requests in flight, first in a slot of an array at an index hashed
 * from the request's ring and user_data (its primary slot), else at one
 * hashed from its address: an inlined array look-up and an atomic
 * claim, where the hash maps cost a locked bucket, a free list and a
 * copy each way (the two were 4 of 5 kernel hash operations per request
 * and the largest share of the traced workload's time under perf). A
 * request whose two slots are taken (others in flight there, or ones
 * whose completion ior never saw) goes to uring_reqs and uring_by_ud, as
 * all did before. The primary slot is where the CQ overflow, which names
 * a ring and a user_data but no request, looks first: a request there is
 * not counted in uring_udn (its count and its locked add and sub were
 * ~10 ns of each request under bpf-stats); one anywhere else is. A
 * completion finds its request's primary slot from the request's ring
 * and user_data (two loads from it, where the kernel keeps them). A slot
 * is claimed with a compare-and-swap of req from 0,
 * or taken over when it holds the same address (a request freed without
 * a completion ior saw, its memory reused); its ctx is set last and
 * cleared first, so that the overflow's scan never matches a slot being
 * filled or freed.
 * Only the claim is a locked operation: ctx's setting and clearing and
 * the release (req back to 0) are plain stores, kept in program order
 * by put() (volatile, after a compiler barrier), which x86's stores
 * keep for every other CPU (ior runs on x86_64: README). The release
 * needs no compare-and-swap: while the request is in flight nothing
 * else writes its slot's req (a claim by another address fails, a
 * takeover needs this address freed and reused). Each locked
 * operation drains the store buffer, which holds the slot's ~200 bytes
 * just copied: under perf they were the submission's hottest lines. */
#define URING_SLOT_BITS 12
struct uring_slot {
	__u64 req; /* the request's address; 0: free */
	struct uring_req r;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1 << URING_SLOT_BITS);
	__type(key, __u32);
	__type(value, struct uring_slot);
} uring_slots SEC(".maps");

/* lo32 is a request address's low 32 bits as a number: the verifier
 * allows no math on a BTF-typed pointer but a 32-bit move (a privileged
 * program's), which clang without alu32 does not emit by itself. */
static __always_inline __u32 lo32(__u64 key)
{
	__u64 v;

	asm volatile("r0 = %1\n\tw0 = w0\n\t%0 = r0" : "=r"(v) : "r"(key) : "r0");
	return v;
}

/* put stores v at p after every store before it, in that order for
 * every CPU (see uring_slots): a compiler barrier, then a volatile store. */
#define put(p, v)                                  \
	do {                                       \
		asm volatile("" ::: "memory");     \
		*(volatile __u64 *)(p) = (v);      \
	} while (0)

/* ud_hash is the index of ring ctx's user_data ud: its requests' primary
 * slot, and their counter in uring_udn. */
static __always_inline __u32 ud_hash(__u64 ctx, __u64 ud)
{
	return ((lo32(ctx) ^ (__u32)ud ^ (__u32)(ud >> 32)) * 0x9E3779B1U) >> (32 - URING_SLOT_BITS);
}

static __always_inline struct uring_slot *slot_at(__u32 i)
{
	return bpf_map_lookup_elem(&uring_slots, &i);
}

static __always_inline struct uring_slot *slot_of(__u64 key)
{
	/* Fibonacci hashing: requests are slab objects a few hundred bytes
	 * apart; the top bits of the product spread them over the slots. */
	__u32 i = (lo32(key) * 0x9E3779B1U) >> (32 - URING_SLOT_BITS);

	return bpf_map_lookup_elem(&uring_slots, &i);
}

/* How many requests uring_reqs holds (those whose slot was taken, and
 * any whose completion ior never saw): while none, a completion that
 * finds no slot (an untraced request's: every ring's completions run the
 * program) is decided without the hash look-up. Counted after the entry
 * is stored, uncounted after it is deleted. */
volatile __u64 uring_hashed;

/* How many requests are in a slot by address (see uring_hashed): while
 * none, a completion that finds none in its primary slot looks no
 * further there. */
volatile __u64 uring_second;

/* req_find: request key's entry (key: a live request, whose ring and
 * user_data are read from it), and in *slot its slot if it has one. */
static __always_inline struct uring_req *req_find(__u64 key, struct uring_slot **slot)
{
	struct io_kiocb *kr = kcast(key, struct io_kiocb);
	struct uring_slot *s = slot_at(ud_hash((__u64)kr->ctx, kr->cqe.user_data));

	*slot = 0;
	if (s && s->req == key) {
		*slot = s;
		return &s->r;
	}
	if (uring_second) {
		s = slot_of(key);
		if (s && s->req == key) {
			*slot = s;
			return &s->r;
		}
	}
	if (!uring_hashed)
		return 0;
	return bpf_map_lookup_elem(&uring_reqs, &key);
}

/* For the overflow, which names a ring and a user_data but no request:
 * the traced requests in flight not in their primary slot (uring_slots),
 * counted by a hash of (ring, user_data), with the address of the last
 * one counted. With the primary slot (a request there with that ring and
 * user_data, or not): one of them (n == 1, the slot's not a match) is
 * the request when its ring and user_data match (a traced request with
 * these would be counted here or be in that slot); none (n == 0), the
 * slot's if it matches, else no traced request; several (a user_data
 * shared, or two pairs on one counter) only then the scan of the slots.
 * n is incremented before req is written and read before it, so that
 * n == 1 never comes with the req of a second. */
struct uring_udn {
	__u64 n;
	__u64 req;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1 << URING_SLOT_BITS);
	__type(key, __u32);
	__type(value, struct uring_udn);
} uring_udn SEC(".maps");

static __always_inline struct uring_udn *udn_of(__u64 ctx, __u64 ud)
{
	__u32 i = ud_hash(ctx, ud);

	return bpf_map_lookup_elem(&uring_udn, &i);
}

/* take claims slot s for request key: 1 if it is free or holds key (a
 * request at this address whose completion ior never saw: its ctx is
 * cleared at once, as a slot's being filled). */
static __always_inline int take(struct uring_slot *s, __u64 key)
{
	__u64 old;

	if (!s)
		return 0;
	old = __sync_val_compare_and_swap(&s->req, 0, key);
	if (old == key)
		put(&s->r.x.ctx, 0);
	return !old || old == key;
}

/* claim takes request key's slot, its primary one (primary: it may have
 * one, see store) or else its slot by address, unless both are taken;
 * store then finds it holding key (nothing else writes key there while
 * the request is in flight). It comes before the entry is built: the
 * compare-and-swap, a locked operation, waits for every store before it
 * to leave the store buffer, which then holds little (after the entry's
 * ~140 bytes it was the submission's hottest line under perf). It
 * passes nothing to store: a pointer or flag kept across the entry's
 * building would split each verifier state in it. */
static __always_inline void claim(__u64 key, __u64 ctx, __u64 ud, int primary)
{
	if (primary && take(slot_at(ud_hash(ctx, ud)), key))
		return;
	take(slot_of(key), key);
}

/* store stores request key's entry r: in its primary slot (primary: it
 * may have one: its ring and user_data are the request's own, which the
 * completion reads), else its slot by address, else uring_reqs. */
static __always_inline int store(__u64 key, struct uring_req *r, int primary)
{
	struct uring_ud_key k = { .ctx = r->x.ctx, .user_data = r->args[0] };
	struct uring_ud *u, nu = { .req = key, .n = 1 };
	struct uring_udn *c = udn_of(k.ctx, k.user_data);
	struct uring_slot *s = primary ? slot_at(ud_hash(k.ctx, k.user_data)) : 0;

	r->x.ctx = 0;
	if (s && s->req == key) {
		r->counted = 0;
		s->r = *r;
		put(&s->r.x.ctx, k.ctx); /* last: see uring_slots */
		return 1;
	}
	r->counted = 1;
	s = slot_of(key);
	if (s && s->req == key) {
		s->r = *r;
		put(&s->r.x.ctx, k.ctx); /* last: see uring_slots */
		__sync_fetch_and_add(&uring_second, 1);
		goto counted;
	}
	r->x.ctx = k.ctx;
	if (bpf_map_update_elem(&uring_reqs, &key, r, BPF_ANY)) {
		stat_inc(IOR_STAT_LOST_URING_REQS);
		return 0;
	}
	__sync_fetch_and_add(&uring_hashed, 1);
	u = bpf_map_lookup_elem(&uring_by_ud, &k);
	if (u) {
		u->req = key;
		__sync_fetch_and_add(&u->n, 1);
	} else {
		bpf_map_update_elem(&uring_by_ud, &k, &nu, BPF_ANY);
	}
counted:
	if (c) {
		__sync_fetch_and_add(&c->n, 1);
		put(&c->req, key); /* after n (a locked add): see uring_udn */
	}
	return 1;
}

/* forget_ud: a request of ring ctx with user_data ud is done. */
static __always_inline void forget_ud(__u64 ctx, __u64 ud)
{
	struct uring_ud_key k = { .ctx = ctx, .user_data = ud };
	struct uring_ud *u = bpf_map_lookup_elem(&uring_by_ud, &k);

	if (u && __sync_fetch_and_add(&u->n, -1) <= 1)
		bpf_map_delete_elem(&uring_by_ud, &k);
}

/* name_file names file f for a request (names.h's walk and cache):
 * its state, and *id. No file: IOR_NAME_NOFILE. */
static __always_inline __u8 name_file(struct file *f, __u64 *id)
{
	__u64 mnt, dent;

	if (!f)
		return IOR_NAME_NOFILE;
	mnt = (__u64)BPF_CORE_READ(f, f_path.mnt);
	dent = (__u64)BPF_CORE_READ(f, f_path.dentry);
	*id = name_of(mnt, dent);
	if (!*id)
		return IOR_NAME_LOST;
	return IOR_NAME_OK | (unlinked(dent) ? IOR_NAME_DELETED : 0);
}

/* name_good is names.h's test of a cached name (name_fresh), the
 * dentry read on loads. */
static __always_inline int name_good(struct name_val *v, struct dentry *d)
{
	return v->id && name_fresh(v, name_gen, (__u64)d->d_parent, d->d_name.hash_len);
}

/* The last file a completion named on this CPU and its cached name, as
 * names.h holds them: a run of requests on one file (the common case)
 * tests them without the look-up in names (a hash of the key, a bucket,
 * the LRU's reference bit). Good under the same test as names' entry,
 * whose copy it is. */
struct uring_memo {
	struct name_key k;
	struct name_val v;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct uring_memo);
} uring_memo SEC(".maps");

/* req_file_name names the file request req (BTF-typed) holds, as
 * name_file does, its common case on plain loads: the name cached
 * (uring_memo, else names.h's cache) and still good by name_of's own
 * test. Else name_file, which walks. */
static __always_inline __u8 req_file_name(struct io_kiocb *req, __u64 *id)
{
	struct file *f = req->file;
	struct uring_memo *m;
	struct dentry *d;
	struct name_key k;
	struct name_val *v;
	__u32 zero = 0;

	if (!f)
		return IOR_NAME_NOFILE;
	d = f->f_path.dentry;
	k.mnt = (__u64)f->f_path.mnt;
	k.dentry = (__u64)d;
	m = bpf_map_lookup_elem(&uring_memo, &zero);
	if (m && m->k.mnt == k.mnt && m->k.dentry == k.dentry && name_good(&m->v, d)) {
		*id = m->v.id;
	} else {
		v = bpf_map_lookup_elem(&names, &k);
		if (!v || !name_good(v, d))
			return name_file(BPF_CORE_READ(req, file), id);
		*id = v->id;
		if (m) {
			m->k = k;
			m->v = *v;
		}
	}
	/* unlinked(), on loads */
	return IOR_NAME_OK | (!d->d_hash.pprev && d->d_parent != d ? IOR_NAME_DELETED : 0);
}

/* slot_file is the file in slot i of ring ctx's fixed-file table, now. */
static __always_inline struct file *slot_file(struct io_ring_ctx *ctx, __u32 i)
{
	struct io_rsrc_node **nodes = BPF_CORE_READ(ctx, file_table.data.nodes);
	struct io_rsrc_node *n = 0;

	if (i >= BPF_CORE_READ(ctx, file_table.data.nr))
		return 0;
	bpf_probe_read_kernel(&n, sizeof(n), &nodes[i]);
	if (!n)
		return 0;
	return (struct file *)(BPF_CORE_READ(n, file_ptr) & IOR_FFS_MASK);
}

/* REQ_F_* bits (the IOSQE_* ones) of a request the kernel does not issue
 * when it is submitted: IO_DRAIN, IO_LINK, IO_HARDLINK, ASYNC. */
#define IOR_REQ_DEFERRED 0x1e

/* close_name names the file a CLOSE request is to close, at its
 * submission: it has no file of its own (the request's file is none),
 * and by its completion the file is gone. Named only when the kernel
 * issues it right after (not linked, not drained, not forced to io-wq):
 * then it finds what is there now, in the submitter's fd table (the SQ
 * thread shares its process's) or the ring's fixed-file table. A CLOSE
 * issued later may find another file (one a request before it opened):
 * unknown (IOR_NAME_RACED), never the file there at submission. */
/* Global, not inlined: the verifier checks it once rather than for each
 * of the ~6 states that reach the call. Each check of 'req->ctx' (a
 * pointer loaded from a trusted one) costs it ~3 linear searches of the
 * kernel's BTF (btf_nested_type_is_trusted); only CLOSE requests pay the
 * call. req stays trusted (arg:trusted). */
__noinline int close_name(struct io_kiocb *req __attribute__((btf_decl_tag("arg:trusted"))), struct uring_req *r)
{
	struct io_ring_ctx *ctx;
	struct file *f;

	if (!r)
		return 0;
	ctx = untrusted(req)->ctx;
	r->named = 1;
	if ((req->flags & IOR_REQ_DEFERRED) || BPF_CORE_READ(ctx, submit_state.link.head) ||
	    BPF_CORE_READ_BITFIELD_PROBED(ctx, drain_active)) {
		r->name_state[0] = IOR_NAME_RACED;
		return 0;
	}
	if (r->x.file_slot)
		f = slot_file(ctx, r->x.file_slot - 1);
	else
		f = fd_file((int)r->args[1]);
	r->name_state[0] = name_file(f, &r->name_id[0]);
	return 0;
}

/* base_name names what path i of a path op is relative to, at its
 * submission, as names.h does for a call's path: the root for an absolute
 * path (a chroot's), the cwd for AT_FDCWD (both the submitter's, which
 * the SQ thread and io-wq workers share), else the dirfd's file. Named
 * now, while the dirfd holds it; the kernel resolves the path when it
 * issues the request, later for a linked or io-wq one. */
static __always_inline void base_name(struct uring_req *r, struct uring_path *p, int i, int dfd)
{
	struct fs_struct *fs = BPF_CORE_READ(bpf_get_current_task_btf(), fs);
	__u64 mnt, dent, id;
	struct file *f;

	if (!(p->state[i] & IOR_SLOT_OK))
		return; /* no path read: nothing to resolve */
	if (p->path[i][0] == '/') {
		mnt = (__u64)BPF_CORE_READ(fs, root.mnt);
		dent = (__u64)BPF_CORE_READ(fs, root.dentry);
	} else if (dfd == NAME_AT_FDCWD) {
		mnt = (__u64)BPF_CORE_READ(fs, pwd.mnt);
		dent = (__u64)BPF_CORE_READ(fs, pwd.dentry);
	} else {
		f = fd_file(dfd);
		if (!f) {
			r->name_state[i] = IOR_NAME_NOFILE;
			return;
		}
		mnt = (__u64)BPF_CORE_READ(f, f_path.mnt);
		dent = (__u64)BPF_CORE_READ(f, f_path.dentry);
	}
	id = name_of(mnt, dent);
	r->name_id[i] = id;
	r->name_state[i] = id ? IOR_NAME_OK | (unlinked(dent) ? IOR_NAME_DELETED : 0) : IOR_NAME_LOST;
}

/* The request is BTF-typed here: its fields are read in place. */
SEC("tp_btf/io_uring_submit_req")
int ior_uring_submit(__u64 *ctx)
{
	struct io_kiocb *req = (struct io_kiocb *)ctx[0];
	/* One helper call for the task: its ids and name are loads. */
	struct task_struct *t = bpf_get_current_task_btf();
	__u64 id = task_id(t), key = (__u64)req;
	struct uring_req r = {};
	struct inflight *in = 0;
	struct uring_path *p;
	__u32 zero = 0;
	__u8 exec = 0;
	__u64 flags;

	if (!uring_wanted(t, id, &exec, &in))
		return 0;
	flags = req->flags;
	if (flags & IOSQE_CQE_SKIP_SUCCESS) {
		/* No completion will come if it succeeds: nothing to pair
		 * with. Counted, not recorded. */
		stat_inc(IOR_STAT_URING_UNPAIRED);
		return 0;
	}
	p = bpf_map_lookup_elem(&uring_scratch, &zero);
	if (!p)
		return 0;
	r.x.ctx = (__u64)untrusted(req)->ctx;
	r.args[0] = req->cqe.user_data;
	claim(key, r.x.ctx, r.args[0], 1); /* first: see claim */
	start(&r, t, id, exec, in);
	r.opcode = req->opcode;
	r.x.sqe_flags = flags & 0x7f; /* REQ_F_* bits 0-6 are IOSQE_* */
	/* The SQE's fd, for an op that needs a file (else stale: the ops
	 * that name an fd or dirfd otherwise set it from their struct). */
	r.args[1] = (__s64)req->cqe.fd;
	if (op_args(req, &r, p)) {
		/* The bases of its paths (SYMLINKAT's first is text). */
		r.named = 1;
		if (r.opcode != OP_SYMLINKAT)
			base_name(&r, p, 0, (int)r.args[1]);
		base_name(&r, p, 1, r.x.fd2);
		if (bpf_map_update_elem(&uring_paths, &key, p, BPF_ANY)) {
			/* The path map is full: the request is recorded, its
			 * paths unknown (not unreadable: they were read). */
			stat_inc(IOR_STAT_LOST_URING_PATHS);
			r.x.exec |= IOR_URING_PATHS_LOST;
		} else {
			r.has_paths = 1;
		}
	}
	if (r.opcode == OP_CLOSE)
		close_name(req, &r);
	if (store(key, &r, 1))
		uring_stack_save(key, exec);
	return 0;
}

/* A request the kernel refused before issuing it (a bad SQE): what the
 * SQE said, since the request was not prepared. Its completion follows. */
SEC("tp_btf/io_uring_req_failed")
int ior_uring_failed(__u64 *ctx)
{
	struct io_uring_sqe *sqe = (struct io_uring_sqe *)ctx[0];
	struct task_struct *t = bpf_get_current_task_btf();
	__u64 id = task_id(t), key = ctx[1];
	struct io_kiocb *req = (struct io_kiocb *)ctx[1];
	struct uring_req r = {};
	struct inflight *in = 0;
	__u8 exec = IOR_URING_REJECTED;

	if (!uring_wanted(t, id, &exec, &in))
		return 0;
	start(&r, t, id, exec, in);
	r.opcode = sqe->opcode;
	r.x.sqe_flags = sqe->flags;
	r.x.ctx = (__u64)untrusted(req)->ctx;
	r.args[0] = sqe->user_data;
	r.args[1] = (__s64)sqe->fd;
	r.args[2] = sqe->off;
	r.args[3] = sqe->len;
	r.named = 1; /* never issued: no file looked up, no path read */
	r.name_state[0] = IOR_NAME_NOFILE;
	/* Not by its ring and user_data: the request's own were maybe not
	 * set before the kernel refused it (the SQE's are read here). */
	claim(key, 0, 0, 0);
	if (store(key, &r, 0))
		uring_stack_save(key, exec);
	return 0;
}

SEC("tp_btf/io_uring_queue_async_work")
int ior_uring_async(__u64 *ctx)
{
	struct uring_slot *s;
	struct uring_req *r = req_find(ctx[0], &s);

	if (r)
		r->x.exec |= IOR_URING_IOWQ;
	return 0;
}

/* A completion's record as one output sends it (no paths): the header,
 * then the struct. */
struct uring_rec {
	struct ior_full e;
	struct ior_uring_req x;
};

/* The common completion's record: a request named at its completion
 * (no second name), with no paths and no stack, a sixth argument of 0
 * (reads, writes) and a duration that fits 32 bits. As ior.h's compact
 * records lay it out: five arguments, the name id, the task's name, the
 * slots' lengths, then the struct (slot 2); the duration in the header.
 * 144 bytes (152 with the ring's header), where the full one has 168
 * (176): per record fewer bytes for the ring's cold lines to take in
 * (64 more cost ior_uring_complete ~13 ns under bpf-stats). */
struct uring_crec {
	struct ior_event h;
	__u64 args[5];
	__u64 name_id;
	char comm[IOR_COMM_LEN];
	struct ior_slots s;
	struct ior_uring_req x;
};

/* The same with four arguments: a fifth of 0 (a read's or write's
 * rw_flags, most often) is left out, as a syscall record leaves out
 * those past its count (the reader takes them as 0): 136 bytes. */
struct uring_crec4 {
	struct ior_event h;
	__u64 args[4];
	__u64 name_id;
	char comm[IOR_COMM_LEN];
	struct ior_slots s;
	struct ior_uring_req x;
};

/* crec_fill fills c, a uring_crec or uring_crec4 of n arguments, for
 * request r (see crec_send). */
#define crec_fill(c, n, r, res, dur, state, id)                                   \
	do {                                                                      \
		(c).h.enter_ns = (r)->submit_ns;                                  \
		(c).h.ret = (res);                                                \
		(c).h.pid = (r)->id >> 32;                                        \
		(c).h.tid = (__u32)(r)->id;                                       \
		(c).h.dur = (dur);                                                \
		(c).h.nr = (r)->opcode;                                           \
		(c).h.kind = IOR_KIND_URING;                                      \
		(c).h.flags = (n) | IOR_EV_NID0 | IOR_EV_COMM | IOR_EV_SLOTS;     \
		(c).h.slot_state[0] = 0;                                          \
		(c).h.slot_state[1] = 0;                                          \
		(c).h.slot_state[2] = IOR_SLOT_OK;                                \
		(c).h.name_state[0] = (state);                                    \
		(c).h.name_state[1] = 0;                                          \
		(c).h.file_state[0] = 0;                                          \
		(c).h.file_state[1] = 0;                                          \
		(c).h.mark = (r)->mark;                                           \
		__builtin_memcpy((c).args, (r)->args, (n) * sizeof(__u64));       \
		(c).name_id = (id);                                               \
		__builtin_memcpy((c).comm, (r)->comm, sizeof((c).comm));          \
		(c).s.slot_len[0] = 0;                                            \
		(c).s.slot_len[1] = 0;                                            \
		(c).s.slot_len[2] = sizeof((c).x);                                \
		(c).s.stack_len = 0;                                              \
		(c).x = (r)->x;                                                   \
	} while (0)

/* crec_send sends request r's common record (see uring_crec): four
 * arguments when the fifth is 0. */
static __always_inline void crec_send(struct uring_req *r, __s32 res, __u32 dur, __u8 state, __u64 id)
{
	long err;

	if (!r->args[4]) {
		struct uring_crec4 c;

		crec_fill(c, 4, r, res, dur, state, id);
		err = bpf_ringbuf_output(&events, &c, sizeof(c), wakeup_flags(sizeof(c)));
	} else {
		struct uring_crec c;

		crec_fill(c, 5, r, res, dur, state, id);
		err = bpf_ringbuf_output(&events, &c, sizeof(c), wakeup_flags(sizeof(c)));
	}
	if (err)
		stat_inc(IOR_STAT_LOST_RINGBUF);
}

/* uring_send sends rec, with the request's paths p and stack st when
 * there are (a ring buffer record reserved at run-time size through a
 * dynptr). Global, not inlined in finish: the verifier checks it once,
 * with its arguments unknown, where inlined it was checked again for
 * each state finish reaches it in (~1,700 of ior_uring_complete's and
 * ior_uring_overflow's instructions processed each); like send_event.
 * Only completions with paths or a stack pay the call (finish). */
__noinline int uring_send(struct uring_rec *rec, struct uring_path *p, struct ior_stack *st)
{
	struct ior_full *e;
	struct bpf_dynptr ptr;
	__u32 l0 = 0, l1 = 0, l2 = sizeof(struct ior_uring_req), ls = 0;

	if (!rec)
		return 0;
	e = &rec->e;
	if (p) {
		e->h.slot_state[0] = p->state[0];
		e->h.slot_state[1] = p->state[1];
		/* Each length one verifier state (LEN_WITHIN, record.h). */
		l0 = LEN_WITHIN(p->len[0], IOR_PATH_MAX, p->state[0] & IOR_SLOT_OK);
		l1 = LEN_WITHIN(p->len[1], IOR_PATH_MAX, p->state[1] & IOR_SLOT_OK);
	}
	e->h.slot_state[2] = IOR_SLOT_OK;
	e->s.slot_len[0] = l0;
	e->s.slot_len[1] = l1;
	e->s.slot_len[2] = l2;
	if (st)
		ls = LEN_MAX(st->len, sizeof(st->pcs));
	e->s.stack_len = ls;
	if (!(l0 | l1 | ls)) {
		/* No paths (reads, writes): header and struct in one output. */
		if (bpf_ringbuf_output(&events, rec, sizeof(*rec), wakeup_flags(sizeof(*rec))))
			stat_inc(IOR_STAT_LOST_RINGBUF);
		return 0;
	}
	if (bpf_ringbuf_reserve_dynptr(&events, sizeof(*e) + l0 + l1 + l2 + ls, 0, &ptr)) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		stat_inc(IOR_STAT_LOST_RINGBUF);
		return 0;
	}
	bpf_dynptr_write(&ptr, 0, e, sizeof(*e), 0);
	if (p && l0)
		bpf_dynptr_write(&ptr, sizeof(*e), p->path[0], l0, 0);
	if (p && l1)
		bpf_dynptr_write(&ptr, sizeof(*e) + l0, p->path[1], l1, 0);
	bpf_dynptr_write(&ptr, sizeof(*e) + l0 + l1, &rec->x, l2, 0);
	if (st && ls)
		bpf_dynptr_write(&ptr, sizeof(*e) + l0 + l1 + l2, st->pcs, ls, 0);
	bpf_ringbuf_submit_dynptr(&ptr, wakeup_flags(sizeof(*e) + l0 + l1 + l2 + ls));
	return 0;
}

/* The completion time of the CQ batch being posted, per CPU. The kernel
 * posts a batch of CQEs (each io_uring_complete) and then makes them
 * visible to user space at once, storing the CQ's tail
 * (io_commit_cqring): every CQE of a batch completes, as the program
 * sees it, when that tail moves. A completion whose ring's committed
 * tail is the one the memo saw, past the CQE the memo saw (cached_cq_tail
 * further on), is in the same batch: it takes the batch's time, read at
 * its first traced CQE, and spares a clock read (~20 ns each under
 * bpf-stats, a serialising TSC read in ktime_get_mono_fast_ns). Between
 * two CQEs of a batch no tail is stored, so the batch's CQEs show up for
 * the program no earlier than that time, nor later than the commit. */
struct uring_batch {
	/* Even: the fields are whole. A writer makes it odd (a
	 * compare-and-swap), writes them, makes it even again; a reader
	 * takes them only with the same even seq before and after. A
	 * program may be preempted (PREEMPT kernels: tracing programs run
	 * with migration disabled, not preemption), and another on this CPU
	 * may then read or write the memo in the middle. */
	__u64 seq;
	__u64 ctx;
	__u64 ns;
	/* The jiffy of ns: a memo no older than that tick (the two tails,
	 * 32-bit, repeat after 2^32 CQEs, which no ring posts in a tick). */
	__u64 jiffies;
	__u32 committed; /* the CQ's tail when ns was read */
	__u32 cached;    /* cached_cq_tail at the CQE that read ns */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct uring_batch);
} uring_batch SEC(".maps");

/* batch_ns is the completion time of a CQE of ring ctxp being posted now:
 * its batch's (uring_batch), or the clock's for a batch's first. */
static __always_inline __u64 batch_ns(__u64 ctxp)
{
	struct io_ring_ctx *c = kcast(ctxp, struct io_ring_ctx);
	__u32 committed = c->rings->cq.tail, cached = c->cached_cq_tail, zero = 0;
	struct uring_batch *b = bpf_map_lookup_elem(&uring_batch, &zero);
	__u64 ns, seq, j = bpf_jiffies64(); /* a load: the verifier inlines it */

	if (!b)
		return bpf_ktime_get_ns();
	seq = *(volatile __u64 *)&b->seq;
	asm volatile("" ::: "memory");
	if (!(seq & 1) && b->ctx == ctxp && b->committed == committed && (__s32)(cached - b->cached) > 0 &&
	    b->jiffies == j) {
		ns = b->ns;
		asm volatile("" ::: "memory");
		if (*(volatile __u64 *)&b->seq == seq)
			return ns;
	}
	ns = bpf_ktime_get_ns();
	/* Once per batch: the locked operation is the writers' exclusion. */
	if (!(seq & 1) && __sync_val_compare_and_swap(&b->seq, seq, seq + 1) == seq) {
		b->ctx = ctxp;
		b->ns = ns;
		b->jiffies = j;
		b->committed = committed;
		b->cached = cached;
		put(&b->seq, seq + 2);
	}
	return ns;
}

/* finish sends request key's record, its entry r (in slot s, if not in
 * uring_reqs) completed with res and cflags at exit_ns, and forgets the
 * request unless more completions follow. */
static __always_inline void finish(__u64 key, struct uring_slot *s, struct uring_req *r, __s32 res, __u32 cflags,
				   __u64 exit_ns)
{
	struct uring_path *p = 0;
	struct ior_stack *st = 0;
	struct uring_udn *c;
	/* One copy on the stack: the naming's calls below need the room. */
	struct uring_rec rec;
	struct ior_full *e = &rec.e;
	__u64 dur = exit_ns - r->submit_ns, nid = 0;
	__u8 ns = 0;
	int more;

	r->x.cqe_flags = cflags;
	r->x.exec_tid = (__u32)bpf_get_current_pid_tgid();
	more = cflags & IORING_CQE_F_MORE;
	if (!r->named) {
		/* The file the kernel looked up for the request (its fd's, or
		 * its fixed slot's), which it holds until the request is
		 * freed, after this: named as it is now (renames, deletion). */
		ns = req_file_name(kcast(key, struct io_kiocb), &nid);
		if (!r->has_paths && !cfg.stacks && !r->args[5] && dur < 0xffffffffULL) {
			crec_send(r, res, dur, ns, nid);
			goto sent;
		}
	}
	__builtin_memset(&rec, 0, sizeof(rec));
	e->h.kind = IOR_KIND_URING;
	e->h.flags = IOR_EV_FULL;
	e->h.pid = r->id >> 32;
	e->h.tid = (__u32)r->id;
	__builtin_memcpy(e->comm, r->comm, sizeof(e->comm));
	e->h.enter_ns = r->submit_ns;
	e->exit_ns = exit_ns;
	e->h.ret = res;
	e->h.nr = r->opcode;
	e->h.mark = r->mark;
	__builtin_memcpy(e->args, r->args, sizeof(e->args));
	if (!r->named) {
		e->h.name_state[0] = ns;
		e->name_id[0] = nid;
	} else {
		e->h.name_state[0] = r->name_state[0];
		e->h.name_state[1] = r->name_state[1];
		e->name_id[0] = r->name_id[0];
		e->name_id[1] = r->name_id[1];
	}
	rec.x = r->x;
	if (r->has_paths)
		p = bpf_map_lookup_elem(&uring_paths, &key);
	if (cfg.stacks)
		st = bpf_map_lookup_elem(&uring_stacks, &key);
	if (p || st) {
		uring_send(&rec, p, st);
	} else {
		/* No paths, no stack (reads, writes): header and struct in
		 * one output, here, without uring_send's call. */
		e->h.slot_state[2] = IOR_SLOT_OK;
		e->s.slot_len[2] = sizeof(rec.x);
		if (bpf_ringbuf_output(&events, &rec, sizeof(rec), wakeup_flags(sizeof(rec))))
			stat_inc(IOR_STAT_LOST_RINGBUF);
	}
sent:
	if (more)
		return;
	if (st)
		bpf_map_delete_elem(&uring_stacks, &key);
	if (r->has_paths)
		bpf_map_delete_elem(&uring_paths, &key);
	c = r->counted ? udn_of(r->x.ctx, r->args[0]) : 0;
	if (c)
		__sync_fetch_and_add(&c->n, -1);
	if (s) {
		if (r->counted)
			__sync_fetch_and_add(&uring_second, -1);
		/* ctx first, then the release: see uring_slots. */
		put(&s->r.x.ctx, 0);
		put(&s->req, 0);
		return;
	}
	forget_ud(r->x.ctx, r->args[0]);
	if (!bpf_map_delete_elem(&uring_reqs, &key))
		__sync_fetch_and_add(&uring_hashed, -1);
}

/* A completion: the request's record, with what it did. Auxiliary CQEs
 * (no request) and those of untraced requests find no entry. */
SEC("tp_btf/io_uring_complete")
int ior_uring_complete(__u64 *ctx)
{
	struct io_uring_cqe *cqe = (struct io_uring_cqe *)ctx[2];
	__u64 key = ctx[1]; /* void * in the tracepoint */
	struct uring_slot *s;
	struct uring_req *r;

	if (!key)
		return 0;
	if (kcast(key, struct io_kiocb)->opcode == OP_RENAMEAT)
		renamed(); /* names.h: any ring's, traced or not */
	r = req_find(key, &s);
	if (r)
		finish(key, s, r, cqe->res, cqe->flags, batch_ns(ctx[0]));
	return 0;
}

/* What the overflow's scan of uring_slots found: how many slots hold a
 * request of ring ctx with user_data ud, and the last one's. */
struct ud_match {
	__u64 ctx;
	__u64 ud;
	__u64 req;
	__u32 n;
	__u32 i;
};

static long ud_match_slot(void *map, __u32 *i, struct uring_slot *s, struct ud_match *m)
{
	__u64 ctx = s->r.x.ctx; /* read first: 0 while the slot is filled or freed */

	if (!ctx || ctx != m->ctx || s->r.args[0] != m->ud || !s->req)
		return 0;
	m->req = s->req;
	m->i = *i;
	return ++m->n > 1; /* a second: no need to look further */
}

/* overflow_req is the only traced request in flight of ring ctx with
 * user_data ud (its address), or 0 when there is none, or 1 when there
 * are several. Not inlined: the scan's frame is not on the stack when
 * finish names the request. */
static __noinline __u64 overflow_req(__u64 ctx, __u64 ud)
{
	struct ud_match m = { .ctx = ctx, .ud = ud };
	struct uring_ud_key k = { .ctx = ctx, .user_data = ud };
	struct uring_udn *c = udn_of(ctx, ud);
	struct uring_ud *u;
	struct uring_slot *s, *ps = slot_at(ud_hash(ctx, ud));
	struct uring_req *r;
	__u64 n, key, pkey = 0;

	n = c ? __sync_fetch_and_add(&c->n, 0) : 0; /* a full barrier: n before req */
	/* ctx first: 0 while the slot is filled or freed (uring_slots). */
	if (ps && ps->r.x.ctx == ctx && ps->r.args[0] == ud)
		pkey = ps->req;
	if (!n)
		return pkey;
	if (n == 1 && !pkey) {
		key = c->req;
		r = req_find(key, &s);
		if (r && r->args[0] == ud && r->x.ctx == ctx)
			return key;
		/* Another's, or one that has completed since: look. */
	}
	u = bpf_map_lookup_elem(&uring_by_ud, &k);

	bpf_for_each_map_elem(&uring_slots, ud_match_slot, &m, 0);
	n = m.n + (u ? u->n : 0);
	if (!n)
		return 0;
	if (n != 1)
		return 1;
	if (m.n)
		return m.req;
	return u ? u->req : 0;
}

/* A completion the CQ had no room for goes to the ring's overflow list
 * (or is dropped) and fires this, not io_uring_complete: (ring,
 * user_data, res, cflags, the overflow entry), no request. The request
 * is found by ring and user_data when it is the only traced one in
 * flight with that user_data (by uring_udn, else a scan of uring_slots
 * and uring_by_ud for the rest); else
 * the completion is counted, not recorded (IOR_STAT_URING_OVERFLOW). */
SEC("tp_btf/io_uring_cqe_overflow")
int ior_uring_overflow(__u64 *ctx)
{
	__u64 key = overflow_req(ctx[0], ctx[1]);
	struct uring_slot *s;
	struct uring_req *r;

	if (!key)
		return 0; /* not a traced request */
	r = key == 1 ? 0 : req_find(key, &s);
	if (!r || r->args[0] != ctx[1] || r->x.ctx != ctx[0]) {
		stat_inc(IOR_STAT_URING_OVERFLOW);
		return 0;
	}
	r->x.exec |= IOR_URING_OVERFLOW;
	if (r->opcode == OP_RENAMEAT)
		renamed();
	/* Its own clock read: an overflowed CQE is no batch's. */
	finish(key, s, r, (__s32)ctx[2], (__u32)ctx[3], bpf_ktime_get_ns());
	return 0;
}

#endif
