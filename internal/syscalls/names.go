package syscalls

import (
	"fmt"
	"slices"
	"strings"
)

// straceNames are the names strace gives (x86_64) to syscalls whose
// tracepoint the kernel names otherwise: a user who knows strace types
// these. Each maps to the tracepoint name (this kernel's
// /sys/kernel/tracing/events/syscalls/sys_enter_*).
var straceNames = map[string]string{
	"stat":     "newstat",
	"fstat":    "newfstat",
	"lstat":    "newlstat",
	"fstatat":  "newfstatat", // glibc's name; strace prints newfstatat
	"sendfile": "sendfile64",
}

// shownAs is how the human output names a syscall: as strace prints it.
var shownAs = map[string]string{}

func init() {
	for strace, kernel := range straceNames {
		if strace != "fstatat" {
			shownAs[kernel] = strace
		}
	}
}

// Canonical is the table's (the tracepoint's) name for name, which may
// be strace's name for it; "" when no traced syscall has that name.
func Canonical(name string) string {
	if byName[name] != nil {
		return name
	}
	if k, ok := straceNames[name]; ok && byName[k] != nil {
		return k
	}
	return ""
}

// Lookup is ByName that also takes strace's names (fstat for newfstat).
func Lookup(name string) *Spec { return byName[Canonical(name)] }

// StraceName is how strace shows a traced syscall: fstat for newfstat,
// sendfile for sendfile64; other names unchanged.
func StraceName(name string) string {
	if s, ok := shownAs[name]; ok {
		return s
	}
	return name
}

// UnknownError says names are neither syscalls nor (with families)
// families, with the nearest names ior knows for each.
func UnknownError(what string, names []string, families bool) error {
	var cands []string
	cands = append(cands, Names()...)
	for n := range straceNames {
		cands = append(cands, n)
	}
	if families {
		for _, f := range Families {
			cands = append(cands, f.Name)
		}
	}
	quoted := make([]string, len(names))
	var hints []string
	for i, n := range names {
		quoted[i] = fmt.Sprintf("%q", n)
		if s := Suggest(n, cands); len(s) > 0 {
			h := strings.Join(s, " or ")
			if len(names) > 1 {
				h += fmt.Sprintf(" for %q", n)
			}
			hints = append(hints, h)
		}
	}
	msg := fmt.Sprintf("unknown %s %s", what, strings.Join(quoted, ", "))
	if len(hints) > 0 {
		msg += "; did you mean " + strings.Join(hints, ", ") + "?"
	}
	return fmt.Errorf("%s (see 'ior syscalls')", msg)
}

// Suggest returns the candidates nearest to name by edit distance, when
// near enough to be a typo (a third of the name's length, at least 1,
// at most 3 edits); a prefix of a candidate counts as near too.
func Suggest(name string, cands []string) []string {
	limit := min(max(len(name)/3, 1), 3)
	best, out := limit+1, []string(nil)
	for _, c := range cands {
		d := editDistance(strings.ToLower(name), c)
		if len(name) >= 3 && strings.HasPrefix(c, name) {
			d = min(d, 1) // pread for pread64
		}
		if d < best {
			best, out = d, []string{c}
		} else if d == best && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}

// editDistance is Levenshtein's distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
