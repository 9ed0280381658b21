package integrationtests

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/klauspost/compress/zstd"
)

// Offline commands hold bounded state whatever the recording: a crafted
// file at the reader's limits (2^20 aggregates naming 60 MiB of distinct
// strings, 8 histogram buckets each), or a real-shaped one written by
// ior's own writer with a million threads. docs/recording-format.md
// states the bound.
const offlineRSSBound = 256 << 20

// craftAggregates writes a recording at the reader's limits: 2^20
// aggregates naming 60 MiB of strings, with distinct comms and syscalls;
// pairs share a path ten directories deep and a pid, and the two
// aggregates of a pair hold the lowest and the highest histogram bucket,
// so that every merged histogram spans all 496. A few MB that a reader
// accepts.
func craftAggregates(t *testing.T, path string) {
	t.Helper()
	var buf bytes.Buffer
	zw, err := zstd.NewWriter(&buf, zstd.WithEncoderConcurrency(1))
	if err != nil {
		t.Fatal(err)
	}
	rec := func(typ byte, payload []byte) {
		zw.Write(binary.AppendUvarint([]byte{typ}, uint64(len(payload))))
		zw.Write(payload)
	}
	zw.Write([]byte(recording.Magic))
	zw.Write(binary.LittleEndian.AppendUint16(nil, recording.Version))
	rec('H', []byte(`{"name":"crafted","host":"h","start":"2026-01-02T03:04:05Z"}`))
	const n, batch = 1 << 20, 1 << 16 // batch*3 strings stay under 2^18 per reset
	var b []byte
	for i := 0; i < n; i++ {
		if i%batch == 0 {
			rec('R', nil)
		}
		rec('S', fmt.Appendf(nil, "/d/d/d/d/d/d/d/d/d/%021d", i/2))
		rec('S', fmt.Appendf(nil, "c%09d", i))
		rec('S', fmt.Appendf(nil, "s%09d", i))
		id := uint64(i%batch)*3 + 1
		b = binary.AppendUvarint(b[:0], id)
		b = binary.AppendUvarint(b, id+1)
		b = binary.AppendUvarint(b, id+2)
		bucket := uint64(0)
		if i%2 == 1 {
			bucket = 495
		}
		// pid, tid, count, duration, bytes, errno, max, histogram: first bucket, 1 bucket, its count.
		for _, v := range []uint64{uint64(i / 2), uint64(i), 1, 8000, 800, 0, 1 << 62, bucket, 1, 1} {
			b = binary.AppendUvarint(b, v)
		}
		rec('A', b)
	}
	rec('T', fmt.Appendf(nil, `{"events":0,"aggregates":%d,"end":"2026-01-02T03:04:06Z"}`, n))
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeThreads writes, with ior's writer, a recording of one call by each
// of n threads of one process (its aggregates: one per thread).
func writeThreads(t *testing.T, path string, n int) {
	t.Helper()
	w, err := recording.Create(path, recording.Header{Name: "threads", Host: "h", Start: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		ev := event.Event{Syscall: "read", PID: 100, TID: uint32(1000 + i), Comm: "worker", EnterNs: uint64(i) * 1000, ExitNs: uint64(i)*1000 + 500,
			Ret: 10, Bytes: 10, FD: 3, FD2: -1, Path: "/data/shared"}
		if err := w.Write(&ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(recording.Stats{}); err != nil {
		t.Fatal(err)
	}
}

// maxRSS runs ior with args under testdata/maxrss.c (built into wrap)
// and returns its exit status, stderr and peak resident memory: started
// straight from this process, ior's peak would count this process's own.
func maxRSS(t *testing.T, wrap string, args ...string) (int, string, int64) {
	t.Helper()
	var stderr bytes.Buffer
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command(wrap, append([]string{differ.IorBinary}, args...)...)
	cmd.Stdout, cmd.Stderr = nil, &stderr // stdout: /dev/null
	cmd.ExtraFiles = []*os.File{w}
	cmd.Run()
	w.Close()
	out, _ := io.ReadAll(r)
	kib, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		t.Fatalf("maxrss: %q: %v\n%s", out, err, stderr.String())
	}
	return cmd.ProcessState.ExitCode(), stderr.String(), kib << 10
}

// genEnv makes the test binary write the test files into the directory
// it names, and nothing else: they are made in a process of their own,
// because a child started by Go's os/exec shares its parent's memory
// until it execs, and the kernel counts the parent's peak in the child's
// maximum RSS.
const genEnv = "IOR_TEST_GENERATE_RECORDINGS"

func TestReliabilityOfflineMemory(t *testing.T) {
	if dir := os.Getenv(genEnv); dir != "" {
		craftAggregates(t, filepath.Join(dir, "crafted.ior.zst"))
		writeThreads(t, filepath.Join(dir, "threads.ior.zst"), 1<<20)
		return
	}
	requireRoot(t)
	dir := t.TempDir()
	crafted, threads := filepath.Join(dir, "crafted.ior.zst"), filepath.Join(dir, "threads.ior.zst")
	gen := exec.Command(os.Args[0], "-test.run=^TestReliabilityOfflineMemory$")
	gen.Env = append(os.Environ(), genEnv+"="+dir)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("generating: %v\n%s", err, out)
	}
	wrap := filepath.Join(dir, "maxrss")
	if out, err := exec.Command("cc", "-O2", "-Wall", "-Wextra", "-Werror", "-o", wrap, "testdata/maxrss.c").CombinedOutput(); err != nil {
		t.Fatalf("building testdata/maxrss.c: %v\n%s", err, out)
	}
	for _, file := range []string{crafted, threads} {
		for _, args := range [][]string{{"summary"}, {"summary", "-json"}, {"summary", "-top", "0"}, {"hist"}, {"collapsed"},
			{"collapsed", "-fields", "pid,tid,path,syscall"}, {"flamegraph"}, {"events"}, {"export", "-format", "csv"}} {
			name := filepath.Base(file) + " " + strings.Join(args, " ")
			t.Run(name, func(t *testing.T) {
				code, stderr, rss := maxRSS(t, wrap, append(args, file)...)
				t.Logf("%s: max RSS %d MiB", name, rss>>20)
				if code != 0 {
					t.Errorf("exit %d: %s", code, stderr)
				}
				if rss > offlineRSSBound {
					t.Errorf("max RSS %d MiB, want at most %d MiB", rss>>20, offlineRSSBound>>20)
				}
			})
		}
	}
}
