package main

// recorder-min, the bench-only mode: `iorbench -recorder-min -syscalls
// LIST -- CMD...` runs CMD under the smallest recorder (recmin_prog.go)
// and prints what it recorded. Not a flag of ior: it records nothing a
// user could read, it only measures what recording costs at the least.

import (
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"github.com/cilium/ebpf/rlimit"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/syscalls"
	"github.com/ior-tracer/ior/internal/tracer"
	"golang.org/x/sys/unix"
)

// rmPoll is how often the reader looks at the ring: the records come
// without wakeups. 16 MiB hold ~350k records, ~100 ms of bench-hot's
// fastest rate.
const rmPoll = 2 * time.Millisecond

// rmStatsEnv, set to anything, makes recorder-min keep its programs' run
// times (bpf-stats) and print them.
const rmStatsEnv = "IORBENCH_BPF_STATS"

// rmResult is what one recorder-min run saw.
type rmResult struct {
	events, lostStorage, lostRing uint64
	byNR                          map[int]uint64
	enterNs, exitNs               float64 // bpf-stats per run; 0 when off
}

// rmLine is the line recorder-min prints and the bench parses.
var rmLine = regexp.MustCompile(`(?m)^recorder-min: (\d+) events, (\d+) lost`)

func (r rmResult) String() string {
	var by []string
	for _, nr := range slices.Sorted(maps.Keys(r.byNR)) {
		by = append(by, fmt.Sprintf("%s %d", syscalls.NRNames[nr], r.byNR[nr]))
	}
	s := fmt.Sprintf("recorder-min: %d events, %d lost (%d without task storage, %d without ring room); by syscall: %s",
		r.events, r.lostStorage+r.lostRing, r.lostStorage, r.lostRing, strings.Join(by, ", "))
	if r.enterNs > 0 {
		s += fmt.Sprintf("\nrecorder-min: bpf-stats enter %.1f ns, exit %.1f ns per run", r.enterNs, r.exitNs)
	}
	return s
}

// recorderMain is iorbench's entry in recorder-min mode; it returns the
// exit status.
func recorderMain(args []string) int {
	fs := flag.NewFlagSet("recorder-min", flag.ContinueOnError)
	list := fs.String("syscalls", "", "the syscalls to record, comma-separated")
	batch := fs.Int("batch", 1, "records sent to the ring together, staged per CPU (a power of two up to 64; 1: each on its own)")
	if err := fs.Parse(args); err != nil || *list == "" || fs.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: iorbench -recorder-min [-batch N] -syscalls LIST -- CMD [ARG...]")
		return 2
	}
	var nrs []int
	for _, name := range strings.Split(*list, ",") {
		sp := syscalls.Lookup(name)
		if sp == nil {
			fmt.Fprintf(os.Stderr, "iorbench: no syscall %q\n", name)
			return 2
		}
		nrs = append(nrs, sp.NR)
	}
	res, err := recordMin(nrs, *batch, fs.Args(), os.Stdin, os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "iorbench:", err)
		return 1
	}
	fmt.Println(res)
	return 0
}

