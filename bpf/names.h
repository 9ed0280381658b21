/* (Past 350 lines: the walk, its cache and its invalidation are one
 * mechanism; split, each part would need the others' internals.)
 * Naming the files a call uses as the kernel names them: the file behind
 * each fd the call names (or its cwd, or its root), read from the task's
 * own tables when the call runs, and named by a walk of the kernel's
 * dentries and mounts, as d_path and /proc/PID/fd name it (renames
 * applied; deletion a state).
 *
 * Why a walk of our own: bpf_d_path cannot be called from tracepoints.
 * Why a cache: the walk costs a read per path component, and a record
 * the size of the path. A file is known by its place (mount, dentry); the
 * walk runs when the place is new to the cache, or when a dentry moved
 * anywhere since it was named (name_gen, bumped after every rename:
 * by any process, traced or not), and
 * sends a name record (IOR_KIND_NAME) with a fresh id before the
 * syscall record that uses it. Records then carry ids (name_id), user
 * space keeps id -> name. A dentry freed and its memory reused for
 * another name is caught by its parent and name hash, kept beside the
 * id. Included by ior.bpf.c only, after fill_header. Past 350 lines:
 * the cache, the walk and the reads at enter and exit are one mechanism,
 * read together (the fd change sequences are in fdseq.h); so is the
 * second view of a name walked in another mount namespace than ior's
 * (its path in its file system, at the end), which the walk's record
 * carries. */
#ifndef IOR_NAMES_H
#define IOR_NAMES_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "ior.h"
#include "kernel.h"
#include "maps.h"
#include "record.h"

#define NAME_AT_FDCWD (-100)

struct name_key {
	__u64 mnt;    /* struct vfsmount * */
	__u64 dentry; /* struct dentry * */
};

/* struct name_val, a cached name, is in maps.h: a task's in-flight
 * state holds a copy (its memo). */

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1 << 16);
	__type(key, struct name_key);
	__type(value, struct name_val);
} names SEC(".maps");

/* name_fresh: cached name v still names a dentry whose parent and name
 * hash are now (parent, hash_len): walked at generation gen (no dentry
 * moved anywhere since) and the dentry's own parent and name unchanged.
 * The one test every copy of a cached name passes before it answers:
 * names' entries, a task's memo (ior_name_of), io_uring's per-CPU memo
 * (uring.h). */
static __always_inline int name_fresh(const struct name_val *v, __u64 gen, __u64 parent, __u64 hash_len)
{
	return v->gen == gen && v->parent == parent && v->hash_len == hash_len;
}

/* A name record as it is built: the header, then the walk's components,
 * last first; twice IOR_NAME_MAX so that a component copied at any
 * offset below IOR_NAME_MAX fits. Per CPU, not on the stack (the
 * programs' frames together have 512 bytes). */
struct name_buf {
	struct ior_full e;
	char b[2 * IOR_NAME_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct name_buf);
} name_bufs SEC(".maps");

volatile __u64 name_gen;  /* bumped after each rename, anywhere */
volatile __u64 name_next; /* the last id given */

/* A rename (any task's, traced or not) may have moved a directory above
 * a named file, and a mount moved (or unmounted) moves every name below
 * it: every name walked before may be stale. Bumped at the call's exit,
 * after the move, so that a walk that read the old gen is walked again.
 * A hook on the kernel's own d_move and mount attach (fentry/fexit, BPF
 * LSM) would see every move; neither can be loaded everywhere (not on
 * ior's test machine, where both are refused with EPERM, and kprobes are
 * not built in), and no tracepoint lies on that path. So the syscalls'
 * exits: rename, renameat, renameat2; mount (MS_MOVE, and any other
 * change of the tree), move_mount, umount2 and pivot_root (their descs'
 * IOR_GEN_NAMES, set from Go whether they are traced or not), bumped by
 * ior_sys_exit, which runs at every syscall's exit of every task anyway
 * and sees the number first, before any filter. (A perf tracepoint of
 * their own, sys_exit_rename ..., fired for those calls only, but its
 * being attached cost every syscall of every task a call to
 * perf_syscall_exit: ~15 ns.) io_uring's RENAMEAT bumps it in uring.h.
 * A file's own rename is caught without it (its parent and name hash,
 * kept with its id). Not seen: renames made inside the kernel (nfsd,
 * overlayfs copy-up) and io_uring RENAMEATs that post no completion
 * (IOSQE_CQE_SKIP_SUCCESS) moving a directory; nor (as with the perf
 * tracepoints, which skip them) the calls of 32-bit (ia32, x32)
 * programs. */
