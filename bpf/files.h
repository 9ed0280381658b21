/* Naming the fds a call makes (pipes, sockets, eventfds, io_uring rings):
 * what the kernel's own file is, read at the call's exit. Included by
 * ior.bpf.c only, before emit, which uses it. */
#ifndef IOR_FILES_H
#define IOR_FILES_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "ior.h"
#include "kernel.h"
#include "maps.h"
#include "record.h"
#include "names.h"

/* x86_64's __O_TMPFILE (open's flag without its O_DIRECTORY). */
#define IOR_O_TMPFILE 020000000

/* file_id reads what fd is in the current task's fd table, now.
 * Global, not inlined: its four call sites (new_files, rights_files)
 * were each checked on their own in slot_fill (~450 of ior_sys_exit's
 * instructions processed); only calls that make fds pay the call, next
 * to its six kernel reads. */
__noinline int file_id(int fd, struct ior_file_id *id)
{
	struct file *f;
	const unsigned char *name;

	if (!id)
		return 0;
	f = fd_file(fd); /* names.h */
	if (!f)
		return 0;
	id->ino = BPF_CORE_READ(f, f_inode, i_ino);
	id->magic = BPF_CORE_READ(f, f_inode, i_sb, s_magic);
	id->priv = (__u64)BPF_CORE_READ(f, private_data);
	if (id->magic == IOR_NSFS_MAGIC) { /* its dentry has no name: nsfs makes one of the type's */
		struct ns_common *ns = BPF_CORE_READ(f, f_inode, i_private);

		name = (const unsigned char *)BPF_CORE_READ(ns, ops, name);
	} else {
		name = BPF_CORE_READ(f, f_path.dentry, d_name.name);
	}
	bpf_probe_read_kernel_str(id->name, sizeof(id->name), name);
	return 0;
}

/* ioctl_makes_fd: ioctl requests whose return value is a new fd: a
 * namespace's (NS_GET_USERNS, NS_GET_PARENT, SIOCGSKNS, TUNGETDEVNETNS,
 * the PIDFD_GET_*_NAMESPACE family) or KVM's. */
static __always_inline int ioctl_makes_fd(__u32 req)
{
	switch (req) {
	case 0xb701: /* NS_GET_USERNS */
	case 0xb702: /* NS_GET_PARENT */
	case 0x894c: /* SIOCGSKNS */
	case 0x54e3: /* TUNGETDEVNETNS */
	case 0xae01: /* KVM_CREATE_VM */
	case 0xae41: /* KVM_CREATE_VCPU */
		return 1;
	}
	return req >= 0xff01 && req <= 0xff0a; /* PIDFD_GET_CGROUP_NAMESPACE .. USER_NAMESPACE */
}

/* rights_files: the fds an SCM_RIGHTS message brought to recvmsg(fd,
 * msg, flags), read at exit from the control buffer the kernel filled
 * (struct user_msghdr's msg_control at 32, msg_controllen at 40, as the
 * kernel set it): the first two of the first such message among the
 * first four. */
static __always_inline __u32 rights_files(struct inflight *in, struct ior_new_files *nf)
{
	const char *msg = (const char *)in->args[1];
	struct {
		__u64 control, controllen;
	} c;
	struct {
		__u64 len;
		__s32 level, type;
	} h;
	__u64 off = 0;

	if (bpf_probe_read_user(&c, sizeof(c), msg + 32))
		return 0;
	for (int i = 0; i < 4; i++) {
		if (off + sizeof(h) > c.controllen ||
		    bpf_probe_read_user(&h, sizeof(h), (const char *)c.control + off) || h.len < sizeof(h))
			return 0;
		if (h.level == 1 && h.type == 1) { /* SOL_SOCKET, SCM_RIGHTS */
			__u64 n = (h.len - sizeof(h)) / 4;

			__builtin_memset(nf, 0, sizeof(*nf));
			nf->fd[0] = nf->fd[1] = -1;
			if (n > 2)
				n = 2;
			if (!n || bpf_probe_read_user(nf->fd, n == 2 ? 8 : 4, (const char *)c.control + off + sizeof(h)))
				return 0;
			file_id(nf->fd[0], &nf->id[0]);
			file_id(nf->fd[1], &nf->id[1]);
			return sizeof(*nf);
		}
		off += (h.len + 7) & ~7ULL; /* CMSG_ALIGN */
	}
	return 0;
}

/* new_files fills the struct slot of a call that made fds with what
 * they are: read at exit, from the kernel's own table, so that no later
 * reuse of the numbers can confuse them. */
static __always_inline __u32 new_files(struct inflight *in, struct ior_sc_desc d, __s64 ret)
{
	struct ior_new_files *nf = (struct ior_new_files *)in->blob;

	/* Most opens and ioctls make no unnamed fd: they leave before the
	 * slot is cleared (an empty slot is not sent). */
	if (ret < 0)
		return 0;
	if (d.new_fds == IOR_NEW_FD_TMPFILE && !(arg_of(in->args, d.blob_arg) & IOR_O_TMPFILE))
		return 0;
	if (d.new_fds == IOR_NEW_FD_IOCTL && !ioctl_makes_fd(in->args[1]))
		return 0;
	if (d.new_fds == IOR_NEW_FD_RIGHTS)
		return rights_files(in, nf);
	__builtin_memset(nf, 0, sizeof(*nf));
	nf->fd[0] = nf->fd[1] = -1;
	if (d.new_fds != IOR_NEW_FD_PAIR)
		nf->fd[0] = ret;
	else if (bpf_probe_read_user(nf->fd, sizeof(nf->fd), (const void *)arg_of(in->args, d.blob)))
		return 0;
	file_id(nf->fd[0], &nf->id[0]);
	file_id(nf->fd[1], &nf->id[1]);
	return sizeof(*nf);
}

#endif
