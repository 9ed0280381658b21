/* File mappings: which mmap, munmap, msync and mremap calls to record,
 * and which file their mapping is of. Included by ior.bpf.c only.
 *
 * Programs map and unmap anonymous memory all the time (the Go runtime
 * on every thread, malloc for large blocks); those calls are no I/O and
 * would drown the file ones. So the filter is on the kernel side, and
 * only for the syscalls whose desc says so: every other syscall pays
 * one byte test of its desc, which it has read already.
 *
 * mmap's arguments tell at enter whether it maps a file. The others
 * name an address: the vma holding it says, looked up with
 * bpf_find_vma (kernel/bpf/task_iter.c), which takes the mm's lock for
 * reading with a trylock. While another thread holds it for writing
 * (mapping, unmapping) or waits for it, the look-up fails; it is tried
 * VMA_TRIES times (a microsecond or so), and then the call is recorded
 * unchecked rather than lost, with no file identity: user space shows
 * its file as unknown. Only a program whose threads map and unmap
 * without pause sees that often (and then some of its anonymous
 * munmaps are recorded too, as unknown). */
#ifndef IOR_MAPPING_H
#define IOR_MAPPING_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "ior.h"
#include "kernel.h"
#include "maps.h"

#include <linux/errno.h>

/* x86_64's MAP_ANONYMOUS (include/uapi/asm-generic/mman-common.h). */
#define IOR_MAP_ANONYMOUS 0x20

struct vm_area_struct {
	struct file *vm_file;
} __attribute__((preserve_access_index));

/* What the vma look-up found; on the stack, as bpf_find_vma wants its
 * callback's context. */
struct vma_look {
	struct ior_map_file id;
	__u32 file; /* the vma maps a file: id is filled */
};

/* x86_64's TMPFS_MAGIC (include/uapi/linux/magic.h). */
#define IOR_TMPFS_MAGIC 0x01021994

/* anon_shared: f is the file the kernel gives a shared anonymous mapping
 * (MAP_SHARED|MAP_ANONYMOUS, or MAP_SHARED of /dev/zero): shmem_zero_setup
 * makes it on shmem's internal mount, named "dev/zero" -- a name no file
 * a program opened can have, as it holds a '/'. */
static __always_inline int anon_shared(struct file *f)
{
	const char *name = (const char *)BPF_CORE_READ(f, f_path.dentry, d_name.name);
	struct {
		__u64 w;
		char nul;
	} b;

	if (BPF_CORE_READ(f, f_inode, i_sb, s_magic) != IOR_TMPFS_MAGIC)
		return 0;
	if (bpf_probe_read_kernel(&b, 9, name))
		return 0;
	/* "dev/zero" as a little-endian word, then its NUL */
	return b.w == 0x6f72657a2f766564ULL && !b.nul;
}

static long vma_look_cb(struct task_struct *task, struct vm_area_struct *vma, void *ctx)
{
	struct vma_look *l = ctx;
	struct file *f = BPF_CORE_READ(vma, vm_file);

	if (!f || anon_shared(f))
		return 0; /* anonymous memory */
	l->id.ino = BPF_CORE_READ(f, f_inode, i_ino);
	l->id.dev = BPF_CORE_READ(f, f_inode, i_sb, s_dev);
	l->id.gen = BPF_CORE_READ(f, f_inode, i_generation);
	l->file = 1;
	return 0;
}

enum vma_kind {
	VMA_NONE = 0, /* no mapping at the address, or an anonymous one */
	VMA_FILE = 1, /* a mapping of a file: id filled */
	VMA_BUSY = 2, /* the mm's lock was taken: not looked at */
};

/* Look-ups tried while the mm's lock is taken; a failed one is only a
 * failed trylock. */
#define VMA_TRIES 64

struct vma_try_ctx {
	__u64 addr;
	long err;
	struct vma_look l;
};

static long vma_try(__u64 i, void *ctx)
{
	struct vma_try_ctx *c = ctx;

	c->err = bpf_find_vma(bpf_get_current_task_btf(), c->addr, vma_look_cb, &c->l, 0);
	return c->err != -EBUSY; /* 1 ends the loop */
}

/* vma_file says what the current task has mapped at addr. */
static __always_inline enum vma_kind vma_file(__u64 addr, struct ior_map_file *id)
{
	struct vma_try_ctx c;

	/* Zeroed by a helper (a read from address 0 fails and zeroes its
	 * destination), not by stores: the verifier then knows nothing of
	 * the bytes, as after a look-up wrote them, and the state of the
	 * loop's first round covers those after it. Zeroed by stores, each
	 * round's look-up (file or none) was one more state, with the
	 * nested callback checked again in each (~1,960 instructions
	 * processed in each syscall program). */
	bpf_probe_read_kernel(&c, sizeof(c), (void *)0);
	c.addr = addr;
	bpf_loop(VMA_TRIES, vma_try, &c, 0);
	if (c.err == -EBUSY)
		return VMA_BUSY;
	if (c.err || !c.l.file)
		return VMA_NONE;
	*id = c.l.id;
	return VMA_FILE;
}

/* mapping_enter: whether to record a call whose desc has a filter. A
 * munmap, msync or mremap of a file's mapping keeps the file's identity
 * for its record (in->blob, in->map_file). */
static __always_inline int mapping_enter(struct inflight *in, __u8 filter)
{
	in->map_file = 0;
	if (filter == IOR_FILTER_MAP_FILE) /* mmap(addr, len, prot, flags, fd, off) */
		return !(in->args[3] & IOR_MAP_ANONYMOUS) && (int)in->args[4] >= 0;
	if (filter != IOR_FILTER_FILE_VMA)
		return 1;
	switch (vma_file(in->args[0], (struct ior_map_file *)in->blob)) {
	case VMA_FILE:
		in->map_file = 1;
		return 1;
	case VMA_BUSY:
		return 1;
	case VMA_NONE:
		break;
	}
	return 0;
}

/* mapping_exit fills the struct slot of a filtered call with its file's
 * identity; returns its length, 0 when unknown. A successful mmap's is
 * read now, from the mapping it made. */
static __always_inline __u32 mapping_exit(struct inflight *in, __u8 filter, __s64 ret)
{
	if (filter == IOR_FILTER_MAP_FILE && ret >= 0)
		in->map_file = vma_file(ret, (struct ior_map_file *)in->blob) == VMA_FILE;
	return in->map_file ? sizeof(struct ior_map_file) : 0;
}

#endif