static __always_inline void renamed(void)
{
	__sync_fetch_and_add(&name_gen, 1);
}

#include "fdseq.h"

/* fd_file is the file at fd in the current task's fd table, now. The
 * task, its files_struct, fdtable and the slot fd[fd] are BTF-typed
 * loads, no helper call (the slot, an array no BTF type describes, read
 * by word_at: it was a bpf_probe_read_kernel, ~5 ns of each look; five
 * helper calls before that, a third of what reading a pread's file cost
 * at its enter and exit). A global function:
 * the verifier checks it once, not at each call site on each path (a
 * BTF-typed load costs it a walk of the struct's members; inlined, they
 * made every start ~100 ms of CPU dearer). */
static __always_inline __u64 fd_file_now(int fd)
{
	/* untrusted (kernel.h): the same loads, without the verifier's
	 * searches of the kernel's BTF for files' trust (~2 ms a program) */
	struct fdtable *fdt = untrusted(bpf_get_current_task_btf())->files->fdt;

	if (fd < 0 || fd >= fdt->max_fds)
		return 0;
	return word_at((__u64)fdt->fd + (__u64)fd * sizeof(struct file *));
}

__noinline __u64 ior_fd_file(int fd)
{
	return fd_file_now(fd);
}

static __always_inline struct file *fd_file(int fd)
{
	return (struct file *)ior_fd_file(fd);
}

static __always_inline struct mount *real_mount(struct vfsmount *m)
{
	return (struct mount *)((char *)m - bpf_core_field_offset(struct mount, mnt));
}

/* mnt_root: the root dentry of mount m. */
static __always_inline struct dentry *mnt_root(struct mount *m)
{
	struct vfsmount *vm = (struct vfsmount *)((char *)m + bpf_core_field_offset(struct mount, mnt));

	return BPF_CORE_READ(vm, mnt_root);
}

struct walk {
	struct mount *mnt;
	struct dentry *d;
	__u32 off;
	__u8 flags; /* enum ior_name_flags */
	__u8 done;
};

/* walk_step climbs one dentry (copying its name) or one mount. */
static long walk_step(__u64 i, void *vw)
{
	struct walk *w = vw;
	struct mount *m = w->mnt; /* locals: BPF_CORE_READ of w->x would relocate struct walk */
	struct dentry *d = w->d;
	struct dentry *parent = BPF_CORE_READ(d, d_parent);
	__u32 zero = 0;
	struct name_buf *buf;
	long n;

	if (d == mnt_root(m)) {
		struct mount *up = BPF_CORE_READ(m, mnt_parent);

		if (!up || up == m) { /* the root of its namespace */
			w->done = 1;
			return 1;
		}
		w->d = BPF_CORE_READ(m, mnt_mountpoint);
		w->mnt = up;
		return 0;
	}
	if (d == parent || w->off >= IOR_NAME_MAX) {
		/* A disconnected dentry, or too long: not whole. */
		w->flags |= IOR_NAMEF_CUT;
		w->done = 1;
		return 1;
	}
	buf = bpf_map_lookup_elem(&name_bufs, &zero);
	if (!buf)
		return 1;
	n = bpf_probe_read_kernel_str(buf->b + (w->off & (IOR_NAME_MAX - 1)), 256, BPF_CORE_READ(d, d_name.name));
	if (n <= 0) {
		w->flags |= IOR_NAMEF_CUT;
		w->done = 1;
		return 1;
	}
	w->off += n;
	w->d = parent;
	return 0;
}

__noinline int name_send_fspath(__u64 dent); /* below */

/* name_send walks the file at (mnt, d) and sends its name record; 2:
 * built, not sent (another mount namespace's: name_send_fspath).
 * Global, like name_send_fspath: a static function is verified again
 * for each state its caller reaches it in (ior_name_of reached both
 * twice), with its bpf_loop callback iterated to convergence each time;
 * a global one once, with its arguments unknown (each program that
 * names files verified ~3,400 instructions for the two, now ~1,300). */
