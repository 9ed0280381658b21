package syscalls

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// strace's names are taken wherever a syscall is named, for the
// kernel's tracepoint names.
func TestStraceNames(t *testing.T) {
	got, err := Select([]string{"fstat", "stat", "lstat", "fstatat", "newfstatat", "sendfile", "read"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"newfstat", "newstat", "newlstat", "newfstatat", "sendfile64", "read"}
	if !slices.Equal(got, want) {
		t.Errorf("Select = %v, want %v", got, want)
	}
	for strace, kernel := range map[string]string{"fstat": "newfstat", "stat": "newstat", "lstat": "newlstat", "sendfile": "sendfile64"} {
		if s := StraceName(kernel); s != strace {
			t.Errorf("StraceName(%s) = %q, want %q", kernel, s, strace)
		}
	}
	if s := StraceName("newfstatat"); s != "newfstatat" { // strace prints newfstatat on x86_64
		t.Errorf("StraceName(newfstatat) = %q", s)
	}
}

// Every name an alias maps to is a tracepoint this kernel has (when
// tracefs can be read: the kernel is the oracle).
func TestStraceNamesAreTracepoints(t *testing.T) {
	dir := "/sys/kernel/tracing/events/syscalls"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no tracefs: %v", err)
	}
	for strace, kernel := range straceNames {
		if _, err := os.Stat(dir + "/sys_enter_" + kernel); err != nil {
			t.Errorf("%s -> %s: %v", strace, kernel, err)
		}
		if _, err := os.Stat(dir + "/sys_enter_" + strace); err == nil && strace != kernel {
			t.Errorf("%s is a tracepoint of its own: it must not be an alias for %s", strace, kernel)
		}
	}
}

// An unknown name is refused with the nearest names ior knows.
func TestDidYouMean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"fsatt", "fstat"},
		{"opneat", "openat"},
		{"netw", "net"},
		{"mapings", "mapping"},
		{"pread", "pread64"},
	} {
		_, err := Select([]string{tc.in})
		if err == nil || !strings.Contains(err.Error(), "did you mean") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Select(%q) = %v, want a suggestion of %s", tc.in, err, tc.want)
		}
	}
	_, err := Select([]string{"zzzzzzzzzz"})
	if err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("far from every name: %v, want no suggestion", err)
	}
}
