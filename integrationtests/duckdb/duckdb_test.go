// Package duckdb proves that ior's Parquet export is read by a real
// engine: DuckDB's answers equal `ior summary`. It is its own module so
// that DuckDB (cgo, C++) never reaches the ior binary, which stays pure Go.
package duckdb

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/recording"
)

// iorBinary builds ior (or takes IOR_BINARY).
func iorBinary(t *testing.T) string {
	if b := os.Getenv("IOR_BINARY"); b != "" {
		return b
	}
	bin := filepath.Join(t.TempDir(), "ior")
	out, err := exec.Command("go", "build", "-C", "../..", "-o", bin, "./cmd/ior").CombinedOutput()
	if err != nil {
		t.Fatalf("building ior: %v\n%s", err, out)
	}
	return bin
}

func ior(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(bin, args...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ior %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// record writes a recording of n varied events: reads and writes with
// bytes, failing opens, a name that is not UTF-8.
func record(t *testing.T, path, host string, start time.Time, n int) {
	w, err := recording.Create(path, recording.Header{Name: "app", Host: host, Start: start, StartMonoNs: 1e9})
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"read", "write", "openat", "close", "pread64", "newfstatat", "socket"}
	ev := event.Event{Comm: "app", PID: 10, FD2: -1}
	for i := range n {
		ev.Syscall = names[i%len(names)]
		ev.TID = 10 + uint32(i%3)
		ev.EnterNs = 1e9 + uint64(i)*1000
		ev.ExitNs = ev.EnterNs + uint64(100+i%5000)
		ev.Path = fmt.Sprintf("/data/%s/f%d", host, i%17)
		if i%101 == 0 {
			ev.Path = "/data/bad\xff"
		}
		ev.Ret, ev.Bytes, ev.FD = 0, 0, 3
		switch ev.Syscall {
		case "read", "write", "pread64":
			ev.Ret, ev.Bytes = int64(i%4096), int64(i%4096)
		case "openat":
			if i%7 == 0 {
				ev.Ret, ev.FD = -2, -1
			}
		}
		ev.Mode, ev.Flags = 0, 0
		if ev.Syscall == "socket" { // socket(AF_INET, SOCK_STREAM, 0): the domain is kept in Mode
			ev.Mode, ev.Flags = 2, 1
		}
		if err := w.Write(&ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(recording.Stats{}); err != nil {
		t.Fatal(err)
	}
}

type sums struct{ Calls, Bytes, Errors int64 }

// summaryBySyscall adds up `ior summary -json` of each recording.
func summaryBySyscall(t *testing.T, bin string, files ...string) map[string]sums {
	m := map[string]sums{}
	for _, f := range files {
		var s struct {
			Syscalls []struct {
				Syscall              string
				Calls, Bytes, Errors int64
			}
		}
		if err := json.Unmarshal(ior(t, bin, "summary", "-json", f), &s); err != nil {
			t.Fatal(err)
		}
		for _, r := range s.Syscalls {
			v := m[r.Syscall]
			v.Calls += r.Calls
			v.Bytes += r.Bytes
			v.Errors += r.Errors
			m[r.Syscall] = v
		}
	}
	return m
}

func query(t *testing.T, db *sql.DB, q string) map[string]sums {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	m := map[string]sums{}
	for rows.Next() {
		var k string
		var v sums
		if err := rows.Scan(&k, &v.Calls, &v.Bytes, &v.Errors); err != nil {
			t.Fatal(err)
		}
		m[k] = v
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

const bySyscall = `SELECT syscall, count(*), sum(bytes), count(*) FILTER (WHERE ret < 0 AND ret >= -4095)
FROM read_parquet('%s'%s) GROUP BY syscall`

func TestDuckDBEqualsSummary(t *testing.T) {
	bin := iorBinary(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "web1-app.ior.zst"), filepath.Join(dir, "web2-app.ior.zst")
	record(t, a, "web1", time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), 30000)
	record(t, b, "web2", time.Date(2026, 3, 2, 23, 59, 0, 0, time.UTC), 20000)
	want := summaryBySyscall(t, bin, a, b)

	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	all := filepath.Join(dir, "all.parquet")
	ior(t, bin, "export", "-format", "parquet", "-o", all, a, b)
	got := query(t, db, fmt.Sprintf(bySyscall, all, ""))
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("DuckDB over one file:\n got %v\nwant %v (ior summary)", got, want)
	}

	// A glob over Hive-style partitions, the keys read back as columns.
	part := filepath.Join(dir, "fleet")
	ior(t, bin, "export", "-format", "parquet", "-partition", "host,date", "-o", part, a, b)
	got = query(t, db, fmt.Sprintf(bySyscall, filepath.Join(part, "*", "*", "*.parquet"), ", hive_partitioning = true"))
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("DuckDB over partitions:\n got %v\nwant %v (ior summary)", got, want)
	}
	var hosts string
	q := fmt.Sprintf(`SELECT string_agg(DISTINCT host || '/' || date || '/' || recording, ',' ORDER BY host || '/' || date || '/' || recording)
		FROM read_parquet('%s', hive_partitioning = true)`, filepath.Join(part, "*", "*", "*.parquet"))
	if err := db.QueryRow(q).Scan(&hosts); err != nil || hosts != "web1/2026-03-01/app,web2/2026-03-02/app" {
		t.Errorf("partition keys: %q, %v", hosts, err)
	}

	// The documented schema, as DuckDB sees it.
	rows, err := db.Query(fmt.Sprintf("DESCRIBE SELECT * FROM read_parquet('%s')", all))
	if err != nil {
		t.Fatal(err)
	}
	var schema []string
	for rows.Next() {
		var name, typ string
		var null, key, def, extra sql.NullString
		if err := rows.Scan(&name, &typ, &null, &key, &def, &extra); err != nil {
			t.Fatal(err)
		}
		schema = append(schema, name+" "+typ)
	}
	rows.Close()
	doc, err := os.ReadFile("../../docs/export.md")
	if err != nil {
		t.Fatal(err)
	}
	duck := map[string]string{"BIGINT": "INT64", "VARCHAR": "STRING", "TIMESTAMP WITH TIME ZONE": "TIMESTAMP(NANOS, UTC)"}
	for _, c := range schema {
		name, typ, _ := strings.Cut(c, " ")
		if !strings.Contains(string(doc), "\n| `"+name+"` | "+duck[typ]+" |") {
			t.Errorf("DuckDB reads column %s as %s: not what docs/export.md says", name, typ)
		}
	}
	// version, host, recording, start, time, the 31 event fields (args since
	// format 4; file, file2, file_status, foreign, mntns, pidns, cgroup, root
	// since 5), ret_text: 37. The values read behind pointers (offsets,
	// struct flock, argv, envc) are in args only; they were 5 columns of
	// their own before (42).
	if len(schema) != 37 {
		t.Errorf("DuckDB sees %d columns: %v", len(schema), schema)
	}
	// The named arguments, by DuckDB's JSON functions on the args column;
	// socket's domain is no mode.
	var inet, modes int
	q = fmt.Sprintf("SELECT count(*) FILTER (WHERE json_extract_string(args, '$.domain') = 'AF_INET' AND json_extract_string(args, '$.type') = 'SOCK_STREAM'), count(*) FILTER (WHERE mode <> 0) FROM read_parquet('%s') WHERE syscall = 'socket'", all)
	if err := db.QueryRow(q).Scan(&inet, &modes); err != nil || inet == 0 || modes != 0 {
		t.Errorf("socket's args: %d AF_INET, %d with a mode, %v", inet, modes, err)
	}
	var bad int
	if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM read_parquet('%s') WHERE path = '/data/bad\uFFFD'", all)).Scan(&bad); err != nil || bad == 0 {
		t.Errorf("a name that is not UTF-8: %d rows, %v", bad, err)
	}
}
