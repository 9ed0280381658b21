package main

import (
	"os"
	"path/filepath"
	"testing"
)

// The tools' own words, as this machine's bpftrace 0.17, perf 6.1 and
// kernel print them.

func TestParseBpftraceCount(t *testing.T) {
	out := "@[tracepoint:syscalls:sys_enter_pread64]: 16002\n" +
		"@[tracepoint:syscalls:sys_exit_pread64]: 16002\n" +
		"@[tracepoint:syscalls:sys_enter_openat]: 16018\n" +
		"@[tracepoint:syscalls:sys_enter_close]: 16019\n"
	s := sample{Issued: 48100}
	if err := parseBpftraceCount(run{}, out, &s); err != nil {
		t.Fatal(err)
	}
	if s.Events != 48039 || s.Lost != 61 {
		t.Errorf("events %v lost %v, want 48039 (enters only) and 61 (issued - counted)", s.Events, s.Lost)
	}
}

func TestParsePerf(t *testing.T) {
	dir := t.TempDir()
	out := "     0.000 ( 0.002 ms): bench-hot/1 openat(dfd: CWD, filename: 0xfc42fa71)  = 5\n" +
		"LOST 12255 events!\n" +
		"     0.010 ( 0.001 ms): bench-hot/1 pread64(fd: 5, buf: 0x7ffd, count: 64) = 64\n" +
		"     0.020 ( 0.001 ms): bench-hot/1 close(fd: 5)                          = 0\n" +
		"LOST 45 events!\n"
	if err := os.WriteFile(filepath.Join(dir, "perf.out"), []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	var s sample
	if err := parsePerf(run{dir: dir}, "", &s); err != nil {
		t.Fatal(err)
	}
	if s.Events != 3 || s.Lost != 12300 {
		t.Errorf("events %v lost %v, want 3 and 12300", s.Events, s.Lost)
	}
}

func TestFdinfoRingID(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"ring":  "pos:\t0\nflags:\t02000002\nmnt_id:\t16\nino:\t1056\nmap_type:\t27\nkey_size:\t0\nvalue_size:\t0\nmax_entries:\t16777216\nmap_flags:\t0x0\nmap_extra:\t0x0\nmemlock:\t16797696\nmap_id:\t412\nfrozen:\t0\n",
		"hash":  "pos:\t0\nflags:\t02000002\nmap_type:\t1\nmap_id:\t413\n",
		"plain": "pos:\t0\nflags:\t0100002\nmnt_id:\t29\nino:\t7\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if id, ok := fdinfoRingID(filepath.Join(dir, "ring")); !ok || id != 412 {
		t.Errorf("ring: id %v ok %v, want 412", id, ok)
	}
	for _, name := range []string{"hash", "plain", "missing"} {
		if id, ok := fdinfoRingID(filepath.Join(dir, name)); ok {
			t.Errorf("%s: found ring buffer %v", name, id)
		}
	}
}

func TestParseTimeFile(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		ns         float64
		reported   int
		wantErr    bool
	}{
		{"time only", "366912345\n", 366912345, -1, false},
		{"time and count", "198523961\n6250\n", 198523961, 6250, false},
		{"zero count", "1000\n0\n", 1000, 0, false},
		{"empty", "", 0, 0, true},
		{"not a number", "fast\n", 0, 0, true},
		{"negative count", "1000\n-1\n", 0, 0, true},
		{"three lines", "1000\n2\n3\n", 0, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ns, reported, err := parseTimeFile([]byte(tc.text))
			if (err != nil) != tc.wantErr {
				t.Fatalf("error %v, want error: %v", err, tc.wantErr)
			}
			if err == nil && (ns != tc.ns || reported != tc.reported) {
				t.Errorf("got %v ns and %d, want %v and %d", ns, reported, tc.ns, tc.reported)
			}
		})
	}
}
