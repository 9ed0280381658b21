package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestTopStacksLive drives 'ior top -stacks -- PROG' in a real terminal
// (tmux) over a C program built with frame pointers
// (internal/top/testdata/stackdemo.c): the Flame tab's third view shows
// the program's own functions, named while tracing.
func TestTopStacksLive(t *testing.T) {
	dir, ior := topE2E(t, "gcc")
	prog, data := filepath.Join(dir, "stackdemo"), filepath.Join(dir, "data")
	if out, err := exec.Command("gcc", "-O1", "-fno-omit-frame-pointer", "-mno-omit-leaf-frame-pointer", "-o", prog,
		"../../internal/top/testdata/stackdemo.c").CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	if err := os.WriteFile(data, make([]byte, 10000), 0o644); err != nil {
		t.Fatal(err)
	}
	script := ior + " top -stacks -- " + prog + " " + data + "; echo ior top exited $?; sleep 60"
	m := newTerm(t, "ior-top-stacks", dir, script, 160, 40)
	m.gone = "ior top exited"
	waitFor, keys := m.waitFor, m.keys
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
