package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// topE2E prepares an end-to-end test of ior top in a real terminal: it
// needs root (BPF) and the tools named (tmux at least); without them the
// test skips, or fails under IOR_REQUIRE_BPF=1. It returns a temporary
// directory and the ior binary (IOR_BINARY, or one built there).
func topE2E(t *testing.T, tools ...string) (dir, ior string) {
	t.Helper()
	skip := t.Skip
	if os.Getenv("IOR_REQUIRE_BPF") == "1" {
		skip = t.Fatal
	}
	if os.Geteuid() != 0 {
		skip("needs root to load BPF programs")
	}
	for _, tool := range append([]string{"tmux"}, tools...) {
		if _, err := exec.LookPath(tool); err != nil {
			skip("needs " + tool)
		}
	}
	dir, _ = filepath.EvalSymlinks(t.TempDir())
	ior = os.Getenv("IOR_BINARY")
	if ior == "" {
		ior = filepath.Join(dir, "ior")
		if out, err := exec.Command("go", "build", "-o", ior, ".").CombinedOutput(); err != nil {
			t.Fatalf("building ior: %v\n%s", err, out)
		}
	}
	return dir, ior
}

// term is a tmux session running one shell command in a w×h terminal,
// killed when the test ends.
type term struct {
	t       *testing.T
	session string
	// gone: a line on the screen that says the command ended, after
	// which waiting is pointless ("" none).
	gone string
}

func newTerm(t *testing.T, name, dir, script string, w, h int) *term {
	t.Helper()
	m := &term{t: t, session: name + "-" + filepath.Base(filepath.Dir(dir))} // unique per run
	m.tmux("new-session", "-d", "-s", m.session, "-x", itoa(w), "-y", itoa(h), "-c", dir, script)
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", m.session).Run() })
	return m
}

func itoa(n int) string { return strconv.Itoa(n) }

func (m *term) tmux(args ...string) string {
	m.t.Helper()
	out, err := exec.Command("tmux", args...).CombinedOutput()
	if err != nil {
		m.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (m *term) screen() string { return m.tmux("capture-pane", "-p", "-t", m.session) }

func (m *term) keys(k ...string) { m.tmux(append([]string{"send-keys", "-t", m.session}, k...)...) }

// waitFor polls the screen until it shows every want (a deadline for a
// broken run, not a timing assertion).
func (m *term) waitFor(want ...string) string {
	m.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		s := m.screen()
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(s, w)
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) || m.gone != "" && strings.Contains(s, m.gone) {
			m.t.Fatalf("the screen never showed %q:\n%s", want, s)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
