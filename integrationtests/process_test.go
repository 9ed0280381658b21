package integrationtests

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A process's exit event names the process, even when its last task to
// end is a thread with another name (an io_uring worker, say): here the
// leader exits alone and a thread named tail-worker ends the process.
func TestExitNamesTheProcess(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "lastthread")
	if out, err := exec.Command("cc", "-O2", "-pthread", "-o", bin, "testdata/lastthread.c").CombinedOutput(); err != nil {
		t.Fatalf("cc: %v\n%s", err, out)
	}
	out, err := exec.Command(differ.IorBinary, "-plain", "-flamegraph", "-o", filepath.Join(dir, "r.ior.zst"), "--", bin).CombinedOutput()
	if err != nil {
		t.Fatalf("ior: %v\n%s", err, out)
	}
	var exits []string
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Split(line, ","); len(f) > 3 && f[0] == "exit" {
			exits = append(exits, f[3])
		}
	}
	if len(exits) != 1 || exits[0] != "lastthread" {
		t.Errorf("exit events name %q, want one naming lastthread\n%s", exits, out)
	}
}
