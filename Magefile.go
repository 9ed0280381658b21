//go:build mage

// Build, test and benchmark ior. Run with `go tool mage TARGET`.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/magefile/mage/mg"
	"github.com/magefile/mage/sh"
)

const buildDir = "build"

var (
	iorBin = filepath.Join(buildDir, "ior")
	goWork = filepath.Join(buildDir, "ioworkload")
	cMake  = filepath.Join(buildDir, "cmake")
	cWork  = filepath.Join(cMake, "workload-c")
	hotBin = filepath.Join(cMake, "bench-hot")
	mtBin  = filepath.Join(cMake, "bench-threads")
	urBin  = filepath.Join(cMake, "bench-uring")
)

// Setup prepares a fresh machine for running ior (as root): mounts tracefs
// if it is not mounted. What a target needs besides Go (cmake for the C
// workloads, g++ for the DuckDB test, clang and libbpf-dev for the BPF
// check, tmux for ior top's terminal test) its own steps install when it
// is missing, so `setup build` installs nothing.
func Setup() error {
	if _, err := os.Stat("/sys/kernel/tracing/events/syscalls"); err != nil && os.Geteuid() == 0 {
		fmt.Println("setup: mounting tracefs on /sys/kernel/tracing")
		return quiet("mount", "-t", "tracefs", "nodev", "/sys/kernel/tracing")
	}
	return nil
}

// setupLog keeps what apt-get said; shown only when it fails.
var setupLog = filepath.Join(buildDir, "setup.log")

// need installs tool from Debian package pkg if it is not on PATH: one
// line on stdout, apt-get's own output in build/setup.log.
func need(tool, pkg, why string) error {
	_, err := exec.LookPath(tool)
	return install(tool, pkg, why, err == nil)
}

// install installs Debian package pkg unless what it provides is present.
func install(tool, pkg, why string, present bool) error {
	if present {
		return nil
	}
	if os.Geteuid() != 0 {
		return fmt.Errorf("%s is not installed (%s); as root: apt-get install -y %s", tool, why, pkg)
	}
	fmt.Printf("setup: installing %s (Debian package %s, %s)\n", tool, pkg, why)
	env := []string{"DEBIAN_FRONTEND=noninteractive"}
	lock := "DPkg::Lock::Timeout=600" // another apt-get may hold the lock
	if err := quietEnv(env, "apt-get", "-o", lock, "install", "-y", "-qq", pkg); err != nil {
		// A fresh image may have no package lists yet.
		if err := quietEnv(env, "apt-get", "-o", lock, "update", "-qq"); err != nil {
			return err
		}
		return quietEnv(env, "apt-get", "-o", lock, "install", "-y", "-qq", pkg)
	}
	return nil
}

func quiet(cmd string, args ...string) error { return quietEnv(nil, cmd, args...) }