__noinline int name_send(__u64 mnt, __u64 dent, __u64 id, __u64 prev)
{
	struct dentry *d = (struct dentry *)dent;
	struct mount *m = real_mount((struct vfsmount *)mnt);
	struct walk w = { .mnt = m, .d = d };
	struct inode *ino = BPF_CORE_READ(d, d_inode);
	struct name_buf *buf;
	struct ior_full *e;
	__u32 zero = 0, len;

	buf = bpf_map_lookup_elem(&name_bufs, &zero);
	if (!buf)
		return 0;
	if (BPF_CORE_READ(d, d_op, d_dname) || (d == BPF_CORE_READ(d, d_parent) && d != mnt_root(m))) {
		/* No place in a tree: named after its file system and dentry
		 * (pipe:[INODE], anon_inode:[eventfd], /memfd:NAME). */
		const unsigned char *dn = BPF_CORE_READ(d, d_name.name);
		long n;

		/* nsfs's dentries hold no name: /proc names them after the
		 * namespace's type (user:[INODE]), which its ops say. */
		if (BPF_CORE_READ(ino, i_sb, s_magic) == IOR_NSFS_MAGIC) {
			struct ns_common *ns = BPF_CORE_READ(ino, i_private);

			dn = (const unsigned char *)BPF_CORE_READ(ns, ops, name);
		}
		n = bpf_probe_read_kernel_str(buf->b, 256, dn);

		w.off = n > 0 ? n : 0;
		w.flags = IOR_NAMEF_PSEUDO;
	} else {
		bpf_loop(IOR_NAME_DEPTH, walk_step, &w, 0);
		if (!w.done)
			w.flags |= IOR_NAMEF_CUT;
	}
	e = &buf->e;
	__builtin_memset(e, 0, sizeof(*e));
	fill_header(e, bpf_get_current_pid_tgid(), IOR_KIND_NAME);
	e->args[0] = id;
	e->args[1] = prev;
	e->args[2] = BPF_CORE_READ(ino, i_ino);
	e->args[3] = (__u64)BPF_CORE_READ(ino, i_sb, s_dev) << 32 | w.flags;
	e->args[4] = BPF_CORE_READ(ino, i_sb, s_magic);
	m = w.mnt;
	e->args[5] = BPF_CORE_READ(m, mnt_ns, ns.inum);
	len = w.off & (2 * IOR_NAME_MAX - 1);
	e->h.slot_state[0] = IOR_SLOT_OK;
	e->s.slot_len[0] = len;
	if (cfg.self_mntns && e->args[5] && e->args[5] != cfg.self_mntns && !(w.flags & IOR_NAMEF_PSEUDO))
		return 2; /* sent by name_of with its path in its file system */
	/* The header and the components lie back to back: one copy. */
	if (bpf_ringbuf_output(&events, buf, sizeof(*e) + len, 0)) {
		stat_inc(IOR_STAT_LOST_NAMES);
		return 0;
	}
	return 1;
}

/* What name_of reads of a dentry: whether it is hashed (d_hash.pprev),
 * its parent and its name's hash and length, into the cache entry being
 * built (no stack more: the frames above a name walk have 512 bytes in
 * all). BTF-typed loads through untrusted (kernel.h), which the JIT makes
 * faulting loads (a bad address reads 0, as a failed probe read did): a
 * bpf_probe_read_kernel call was ~10 ns of every named call. */
static __always_inline __u64 dent_head(__u64 dent, struct name_val *nv)
{
	struct dentry *d = untrusted((struct dentry *)dent);

	nv->parent = (__u64)d->d_parent;
	nv->hash_len = d->d_name.hash_len;
	return (__u64)d->d_hash.pprev;
}

/* The bit of ior_name_of's answer that says the dentry is unlinked. */
#define NAME_UNLINKED (1ULL << 63)

