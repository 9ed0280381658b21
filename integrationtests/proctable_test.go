package integrationtests

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// procEvent is what TestProcessTable reads of an event.
type procEvent struct {
	Syscall string `json:"syscall"`
	PID     int    `json:"pid"`
	TID     int    `json:"tid"`
	Path    string `json:"path"`
	Foreign string `json:"foreign"`
	MntNS   uint64 `json:"mntns"`
	PidNS   uint64 `json:"pidns"`
	Cgroup  string `json:"cgroup"`
	Root    string `json:"root"`
}

// The recording's process table: a workload started by ior in ior's own
// namespaces and cgroup, moved into a new cgroup while it waits at its
// gate, then unsharing its mount namespace (mount_ns_bind). Its events
// carry, joined by thread, what it ran in at each: first ior's own
// (foreign ""), then the new cgroup (as the kernel names it: its path
// below the hierarchy's root), then also its own mount namespace
// (foreign mnt|cgroup); its pid namespace and root stay ior's.
func TestProcessTable(t *testing.T) {
	requireRoot(t)
	root := cgroup2Root()
	if root == "" {
		t.Skip("no cgroup v2 mount")
	}
	name := fmt.Sprintf("ior-proctable-%d", os.Getpid())
	cg := filepath.Join(root, name)
	if err := os.Mkdir(cg, 0o755); err != nil {
		t.Skipf("cannot make a cgroup: %v", err)
	}
	defer os.Remove(cg)
	var mnt, pidns unix.Stat_t
	if err := unix.Stat("/proc/self/ns/mnt", &mnt); err != nil {
		t.Fatal(err)
	}
	if err := unix.Stat("/proc/self/ns/pid", &pidns); err != nil {
		t.Fatal(err)
	}
	own := ""
	if b, err := os.ReadFile("/proc/self/cgroup"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if p, ok := strings.CutPrefix(l, "0::"); ok {
				own = p
			}
		}
	}
	for lang, bin := range differ.Workloads {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "a"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(filepath.Join(dir, "b"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "a", "x"), []byte("X"), 0o644); err != nil {
				t.Fatal(err)
			}
			rec := filepath.Join(t.TempDir(), "p.ior.zst")
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, differ.IorBinary, "-o", rec, "--", bin, "--scenario=mount_ns_bind", "--dir="+dir, "--gate")
			gate, _ := cmd.StdinPipe()
			stdout, _ := cmd.StdoutPipe()
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			br := bufio.NewReader(stdout)
			line, err := br.ReadString('\n')
			pid, perr := strconv.Atoi(strings.TrimSpace(line))
			if err != nil || perr != nil {
				t.Fatalf("workload did not print its PID: %q\n%s", line, stderr.String())
			}
			if err := os.WriteFile(filepath.Join(cg, "cgroup.procs"), []byte(strconv.Itoa(pid)), 0o644); err != nil {
				t.Fatalf("moving the workload into the cgroup: %v", err)
			}
			gate.Write([]byte("go\n"))
			gate.Close()
			go br.WriteTo(&bytes.Buffer{})
			if err := cmd.Wait(); err != nil {
				t.Fatalf("ior: %v\n%s", err, stderr.String())
			}
			out, err := exec.CommandContext(ctx, differ.IorBinary, "events", "-format", "json", rec).Output()
			if err != nil {
				t.Fatalf("ior events: %v", err)
			}
			var evs []procEvent
			sc := bufio.NewScanner(bytes.NewReader(out))
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			for sc.Scan() {
				var ev procEvent
				if json.Unmarshal(sc.Bytes(), &ev) == nil && ev.PID == pid {
					evs = append(evs, ev)
				}
			}
			checkProcessTable(t, evs, procWant{mnt: mnt.Ino, pidns: pidns.Ino, ownCgroup: own, cgroup: "/" + name,
				hostX: filepath.Join(dir, "a", "x")})
		})
	}
}

type procWant struct {
	mnt, pidns        uint64
	ownCgroup, cgroup string
	hostX             string // a/x as the host names it
}

// checkProcessTable checks the workload's events: before its gate (the
// PID it printed) in ior's cgroup and namespaces; from the unshare on,
// on its thread, in the new cgroup and its own mount namespace, the
// bind-mounted file named by its host path.
func checkProcessTable(t *testing.T, evs []procEvent, w procWant) {
	t.Helper()
	unshare := -1
	for i, ev := range evs {
		if ev.Syscall == "unshare" {
			unshare = i
			break
		}
	}
	if unshare < 0 {
		t.Fatalf("no unshare among the workload's %d events", len(evs))
	}
	firstWrite := -1
	for i, ev := range evs[:unshare] {
		if ev.Syscall == "write" {
			firstWrite = i
			break
		}
	}
	if firstWrite < 0 {
		t.Fatalf("the workload's PID line was not recorded (no write before the unshare)")
	}
	if ev := evs[firstWrite]; ev.Foreign != "" || ev.MntNS != w.mnt || ev.Cgroup != w.ownCgroup {
		t.Errorf("before the move: %+v, want mntns %d, cgroup %q, foreign \"\"", ev, w.mnt, w.ownCgroup)
	}
	tid, sawRead := evs[unshare].TID, false
	for _, ev := range evs {
		if ev.PidNS != w.pidns || ev.Root != "/" {
			t.Errorf("%s: pidns %d root %q, want ior's %d and /", ev.Syscall, ev.PidNS, ev.Root, w.pidns)
		}
	}
	for _, ev := range evs[unshare:] {
		if ev.Cgroup != w.cgroup {
			t.Errorf("%s after the move: cgroup %q, want %q", ev.Syscall, ev.Cgroup, w.cgroup)
		}
	}
	for _, ev := range evs[unshare+1:] {
		if ev.TID != tid {
			continue
		}
		if ev.MntNS == w.mnt || ev.MntNS == 0 || ev.Foreign != "mnt|cgroup" {
			t.Errorf("%s after the unshare: mntns %d foreign %q, want another than %d, mnt|cgroup", ev.Syscall, ev.MntNS, ev.Foreign, w.mnt)
		}
		if ev.Syscall == "read" {
			sawRead = true
			if ev.Path != w.hostX {
				t.Errorf("read of the bind-mounted file: path %q, want the host's %q", ev.Path, w.hostX)
			}
		}
	}
	if !sawRead {
		t.Errorf("no read after the unshare")
	}
}
