package integrationtests

import "golang.org/x/sys/unix"

// Names for the transfer, mmap, lock and meta families.
func init() {
	for k, v := range map[string]uint64{
		// lseek whence
		"SEEK_SET": unix.SEEK_SET, "SEEK_CUR": unix.SEEK_CUR, "SEEK_END": unix.SEEK_END,
		"SEEK_DATA": unix.SEEK_DATA, "SEEK_HOLE": unix.SEEK_HOLE,
		// splice, tee, vmsplice
		"SPLICE_F_MOVE": unix.SPLICE_F_MOVE, "SPLICE_F_NONBLOCK": unix.SPLICE_F_NONBLOCK,
		"SPLICE_F_MORE": unix.SPLICE_F_MORE, "SPLICE_F_GIFT": unix.SPLICE_F_GIFT,
		// fallocate
		"FALLOC_FL_KEEP_SIZE": unix.FALLOC_FL_KEEP_SIZE, "FALLOC_FL_PUNCH_HOLE": unix.FALLOC_FL_PUNCH_HOLE,
		"FALLOC_FL_ZERO_RANGE": unix.FALLOC_FL_ZERO_RANGE,
		// fadvise64 advice
		"POSIX_FADV_NORMAL": unix.FADV_NORMAL, "POSIX_FADV_RANDOM": unix.FADV_RANDOM,
		"POSIX_FADV_SEQUENTIAL": unix.FADV_SEQUENTIAL, "POSIX_FADV_WILLNEED": unix.FADV_WILLNEED,
		"POSIX_FADV_DONTNEED": unix.FADV_DONTNEED, "POSIX_FADV_NOREUSE": unix.FADV_NOREUSE,
		// flock operations, fcntl lock commands
		"LOCK_SH": unix.LOCK_SH, "LOCK_EX": unix.LOCK_EX, "LOCK_NB": unix.LOCK_NB, "LOCK_UN": unix.LOCK_UN,
		"F_GETLK": unix.F_GETLK, "F_SETLK": unix.F_SETLK, "F_SETLKW": unix.F_SETLKW,
		"F_OFD_GETLK": unix.F_OFD_GETLK, "F_OFD_SETLK": unix.F_OFD_SETLK, "F_OFD_SETLKW": unix.F_OFD_SETLKW,
		"O_PATH": unix.O_PATH,
		// file types for mknod, *at flags
		"S_IFIFO": unix.S_IFIFO, "S_IFCHR": unix.S_IFCHR, "S_IFDIR": unix.S_IFDIR, "S_IFBLK": unix.S_IFBLK,
		"S_IFREG": unix.S_IFREG, "S_IFSOCK": unix.S_IFSOCK,
		"AT_SYMLINK_NOFOLLOW": unix.AT_SYMLINK_NOFOLLOW,
	} {
		flagNames[k] = v
	}
}
