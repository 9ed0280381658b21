package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// What a user who knows strace types works, and what cannot be meant is
// refused with one line (the error) before anything starts.
func TestTraceFlagChecks(t *testing.T) {
	for _, tc := range []struct {
		args []string
		err  string // "" : accepted
	}{
		{[]string{"-top", "-1", "-c", "-pid", "1"}, "-top -1"},
		{[]string{"-summary-only", "-json", "-pid", "1"}, "-summary-only"},
		{[]string{"-output", "x", "-flamegraph", "-pid", "1"}, "-output"},
		{[]string{"-output", "x", "-o", "r.ior.zst", "-pid", "1"}, "-output"},
		{[]string{"-name", "x", "-pid", "1"}, "-name"},
		{[]string{"-no-follow", "-all"}, "-no-follow"},
		{[]string{"-syscalls", "fsatt", "-pid", "1"}, "did you mean fstat"},
		{[]string{"-syscalls", "netw", "-pid", "1"}, "did you mean net"},
		{[]string{"-exclude-syscalls", "opneat", "-pid", "1"}, "did you mean openat"},
		{[]string{"-syscalls", "fstat,sendfile", "-exclude-syscalls", "stat", "-pid", "1"}, ""},
		{[]string{"-output", "-", "-json", "-pid", "1"}, ""},
		{[]string{"-tt", "-json", "-pid", "1"}, "-t and -tt"},
		{[]string{"-t", "-flamegraph", "-pid", "1"}, "-t and -tt"},
		{[]string{"-tt", "-o", "x", "-plain", "-pid", "1"}, "-t and -tt"},
		{[]string{"-tt", "-o", "x", "-pid", "1"}, "-t and -tt"},
		{[]string{"-top", "5", "-pid", "1"}, "-sort and -top"},
		{[]string{"-sort", "calls", "-json", "-pid", "1"}, "-sort and -top"},
		{[]string{"-tt", "-c", "-sort", "calls", "-top", "3", "-pid", "1"}, ""},
	} {
		_, _, err := parseTrace(tc.args, io.Discard)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.args, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v, want one with %q", tc.args, err, tc.err)
		case err != nil && strings.Contains(err.Error(), "\n"):
			t.Errorf("%q: error of more than one line: %q", tc.args, err)
		}
	}
}

// -o FILE records to FILE, with or without -flamegraph, and then prints
// no live events (as -flamegraph alone does).
func TestOutputFlagRecords(t *testing.T) {
	for _, args := range [][]string{{"-o", "r.ior.zst", "-pid", "1"}, {"-flamegraph", "-o", "r.ior.zst", "-pid", "1"}} {
		cfg, _, err := parseTrace(args, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if !cfg.Record || cfg.Output != "r.ior.zst" || cfg.Live != "" {
			t.Errorf("%q: record %v to %q, live %q; want a recording to r.ior.zst and no live events", args, cfg.Record, cfg.Output, cfg.Live)
		}
	}
	cfg, _, err := parseTrace([]string{"-o", "r.ior.zst", "-json", "-pid", "1"}, io.Discard)
	if err != nil || !cfg.Record || cfg.Live != "json" {
		t.Errorf("-o with -json: record %v, live %q, %v", cfg.Record, cfg.Live, err)
	}
	cfg, _, err = parseTrace([]string{"-syscalls", "fstat", "-exclude-syscalls", "sendfile", "-pid", "1"}, io.Discard)
	if err != nil || len(cfg.Syscalls) != 1 || cfg.Syscalls[0] != "newfstat" || cfg.Filters.ExcludeSyscalls[0] != "sendfile64" {
		t.Errorf("strace names: %v %v, %v", cfg.Syscalls, cfg.Filters.ExcludeSyscalls, err)
	}
	if cfg.Fair {
		t.Error("the reader is favoured by default")
	}
	if cfg, _, err = parseTrace([]string{"-fair", "-pid", "1"}, io.Discard); err != nil || !cfg.Fair {
		t.Errorf("-fair: %v, %v", cfg.Fair, err)
	}
}

// summary and hist refuse what they cannot mean, and a hist filter that
// matches nothing says so (an error: exit status 1), on stderr, not as
// an empty result on stdout.
func TestReportFilters(t *testing.T) {
	for _, tc := range []struct {
		args []string
		err  string
	}{
		{[]string{"summary", "-top", "-1", sample}, "-top -1"},
		{[]string{"hist", "-syscall", "stat", sample}, "no call in"},
		{[]string{"hist", "-syscall", "opneat", sample}, "did you mean openat"},
		{[]string{"hist", "-path", "/nowhere", sample}, "-path /nowhere"},
	} {
		var stdout bytes.Buffer
		_, err := run(tc.args, &stdout, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%q: error %v, want one with %q", tc.args, err, tc.err)
		}
		if stdout.Len() != 0 {
			t.Errorf("%q: wrote %q on stdout", tc.args, stdout.String())
		}
	}
}
