package integrationtests

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/aio"
	"github.com/ior-tracer/ior/internal/syscalls"
	"github.com/ior-tracer/ior/internal/uring"
)

// docs/events.md checked against what the suite recorded: every event
// name and JSON key it documents exists, and every one that exists is
// documented.

var seen = struct {
	names map[string]bool
	recs  map[string]string // family -> one of its recordings
}{names: map[string]bool{}, recs: map[string]string{}}

// noteRecording keeps the event names of a run, and one recording per
// family for the JSON keys.
func noteRecording(sc Scenario, res *TestResult) {
	mu.Lock()
	defer mu.Unlock()
	for _, ev := range res.Recording.Events {
		seen.names[ev.Syscall] = true
	}
	if _, ok := seen.recs[sc.Family]; !ok {
		seen.recs[sc.Family] = filepath.Join(filepath.Dir(res.Dir), sc.Name+".ior.zst")
	}
}

type eventsDoc struct {
	keys    []string // the field table's rows
	process []string // the process events it names
}

func readEventsDoc(t *testing.T) eventsDoc {
	t.Helper()
	b, err := os.ReadFile("../docs/events.md")
	if err != nil {
		t.Fatal(err)
	}
	var d eventsDoc
	row := regexp.MustCompile("^\\| `([a-z_0-9]+)` \\|")
	name := regexp.MustCompile("`([a-z0-9_]+)`")
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if m := row.FindStringSubmatch(l); m != nil {
			d.keys = append(d.keys, m[1])
		}
		if strings.HasPrefix(l, "- process events:") {
			// The bullet runs on over its indented lines.
			text := l
			for sc.Scan() && strings.HasPrefix(sc.Text(), "  ") {
				text += sc.Text()
			}
			for _, m := range name.FindAllStringSubmatch(text, -1) {
				if m[1] != "ret" && m[1] != "flags" && m[1] != "comm" {
					d.process = append(d.process, m[1])
				}
			}
		}
	}
	if len(d.keys) == 0 || len(d.process) == 0 {
		t.Fatalf("docs/events.md: no field table (%d rows) or no process events bullet (%v)", len(d.keys), d.process)
	}
	return d
}

// checkEventsDoc runs once every scenario has run (TestScenarios).
func checkEventsDoc(t *testing.T) {
	d := readEventsDoc(t)
	mu.Lock()
	names := seen.names
	recs := seen.recs
	mu.Unlock()
	// Every process event documented is recorded by the suite.
	for _, n := range d.process {
		if !names[n] {
			t.Errorf("docs/events.md names the process event %q; no recording of the suite has it", n)
		}
	}
	// Every name recorded is documented: a syscall of 'ior syscalls', a
	// process event the docs list, io_uring:OP, aio:CMD.
	var undocumented []string
	for n := range names {
		documented := syscalls.ByName(n) != nil || slices.Contains(d.process, n) ||
			strings.HasPrefix(n, "io_uring:") && uring.ByEvent(n) != nil ||
			strings.HasPrefix(n, "aio:") && (aio.ByEvent(n) != nil || n == "aio:UNKNOWN")
		if !documented {
			undocumented = append(undocumented, n)
		}
	}
	sort.Strings(undocumented)
	if len(undocumented) > 0 {
		t.Errorf("events recorded but not documented in docs/events.md: %v", undocumented)
	}
	// JSON keys: each documented key on every line; each key seen
	// documented (<field>_bytes only for a documented field).
	seenKeys := map[string]bool{}
	for fam, rec := range recs {
		out, err := exec.Command(differ.IorBinary, "events", "-json", rec).Output()
		if err != nil {
			t.Fatalf("ior events -json %s (%s): %v", rec, fam, err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("%s: %v: %q", rec, err, l)
			}
			for k := range m {
				seenKeys[k] = true
			}
			for _, k := range d.keys {
				if _, ok := m[k]; !ok {
					t.Errorf("documented key %q, 'always present', missing from %s", k, l)
				}
			}
		}
	}
	for k := range seenKeys {
		if !slices.Contains(d.keys, k) && !slices.Contains(d.keys, strings.TrimSuffix(k, "_bytes")) {
			t.Errorf("JSON key %q is not documented in docs/events.md", k)
		}
	}
}
