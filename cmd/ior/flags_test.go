package main

import (
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/syscalls"
)

// -syscalls takes syscall and family names mixed; an unknown one is an
// error before anything starts.
func TestSyscallsFlag(t *testing.T) {
	cfg, _, err := parseTrace([]string{"-syscalls", "space,fsync,truncate", "-pid", "1"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := append(syscalls.InFamily("space"), "fsync")
	if !slices.Equal(cfg.Syscalls, want) {
		t.Errorf("-syscalls space,fsync,truncate = %v, want %v", cfg.Syscalls, want)
	}
	_, _, err = parseTrace([]string{"-syscalls", "file,meta,stats", "-pid", "1"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `"stats"`) {
		t.Errorf("unknown family: %v", err)
	}
}
