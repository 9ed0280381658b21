package tracer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ior-tracer/ior/internal/probe"
	"golang.org/x/sys/unix"
)

// preflight finds what would make the session fail before anything is
// attached: privileges, tracefs, the target.
func preflight(cfg *Config) error {
	if err := privileges(); err != nil {
		return err
	}
	if _, err := probe.TracefsRoot(); err != nil {
		return err
	}
	for _, id := range []uint32{cfg.PID, cfg.TID} {
		if id == 0 {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/proc/%d", id)); err != nil {
			return fmt.Errorf("process %d does not exist", id)
		}
	}
	if cfg.PID != 0 && cfg.TID != 0 {
		if _, err := os.Stat(fmt.Sprintf("/proc/%d/task/%d", cfg.PID, cfg.TID)); err != nil {
			return fmt.Errorf("thread %d is not in process %d", cfg.TID, cfg.PID)
		}
	}
	return nil
}

// defaultName names the recording after what is traced.
func defaultName(cfg *Config) string {
	switch {
	case cfg.Name != "":
		return cfg.Name
	case len(cfg.Command) > 0:
		return filepath.Base(cfg.Command[0])
	case cfg.PID != 0 || cfg.TID != 0:
		id := cfg.PID
		if id == 0 {
			id = cfg.TID
		}
		if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", id)); err == nil {
			return strings.TrimSpace(string(b))
		}
	case cfg.Comm != "":
		return cfg.Comm
	}
	return "all"
}

func kernelRelease() string {
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return ""
	}
	return unix.ByteSliceToString(u.Release[:])
}

func monoNow() uint64 {
	var ts unix.Timespec
	unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts)
	return uint64(ts.Nano())
}

// privileges checks the capabilities loading BPF programs needs: root is
// not enough where they were dropped (a container, capsh).
func privileges() error {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err := unix.Capget(&hdr, &data[0]); err != nil {
		return fmt.Errorf("reading capabilities: %w", err)
	}
	has := func(c uint) bool { return data[c/32].Effective&(1<<(c%32)) != 0 }
	if has(unix.CAP_SYS_ADMIN) || has(unix.CAP_BPF) && has(unix.CAP_PERFMON) {
		return nil
	}
	if os.Geteuid() == 0 {
		return errors.New("running as root but without CAP_BPF and CAP_PERFMON (or CAP_SYS_ADMIN): they were dropped (container, capsh?); BPF programs cannot be loaded")
	}
	return errors.New("loading BPF programs needs root, or the capabilities CAP_BPF and CAP_PERFMON")
}
