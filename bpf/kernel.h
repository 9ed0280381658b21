/* The kernel's structs and registers as ior reads them. */
#ifndef IOR_KERNEL_H
#define IOR_KERNEL_H

#define PF_IO_WORKER 0x00000010 /* task_struct.flags: an io thread (io-wq, SQPOLL) */

#include <linux/types.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

/* The kernel fields ior reads, relocated against the running kernel's
 * BTF (CO-RE): only these need to exist, at whatever offsets. */
struct qstr {
	union {
		struct {
			__u32 hash;
			__u32 len;
		};
		__u64 hash_len; /* the name's hash and length, one word */
	};
	const unsigned char *name;
} __attribute__((preserve_access_index));
struct hlist_bl_node {
	struct hlist_bl_node **pprev; /* 0: unhashed */
} __attribute__((preserve_access_index));
struct dentry;
struct inode;
struct dentry_operations {
	void *d_dname; /* a function: only whether it is set matters */
} __attribute__((preserve_access_index));
struct dentry {
	struct qstr d_name;
	struct dentry *d_parent;
	struct hlist_bl_node d_hash;
	const struct dentry_operations *d_op;
	struct inode *d_inode;
} __attribute__((preserve_access_index));
struct super_block {
	unsigned long s_magic;
	unsigned int s_dev; /* dev_t */
} __attribute__((preserve_access_index));
struct inode {
	unsigned long i_ino;
	struct super_block *i_sb;
	unsigned int i_generation;
	void *i_private; /* nsfs: the namespace's struct ns_common */
} __attribute__((preserve_access_index));
struct proc_ns_operations {
	const char *name; /* "user", "net", ...: nsfs's dname is NAME:[INODE] */
} __attribute__((preserve_access_index));
struct ns_common {
	const struct proc_ns_operations *ops;
	unsigned int inum;
} __attribute__((preserve_access_index));
struct vfsmount {
	struct dentry *mnt_root;
} __attribute__((preserve_access_index));
struct mnt_namespace {
	struct ns_common ns;
} __attribute__((preserve_access_index));
/* The mount a vfsmount is part of (fs/mount.h): where it hangs in its
 * namespace's tree. */
struct mount {
	struct mount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct vfsmount mnt;
	struct mnt_namespace *mnt_ns;
} __attribute__((preserve_access_index));
struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
} __attribute__((preserve_access_index));
struct fs_struct {
	struct path root;
	struct path pwd;
} __attribute__((preserve_access_index));
struct file {
	struct path f_path;
	struct inode *f_inode;
	void *private_data;
} __attribute__((preserve_access_index));
struct fdtable {
	unsigned int max_fds;
	struct file **fd;
} __attribute__((preserve_access_index));
struct files_struct {
	struct fdtable *fdt;
} __attribute__((preserve_access_index));
/* mm->saved_auxv: the auxiliary vector exec handed the program, (type,
 * value) pairs ending with AT_NULL; its size varies by kernel. */
struct mm_struct {
	unsigned long saved_auxv[2];
	unsigned long arg_start, arg_end; /* the new image's copy of argv's strings */
} __attribute__((preserve_access_index));
struct task_struct {
	struct mm_struct *mm;
	unsigned int flags;
	int pid;
	int tgid;
	int exit_code;
	struct files_struct *files;
	struct fs_struct *fs;
	struct task_struct *group_leader;
	char comm[16];
	__u64 start_boottime;
} __attribute__((preserve_access_index));

/* What exec works on: the path as the kernel copied it (getname), or
 * for execveat relative to a dirfd "/dev/fd/N/NAME" ("/dev/fd/N" for
 * AT_EMPTY_PATH), built in fdpath. */
struct linux_binprm {
	const char *filename;
	const char *fdpath;
	const char *interp; /* filename, unless a #! script or binfmt_misc put an interpreter in */
	int argc, envc;
} __attribute__((preserve_access_index));

/* sys_enter passes (struct pt_regs *regs, long id), sys_exit (struct
 * pt_regs *regs, long ret). On x86_64 the syscall's arguments are in di,
 * si, dx, r10, r8, r9 (arch/x86/include/asm/ptrace.h). */
struct pt_regs {
	unsigned long r9, r8, r10, dx, si, di;
	unsigned long orig_ax; /* the syscall's number, at its exit too (syscall_get_nr) */
} __attribute__((preserve_access_index));

/* NSFS_MAGIC (include/uapi/linux/magic.h): namespace files, whose
 * dentries hold no name (names.h, files.h). */
#define IOR_NSFS_MAGIC 0x6e736673

/* untrusted(p): the kernel pointer p, as one the verifier does not
 * trust (bpf_rdonly_cast, inlined by the verifier into a move: no cost at
 * run time). A pointer loaded through it is not checked for trust: from
 * a trusted one, each such load costs the verifier ~3 linear searches of
 * the kernel's BTF by name (btf_nested_type_is_trusted looks for types
 * like io_kiocb__safe_trusted), ~2 ms of load per place it is verified
 * at. For pointers ior only reads through (probe reads) or compares. */
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;
#define untrusted(p) ((typeof(p))bpf_rdonly_cast((p), bpf_core_type_id_kernel(typeof(*(p)))))

/* struct rb_node begins with one unsigned long in every kernel: word_at
 * reads the word at kernel address a through it, a BTF-typed load as
 * untrusted's (faulting: a bad address reads 0), where the memory is no
 * BTF struct of its own (an fd table's array of file pointers). A load
 * through such a pointer itself (fdt->fd[i]) needs a kernel that types
 * it as memory (6.17 on); before, it is a number, which this takes too. */
struct rb_node {
	unsigned long __rb_parent_color;
} __attribute__((preserve_access_index));

static __always_inline __u64 word_at(__u64 a)
{
	struct rb_node *w = bpf_rdonly_cast((void *)a, bpf_core_type_id_kernel(struct rb_node));

	return w->__rb_parent_color;
}

#endif
