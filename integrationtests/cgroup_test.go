package integrationtests

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// cgroup2Root is a cgroup v2 mount: /sys/fs/cgroup, or on a hybrid
// system /sys/fs/cgroup/unified; "" if none.
func cgroup2Root() string {
	for _, p := range []string{"/sys/fs/cgroup", "/sys/fs/cgroup/unified"} {
		var fs unix.Statfs_t
		if unix.Statfs(p, &fs) == nil && fs.Type == 0x63677270 {
			return p
		}
	}
	return ""
}

// -cgroup traces the tasks of a cgroup v2 subtree, those put there after
// ior attached too, and nothing else: a workload moved into a child of
// the cgroup is traced, the same workload outside it is not.
func TestCgroupTarget(t *testing.T) {
	requireRoot(t)
	root := cgroup2Root()
	if root == "" {
		t.Skip("no cgroup v2 mount")
	}
	cg := filepath.Join(root, fmt.Sprintf("ior-test-%d", os.Getpid()))
	if err := os.MkdirAll(filepath.Join(cg, "sub"), 0o755); err != nil {
		t.Skipf("cannot make a cgroup: %v", err)
	}
	defer os.Remove(cg)
	defer os.Remove(filepath.Join(cg, "sub"))
	for lang, bin := range differ.Workloads {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			ready := filepath.Join(dir, "ready")
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			ior := exec.CommandContext(ctx, differ.IorBinary, "-cgroup", cg, "-json", "-output", "-", "-duration", "3", "-ready-file", ready)
			var out, stderr bytes.Buffer
			ior.Stdout, ior.Stderr = &out, &stderr
			if err := ior.Start(); err != nil {
				t.Fatal(err)
			}
			iorDone := make(chan error, 1)
			go func() { iorDone <- ior.Wait() }()
			if err := waitForFile(ctx, ready, iorDone); err != nil {
				t.Fatalf("ior did not get ready: %v\n%s", err, stderr.String())
			}
			in := startGated(t, ctx, bin, filepath.Join(dir, "in"))
			outside := startGated(t, ctx, bin, filepath.Join(dir, "out"))
			if err := os.WriteFile(filepath.Join(cg, "sub", "cgroup.procs"), []byte(strconv.Itoa(in.pid)), 0o644); err != nil {
				t.Fatalf("moving the workload into the cgroup: %v", err)
			}
			in.run(t)
			outside.run(t)
			if err := <-iorDone; err != nil {
				t.Fatalf("ior: %v\n%s", err, stderr.String())
			}
			pids := map[int]int{}
			sawLog := false
			sc := bufio.NewScanner(&out)
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			for sc.Scan() {
				var ev struct {
					Syscall string `json:"syscall"`
					PID     int    `json:"pid"`
					Path    string `json:"path"`
				}
				if json.Unmarshal(sc.Bytes(), &ev) != nil {
					continue
				}
				pids[ev.PID]++
				if ev.PID == in.pid && ev.Syscall == "rename" && strings.HasSuffix(ev.Path, "/in/app.log") {
					sawLog = true
				}
			}
			if !sawLog {
				t.Errorf("the workload in the cgroup: its rename not recorded (%d events of it)", pids[in.pid])
			}
			if pids[outside.pid] != 0 {
				t.Errorf("the workload outside the cgroup: %d events recorded, want none", pids[outside.pid])
			}
			for pid, n := range pids {
				if pid != in.pid {
					t.Errorf("%d events of process %d, which is not in the cgroup", n, pid)
				}
			}
		})
	}
}

// gated is a workload waiting at its gate.
type gated struct {
	cmd  *exec.Cmd
	gate io.WriteCloser
	pid  int
}

// startGated starts the rename_open scenario in dir, gated; its PID is
// known when it returns.
func startGated(t *testing.T, ctx context.Context, bin, dir string) *gated {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, bin, "--scenario=rename_open", "--dir="+dir, "--gate")
	gate, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	pid, perr := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || perr != nil {
		t.Fatalf("workload did not print its PID: %q", line)
	}
	go io.Copy(io.Discard, stdout)
	return &gated{cmd: cmd, gate: gate, pid: pid}
}

// run opens the gate and waits for the workload.
func (g *gated) run(t *testing.T) {
	t.Helper()
	io.WriteString(g.gate, "go\n")
	g.gate.Close()
	if err := g.cmd.Wait(); err != nil {
		t.Fatalf("workload: %v", err)
	}
}
