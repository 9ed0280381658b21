package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/tracer"
	"golang.org/x/sys/unix"
)

// rmWorkloadEnv makes the test binary the workload recorder-min runs:
// "READS,OPENS,FILE".
const rmWorkloadEnv = "IORBENCH_TEST_WORKLOAD"

func TestMain(m *testing.M) {
	if path := os.Getenv(tracer.GateEnv); path != "" {
		tracer.GateMain(path) // recordMin's gate: does not return
	}
	if w := os.Getenv(rmWorkloadEnv); w != "" {
		os.Exit(rmWorkload(w))
	}
	os.Exit(m.Run())
}

// rmWorkload issues READS pread64 of FILE, then OPENS openat/close
// pairs, as raw syscalls, each checked.
func rmWorkload(spec string) int {
	f := strings.Split(spec, ",")
	reads, _ := strconv.Atoi(f[0])
	opens, _ := strconv.Atoi(f[1])
	fd, err := unix.Open(f[2], unix.O_RDONLY, 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	buf := make([]byte, 64)
	for range reads {
		if n, err := unix.Pread(fd, buf, 0); n != len(buf) || err != nil {
			fmt.Fprintln(os.Stderr, "pread64:", n, err)
			return 1
		}
	}
	for range opens {
		g, err := unix.Openat(unix.AT_FDCWD, f[2], unix.O_RDONLY, 0)
		if err == nil {
			err = unix.Close(g)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "openat/close:", err)
			return 1
		}
	}
	return 0
}

// TestRecorderMinCounts: recorder-min records every call its command
// issues, once. Two runs of the workload differ by a known number of
// calls (its start-up, the Go runtime's and the gate's, is the same in
// both): the records, by syscall, must differ by exactly that, with none
// lost.
func TestRecorderMinCounts(t *testing.T) {
	skip := t.Skip
	if os.Getenv("IOR_REQUIRE_BPF") == "1" {
		skip = t.Fatal
	}
	if os.Geteuid() != 0 {
		skip("needs root to load BPF programs")
	}
	data := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(data, make([]byte, 4096), 0o644); err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	nrs := []int{unix.SYS_PREAD64, unix.SYS_OPENAT, unix.SYS_CLOSE}
	rec := func(reads, opens, batch int) rmResult {
		t.Helper()
		t.Setenv(rmWorkloadEnv, fmt.Sprintf("%d,%d,%s", reads, opens, data))
		// The Go runtime reads its cgroup's CPU limit (pread64) at start
		// and then again now and then: more often in the longer run.
		t.Setenv("GODEBUG", "updatemaxprocs=0")
		r, err := recordMin(nrs, batch, []string{self}, nil, os.Stdout, os.Stderr)
		if err != nil {
			t.Fatal(err)
		}
		if r.lostStorage+r.lostRing != 0 {
			t.Fatalf("%d, %d: lost %d + %d", reads, opens, r.lostStorage, r.lostRing)
		}
		return r
	}
	// Past the ring's ~350k records: the reader must keep up. With
	// -batch, what each CPU staged last is counted too.
	for _, batch := range []int{1, 32} {
		small, big := rec(1000, 100, batch), rec(401000, 20100, batch)
		for nr, want := range map[int]uint64{unix.SYS_PREAD64: 400000, unix.SYS_OPENAT: 20000, unix.SYS_CLOSE: 20000} {
			if got := big.byNR[nr] - small.byNR[nr]; got != want {
				t.Errorf("batch %d: syscall %d: %d - %d = %d records more, want %d", batch, nr, big.byNR[nr], small.byNR[nr], got, want)
			}
		}
		if got := big.events - small.events; got != 440000 {
			t.Errorf("batch %d: %d - %d = %d records more, want 440000", batch, big.events, small.events, got)
		}
	}
}

func TestParseRecorderMin(t *testing.T) {
	r := rmResult{events: 600009, lostStorage: 1, lostRing: 2, byNR: map[int]uint64{17: 500002, 257: 50004, 3: 50003}}
	var s sample
	if err := parseRecorderMin(run{}, "some output of the command\n"+r.String()+"\n", &s); err != nil {
		t.Fatal(err)
	}
	if s.Events != 600009 || s.Lost != 3 {
		t.Errorf("events %v lost %v, want 600009 and 3", s.Events, s.Lost)
	}
	if err := parseRecorderMin(run{}, "nothing\n", &s); err == nil {
		t.Error("no line: no error")
	}
}
