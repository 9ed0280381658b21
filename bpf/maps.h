/* The config, the descs and the maps every program shares: the ring
 * buffer, each thread's syscall in flight, the counters. */
#ifndef IOR_MAPS_H
#define IOR_MAPS_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "ior.h"

/* A cached name (names.h's names map, and the copies of it a task's memo
 * and io_uring's per-CPU memo keep): valid while name_fresh says so. */
struct name_val {
	__u64 gen;      /* name_gen when it was walked */
	__u64 id;       /* the name record's id (before parent: see dent_head) */
	__u64 parent;   /* the dentry's parent then */
	__u64 hash_len; /* and its name's hash and length */
};

const volatile struct ior_config cfg = {};
const volatile struct ior_sc_desc descs[IOR_MAX_NR] = {};

/* desc_of is descs[nr], copied as four words: a plain copy of the
 * volatile struct took 32 byte loads and stores, ~80 instructions in
 * each syscall program. */
static __always_inline struct ior_sc_desc desc_of(__u32 nr)
{
	union {
		struct ior_sc_desc d;
		__u64 w[4];
	} u;
	const volatile __u64 *w = (const volatile __u64 *)&descs[nr & (IOR_MAX_NR - 1)];

	_Static_assert(sizeof(struct ior_sc_desc) == sizeof(u.w), "a desc is four words");
	u.w[0] = w[0];
	u.w[1] = w[1];
	u.w[2] = w[2];
	u.w[3] = w[3];
	return u.d;
}

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 << 20); /* Go may resize before load */
} events SEC(".maps");

/* A thread's syscall between its enter and exit. Task-local storage
 * rather than a hash keyed by tid: no hashing or bucket locks, the fields
 * are written in place (no value copy), and nothing needs deleting. */
/* Words after a syscall record's header (struct ior_event): its six
 * arguments at most, two name ids, the exit time, the task's name (two)
 * and the slots' lengths (one). */
#define IOR_REC_WORDS 12

struct inflight {
	/* The call's record is built here and sent from here (send_event):
	 * its header (enter_ns set at enter, the rest at exit), then the
	 * call's arguments, read at enter, and at exit the rest of the
	 * record's fixed part after the arguments it has (struct
	 * ior_event), so that the arguments are not copied. */
	struct ior_event h;
	__u64 args[IOR_REC_WORDS];
	__u64 rec_nid[2]; /* the name ids the exit read (names.h) */
	__u64 rec_exit;   /* the exit time */
	__u32 rec_words;  /* send_event's count of words (word_count) */
	/* The task's name as the last of its syscall records that reached
	 * the ring carried it, and the thread id it went under: valid while
	 * comm_ok (send_event). */
	__u32 comm_tid;
	__u64 comm_sent[2];
	__u8 comm_ok;
	__u8 memo_last; /* the memo entry that answered or was filled last */
	__u8 rec_pad[6];
	__u16 nr;
	__u16 slot_len[2];
	__u8 slot_state[2];
	__u8 active; /* enter seen, exit not yet */
	__u8 marked; /* traced as a descendant (cfg.follow) or from exec */
	__u8 map_file; /* blob holds the file of the call's mapping (mapping.h) */
	__u8 aio_n;    /* unused */
	__u8 nstate[2]; /* where name slot i's file was found at enter (names.h) */
	__u8 ndone[2];  /* name slot i named at enter already: its enum ior_name_state */
	__u8 copy_state; /* IOR_SLOT_FAULT, IOR_SLOT_TS_FAULT of a desc copy (copy.h) */
	__u8 cap_state;  /* the struct slot's state of a desc capture (captures.h) */
	__u16 copy_n;    /* bytes of the struct a desc copy read (copy.h) */
	/* The process table's generation as the task last saw it (proc.h;
	 * 0: never, or an exec since): here, in the line sys_enter writes
	 * anyway, so that its compare costs no cache miss. Was padding. */
	__u32 proc_gen;
	__u64 nid[2];   /* and its id */
	__u64 nfile[2]; /* name slot i's struct file at enter (names.h) */
	__u64 nmnt[2];  /* and its place: vfsmount */
	__u64 ndent[2]; /* and dentry */
	__u64 nseq[2];  /* fd_seq_next at enter (names.h, fdseq.h) */
	/* The place of the file an open's fd holds at exit (resolved.h):
	 * stored, read back as numbers (its loads give pointers). */
	__u64 res_mnt, res_dent;
	/* The last two names the task's calls named (names.h,
	 * ior_name_of): a hit spares the name cache's hash look-up. Checked
	 * as the cache's own entry is (gen, parent, hash_len). Two: an open
	 * names its directory (the cwd) and the file it opened, where one
	 * entry missed both on every open in a loop. */
	struct {
		__u64 mnt, dent;
		struct name_val v;
	} memo[2];
	char path[2][IOR_PATH_MAX]; /* path strings read at enter */
	char blob[IOR_BLOB_MAX];    /* the struct argument, read at exit */
	/* Room past blob for a copy whose size the verifier knows only as
	 * a byte (copy.h): the code bounds it to blob, the verifier to this. */
	char spill[256];
	struct ior_stack stack;     /* the user stack at enter (cfg.stacks) */
	__u32 fs_seq; /* the fs_struct's change count at enter (resolved.h) */
	__u32 pad3;
	/* The process table (proc.h): what the task sent last. */
	__u64 proc_mntns;
	__u64 proc_cgid;
	__u64 proc_rmnt;
	__u64 proc_rdent;
	__u64 proc_why; /* reasons of a record not sent yet (PROC_PENDING) */
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct inflight);
} inflight SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, IOR_STAT_MAX);
	__type(key, __u32);
	__type(value, __u64);
} stats SEC(".maps");

