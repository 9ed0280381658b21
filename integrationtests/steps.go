package integrationtests

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/ior-tracer/ior/internal/event"
)

// parseValue parses a step's number: names joined by |, or a number.
func parseValue(s string) (uint64, error) {
	var v uint64
	for _, part := range strings.Split(s, "|") {
		if n, ok := flagNames[part]; ok {
			v |= n
			continue
		}
		if n, err := strconv.ParseInt(part, 0, 64); err == nil {
			v |= uint64(n)
			continue
		}
		n, err := strconv.ParseUint(part, 0, 64)
		if err != nil {
			return 0, fmt.Errorf("unknown flag or number %q", part)
		}
		v |= n
	}
	return v, nil
}

// Step is a parsed table step.
type Step struct {
	Syscall string
	Ret     string
	Keys    map[string]string
}

// ParseStep parses "SYSCALL key=value ... = RET". Keys are the names of
// the compared fields (canonFields); values of numeric fields must parse.
func ParseStep(s string) (Step, error) {
	i := strings.LastIndex(s, " = ")
	if i < 0 {
		return Step{}, fmt.Errorf("step %q has no \" = RET\"", s)
	}
	f, err := fields(s[:i])
	if err != nil {
		return Step{}, fmt.Errorf("step %q: %v", s, err)
	}
	if len(f) == 0 {
		return Step{}, fmt.Errorf("step %q names no syscall", s)
	}
	st := Step{Syscall: f[0], Ret: strings.TrimSpace(s[i+3:]), Keys: map[string]string{}}
	for _, kv := range f[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return st, fmt.Errorf("step %q: %q is not key=value", s, kv)
		}
		j := canonIndex(k)
		if j < 0 {
			return st, fmt.Errorf("step %q: unknown key %q", s, k)
		}
		if canonFields[j].Role == event.Value && canonFields[j].Num != nil {
			if _, err := parseValue(v); err != nil {
				return st, fmt.Errorf("step %q: %s: %v", s, k, err)
			}
		}
		st.Keys[k] = v
	}
	return st, nil
}

// fields splits a step at spaces; a value may be a Go-quoted string
// (key="a b") to hold spaces.
func fields(s string) ([]string, error) {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		end := strings.IndexByte(s, ' ')
		if end < 0 {
			end = len(s)
		}
		if k, v, ok := strings.Cut(s[:end], "="); ok && strings.HasPrefix(v, `"`) {
			q, err := strconv.QuotedPrefix(s[len(k)+1:])
			if err != nil {
				return nil, err
			}
			uq, _ := strconv.Unquote(q)
			out = append(out, k+"="+uq)
			s = s[len(k)+1+len(q):]
			continue
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out, nil
}

func canonIndex(name string) int {
	for j, f := range canonFields {
		if f.Name == name {
			return j
		}
	}
	return -1
}

// Match reports how c differs from the step, or "".
func (st Step) Match(c Canon) string {
	var diffs []string
	if st.Syscall != c.Syscall {
		return fmt.Sprintf("syscall %s, want %s", c.Syscall, st.Syscall)
	}
	switch {
	case st.Ret == "+":
		if n, err := strconv.ParseInt(c.Ret, 10, 64); err != nil || n <= 0 {
			diffs = append(diffs, fmt.Sprintf("ret %s, want a positive number", c.Ret))
		}
	case st.Ret != c.Ret:
		diffs = append(diffs, fmt.Sprintf("ret %s, want %s", c.Ret, st.Ret))
	}
	keys := make([]string, 0, len(st.Keys))
	for k := range st.Keys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		want := st.Keys[k]
		j := canonIndex(k)
		got := c.Vals[j]
		if canonFields[j].Role == event.Value && canonFields[j].Num != nil {
			w, _ := parseValue(want) // ParseStep checked it
			if got.Num != w {
				diffs = append(diffs, fmt.Sprintf("%s %s, want %s (%s)", k, got.Text, want, formatNum(canonFields[j], w)))
			}
			continue
		}
		if got.Text != want {
			diffs = append(diffs, fmt.Sprintf("%s %q, want %q", k, got.Text, want))
		}
	}
	return strings.Join(diffs, "; ")
}
