package outfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// special makes a non-regular file of each kind in dir.
func special(t *testing.T, dir string) map[string]string {
	t.Helper()
	victim := filepath.Join(dir, "victim")
	if err := os.WriteFile(victim, []byte("keep me\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	paths := map[string]string{
		"directory":        filepath.Join(dir, "adir"),
		"fifo":             filepath.Join(dir, "afifo"),
		"symbolic link":    filepath.Join(dir, "alink"),
		"dangling link":    filepath.Join(dir, "dangling"),
		"character device": "/dev/null",
	}
	if err := os.Mkdir(paths["directory"], 0o755); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mkfifo(paths["fifo"], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, paths["symbolic link"]); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), paths["dangling link"]); err != nil {
		t.Fatal(err)
	}
	// A device node inside our own directory, where Create really could
	// replace it; needs CAP_MKNOD.
	if unix.Mknod(filepath.Join(dir, "anull"), unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))) == nil {
		paths["device node"] = filepath.Join(dir, "anull")
	}
	return paths
}

func TestRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	for what, path := range special(t, dir) {
		t.Run(what, func(t *testing.T) {
			before, _ := os.Lstat(path)
			if err := Check(path); err == nil || strings.Contains(err.Error(), "\n") {
				t.Errorf("Check(%s) = %v, want a one-line refusal", path, err)
			}
			f, err := Create(path)
			if err == nil {
				f.Write([]byte("data"))
				err = f.Commit()
			}
			if err == nil {
				t.Errorf("Create+Commit over a %s succeeded", what)
			}
			after, _ := os.Lstat(path)
			if before == nil || after == nil || !os.SameFile(before, after) || before.Mode() != after.Mode() {
				t.Errorf("%s at %s was replaced", what, path)
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "victim")); string(b) != "keep me\n" {
		t.Errorf("symlink target changed: %q", b)
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere")); err == nil {
		t.Error("a dangling link's target was created")
	}
	noTemps(t, dir)
}

// A non-regular file put at the final name after the check (while ior
// runs) is still not replaced at Commit.
func TestCommitRechecks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out")
	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("data"))
	err = f.Commit()
	if err == nil || !strings.Contains(err.Error(), "fifo") || !strings.Contains(err.Error(), f.TempName()) {
		t.Errorf("Commit over a fifo made meanwhile: %v", err)
	}
	if fi, err := os.Lstat(path); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("fifo replaced: %v %v", fi, err)
	}
	// The data is kept where the error says, until Abort.
	if b, err := os.ReadFile(f.TempName()); string(b) != "data" {
		t.Errorf("data not kept after a refused Commit: %q %v", b, err)
	}
	f.Abort()
	noTemps(t, dir)
}

func TestCreateCommitAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out")
	// Over an existing regular file: allowed, and a hard link to it (a
	// file elsewhere) keeps its content.
	os.WriteFile(path, []byte("old"), 0o644)
	os.Link(path, filepath.Join(dir, "hardlink"))
	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(f.TempName()), TempPrefix) || filepath.Dir(f.TempName()) != dir {
		t.Errorf("temp name %s", f.TempName())
	}
	f.Write([]byte("new"))
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("final name changed before Commit: %q", b)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("after Commit: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "hardlink")); string(b) != "old" {
		t.Errorf("hard link's content changed: %q", b)
	}
	f.Abort() // after Commit: nothing

	f, err = Create(filepath.Join(dir, "aborted"))
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("x"))
	f.Abort()
	if _, err := os.Lstat(filepath.Join(dir, "aborted")); err == nil {
		t.Error("aborted file exists")
	}
	noTemps(t, dir)

	for _, bad := range []string{filepath.Join(dir, "missing", "x"), "", dir + "/", filepath.Join(dir, "..")} {
		if _, err := Create(bad); err == nil {
			t.Errorf("Create(%q) succeeded", bad)
		}
		if err := Check(bad); err == nil {
			t.Errorf("Check(%q) succeeded", bad)
		}
	}
}

// The ready file used to go through a predictable <name>.tmp that was
// followed if it was a symlink. A link at any name in the directory,
// including the old temp name, must not be written through.
func TestWriteFileFollowsNoLink(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("keep me\n"), 0o644)
	ready := filepath.Join(dir, "ready")
	os.Symlink(victim, ready+".tmp")
	for i := 0; i < 64; i++ {
		// Links at plausible temp names too: creation is O_EXCL, so a
		// clash is retried under another random name, never followed.
		os.Symlink(victim, filepath.Join(dir, TempPrefix+"ready-"+strings.Repeat("0", 16-len(itoa(i)))+itoa(i)))
	}
	if err := WriteFile(ready, []byte("ready\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(ready); string(b) != "ready\n" {
		t.Errorf("ready file: %q", b)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep me\n" {
		t.Errorf("victim written through a link: %q", b)
	}
	if fi, _ := os.Lstat(ready); !fi.Mode().IsRegular() {
		t.Errorf("ready file is %v", fi.Mode())
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// Even a link at the exact temp name Create picks is not followed: the
// name is skipped for another.
func TestTempNameLinkNotFollowed(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("keep me\n"), 0o644)
	names := []string{"guessed", "guessed", "other"}
	old := randomSuffix
	defer func() { randomSuffix = old }()
	randomSuffix = func() string { s := names[0]; names = names[1:]; return s }
	os.Symlink(victim, filepath.Join(dir, TempPrefix+"out-guessed"))
	if err := Check(filepath.Join(dir, "out")); err != nil {
		t.Fatal(err)
	}
	names = []string{"guessed", "other"}
	f, err := Create(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(f.TempName()) != TempPrefix+"out-other" {
		t.Errorf("temp file %s", f.TempName())
	}
	f.Write([]byte("data"))
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep me\n" {
		t.Errorf("victim written through the link: %q", b)
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"bash":                  "bash",
		"":                      "unnamed",
		"../../etc/passwd":      "_._.._etc_passwd",
		".hidden":               "_hidden",
		"a/b":                   "a_b",
		"esc\x1b[31m":           "esc_[31m",
		"nul\x00":               "nul_",
		"bad\xff\xfeutf8":       "bad__utf8",
		"kworker/0:1":           "kworker_0:1",
		"ünïcode":               "ünïcode",
		strings.Repeat("x", 99): strings.Repeat("x", 64),
		"\u0085nel":             "_nel",
	} {
		if got := SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func noTemps(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), TempPrefix) {
			t.Errorf("temp file left: %s", e.Name())
		}
	}
}

// WriteFile (the ready file) does not sync: ior's ready waited on the
// disk for it. Commit (recordings, exports) syncs the file and its
// directory, as before.
func TestWriteFileUnsyncedCommitSynced(t *testing.T) {
	n := 0
	fsync = func(fd int) error { n++; return unix.Fsync(fd) }
	defer func() { fsync = unix.Fsync }()
	dir := t.TempDir()
	if err := WriteFile(filepath.Join(dir, "ready"), []byte("ready\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "ready")); string(b) != "ready\n" || n != 0 {
		t.Errorf("WriteFile: %q, %d syncs, want \"ready\\n\" and none", b, n)
	}
	f, err := Create(filepath.Join(dir, "rec"))
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("data"))
	if err := f.Commit(); err != nil || n != 2 {
		t.Errorf("Commit: %v, %d syncs, want the file's and the directory's", err, n)
	}
}
