package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
)

// lossRecording writes a recording of one event whose trailer says st.
func lossRecording(t *testing.T, st recording.Stats) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "l.ior.zst")
	w, err := recording.Create(p, recording.Header{Name: "t", Host: "h"})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(&event.Event{Syscall: "read", PID: 9, TID: 9, Comm: "app", FD: 3, FD2: -1, Ret: 1, Bytes: 1, EnterNs: 1, ExitNs: 2})
	if err := w.Close(st); err != nil {
		t.Fatal(err)
	}
	return p
}

// Where a recording's losses are read (ior summary's title and JSON,
// the closing line of ior events and the other tools), the records
// other than events that were lost are said too, each kind by its
// count, only when some were: they cost the output (files unknown,
// exits not shown, processes not known) as events lost do.
func TestRecordingNotRecorded(t *testing.T) {
	st := recording.Stats{LostRingbuf: 5, LostNames: 6200, LostTasks: 3, LostProcs: 17, LostNaming: 2}
	p := lossRecording(t, st)
	const want = "6200 file names, 3 exec/fork/exit records, 17 process records, 2 calls traced for naming"
	var out, errOut bytes.Buffer
	if _, err := run([]string{"summary", p}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(out.String(), "\n"); !strings.Contains(first, "5 lost (not recorded: "+want+")") {
		t.Errorf("summary's title %q does not say %q", first, want)
	}
	out.Reset()
	if _, err := run([]string{"summary", "-json", p}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	var j map[string]any
	if err := json.Unmarshal(out.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	for k, n := range map[string]float64{"lost": 5, "lost_names": 6200, "lost_tasks": 3, "lost_procs": 17, "lost_naming": 2} {
		if j[k] != n {
			t.Errorf("summary -json: %s %v, want %v", k, j[k], n)
		}
	}
	out.Reset()
	errOut.Reset()
	if _, err := run([]string{"events", p}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut.String(), "ior: not recorded (ring buffer full): "+want+"\n") {
		t.Errorf("events' closing lines do not say %q:\n%s", want, errOut.String())
	}

	// None lost: nothing said.
	p = lossRecording(t, recording.Stats{LostRingbuf: 5})
	out.Reset()
	errOut.Reset()
	for _, args := range [][]string{{"summary", p}, {"summary", "-json", p}, {"events", p}} {
		if _, err := run(args, &out, &errOut); err != nil {
			t.Fatal(err)
		}
	}
	if s := out.String() + errOut.String(); strings.Contains(s, "not recorded") || strings.Contains(s, "lost_names") {
		t.Errorf("no other record lost, yet said:\n%s", s)
	}
}