/* ior_name_of is the id of the name of the file at (mnt, d): the cached
 * one while no dentry moved since, else a new one, sent now; 0: the
 * record could not be sent. With NAME_UNLINKED set when the dentry is
 * unlinked (as unlinked below says), from the same read. A global
 * function: the verifier checks it, and the walk below it, once, not at
 * each call site on each path.
 *
 * in (the task's storage, passed by a syscall's own enter or exit
 * program, which has it already; 0: none) first tries the task's last
 * two names (inflight.memo), with the same checks as the cache's entry
 * (the generation, the dentry's parent and name), and keeps what it
 * answers there: a task calling on one file again and again (a read
 * loop), or opening files in one directory, is spared the cache's hash
 * look-up. Only the task's own syscall
 * programs use it, which never run nested in one another; other callers
 * (io_uring's, AIO's, the process table's, which may run in an
 * interrupt over a task's syscall) pass 0. The memo answers what the
 * cache would: an id is replaced in the cache only when these checks
 * fail, or after the LRU evicted its entry (when the old id still names
 * the same path). */
__noinline __u64 ior_name_of(__u64 mnt, __u64 dent, struct inflight *in)
{
	struct name_key k = { .mnt = mnt, .dentry = dent };
	struct name_val nv = {
		.gen = name_gen, /* before the walk: a move during it walks again */
	};
	struct name_val *v;
	__u64 prev = 0, pprev, bits;

	pprev = dent_head(dent, &nv);
	bits = !pprev && nv.parent != dent ? NAME_UNLINKED : 0;
	if (in) {
		if (in->memo[0].mnt == mnt && in->memo[0].dent == dent && name_fresh(&in->memo[0].v, nv.gen, nv.parent, nv.hash_len)) {
			in->memo_last = 0;
			return in->memo[0].v.id | bits;
		}
		if (in->memo[1].mnt == mnt && in->memo[1].dent == dent && name_fresh(&in->memo[1].v, nv.gen, nv.parent, nv.hash_len)) {
			in->memo_last = 1;
			return in->memo[1].v.id | bits;
		}
	}
	v = bpf_map_lookup_elem(&names, &k);
	if (v && name_fresh(v, nv.gen, nv.parent, nv.hash_len)) {
		nv.id = v->id;
	} else {
		if (v)
			prev = v->id;
		nv.id = __sync_fetch_and_add(&name_next, 1) + 1;
		switch (name_send(mnt, dent, nv.id, prev)) {
		case 0:
			return 0;
		case 2: /* from here, not name_send: one frame less above its walk */
			if (!name_send_fspath(dent))
				return 0;
		}
		bpf_map_update_elem(&names, &k, &nv, BPF_ANY);
	}
	if (in) {
		/* The entry that did not answer last: the other may be the
		 * directory of the file named now, or the file of it. */
		__u32 i = (in->memo_last ^ 1) & 1;

		in->memo[i].mnt = k.mnt;
		in->memo[i].dent = k.dentry;
		in->memo[i].v = nv;
		in->memo_last = i;
	}
	return nv.id | (bits & NAME_UNLINKED);
}

/* name_of: ior_name_of's id alone, for a caller that reads unlinked
 * itself, or needs not; no memo (see ior_name_of). */
static __always_inline __u64 name_of(__u64 mnt, __u64 dent)
{
	return ior_name_of(mnt, dent, 0) & ~NAME_UNLINKED;
}

/* name_state names, for the current task's syscall (its enter or exit
 * program; in its storage), the file at (mnt, dent): enum ior_name_state
 * (OK, with DELETED when it is unlinked, or LOST), and *id. */
static __always_inline __u8 name_state(struct inflight *in, __u64 mnt, __u64 dent, __u64 *id)
{
	__u64 r = ior_name_of(mnt, dent, in);

	*id = r & ~NAME_UNLINKED;
	if (!*id)
		return IOR_NAME_LOST;
	return IOR_NAME_OK | (r & NAME_UNLINKED ? IOR_NAME_DELETED : 0);
}

/* Where the file of name slot i was found at enter (inflight.nstate). */
enum {
	NS_NONE = 0,
	NS_PATH = 1,   /* the cwd: nmnt, ndent */
	NS_FD = 2,     /* an fd's file: nfile, and its nmnt, ndent */
	NS_NOFILE = 3, /* nothing at that fd */
	NS_ROOT = 4,   /* the root, for an absolute path read at enter: nmnt, ndent */
};

