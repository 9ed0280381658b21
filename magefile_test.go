package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// `go tool mage setup build` (README's first command) installs nothing:
// building ior needs neither cmake nor g++. Here neither is on PATH and
// apt-get is a stand-in that records being called; setup and build must
// pass without calling it, and say nothing of installing.
func TestSetupBuildInstallsNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs mage")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip(err)
	}
	bin := t.TempDir()
	calls := filepath.Join(t.TempDir(), "apt-calls")
	stub := "#!/bin/sh\necho \"$0 $*\" >> " + calls + "\nexit 1\n"
	for _, name := range []string{"apt-get", "apt"} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(stub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tool := range []string{"sh", "mount", "git"} { // what may legitimately run
		if p, err := exec.LookPath(tool); err == nil {
			os.Symlink(p, filepath.Join(bin, tool))
		}
	}
	os.Symlink(goBin, filepath.Join(bin, "go"))
	cmd := exec.Command("go", "tool", "mage", "setup", "build")
	cmd.Env = append(os.Environ(), "PATH="+bin, "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("mage setup build: %v\n%s", err, out)
	}
	if b, err := os.ReadFile(calls); err == nil {
		t.Errorf("setup build called apt-get:\n%s", b)
	}
	if strings.Contains(string(out), "installing") {
		t.Errorf("setup build says it installs something:\n%s", out)
	}
}
