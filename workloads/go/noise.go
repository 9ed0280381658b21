package main

import (
	"os"
	"runtime"
	"sync/atomic"
	"time"
)

// noiseRounds counts the file I/O rounds of the noise goroutines.
var noiseRounds atomic.Int64

// awaitNoise returns once the noise goroutines have done n more rounds of
// file I/O, so that their events surely fall inside the traced window.
func awaitNoise(n int64) {
	target := noiseRounds.Load() + n
	for noiseRounds.Load() < target {
		time.Sleep(50 * time.Microsecond)
	}
}

// startNoise keeps the Go runtime busy on other threads while the scenario
// runs: garbage and GC, timers, and file I/O through the os package.
func startNoise() {
	go func() {
		var keep [][]byte
		for i := 0; ; i++ {
			keep = append(keep, make([]byte, 64<<10))
			if len(keep) > 64 {
				keep = keep[:0]
			}
			if i%256 == 0 {
				runtime.GC()
			}
			time.Sleep(20 * time.Microsecond)
		}
	}()
	go func() {
		t := time.NewTicker(100 * time.Microsecond)
		for range t.C {
		}
	}()
	for i := 0; i < 2; i++ {
		go func() {
			for {
				if b, err := os.ReadFile("/proc/self/stat"); err == nil && len(b) == 0 {
					panic("empty /proc/self/stat")
				}
				if f, err := os.Open("/proc/self/status"); err == nil {
					f.Close()
				}
				noiseRounds.Add(1)
				time.Sleep(50 * time.Microsecond)
			}
		}()
	}
}