// quietEnv runs cmd with its output appended to setupLog; when it fails,
// the error carries the log's tail.
func quietEnv(env []string, cmd string, args ...string) error {
	if err := os.MkdirAll(buildDir, 0o755); err != nil {
		return err
	}
	log, err := os.OpenFile(setupLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer log.Close()
	fmt.Fprintf(log, "$ %s %s\n", cmd, strings.Join(args, " "))
	c := exec.Command(cmd, args...)
	c.Env = append(os.Environ(), env...)
	c.Stdout, c.Stderr = log, log
	if err := c.Run(); err != nil {
		b, _ := os.ReadFile(setupLog)
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		return fmt.Errorf("%s %s: %v; the end of %s:\n%s", cmd, strings.Join(args, " "), err, setupLog, strings.Join(lines[max(0, len(lines)-15):], "\n"))
	}
	return nil
}

// Build builds ior into build/ior.
func Build() error {
	// -buildvcs=auto: the commit goes into -version even where GOFLAGS
	// turns stamping off, and a tree with no git still builds.
	return sh.RunV("go", "build", "-buildvcs=auto", "-o", iorBin, "./cmd/ior")
}

// Bpf regenerates the BPF objects and their Go bindings (installs clang
// and libbpf-dev when they are missing).
func Bpf() error {
	if err := need("clang", "clang", "it compiles bpf/"); err != nil {
		return err
	}
	_, err := os.Stat("/usr/include/bpf/bpf_helpers.h")
	if err := install("libbpf-dev", "libbpf-dev", "bpf/ includes its headers", err == nil); err != nil {
		return err
	}
	return sh.RunV("go", "generate", "./internal/probe/")
}

// Test runs go vet, staticcheck, the unit tests and, as root, the
// integration suite.
func Test() error {
	if err := sh.RunV("go", "vet", "./..."); err != nil {
		return err
	}
	if err := sh.RunV("go", "tool", "staticcheck", "./..."); err != nil {
		return err
	}
	mg.Deps(BpfCheck)
	// ior top's terminal test drives the real binary in tmux.
	if err := need("tmux", "tmux", "ior top's terminal test runs in it"); err != nil {
		return err
	}
	// go test's default 10-minute timeout per package is too near what
	// a correct run takes on a loaded 2-core machine: internal/recording
	// under -race took 160 s idle and 517 s at load 17 (2026-12-07). A
	// budget of an hour fails a hang, not a slow machine.
	if err := sh.RunV("go", "test", "-race", "-count=1", "-timeout=60m", ".", "./internal/...", "./cmd/..."); err != nil {
		return err
	}
	// Parquet export read by DuckDB: its own module (cgo), apart from ior.
	if err := need("g++", "g++", "the DuckDB test links DuckDB's C++ library through cgo"); err != nil {
		return err
	}
	if err := sh.RunV("go", "test", "-C", "integrationtests/duckdb", "-count=1", "-v", "./..."); err != nil {
		return err
	}
	mg.Deps(IntegrationTest)
	return nil
}

// BpfCheck regenerates the BPF objects with clang and fails when they
// differ from the committed ones: the committed object can never drift
// from its source (needs clang and libbpf-dev; Debian's clang 14 gives
// byte-identical objects, line info included).
func BpfCheck() error {
	if err := Bpf(); err != nil {
		return err
	}
	if err := sh.RunV("git", "diff", "--exit-code", "--stat", "--", "internal/probe/"); err != nil {
		return fmt.Errorf("the committed BPF object differs from what bpf/ compiles to: commit the regenerated internal/probe/ior_bpfel.*")
	}
	return nil
}

type Workloads mg.Namespace

// C builds the C workloads with CMake into build/cmake.
func (Workloads) C() error {
	if err := need("cmake", "cmake", "the C workloads are built with it"); err != nil {
		return err
	}
	if err := sh.RunV("cmake", "-S", ".", "-B", cMake, "-DCMAKE_BUILD_TYPE=RelWithDebInfo"); err != nil {
		return err
	}
	return sh.RunV("cmake", "--build", cMake, "-j2")
}

// Go builds the Go workload into build/ioworkload.
func (Workloads) Go() error {
	return sh.RunV("go", "build", "-o", goWork, "./workloads/go")
}

// IntegrationTest builds ior and both workloads and runs the differential
// suite, the harness under the race detector (root needed;
// IOR_REQUIRE_BPF=1 turns skips into failures). No go test timeout: each
// run has its own watchdog and the suite a budget from its number of runs
// (integrationtests/progress_test.go), which name what is stuck.
func IntegrationTest() error {
	mg.SerialDeps(Build, Workloads.C, Workloads.Go)
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	env := map[string]string{"IOR_BINARY": abs(iorBin), "IOR_WORKLOAD_C": abs(cWork), "IOR_WORKLOAD_GO": abs(goWork)}
	return sh.RunWithV(env, "go", "test", "-race", "-count=1", "-v", "-timeout=0", "./integrationtests/")
}

// Bench compares ior's overhead, loss, CPU, memory and bytes per event with
// bpftrace, perf trace and strace on a single-threaded, a multi-threaded
// and an io_uring workload (ior's modes only; again with a CPU hog on the
// other core, the busy-machine variant, -busy), and checks the targets
// (root needed; 5-8 minutes on the 2-core VM). BENCH_ARGS passes flags to the bench tool; a
// short run: BENCH_ARGS="-reads 200000 -opens 20000 -iters 4000 -reps 5
// -slow-reps 1 -suite=false".
func Bench() error {
	mg.SerialDeps(Build, Workloads.C, Workloads.Go)
	args := []string{"run", "./cmd/iorbench", "-ior", iorBin, "-hot", hotBin, "-hot-threads", mtBin, "-hot-uring", urBin, "-workload-c", cWork, "-workload-go", goWork}
	if a := os.Getenv("BENCH_ARGS"); a != "" {
		args = append(args, strings.Fields(a)...)
	}
	return sh.RunV("go", args...)
}
