package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"

	"golang.org/x/sys/unix"
)

// The busy-machine variant (-busy): a workload run again with a CPU hog
// spinning on the machine's last CPU, the realistic case of a tracer on
// a loaded server: ior's reader then shares a core with the hog or with
// the workload. The hog is this binary run with -hog (no shell loop, no
// I/O: a pure CPU spinner, so that it issues no syscall anyone traces).

// busyCopy is w run with the hog: its figures are reported beside w's.
func busyCopy(w workload) workload {
	b := w
	b.Name, b.Busy = w.Name+"-busy", true
	b.Title = w.Title + ", with a CPU hog on the last CPU"
	return b
}

// hog spins for ever on the last CPU (run as iorbench -hog).
func hog() {
	var set unix.CPUSet
	set.Set(runtime.NumCPU() - 1)
	unix.SchedSetaffinity(0, &set) // best effort: unpinned, it still loads the machine
	runtime.GOMAXPROCS(1)
	for x := uint64(0); ; x++ {
		if x == 0 {
			runtime.Gosched()
		}
	}
}

// startHog starts the hog and returns how to stop it.
func startHog() (stop func(), err error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	c := exec.Command(self, "-hog")
	if err := c.Start(); err != nil {
		return nil, fmt.Errorf("starting the CPU hog: %w", err)
	}
	return func() { c.Process.Kill(); c.Wait() }, nil
}
