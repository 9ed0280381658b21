/* The kernel's io_uring structs as ior reads them (CO-RE: only these
 * fields need to exist, at whatever offsets). Included by uring.h only. */
#ifndef IOR_URING_KERNEL_H
#define IOR_URING_KERNEL_H

#include <linux/types.h>

/* The kernel's request and the per-op structs that live in its cmd area
 * (io_uring/rw.h, openclose.c, fs.c, sync.c, ...), relocated by CO-RE. */
struct io_cqe {
	__u64 user_data;
	union {
		__u32 flags;
		int fd; /* the SQE's fd until the completion */
	};
} __attribute__((preserve_access_index));
struct io_cmd_data {
	struct file *file;
} __attribute__((preserve_access_index));
struct io_kiocb {
	union {
		struct file *file;
		struct io_cmd_data cmd;
	};
	__u8 opcode;
	__u64 flags;
	struct io_cqe cqe;
	void *ctx;
} __attribute__((preserve_access_index));
struct io_uring_sqe {
	__u8 opcode;
	__u8 flags;
	__s32 fd;
	__u64 off;
	__u32 len;
	__u64 user_data;
} __attribute__((preserve_access_index));
struct io_uring_cqe {
	__s32 res;
	__u32 flags;
} __attribute__((preserve_access_index));
struct filename {
	const char *name;
} __attribute__((preserve_access_index));
struct kiocb {
	long long ki_pos;
} __attribute__((preserve_access_index));
struct io_rw {
	struct kiocb kiocb;
	__u32 len;
	int flags;
} __attribute__((preserve_access_index));
struct io_sync {
	long long len;
	long long off;
	int flags;
	int mode;
} __attribute__((preserve_access_index));
struct io_fadvise {
	__u64 offset;
	__u64 len;
	__u32 advice;
} __attribute__((preserve_access_index));
struct io_ftrunc {
	long long len;
} __attribute__((preserve_access_index));
struct open_how {
	__u64 flags;
	__u64 mode;
} __attribute__((preserve_access_index));
struct io_open {
	int dfd;
	__u32 file_slot;
	struct filename *filename;
	struct open_how how;
} __attribute__((preserve_access_index));
struct io_close {
	int fd;
	__u32 file_slot;
} __attribute__((preserve_access_index));
struct io_statx {
	int dfd;
	unsigned int mask;
	unsigned int flags;
	struct filename *filename;
} __attribute__((preserve_access_index));
struct io_rename {
	int old_dfd;
	int new_dfd;
	struct filename *oldpath;
	struct filename *newpath;
	int flags;
} __attribute__((preserve_access_index));
struct io_unlink {
	int dfd;
	int flags;
	struct filename *filename;
} __attribute__((preserve_access_index));
struct io_mkdir {
	int dfd;
	unsigned short mode;
	struct filename *filename;
} __attribute__((preserve_access_index));
struct io_link {
	int old_dfd;
	int new_dfd;
	struct filename *oldpath;
	struct filename *newpath;
	int flags;
} __attribute__((preserve_access_index));
/* A ring's fixed-file table (io_uring/filetable.h, rsrc.h): a slot's
 * node holds the file, flags in its pointer's low bits (FFS_NOWAIT,
 * FFS_ISREG). */
struct io_rsrc_node {
	unsigned long file_ptr;
} __attribute__((preserve_access_index));
struct io_rsrc_data {
	unsigned int nr;
	struct io_rsrc_node **nodes;
} __attribute__((preserve_access_index));
struct io_file_table {
	struct io_rsrc_data data;
} __attribute__((preserve_access_index));
struct io_submit_link {
	struct io_kiocb *head;
} __attribute__((preserve_access_index));
struct io_submit_state {
	struct io_submit_link link;
} __attribute__((preserve_access_index));
/* The CQ's tail as user space sees it: the kernel stores it once per
 * batch of CQEs it posts (io_commit_cqring), cached_cq_tail at each. */
struct io_uring {
	__u32 tail;
} __attribute__((preserve_access_index));
struct io_rings {
	struct io_uring cq;
} __attribute__((preserve_access_index));
struct io_ring_ctx {
	unsigned int drain_active: 1;
	struct io_file_table file_table;
	struct io_submit_state submit_state;
	struct io_rings *rings;
	unsigned int cached_cq_tail;
} __attribute__((preserve_access_index));
#define IOR_FFS_MASK (~3UL)
struct io_splice {
	long long off_out;
	long long off_in;
	__u64 len;
	int splice_fd_in;
	unsigned int flags;
} __attribute__((preserve_access_index));

#endif
