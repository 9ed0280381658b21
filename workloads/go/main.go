// Command ioworkload runs one scenario of the integrationtests scenario table
// with raw syscalls (golang.org/x/sys/unix), on the main goroutine locked
// to the main OS thread, mirroring the C workload call for call.
//
//	ioworkload --list
//	ioworkload --scenario=NAME [--dir=DIR] [--start-delay=2|2s] [--gate] [--noise]
//
// It prints its PID, then waits --start-delay (default 2s) or, with
// --gate, for a line on stdin, and runs the scenario. Without --dir it
// works in a temporary directory of its own, removed at exit.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

func init() {
	// The scenario runs on the main goroutine; keep it on the main
	// thread so that its syscalls all carry one, known, thread id.
	runtime.LockOSThread()
}

var (
	scenarios = map[string]func(){}
	prepares  = map[string]func(){}
)

func register(name string, fn func()) { scenarios[name] = fn }

// prepare registers work done before the begin marker, outside the
// events the harness compares (the C workload needs none of it).
func prepare(name string, fn func()) { prepares[name] = fn }

var dir string

// selfExe is this binary's path, read before the scenario's markers (the
// exec scenarios run it again; exec'ing /proc/self/exe would name the
// task "exe").
var selfExe string

// parseDelay reads what the C workload reads: seconds (2, 0.5), or
// seconds with a unit (2s, 500ms).
func parseDelay(v string) (time.Duration, error) {
	num, unit := v, time.Second
	if n, ok := strings.CutSuffix(v, "ms"); ok {
		num, unit = n, time.Millisecond
	} else if n, ok := strings.CutSuffix(v, "s"); ok {
		num = n
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("%q: give seconds (2, 0.5) or 2s, 500ms", v)
	}
	return time.Duration(f * float64(unit)), nil
}

// ownDir is the temporary directory made when no --dir was given.
var ownDir string

// exit removes ownDir and exits: every exit of the workload goes here.
func exit(code int) {
	if ownDir != "" {
		os.RemoveAll(ownDir)
	}
	os.Exit(code)
}

func main() {
	// The child half of the exec scenarios: run by the parent's execve
	// of this binary as "ioworkload --exec-child DIR KEPT CLOEXEC".
	if len(os.Args) == 5 && os.Args[1] == "--exec-child" {
		dir = os.Args[2]
		kept, _ := strconv.Atoi(os.Args[3])
		cloexec, _ := strconv.Atoi(os.Args[4])
		execChildIO(uintptr(kept), uintptr(cloexec))
		exit(0)
	}
	if len(os.Args) == 4 && os.Args[1] == "--race-dup2" {
		n, _ := strconv.Atoi(os.Args[3])
		raceDup2(os.Args[2], n) // race.go
		exit(0)
	}
	if len(os.Args) == 4 && os.Args[1] == "--comm-loss" {
		n, _ := strconv.Atoi(os.Args[3])
		commLoss(os.Args[2], n) // commloss.go
		exit(0)
	}
	if len(os.Args) == 4 && os.Args[1] == "--race-chdir" {
		n, _ := strconv.Atoi(os.Args[3])
		raceChdir(os.Args[2], n) // race.go
		exit(0)
	}
	exit(run())
}

func run() int {
	list := flag.Bool("list", false, "list scenario names")
	name := flag.String("scenario", "", "scenario to run")
	flag.StringVar(&dir, "dir", "", "directory to work in, holding the scenario's setup (default: a new temporary directory, removed at exit)")
	noise := flag.Bool("noise", false, "keep other goroutines busy (GC, timers, file I/O) meanwhile")
	delay := 2 * time.Second
	flag.Func("start-delay", "time to wait after printing the PID, to let a tracer attach: seconds (2) or 2s, 500ms (default 2s)", func(v string) (err error) {
		delay, err = parseDelay(v)
		return err
	})
	gate := flag.Bool("gate", false, "wait for a line on stdin instead of --start-delay (the test harness opens the gate)")
	flag.Parse()
	if *list {
		names := make([]string, 0, len(scenarios))
		for n := range scenarios {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Println(n)
		}
		return 0
	}
	scenario := scenarios[*name]
	if scenario == nil {
		fmt.Fprintf(os.Stderr, "unknown scenario %q (see --list)\n", *name)
		return 2
	}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "ioworkload-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		dir, ownDir = tmp, tmp
	}
	if *noise {
		startNoise()
	}
	fmt.Println(os.Getpid())
	if *gate {
		if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
			fmt.Fprintln(os.Stderr, "stdin closed before the go signal")
			return 1
		}
	} else {
		fmt.Fprintf(os.Stderr, "ioworkload: %s in %s in %s\n", *name, dir, delay)
		time.Sleep(delay)
	}
	if *noise {
		awaitNoise(4)
	}
	if p := prepares[*name]; p != nil {
		p()
	}
	// Both marker paths are made before the window: an allocation inside
	// it could make the runtime issue syscalls on this thread.
	begin, end := P(".ior-begin"), P(".ior-end")
	selfExe, _ = os.Executable() // for the exec scenarios: outside the markers
	marker(begin)
	scenario()
	marker(end)
	if *noise {
		awaitNoise(4)
	}
	return 0
}

// The markers: faccessat of names that never exist.
func marker(path uintptr) {
	ERR(unix.ENOENT, unix.SYS_FACCESSAT, atFDCWD, path, unix.F_OK)
}
