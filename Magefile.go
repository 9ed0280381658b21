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

// Setup prepares a fresh machine (as root): installs CMake (the C
// workloads), g++ (the DuckDB test links DuckDB's C++ library through
// cgo), clang and libbpf-dev (the test regenerates the BPF object to check
// it against the committed one) and tmux (ior top's terminal test) from Debian if they are
// missing, and mounts tracefs if it is not mounted.
func Setup() error {
	var missing []string
	for tool, pkg := range map[string]string{"cmake": "cmake", "g++": "g++", "clang": "clang", "tmux": "tmux"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, pkg)
		}
	}
	if _, err := os.Stat("/usr/include/bpf/bpf_helpers.h"); err != nil {
		missing = append(missing, "libbpf-dev")
	}
	if len(missing) > 0 {
		if os.Geteuid() != 0 {
			return fmt.Errorf("%s not installed; as root: apt-get install -y %s", strings.Join(missing, ", "), strings.Join(missing, " "))
		}
		if err := sh.RunV("apt-get", "update", "-qq"); err != nil {
			return err
		}
		args := append([]string{"install", "-y", "-qq"}, missing...)
		if err := sh.RunWithV(map[string]string{"DEBIAN_FRONTEND": "noninteractive"}, "apt-get", args...); err != nil {
			return err
		}
	}
	if _, err := os.Stat("/sys/kernel/tracing/events/syscalls"); err != nil && os.Geteuid() == 0 {
		return sh.RunV("mount", "-t", "tracefs", "nodev", "/sys/kernel/tracing")
	}
	return nil
}

// Build builds ior into build/ior.
func Build() error {
	return sh.RunV("go", "build", "-o", iorBin, "./cmd/ior")
}

// Bpf regenerates the BPF objects and their Go bindings (needs clang).
func Bpf() error {
	if _, err := exec.LookPath("clang"); err != nil {
		return fmt.Errorf("clang is not installed (apt-get install clang libbpf-dev)")
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
	if err := sh.RunV("go", "test", "-race", "-count=1", "./internal/...", "./cmd/..."); err != nil {
		return err
	}
	// Parquet export read by DuckDB: its own module (cgo), apart from ior.
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
	if _, err := exec.LookPath("cmake"); err != nil {
		return fmt.Errorf("cmake is not installed: the C workloads need it (apt-get install cmake)")
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
// IOR_REQUIRE_BPF=1 turns skips into failures).
func IntegrationTest() error {
	mg.SerialDeps(Build, Workloads.C, Workloads.Go)
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	env := map[string]string{"IOR_BINARY": abs(iorBin), "IOR_WORKLOAD_C": abs(cWork), "IOR_WORKLOAD_GO": abs(goWork)}
	return sh.RunWithV(env, "go", "test", "-race", "-count=1", "-v", "-timeout=10m", "./integrationtests/")
}

// Bench compares ior's overhead, loss, CPU, memory and bytes per event with
// bpftrace, perf trace and strace on a single-threaded, a multi-threaded
// and an io_uring workload (ior's modes only), and checks the targets
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
