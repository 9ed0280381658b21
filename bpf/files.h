/* Naming the fds a call makes (pipes, sockets, eventfds, io_uring rings):
 * what the kernel's own file is, read at the call's exit. Included by
 * ior.bpf.c only, before emit, which uses it. */
#ifndef IOR_FILES_H
#define IOR_FILES_H

/* file_id reads what fd is in the current task's fd table, now. */
static __always_inline void file_id(int fd, struct ior_file_id *id)
{
	struct file *f = fd_file(fd); /* names.h */
	const unsigned char *name;

	if (!f)
		return;
	id->ino = BPF_CORE_READ(f, f_inode, i_ino);
	id->magic = BPF_CORE_READ(f, f_inode, i_sb, s_magic);
	id->priv = (__u64)BPF_CORE_READ(f, private_data);
	name = BPF_CORE_READ(f, f_path.dentry, d_name.name);
	bpf_probe_read_kernel_str(id->name, sizeof(id->name), name);
}

/* new_files fills the struct slot of a call that made fds with what
 * they are: read at exit, from the kernel's own table, so that no later
 * reuse of the numbers can confuse them. */
static __always_inline __u32 new_files(struct inflight *in, struct ior_sc_desc d, __s64 ret)
{
	struct ior_new_files *nf = (struct ior_new_files *)in->blob;

	__builtin_memset(nf, 0, sizeof(*nf));
	nf->fd[0] = nf->fd[1] = -1;
	if (ret < 0)
		return 0;
	if (d.new_fds == IOR_NEW_FD_RET)
		nf->fd[0] = ret;
	else if (bpf_probe_read_user(nf->fd, sizeof(nf->fd), (const void *)arg_of(in->args, d.blob)))
		return 0;
	file_id(nf->fd[0], &nf->id[0]);
	file_id(nf->fd[1], &nf->id[1]);
	return sizeof(*nf);
}

#endif
