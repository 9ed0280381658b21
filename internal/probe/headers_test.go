package probe

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// buildFlags are the clang flags gen.go builds the object with: its
// -cflags and -target, and the include paths after "--".
func buildFlags(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("gen.go")
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^//go:generate go tool bpf2go (.*)$`).FindSubmatch(src)
	if line == nil {
		t.Fatal("gen.go has no bpf2go line")
	}
	gen := string(line[1])
	cflags := regexp.MustCompile(`-cflags "([^"]*)"`).FindStringSubmatch(gen)
	target := regexp.MustCompile(`-target (\S+)`).FindStringSubmatch(gen)
	_, after, ok := strings.Cut(gen, " -- ")
	if cflags == nil || target == nil || !ok {
		t.Fatalf("gen.go's bpf2go line: no -cflags, -target or --: %s", gen)
	}
	flags := append(strings.Fields(cflags[1]), "-target", target[1])
	for _, f := range strings.Fields(after) {
		if p, ok := strings.CutPrefix(f, "-I"); ok && !filepath.IsAbs(p) {
			f = "-I" + filepath.Clean(p) // relative to this directory, as bpf2go runs here
		}
		flags = append(flags, f)
	}
	return flags
}

// Each BPF header includes what it uses: compiled alone, as the one
// include of a C file, with the flags of the build, it has no error or
// warning. A header that relied on ior.bpf.c's include order (on types,
// maps or helpers included before it) fails here.
func TestHeadersSelfContained(t *testing.T) {
	clang, err := exec.LookPath("clang")
	if err != nil {
		t.Skip("no clang: the BPF headers are not compiled (go tool mage bpf installs it)")
	}
	flags := buildFlags(t)
	headers, err := filepath.Glob("../../bpf/*.h")
	if err != nil || len(headers) == 0 {
		t.Fatalf("no headers in bpf/: %v", err)
	}
	for _, h := range headers {
		t.Run(filepath.Base(h), func(t *testing.T) {
			t.Parallel()
			args := append(append([]string{}, flags...), "-fsyntax-only", "-x", "c", "-")
			cmd := exec.Command(clang, args...)
			cmd.Stdin = strings.NewReader("#include \"" + filepath.Base(h) + "\"\n")
			if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
				t.Errorf("%s alone: %v\n%s", filepath.Base(h), err, out)
			}
		})
	}
}