/* unlinked: d_path's "(deleted)" (d_unlinked: unhashed, not a root). */
static __always_inline int unlinked(__u64 dent)
{
	struct dentry *d = untrusted((struct dentry *)dent);

	return !d->d_hash.pprev && (__u64)d->d_parent != dent;
}

/* name_enter reads, at a call's enter, the file behind name slot i (the
 * desc's name[i]): an fd's file, or the cwd. */
static __always_inline void name_enter(struct inflight *in, __u8 how, int i)
{
	int fd = NAME_AT_FDCWD;
	struct file *f;

	in->nstate[i] = NS_NONE;
	in->ndone[i] = 0;
	if (!how)
		return;
	if (how & IOR_NAME_ARG)
		fd = (int)arg_of(in->args, how & IOR_NAME_ARG);
	if (how & IOR_NAME_PATHBASE) {
		/* Read before the call: it may change them (chroot, chdir). */
		struct fs_struct *fs = untrusted(bpf_get_current_task_btf())->fs;

		if ((in->slot_state[i] & IOR_SLOT_OK) && in->path[i][0] == '/') {
			in->nmnt[i] = (__u64)fs->root.mnt;
			in->ndent[i] = (__u64)fs->root.dentry;
			in->nstate[i] = NS_ROOT;
			return;
		}
		if (fd == NAME_AT_FDCWD) {
			in->nmnt[i] = (__u64)fs->pwd.mnt;
			in->ndent[i] = (__u64)fs->pwd.dentry;
			in->nstate[i] = NS_PATH;
			return;
		}
	}
	in->nseq[i] = fd_seq_next; /* before the file: a change after it shows */
	f = fd_file(fd);
	in->nfile[i] = (__u64)f;
	if (!f) {
		in->nstate[i] = NS_NOFILE;
		return;
	}
	f = untrusted(f);
	in->nmnt[i] = (__u64)f->f_path.mnt;
	in->ndent[i] = (__u64)f->f_path.dentry;
	in->nstate[i] = NS_FD;
	if (how & IOR_NAME_ENTER) {
		/* The call drops the file: by its exit the dentry may be
		 * freed. Named now, while the fd holds it. Read back from
		 * memory (volatile): the loads above gave pointers, which
		 * ior_name_of does not take; stored, they read as numbers. */
		in->ndone[i] = name_state(in, *(volatile __u64 *)&in->nmnt[i], *(volatile __u64 *)&in->ndent[i], &in->nid[i]);
	}
}

/* name_exit_late: name_exit past the names enter finished; the state
 * (enum ior_name_state) and, when OK, the name's id in in->rec_nid[i].
 * An fd that holds another file now than at enter was changed during
 * the call (dup2, close, open onto it by another thread): which file the
 * call used cannot be told. An absolute path is relative to the task's
 * root. Global, not inlined: inlined for both slots it was checked again
 * for each state emit reaches it in (~15-20 each, ~2,000 of ior_sys_exit's
 * instructions processed). The fd's file is read inline here (fd_file_now)
 * where name_exit called ior_fd_file: a call still makes as many
 * bpf-to-bpf calls as before. */
__noinline int name_exit_late(struct inflight *in, __u32 how, __u32 i)
{
	__u8 st;
	__u64 mnt, dent;

	if (!in)
		return 0;
	i &= 1;
	st = in->nstate[i];
	mnt = in->nmnt[i];
	dent = in->ndent[i];
	if (how & IOR_NAME_PATHBASE) {
		if (!(in->slot_state[i] & IOR_SLOT_OK))
			return 0; /* no path read: nothing to resolve */
		if (in->path[i][0] == '/' && st != NS_ROOT) {
			/* A path read at exit only: the root now. */
			struct fs_struct *fs = BPF_CORE_READ(bpf_get_current_task_btf(), fs);

			mnt = (__u64)BPF_CORE_READ(fs, root.mnt);
			dent = (__u64)BPF_CORE_READ(fs, root.dentry);
			st = NS_PATH;
		}
	}
	if ((st == NS_FD || st == NS_NOFILE) && !(how & IOR_NAME_ENTER)) {
		int fd = (int)arg_of(in->args, how & IOR_NAME_ARG);

		/* The file first, then the sequences: a change between the
		 * enter's reads and these shows in one or the other. */
		if (fd_file_now(fd) != in->nfile[i] || fd_seq_since(fd, in->nseq[i]))
			return IOR_NAME_RACED;
	}
	if (st == NS_NOFILE)
		return IOR_NAME_NOFILE;
	return name_state(in, mnt, dent, &in->rec_nid[i]);
}