static __always_inline void stat_inc(__u32 i)
{
	__u64 *v = bpf_map_lookup_elem(&stats, &i);

	if (v)
		(*v)++;
}

/* A wakeup costs the traced task an irq_work and the reader a context
 * switch; per record that dominated ior's cost. Batch them: each CPU
 * counts the bytes it put in the ring buffer (records and their 8-byte
 * headers) and forces a wakeup once it has put cfg.wakeup_bytes there
 * since its last one; the reader's poll tick (probe.PollInterval) picks
 * up the rest. User space sets the mark per CPU (its backlog bound over
 * the CPUs), so the backlog before a wakeup is bounded for any count.
 * Two earlier forms read the backlog with bpf_ringbuf_query instead: it
 * loads the consumer position, a cache line the reader writes after
 * every batch, and cost 2.3% of all samples under perf; and forcing a
 * wakeup for every record above the mark cost each a self-IPI, a VM
 * exit (15% of the traced program's time).
 * A slot is a cache line, so CPUs share none; a program runs with
 * migration disabled, so the slot is its CPU's for the whole update. An
 * update lost to a nested program only moves a wakeup. CPUs past
 * IOR_WAKE_CPUS share slots (user space divides by at most that). */
#define IOR_WAKE_CPUS 256

struct ior_wake_cpu {
	__u64 bytes; /* put in the ring since this CPU's last forced wakeup */
} __attribute__((aligned(64)));

struct ior_wake_cpu wake_cpu[IOR_WAKE_CPUS];

/* len is the record's size. */
static __always_inline __u64 wakeup_flags(__u64 len)
{
	__u64 w = cfg.wakeup_bytes;
	struct ior_wake_cpu *c;

	if (!w)
		return 0;
	c = &wake_cpu[bpf_get_smp_processor_id() & (IOR_WAKE_CPUS - 1)];
	c->bytes += (len + 8 + 7) & ~7ULL; /* BPF_RINGBUF_HDR_SZ, 8-aligned */
	if (c->bytes < w)
		return BPF_RB_NO_WAKEUP;
	c->bytes = 0;
	return BPF_RB_FORCE_WAKEUP;
}

#endif
