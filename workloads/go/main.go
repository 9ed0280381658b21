// Command ioworkload runs one scenario of integrationtests/scenarios.go
// with raw syscalls (golang.org/x/sys/unix), on the main goroutine locked
// to the main OS thread, mirroring the C workload call for call.
//
//	ioworkload --list
//	ioworkload --scenario=NAME --dir=DIR [--noise] [--start-delay=2s]
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
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

func main() {
	list := flag.Bool("list", false, "list scenario names")
	name := flag.String("scenario", "", "scenario to run")
	flag.StringVar(&dir, "dir", "", "directory to work in")
	noise := flag.Bool("noise", false, "keep other goroutines busy (GC, timers, file I/O) meanwhile")
	delay := flag.Duration("start-delay", -1, "start after this delay instead of waiting for a line on stdin")
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
		return
	}
	run := scenarios[*name]
	if run == nil || dir == "" {
		fmt.Fprintf(os.Stderr, "unknown scenario %q (or no --dir)\n", *name)
		os.Exit(2)
	}
	if *noise {
		startNoise()
	}
	fmt.Println(os.Getpid())
	if *delay >= 0 {
		time.Sleep(*delay)
	} else if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		fmt.Fprintln(os.Stderr, "stdin closed before the go signal")
		os.Exit(1)
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
	marker(begin)
	run()
	marker(end)
	if *noise {
		awaitNoise(4)
	}
}

// The markers: faccessat of names that never exist.
func marker(path uintptr) {
	ERR(unix.ENOENT, unix.SYS_FACCESSAT, atFDCWD, path, unix.F_OK)
}
