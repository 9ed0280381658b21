package integrationtests

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/recording"
)

// One rule for every live format, as strace has it: COMMAND's stdout and
// stderr are its own, untouched; the live events go to stderr, or to the
// file -output names (stdout with -output -).
func TestLiveOutputStreams(t *testing.T) {
	requireRoot(t)
	dir := t.TempDir()
	script := "echo to-stdout; echo to-stderr >&2; cat /etc/hostname >/dev/null"
	isEvents := func(format, s string) bool {
		switch format {
		case "-json":
			for _, l := range strings.Split(s, "\n") {
				var m map[string]any
				if json.Unmarshal([]byte(l), &m) == nil && m["syscall"] == "openat" && m["path"] == "/etc/hostname" {
					return true
				}
			}
			return false
		case "-plain":
			return strings.Contains(s, "openat,") && strings.Contains(s, "/etc/hostname")
		}
		return strings.Contains(s, `openat("/etc/hostname"`)
	}
	for _, format := range []string{"", "-json", "-plain"} {
		t.Run("format="+format, func(t *testing.T) {
			args := func(extra ...string) []string {
				a := append([]string{}, extra...)
				if format != "" {
					a = append(a, format)
				}
				return append(a, "--", "sh", "-c", script)
			}
			// Default: events on stderr, the command's stdout alone on stdout.
			code, stdout, stderr := runIor(t, dir, args()...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if stdout != "to-stdout\n" {
				t.Errorf("stdout is %q, want the command's own output alone", stdout)
			}
			if !isEvents(format, stderr) || !strings.Contains(stderr, "to-stderr\n") {
				t.Errorf("stderr lacks the events or the command's stderr:\n%s", stderr)
			}
			// -output FILE: the events there, nowhere else.
			live := filepath.Join(dir, "live"+format)
			code, stdout, stderr = runIor(t, dir, args("-output", live)...)
			b, err := os.ReadFile(live)
			if code != 0 || err != nil {
				t.Fatalf("exit %d, %v: %s", code, err, stderr)
			}
			if stdout != "to-stdout\n" || isEvents(format, stderr) || !isEvents(format, string(b)) {
				t.Errorf("-output %s: stdout %q, stderr %q, file %q", live, stdout, stderr, b)
			}
			// -output -: the events on stdout, beside the command's.
			code, stdout, stderr = runIor(t, dir, args("-output", "-")...)
			if code != 0 || !isEvents(format, stdout) || !strings.Contains(stdout, "to-stdout\n") || isEvents(format, stderr) {
				t.Errorf("-output -: exit %d, stdout %q, stderr %q", code, stdout, stderr)
			}
		})
	}
	// -o FILE records, with or without -flamegraph, and prints no events.
	rec := filepath.Join(dir, "o.ior.zst")
	code, stdout, stderr := runIor(t, dir, "-o", rec, "--", "sh", "-c", script)
	if code != 0 || stdout != "to-stdout\n" || isEvents("", stderr) {
		t.Fatalf("-o: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	r, err := recording.ReadFile(rec)
	if err != nil {
		t.Fatalf("-o %s without -flamegraph: %v", rec, err)
	}
	found := false
	for _, ev := range r.Events {
		found = found || ev.Syscall == "openat" && ev.Path == "/etc/hostname"
	}
	if !found {
		t.Errorf("the recording has no openat of /etc/hostname (%d events)", len(r.Events))
	}
}
