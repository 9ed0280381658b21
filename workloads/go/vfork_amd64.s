#include "textflag.h"

// func vforkExit() (pid uintptr, errno uintptr)
//
// vfork, and in the child exit(0) at once. The child shares this stack
// until it exits, so it runs nothing but these instructions: it touches
// no memory at all. The parent returns the child's pid, or an errno.
TEXT ·vforkExit(SB),NOSPLIT,$0-16
	MOVQ	$58, AX	// SYS_vfork
	SYSCALL
	CMPQ	AX, $0
	JNE	parent
	MOVQ	$60, AX	// SYS_exit
	MOVQ	$0, DI
	SYSCALL
parent:
	CMPQ	AX, $0xfffffffffffff001
	JLS	ok
	NEGQ	AX
	MOVQ	$0, pid+0(FP)
	MOVQ	AX, errno+8(FP)
	RET
ok:
	MOVQ	AX, pid+0(FP)
	MOVQ	$0, errno+8(FP)
	RET

// func vforkExec(path, argv, envp uintptr) (pid uintptr, errno uintptr)
//
// vfork, and in the child execve(path, argv, envp) at once (exit 127 if
// it fails). The arguments are taken into registers before the vfork, so
// the child touches no memory of the parent's.
TEXT ·vforkExec(SB),NOSPLIT,$0-40
	MOVQ	path+0(FP), R12
	MOVQ	argv+8(FP), R13
	MOVQ	envp+16(FP), R14
	MOVQ	$58, AX	// SYS_vfork
	SYSCALL
	CMPQ	AX, $0
	JNE	parent
	MOVQ	R12, DI
	MOVQ	R13, SI
	MOVQ	R14, DX
	MOVQ	$59, AX	// SYS_execve
	SYSCALL
	MOVQ	$60, AX	// SYS_exit
	MOVQ	$127, DI
	SYSCALL
parent:
	CMPQ	AX, $0xfffffffffffff001
	JLS	ok
	NEGQ	AX
	MOVQ	$0, pid+24(FP)
	MOVQ	AX, errno+32(FP)
	RET
ok:
	MOVQ	AX, pid+24(FP)
	MOVQ	$0, errno+32(FP)
	RET
