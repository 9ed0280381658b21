package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTopStacksLive drives 'ior top -stacks -- PROG' in a real terminal
// (tmux) over a C program built with frame pointers
// (internal/top/testdata/stackdemo.c): the Flame tab's third view shows
// the program's own functions, named while tracing.
func TestTopStacksLive(t *testing.T) {
	skip := t.Skip
	if os.Getenv("IOR_REQUIRE_BPF") == "1" {
		skip = t.Fatal
	}
	if os.Geteuid() != 0 {
		skip("needs root to load BPF programs")
	}
	for _, tool := range []string{"tmux", "gcc"} {
		if _, err := exec.LookPath(tool); err != nil {
			skip("needs " + tool)
		}
	}
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	ior := os.Getenv("IOR_BINARY")
	if ior == "" {
		ior = filepath.Join(dir, "ior")
		if out, err := exec.Command("go", "build", "-o", ior, ".").CombinedOutput(); err != nil {
			t.Fatalf("building ior: %v\n%s", err, out)
		}
	}
	prog, data := filepath.Join(dir, "stackdemo"), filepath.Join(dir, "data")
	if out, err := exec.Command("gcc", "-O1", "-fno-omit-frame-pointer", "-mno-omit-leaf-frame-pointer", "-o", prog,
		"../../internal/top/testdata/stackdemo.c").CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	if err := os.WriteFile(data, make([]byte, 10000), 0o644); err != nil {
		t.Fatal(err)
	}
	session := "ior-top-stacks-" + filepath.Base(filepath.Dir(dir))
	script := ior + " top -stacks -- " + prog + " " + data + "; echo ior top exited $?; sleep 60"
	tmux := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", args...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "40", "-c", dir, script)
	defer exec.Command("tmux", "kill-session", "-t", session).Run()
	// waitFor polls the screen until it shows want (a deadline for a
	// broken run, not a timing assertion).
	waitFor := func(want ...string) string {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for {
			s := tmux("capture-pane", "-p", "-t", session)
			ok := true
			for _, w := range want {
				ok = ok && strings.Contains(s, w)
			}
			if ok {
				return s
			}
			if time.Now().After(deadline) || strings.Contains(s, "ior top exited") {
				t.Fatalf("the screen never showed %q:\n%s", want, s)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	keys := func(k ...string) { tmux(append([]string{"send-keys", "-t", session}, k...)...) }
	waitFor("stackdemo exited with status 0", "ENDED")
	keys("8")
	waitFor("[8 Flame]", "flame by file > syscall")
	keys("w")
	waitFor("flame by process")
	keys("w")
	waitFor("flame by stack > file > syscall", "main", "load_index", "scan_log")
	keys("q")
	waitFor("ior top exited 0")
}