// recordMin runs argv under recorder-min, recording the syscalls nrs of
// its process, batch records to a ring record; it starts through ior's
// own gate (tracer.GateMain), so that it is held until the programs are
// attached, as under ior.
func recordMin(nrs []int, batch int, argv []string, stdin io.Reader, stdout, stderr io.Writer) (rmResult, error) {
	res := rmResult{byNR: map[int]uint64{}}
	if err := rlimit.RemoveMemlock(); err != nil {
		return res, err
	}
	if os.Getenv(rmStatsEnv) != "" {
		// The programs' run time, as ior -bpf-stats keeps it: for as
		// long as this fd is open, not kernel.bpf_stats_enabled's
		// global switch.
		st, err := ebpf.EnableStats(uint32(unix.BPF_STATS_RUN_TIME))
		if err != nil {
			return res, fmt.Errorf("enabling BPF run statistics: %w", err)
		}
		defer st.Close()
	}
	o, err := kernelOffsets()
	if err != nil {
		return res, err
	}
	path, err := exec.LookPath(argv[0])
	if err != nil {
		return res, err
	}
	self, err := os.Executable()
	if err != nil {
		return res, err
	}
	gr, gw, err := os.Pipe()
	if err != nil {
		return res, err
	}
	defer gw.Close()
	cmd := exec.Command(self, argv[1:]...)
	cmd.Args = append([]string{path}, argv[1:]...)
	cmd.Env = append(os.Environ(), tracer.GateEnv+"="+path)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	cmd.ExtraFiles = []*os.File{gr}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		gr.Close()
		return res, err
	}
	gr.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	fail := func(err error) (rmResult, error) {
		cmd.Process.Kill()
		<-done
		return res, err
	}
	tgid := uint32(cmd.Process.Pid)
	m, err := newRMMaps(nrs, tgid, batch)
	if err != nil {
		return fail(err)
	}
	defer m.Close()
	enter, exit, err := rmPrograms(m, o, tgid)
	if err != nil {
		return fail(err)
	}
	defer enter.Close()
	defer exit.Close()
	for _, p := range []*ebpf.Program{enter, exit} {
		l, err := link.AttachTracing(link.TracingOptions{Program: p, AttachType: ebpf.AttachTraceRawTp})
		if err != nil {
			return fail(fmt.Errorf("attaching: %w", err))
		}
		defer l.Close()
	}
	ring, err := probe.NewRing(m.ring)
	if err != nil {
		return fail(err)
	}
	defer ring.Close()
	if _, err := gw.Write([]byte{1}); err != nil {
		return fail(fmt.Errorf("releasing the command: %w", err))
	}
	gw.Close()
	count := func(b []byte) error {
		if len(b) != batch*rmRecordSize {
			return fmt.Errorf("a record of %d bytes, want %d", len(b), batch*rmRecordSize)
		}
		return res.count(b, tgid)
	}
	var cmdErr error
	exited := false
	for {
		ring.SetDeadline(time.Now().Add(rmPoll))
		err := ring.Read(count)
		if errors.Is(err, probe.ErrFlushed) {
			break
		} else if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
			return fail(err)
		}
		if !exited {
			select {
			case cmdErr = <-done:
				exited = true
				if err := ring.Flush(); err != nil {
					return res, err
				}
			default:
			}
		}
	}
	var lost [16]byte
	if err := m.lost.Lookup(uint32(0), lost[:]); err != nil {
		return res, err
	}
	if m.stage != nil {
		// What each CPU staged last, never sent: recorded all the same.
		var stages [][]byte
		if err := m.stage.Lookup(uint32(0), &stages); err != nil {
			return res, err
		}
		for _, st := range stages {
			n := binary.NativeEndian.Uint64(st)
			if err := res.count(st[8:8+n*rmRecordSize], tgid); err != nil {
				return res, err
			}
		}
	}
	res.lostStorage = binary.NativeEndian.Uint64(lost[rmLostStorage:])
	res.lostRing = binary.NativeEndian.Uint64(lost[rmLostRing:])
	res.enterNs, res.exitNs = perRun(enter), perRun(exit)
	if cmdErr != nil {
		return res, fmt.Errorf("%s: %w", argv[0], cmdErr)
	}
	return res, nil
}

// count counts the 40-byte records in b, each of process tgid.
func (r *rmResult) count(b []byte, tgid uint32) error {
	for ; len(b) >= rmRecordSize; b = b[rmRecordSize:] {
		if pid := binary.NativeEndian.Uint32(b[16:]); pid != tgid {
			return fmt.Errorf("a record of process %d, want %d", pid, tgid)
		}
		r.events++
		r.byNR[int(binary.NativeEndian.Uint16(b[28:]))]++
	}
	return nil
}

// perRun is p's bpf-stats run time per run (kernel.bpf_stats_enabled), 0
// when not kept.
func perRun(p *ebpf.Program) float64 {
	st, err := p.Stats()
	if err != nil || st.RunCount == 0 {
		return 0
	}
	return float64(st.Runtime.Nanoseconds()) / float64(st.RunCount)
}

// parseRecorderMin reads recorder-min's line into s.
func parseRecorderMin(_ run, stdout string, s *sample) error {
	m := rmLine.FindStringSubmatch(stdout)
	if m == nil {
		return fmt.Errorf("no recorder-min line: %s", lastLine(stdout))
	}
	s.Events, _ = strconv.ParseFloat(m[1], 64)
	s.Lost, _ = strconv.ParseFloat(m[2], 64)
	return nil
}
