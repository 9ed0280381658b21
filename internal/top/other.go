package top

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ior-tracer/ior/internal/syscalls"
)

// otherFamilies groups the syscalls ior does not record, for the Other
// tab: by name prefix, first match wins; the rest are "other".
var otherFamilies = []struct {
	name     string
	prefixes []string
}{
	{"wait", []string{"futex", "poll", "ppoll", "select", "pselect", "epoll_wait", "epoll_pwait", "wait4", "waitid", "pause", "nanosleep", "clock_nanosleep", "sched_yield"}},
	{"memory", []string{"brk", "mprotect", "madvise", "mlock", "munlock", "mincore", "membarrier", "process_madvise", "mbind", "set_mempolicy", "get_mempolicy", "pkey_", "remap_file_pages"}},
	{"signal", []string{"rt_sig", "sigaltstack", "kill", "tkill", "tgkill", "signalfd", "restart_syscall"}},
	{"time", []string{"clock_", "gettimeofday", "settimeofday", "time", "times", "adjtimex", "alarm", "getitimer", "setitimer", "timer_"}},
	{"ids", []string{"getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getres", "setres", "setuid", "setgid", "setre", "getpgid", "setpgid", "getpgrp", "getsid", "setsid", "getgroups", "setgroups", "capget", "capset", "set_tid_address"}},
	{"sched", []string{"sched_", "getcpu", "getpriority", "setpriority", "ioprio_"}},
	{"resources", []string{"prlimit", "getrlimit", "setrlimit", "getrusage", "sysinfo", "uname", "getrandom", "rseq", "set_robust_list", "get_robust_list", "arch_prctl", "prctl", "seccomp"}},
}

func otherFamily(name string) string {
	for _, f := range otherFamilies {
		for _, p := range f.prefixes {
			if strings.HasPrefix(name, p) {
				return f.name
			}
		}
	}
	return "other"
}

// otherLines draws the Other tab: calls by family, each family's
// syscalls most first.
func (m *Model) otherLines(w, h int) []string {
	st := &m.status
	if st.Other == nil {
		return []string{
			"Calls to syscalls ior does not record: not counted here. ior top counts them in the",
			"kernel for the traced tasks while it traces live; a recording does not hold them.",
		}
	}
	type sc struct {
		name string
		n    uint64
	}
	fams := map[string][]sc{}
	totals := map[string]uint64{}
	var all uint64
	for nr, n := range st.Other {
		name := syscalls.NRNames[nr]
		if name == "" {
			name = fmt.Sprintf("syscall_%d", nr)
		}
		f := otherFamily(name)
		fams[f] = append(fams[f], sc{name, n})
		totals[f] += n
		all += n
	}
	names := make([]string, 0, len(fams))
	for f := range fams {
		names = append(names, f)
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(totals[b], totals[a]), cmp.Compare(a, b)) })
	out := []string{m.st.head.Render(fit(fmt.Sprintf("calls ior does not record, by family: %d in all, counted in the kernel for the traced tasks", all), w))}
	for _, f := range names {
		l := fams[f]
		slices.SortFunc(l, func(a, b sc) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.name, b.name)) })
		var parts []string
		for _, x := range l {
			parts = append(parts, fmt.Sprintf("%s %s", x.name, human(x.n)))
		}
		out = append(out, fmt.Sprintf("%-10s %8s  %s", f, human(totals[f]), strings.Join(parts, ", ")))
	}
	return out
}
