package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// -version names the Go version and the embedded BPF object by the hash
// of the object file in the tree (which bpf2go embeds).
func TestVersionNamesBPFObject(t *testing.T) {
	b, err := os.ReadFile("../../internal/probe/ior_bpfel.o")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	v := version()
	if !strings.Contains(v, "bpf object sha256 "+hex.EncodeToString(sum[:])) {
		t.Errorf("version() = %q, want the object's sha256 %x", v, sum)
	}
	if !strings.Contains(v, runtime.Version()) {
		t.Errorf("version() = %q, want the Go version %s", v, runtime.Version())
	}
}

// A binary built as mage builds it says which commit it is, and whether
// the tree had uncommitted changes, as git says.
func TestVersionNamesCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds ior")
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("no git checkout: %v", err)
	}
	if fi, err := os.Stat(filepath.Join(strings.TrimSpace(gitOut(t, "rev-parse", "--show-toplevel")), ".git")); err == nil && !fi.IsDir() {
		t.Skip("a git worktree (.git is a file): the go command stamps no VCS information there")
	}
	status, _ := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output()
	bin := filepath.Join(t.TempDir(), "ior")
	if out, err := exec.Command("go", "build", "-buildvcs=auto", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "-version").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "revision " + strings.TrimSpace(string(head))
	if !strings.Contains(string(out), want) {
		t.Errorf("-version says\n%s\nwant %q", out, want)
	}
	dirty := len(strings.TrimSpace(string(status))) > 0
	if strings.Contains(string(out), "(dirty") != dirty {
		t.Errorf("-version says\n%s\nbut git status says dirty=%v", out, dirty)
	}
}

func gitOut(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		t.Skipf("git %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}
