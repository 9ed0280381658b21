// Package probe loads ior's BPF programs, attaches them to syscall
// tracepoints and reads the events they emit.
package probe

//go:generate go tool bpf2go -cc clang -cflags "-O2 -g -Wall -Werror" -target bpfel -type ior_event -type ior_full -type ior_slots -type ior_ev_flags -type ior_ev_mark -type ior_stat -type ior_kind -type ior_slot_state -type ior_limits -type ior_fork_flags -type ior_new_fds -type ior_new_files -type ior_uring_req -type ior_uring_exec -type ior_map_file -type ior_filter -type ior_aio_iocb -type ior_name_flags -type ior_name_state -type ior_name_arg -type ior_fdchange -type ior_copy -type ior_copied -type ior_str_max -type ior_blob_size -type ior_capture -type ior_capture_limits -type ior_offsets -type ior_off_state -type ior_argv -type ior_argv_flags -type ior_struct -type ior_resolved -type ior_proc_flags -type ior_gen -type ior_traced ior ../../bpf/ior.bpf.c -- -I../../bpf -I/usr/include/x86_64-linux-gnu
