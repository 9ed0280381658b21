package tracer

import (
	"fmt"
	"io"
	"time"

	"github.com/ior-tracer/ior/internal/probe"
	"golang.org/x/sys/unix"
)

// The end-of-run report on stderr: counts, losses by cause, warnings,
// ior's own cost and, with -bpf-stats, the programs' run times.

// summarize writes the end line and the warnings of a finished run.
func summarize(w io.Writer, res *Result, d time.Duration) {
	fmt.Fprintf(w, "ior: %d events in %.2fs, %d lost", res.Events, d.Seconds(), res.Stats.Lost())
	// ior's own cost; RUSAGE_SELF leaves out the command it ran.
	var ru unix.Rusage
	if unix.Getrusage(unix.RUSAGE_SELF, &ru) == nil {
		fmt.Fprintf(w, ", ior cpu %.3fs, max rss %d KiB", float64(ru.Utime.Nano()+ru.Stime.Nano())/1e9, ru.Maxrss)
	}
	if res.Recording != "" {
		fmt.Fprintf(w, ", recording %s", res.Recording)
	}
	fmt.Fprintln(w)
	if l := res.Stats.Lost(); l > 0 {
		fmt.Fprintf(w, "ior: warning: %d events lost: %s\n", l, lossCauses(res.Stats.LostRingbuf, res.Stats.LostInflight,
			res.Stats.LostURingReqs, res.Stats.URingOverflow))
	}
	if st := res.Stats; st.LostNames+st.LostTasks+st.LostProcs+st.LostNaming > 0 {
		fmt.Fprintf(w, "ior: warning: ring buffer full: %s\n", otherLosses(st))
	}
	if n := res.Stats.LostURingPaths; n > 0 {
		fmt.Fprintf(w, "ior: warning: %d io_uring requests recorded without their paths (unknown): the path map was full\n", n)
	}
	if n := res.Stats.ProgramsUnplaced; n > 0 {
		fmt.Fprintf(w, "ior: warning: -stacks: %d programs' mappings unknown (exec'd by a path ior could not resolve, a file that changed, or a process gone before ior read /proc): their addresses stay bare\n", n)
	}
	if n := res.Stats.URingUnpaired; n > 0 {
		fmt.Fprintf(w, "ior: warning: %d io_uring requests not recorded: submitted with IOSQE_CQE_SKIP_SUCCESS, they post no completion to pair with\n", n)
	}
	if n := res.Stats.AIOUnread; n > 0 {
		fmt.Fprintf(w, "ior: warning: %d AIO iocbs or results could not be read: their requests are aio:UNKNOWN or not seen to complete\n", n)
	}
}

// reportRunStats prints the BPF programs' counters, which count every
// task the programs ran for, traced or not.
func reportRunStats(w io.Writer, p *probe.Probe) error {
	rs, err := p.RunStats()
	if err != nil {
		return err
	}
	for _, r := range rs {
		avg := 0.0
		if r.Runs > 0 {
			avg = float64(r.Runtime.Nanoseconds()) / float64(r.Runs)
		}
		fmt.Fprintf(w, "ior: bpf %s: %d runs, %.0f ns each on average\n", r.Name, r.Runs, avg)
	}
	return nil
}
