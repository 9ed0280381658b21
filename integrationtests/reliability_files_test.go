package integrationtests

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/recording"
	"golang.org/x/sys/unix"
)

// runIor runs ior to completion and returns its exit status and stderr.
func runIor(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(differ.IorBinary, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &stdout, &stderr
	cmd.Run()
	return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
}

// What is at an output path and is not a regular file is refused before
// anything is attached, and left as it was.
func TestReliabilityOutputRefused(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := unix.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	dev := filepath.Join(dir, "null")
	if err := unix.Mknod(dev, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("precious"), 0o644)
	link := filepath.Join(dir, "link")
	os.Symlink(victim, link)
	for _, args := range [][]string{
		{"-flamegraph", "-o", fifo}, {"-flamegraph", "-o", dev}, {"-flamegraph", "-o", sub}, {"-flamegraph", "-o", link},
		{"-flamegraph", "-o", filepath.Join(dir, "nodir", "r.ior.zst")},
		{"-ready-file", link}, {"-ready-file", fifo}, {"-cpuprofile", link}, {"-cpuprofile", dev},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			ran := filepath.Join(dir, "ran")
			os.Remove(ran)
			code, _, stderr := runIor(t, dir, append(args, "--", "touch", ran)...)
			if code != 1 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("exit %d, stderr %q: want 1 and one line", code, stderr)
			}
			if _, err := os.Stat(ran); err == nil {
				t.Errorf("the command ran before ior refused: %q", stderr)
			}
		})
	}
	var st unix.Stat_t
	if unix.Lstat(fifo, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFIFO {
		t.Error("the fifo was replaced")
	}
	if unix.Lstat(dev, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFCHR {
		t.Error("the device node was replaced")
	}
	if b, _ := os.ReadFile(victim); string(b) != "precious" {
		t.Errorf("the symlink's target was written: %q", b)
	}
}

// A symlink planted where a predictable temporary name would be is never
// followed (the ready file used to be written through "<name>.tmp").
func TestReliabilityReadyFileTempLink(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("precious"), 0o644)
	ready := filepath.Join(dir, "ready")
	os.Symlink(victim, ready+".tmp")
	if code, _, stderr := runIor(t, dir, "-ready-file", ready, "--", "true"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(victim); string(b) != "precious" {
		t.Errorf("the link's target was written: %q", b)
	}
	if b, _ := os.ReadFile(ready); string(b) != "ready\n" {
		t.Errorf("ready file holds %q", b)
	}
	if ents, _ := filepath.Glob(filepath.Join(dir, ".ior-tmp-*")); len(ents) > 0 {
		t.Errorf("temporary files left: %v", ents)
	}
}

// The disk fills up during the run: ior says so at once, stops tracing,
// and what was recorded before is a valid recording marked incomplete.
func TestReliabilityDiskFull(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	os.Mkdir(small, 0o755)
	if err := unix.Mount("tmpfs", small, "tmpfs", 0, "size=64k"); err != nil {
		t.Fatalf("mounting a small tmpfs: %v", err)
	}
	defer unix.Unmount(small, 0)
	rec := filepath.Join(small, "r.ior.zst")
	// Distinct paths so that the recording does not compress to nothing.
	script := `i=0; while [ $i -lt 4000 ]; do cat /nonexistent/$i-$$-padding-padding-padding 2>/dev/null; i=$((i+1)); done; echo finished`
	code, stdout, stderr := runIor(t, dir, "-flamegraph", "-o", rec, "--", "sh", "-c", script)
	if code != 1 || !strings.Contains(stderr, "no space left on device") {
		t.Errorf("exit %d, stderr:\n%s\nwant 1 and ENOSPC named", code, stderr)
	}
	if !strings.Contains(stdout, "finished") {
		t.Error("the command did not run to its end")
	}
	r, err := recording.ReadFile(rec)
	if err != nil {
		t.Fatalf("the recording kept is not readable: %v", err)
	}
	if r.Stats.Incomplete == "" || r.Stats.Events != uint64(len(r.Events)) {
		t.Errorf("stats %+v with %d events: want incomplete and counts that agree", r.Stats, len(r.Events))
	}
}

// A task name and file names full of terminal escapes, newlines, commas,
// quotes and bytes that are not UTF-8 go through every live output:
// JSON stays valid JSON, CSV valid CSV, the human lines carry no raw
// control byte, and the default recording name stays in the directory.
func TestReliabilityHostileNames(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	comm := "\x1b[2J/../x"
	bin := filepath.Join(dir, comm)
	os.MkdirAll(filepath.Dir(bin), 0o755)
	if err := exec.Command("cp", "/bin/cat", bin).Run(); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "a,b \"q\"\nnext;\x1b[31m\xff")
	os.WriteFile(name, []byte("x"), 0o644)
	for _, format := range []string{"", "-plain", "-json"} {
		args := []string{"-output", "-", "--", bin, name} // the events on stdout, to check them alone
		if format != "" {
			args = append([]string{format}, args...)
		}
		code, out, stderr := runIor(t, dir, args...)
		if code != 0 {
			t.Fatalf("ior %s: exit %d: %s", format, code, stderr)
		}
		switch format {
		case "-json":
			sc := bufio.NewScanner(strings.NewReader(out))
			for sc.Scan() {
				if l := sc.Text(); strings.HasPrefix(l, "{") && !json.Valid([]byte(l)) {
					t.Errorf("invalid JSON line: %q", l)
				}
			}
			if !strings.Contains(out, `"path_bytes"`) {
				t.Error("the non-UTF-8 name has no exact bytes in the JSON")
			}
		case "-plain":
			rows, err := csv.NewReader(strings.NewReader(out[:strings.LastIndex(out, "\n")+1])).ReadAll()
			if err != nil {
				t.Errorf("invalid CSV: %v", err)
			}
			found := false
			for _, r := range rows {
				found = found || len(r) > 10 && r[10] == name
			}
			if !found {
				t.Error("the name does not come back whole from the CSV")
			}
		default:
			for _, c := range []byte(out) {
				if c < 0x20 && c != '\n' || c == 0x7f {
					t.Fatalf("raw control byte %#x in human output", c)
				}
			}
		}
	}
	// The recording's default name comes from the target's name.
	code, _, stderr := runIor(t, dir, "-flamegraph", "--", bin, name)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs, _ := filepath.Glob(filepath.Join(dir, "*.ior.zst"))
	if len(recs) != 1 {
		t.Errorf("recordings in the working directory: %v (stderr %s)", recs, stderr)
	}
}
