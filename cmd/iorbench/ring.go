package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// How many bytes ior's records took in its ring buffer, measured without
// asking ior: a BPF ring buffer's producer position only ever grows, by
// every record reserved (the kernel's 8-byte record header + the record,
// rounded up to 8 bytes), and is readable by anyone holding the map. We
// find ior's ring buffer among its open fds (/proc/PID/fdinfo, the pid
// from the file fresh writes), open the map by id — which keeps it alive
// after ior exits — and read the position once ior is done.

const ringbufMapType = 27 // BPF_MAP_TYPE_RINGBUF

// ringWatch finds the ring buffer of a process while it runs.
type ringWatch struct {
	found chan *ebpf.Map // one map, or nil if none was found
	stop  chan struct{}
}

// watchRing watches the process whose pid is written to pidFile.
func watchRing(pidFile string) *ringWatch {
	w := &ringWatch{found: make(chan *ebpf.Map, 1), stop: make(chan struct{})}
	go func() {
		// ior creates its maps before attaching: polled only during
		// ior's start-up, before the workload's timed loop begins (and
		// for 10s at most, should ior have no ring buffer).
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			b, _ := os.ReadFile(pidFile)
			pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if id, ok := ringMapID(pid); err == nil && ok {
				m, err := ebpf.NewMapFromID(id)
				if err == nil {
					w.found <- m
					return
				}
			}
			select {
			case <-w.stop:
				w.found <- nil
				return
			case <-time.After(500 * time.Microsecond):
			}
		}
		<-w.stop
		w.found <- nil
	}()
	return w
}

// bytes stops watching and returns the ring buffer's producer position:
// the bytes ever reserved in it; false if the ring was never found.
func (w *ringWatch) bytes() (uint64, bool, error) {
	close(w.stop)
	m := <-w.found
	if m == nil {
		return 0, false, nil
	}
	defer m.Close()
	page := os.Getpagesize()
	// The consumer page comes first, then the producer page, whose first
	// word is the producer position.
	b, err := unix.Mmap(m.FD(), int64(page), page, unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return 0, false, fmt.Errorf("mapping the ring buffer's producer page: %w", err)
	}
	defer unix.Munmap(b)
	return binary.NativeEndian.Uint64(b), true, nil
}

// ringMapID returns the id of a ring buffer map among pid's open fds.
func ringMapID(pid int) (ebpf.MapID, bool) {
	dir := fmt.Sprintf("/proc/%d/fdinfo", pid)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0, false
	}
	for _, e := range ents {
		if id, ok := fdinfoRingID(filepath.Join(dir, e.Name())); ok {
			return id, true
		}
	}
	return 0, false
}

func fdinfoRingID(path string) (ebpf.MapID, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	var typ, id int64 = -1, -1
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			continue
		}
		switch k {
		case "map_type":
			typ = n
		case "map_id":
			id = n
		}
	}
	if typ != ringbufMapType || id < 0 {
		return 0, false
	}
	return ebpf.MapID(id), true
}
