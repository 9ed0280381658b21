// The scenario table: Scenarios joins the families' entries, which live in
// scenarios_*.go, one file per group of families; this file has the
// table's types and helpers.
package integrationtests

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Scenarios is the one table of what every workload scenario does and what
// ior must record for it. The C workload (workloads/c/) and the Go workload
// (workloads/go/) each implement every entry by name; the harness creates
// Setup in a fresh directory, runs the scenario under ior, and checks the
// events between the begin and end markers against Steps, in order.
//
// A step reads "SYSCALL key=value ... = RET":
//   - RET: a number, -ERRNO, "+" (any positive number), fdN, pidN (a
//     new task's id, compared by identity like fds), or addrN (an address
//     mmap or mremap returned, compared by identity too).
//   - fdN is a symbolic fd: the Nth distinct fd number the scenario uses.
//     fd numbers differ between C and Go and between runs (the Go runtime
//     and the noise goroutines hold fds of their own), so they are checked
//     by identity, not by value.
//   - keys: fd, fd2, path, path2 (relative to the scenario directory; "."
//     is the directory itself), bytes, flags, mode, offset, len (numbers
//     or names joined by |). A key that a step leaves out is not checked
//     against the table, but C and Go must still agree on it exactly.
//
// Threads gives worker threads steps of their own, checked thread by
// thread (the threads scenario).
var Scenarios = slices.Concat(fdScenarios, pathScenarios, dataScenarios, mappingScenarios, asyncScenarios, uringScenarios, metaScenarios, errorScenarios, processScenarios, nameScenarios, netScenarios, copiesScenarios, resolvedScenarios)

// deepDir is 16 directories of 240 bytes: a path past what ior once kept
// (255 bytes) and within PATH_MAX.
var deepDir = strings.Repeat(strings.Repeat("d", 240)+"/", 16)

// oddNameSteps: names are created (all open at once), closed, removed.
func oddNameSteps() []string {
	names := []string{"a\nb", "t\tab", "semi;colon", "esc\x1b[31m", "bad\xff\xfe"}
	var opens, closes, unlinks []string
	for i, n := range names {
		q, fd := strconv.Quote(n), "fd"+strconv.Itoa(i+1)
		opens = append(opens, "openat fd="+fd+" path="+q+" flags=O_CREAT|O_WRONLY mode=0644 = "+fd)
		closes = append(closes, "close fd="+fd+" path="+q+" = 0")
		unlinks = append(unlinks, "unlink path="+q+" = 0")
	}
	return append(append(opens, closes...), unlinks...)
}

// Scenario is one table entry.
type Scenario struct {
	Family string
	Name   string
	Setup  Setup
	Steps  []string
	// After: files that must have this content once the workload exits.
	After map[string]string
	// ColdPath: the scenario's path sits on a page never touched before
	// the call, so ior must report at least one path read at exit.
	ColdPath bool
	// ExecComm: the task name of a program the scenario execs (its
	// events are the scenario's too); with it, ior must report at least
	// one exec path taken from the kernel's copy, or the run proves
	// nothing.
	ExecComm string
	// Execd: the task name of a program the scenario execs by a path
	// read at entry (its events are the scenario's too).
	Execd string
	// Threads: the steps of worker threads t1, t2, ... that the scenario
	// thread starts and joins between its markers. Each brackets its own
	// steps with markers labelled by its name, and is checked on its own:
	// against its steps, and C against Go.
	Threads [][]string
	// StackFunc: ior records with -stacks, and every step's stack must
	// hold this function of the workload (names compared normalized:
	// read_config in C is readConfig in Go; see stacks.go).
	StackFunc string
	// IorFlags: flags ior runs with (-syscalls SUBSET, ...), besides the
	// harness's own.
	IorFlags []string
}

// StepLists returns every thread's steps by label: "" for the scenario
// thread, t1, t2, ... for the workers.
func (sc Scenario) StepLists() map[string][]string {
	m := map[string][]string{"": sc.Steps}
	for i, steps := range sc.Threads {
		m[fmt.Sprintf("t%d", i+1)] = steps
	}
	return m
}

// ScenarioByName finds a scenario of the table.
func ScenarioByName(name string) (Scenario, bool) {
	for _, sc := range Scenarios {
		if sc.Name == name {
			return sc, true
		}
	}
	return Scenario{}, false
}

// Setup is created by the harness in the scenario directory before the
// workload starts.
type Setup struct {
	Files    map[string]string // name -> content (parent dirs made too)
	Dirs     []string
	Symlinks map[string]string // name -> target
	Fifos    []string          // named pipes (mode 0644), so that ior names pipe fds by path
}