/* name_exit names, at the call's exit, what name_enter found (slot i,
 * the desc's how): the state, and the id in in->rec_nid[i]. */
static __always_inline __u8 name_exit(struct inflight *in, __u8 how, int i)
{
	if (!how || in->nstate[i] == NS_NONE)
		return 0;
	if (in->ndone[i]) {
		in->rec_nid[i] = in->nid[i];
		return in->ndone[i];
	}
	return name_exit_late(in, how, i);
}

/* A name's second view, for a file walked up to another mount
 * namespace's root than ior's: its path below its file system's root
 * (dentries only, no mount crossed), which user space looks for in
 * ior's own mounts (decode/hostview.go) (the host's view, where the host can reach it).
 * Built in its own buffer, sent behind the name record's first view. */
struct fspath_buf {
	char b[2 * IOR_NAME_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fspath_buf);
} fspath_bufs SEC(".maps");

struct fs_walk {
	struct dentry *d;
	__u32 off;
	__u8 cut;
};

static long fs_step(__u64 i, void *vw)
{
	struct fs_walk *w = vw;
	struct dentry *d = w->d;
	struct dentry *parent = BPF_CORE_READ(d, d_parent);
	struct fspath_buf *buf;
	__u32 zero = 0;
	long n;

	if (d == parent)
		return 1; /* the file system's root */
	if (w->off >= IOR_NAME_MAX) {
		w->cut = 1;
		return 1;
	}
	buf = bpf_map_lookup_elem(&fspath_bufs, &zero);
	if (!buf)
		return 1;
	n = bpf_probe_read_kernel_str(buf->b + (w->off & (IOR_NAME_MAX - 1)), 256, BPF_CORE_READ(d, d_name.name));
	if (n <= 0) {
		w->cut = 1;
		return 1;
	}
	w->off += n;
	w->d = parent;
	return 0;
}

/* name_send_fspath sends the name record name_send built in name_bufs
 * (its header and slot 0), with dentry dent's path in its file system
 * as slot 1. 0: not sent. Only for names in another mount namespace than
 * ior's: the host's own names pay nothing. */
__noinline int name_send_fspath(__u64 dent)
{
	struct fs_walk w = { .d = (struct dentry *)dent };
	struct name_buf *nb;
	struct dentry *top;
	struct bpf_dynptr ptr;
	struct fspath_buf *buf;
	__u32 zero = 0, len, len2 = 0;

	nb = bpf_map_lookup_elem(&name_bufs, &zero);
	buf = bpf_map_lookup_elem(&fspath_bufs, &zero);
	if (!nb || !buf)
		return 0;
	len = nb->e.s.slot_len[0] & (2 * IOR_NAME_MAX - 1);
	bpf_loop(IOR_NAME_DEPTH, fs_step, &w, 0);
	top = w.d; /* a local: BPF_CORE_READ of w.d would relocate struct fs_walk */
	if (top != BPF_CORE_READ(top, d_parent))
		w.cut = 1;
	if (!w.cut && w.off < IOR_NAME_MAX) {
		nb->e.args[3] |= IOR_NAMEF_FSPATH;
		len2 = w.off & (IOR_NAME_MAX - 1);
		nb->e.h.slot_state[1] = IOR_SLOT_OK;
		nb->e.s.slot_len[1] = len2;
	}
	if (bpf_ringbuf_reserve_dynptr(&events, sizeof(nb->e) + len + len2, 0, &ptr)) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		stat_inc(IOR_STAT_LOST_NAMES);
		return 0;
	}
	bpf_dynptr_write(&ptr, 0, nb, sizeof(nb->e) + len, 0);
	if (len2)
		bpf_dynptr_write(&ptr, sizeof(nb->e) + len, buf->b, len2, 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 1;
}

#endif
