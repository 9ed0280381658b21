/* An fd's change sequence (see below): what tells a call that another
 * thread replaced its fd while it ran. Included by names.h only, which
 * reads it with the fd's file at a call's enter and exit. */
#ifndef IOR_FDSEQ_H
#define IOR_FDSEQ_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "ior.h"
#include "kernel.h"
#include "record.h"

/* An fd's change sequence, per fd table: bumped (to a value never used
 * before) at the enter and the exit of a traced call that replaces or
 * closes the fd (dup2, dup3, close; close_range bumps its table's fd -1).
 * A call on the fd that sees the same file at its enter and exit, and
 * the same sequences, used that file: seeing the file alone would miss a
 * dup2 onto the fd and one back between the two reads (A, B, A). */
struct fd_seq_key {
	__u64 files; /* struct files_struct * */
	__s64 fd;    /* -1: a range (close_range) */
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1 << 16);
	__type(key, struct fd_seq_key);
	__type(value, __u64);
} fd_seqs SEC(".maps");

volatile __u64 fd_seq_next;

/* fd_seq_bump gives fd (its table's) a new sequence: written in place
 * when the fd has one already (the common case: a program closing and
 * opening the same numbers), which spares the LRU map's element
 * allocation, copy and free of an update (a close cost ~200 ns more for
 * it); a new fd is added. */
static __always_inline void fd_seq_bump(__s64 fd)
{
	struct fd_seq_key k = { .files = (__u64)untrusted(bpf_get_current_task_btf())->files, .fd = fd };
	__u64 v = __sync_fetch_and_add(&fd_seq_next, 1) + 1;
	__u64 *cur = bpf_map_lookup_elem(&fd_seqs, &k);

	if (cur) {
		*cur = v;
		return;
	}
	bpf_map_update_elem(&fd_seqs, &k, &v, BPF_ANY);
}

/* fd_seq_since: was fd, or its table's range, bumped after `since`, a
 * value of fd_seq_next read earlier? Every bump takes a value above all
 * those read before it, so a call reads the counter at its enter (one
 * load) and looks the fd up at its exit only when a bump happened
 * anywhere meanwhile: most calls do no look-up at all. */
static __always_inline int fd_seq_since(__s64 fd, __u64 since)
{
	struct fd_seq_key k;
	__u64 *v;

	if (fd_seq_next == since)
		return 0;
	k.files = (__u64)untrusted(bpf_get_current_task_btf())->files;
	k.fd = fd;
	v = bpf_map_lookup_elem(&fd_seqs, &k);
	if (v && *v > since)
		return 1;
	k.fd = -1;
	v = bpf_map_lookup_elem(&fd_seqs, &k);
	return v && *v > since;
}

/* fd_change bumps the sequence of the fd a call replaces or closes (the
 * desc's fdchange), at its enter and again at its exit. */
static __always_inline void fd_change(const __u64 *args, __u8 how)
{
	if (!how)
		return;
	if (how & IOR_FDCHANGE_RANGE)
		fd_seq_bump(-1);
	else
		fd_seq_bump((int)arg_of(args, how & IOR_NAME_ARG));
}

#endif
