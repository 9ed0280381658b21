// Package addrspace follows, while tracing with -stacks, what each traced
// process has mapped where, and hands each mapping to the recording, so
// that its stacks can be symbolized later, or at least shown with the
// file and build ID each address falls in. Its sources, as ior sees
// them: exec (the program and its interpreter, placed from the auxiliary
// vector the kernel side reads), file mmaps (ior records them), fork (a
// copy of the parent's), and /proc/PID/maps for a process first seen
// without its exec (one that ran before attach).
package addrspace

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/recording"
	"github.com/ior-tracer/ior/internal/symbolize"
)

// maxPerProcess bounds one process's mappings; past it a process's new
// mappings are not followed (their addresses stay unsymbolized).
const maxPerProcess = 1 << 14

// Tracker follows the processes' mappings and passes each new one on.
type Tracker struct {
	procs  map[uint32][]recording.Mapping // by tgid; present: known
	ids    map[string]string              // build IDs by path
	record func(pid uint32, m recording.Mapping) error
	procfs string
	// Cwd gives a process's working directory ("": unknown), to place
	// a program exec'd by a relative path once /proc has forgotten it.
	Cwd func(pid uint32) string
	// Unplaced counts processes whose mappings ior could not learn (a
	// relative path it could not resolve, a file that changed, a process
	// gone before its /proc/PID/maps was read).
	Unplaced uint64
}

// New returns a Tracker that passes each mapping to record.
func New(record func(pid uint32, m recording.Mapping) error) *Tracker {
	return &Tracker{procs: map[uint32][]recording.Mapping{}, ids: map[string]string{}, record: record, procfs: "/proc"}
}

// Observe learns from one decoded call (after the fd table named its
// paths).
func (t *Tracker) Observe(c *calls.Call) error {
	ev := &c.Event
	if _, ok := t.procs[ev.PID]; ok && c.ExecLost {
		// Its exec record was lost: the old image's mappings are gone,
		// and the new one's are read from /proc, as for a process whose
		// exec ior did not see (never the old image's for its stacks).
		if err := t.record(ev.PID, recording.Mapping{}); err != nil {
			return err
		}
		if err := t.Snapshot(ev.PID); err != nil {
			return err
		}
	}
	switch c.Kind {
	case calls.Exec:
		return t.exec(ev.PID, c)
	case calls.Fork:
		if c.Thread {
			return nil
		}
		if parent, ok := t.procs[ev.PID]; ok {
			t.procs[c.ChildPID] = nil
			for _, m := range parent {
				if err := t.add(c.ChildPID, m); err != nil {
					return err
				}
			}
		}
		return nil
	case calls.Exit:
		if c.GroupDead {
			delete(t.procs, ev.PID)
		}
		return nil
	}
	if _, ok := t.procs[ev.PID]; !ok && ev.Stack != nil {
		if err := t.Snapshot(ev.PID); err != nil {
			return err
		}
	}
	if c.Spec != nil && c.Spec.Name == "mmap" && ev.Ret > 0 && ev.Path != "" && ev.PathStatus == 0 && ev.Len > 0 {
		if _, ok := t.procs[ev.PID]; ok {
			return t.add(ev.PID, recording.Mapping{Start: uint64(ev.Ret), Limit: uint64(ev.Ret) + (ev.Len+4095)&^4095,
				Offset: uint64(ev.Offset), Path: ev.Path, BuildID: t.buildID(ev.Path)})
		}
	}
	return nil
}

func (t *Tracker) add(pid uint32, m recording.Mapping) error {
	if len(t.procs[pid]) >= maxPerProcess {
		return nil
	}
	t.procs[pid] = append(t.procs[pid], m)
	return t.record(pid, m)
}

func (t *Tracker) buildID(path string) string {
	id, ok := t.ids[path]
	if !ok {
		if im, err := symbolize.ReadImage(path); err == nil {
			id = im.BuildID
		}
		if len(t.ids) > 1<<16 {
			clear(t.ids)
		}
		t.ids[path] = id
	}
	return id
}

// exec: the old address space is gone; the new one holds the program and
// its interpreter, placed by AT_ENTRY and AT_BASE.
func (t *Tracker) exec(pid uint32, c *calls.Call) error {
	t.procs[pid] = nil
	if err := t.record(pid, recording.Mapping{}); err != nil {
		return err
	}
	path := c.ExecPath
	if path == "" || c.ExecEntry == 0 {
		t.Unplaced++
		return nil
	}
	if !filepath.IsAbs(path) {
		// Relative to the process's cwd, which /proc still knows while
		// it runs; otherwise unplaced rather than guessed.
		exe, err := os.Readlink(fmt.Sprintf("%s/%d/exe", t.procfs, pid))
		switch {
		case err == nil:
			path = exe
		case t.Cwd != nil && t.Cwd(pid) != "":
			// Checked below: the file's entry point must fit AT_ENTRY.
			path = filepath.Join(t.Cwd(pid), path)
		default:
			t.Unplaced++
			return nil
		}
	}
	im, err := symbolize.ReadImage(path)
	if err != nil {
		t.Unplaced++
		return nil
	}
	segs, err := im.Place(c.ExecEntry, false)
	if err != nil {
		t.Unplaced++
		return nil
	}
	if err := t.segments(pid, path, im.BuildID, segs); err != nil {
		return err
	}
	if im.Interp == "" || c.ExecBase == 0 {
		return nil
	}
	in, err := symbolize.ReadImage(im.Interp)
	if err != nil {
		t.Unplaced++
		return nil
	}
	if segs, err = in.Place(c.ExecBase, true); err != nil {
		t.Unplaced++
		return nil
	}
	return t.segments(pid, im.Interp, in.BuildID, segs)
}

func (t *Tracker) segments(pid uint32, path, id string, segs []symbolize.Segment) error {
	for _, s := range segs {
		if err := t.add(pid, recording.Mapping{Start: s.Start, Limit: s.Limit, Offset: s.Offset, Path: path, BuildID: id}); err != nil {
			return err
		}
	}
	return nil
}

// Snapshot reads a process's file mappings from /proc/PID/maps: for a
// process that ran before ior attached (or whose exec ior did not see).
// A process already gone is known from now on with no mappings.
func (t *Tracker) Snapshot(pid uint32) error {
	t.procs[pid] = nil
	f, err := os.Open(fmt.Sprintf("%s/%d/maps", t.procfs, pid))
	if err != nil {
		t.Unplaced++
		return nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m, ok := parseMapsLine(sc.Text())
		if !ok {
			continue
		}
		m.BuildID = t.buildID(m.Path)
		if err := t.add(pid, m); err != nil {
			return err
		}
	}
	return nil
}

// parseMapsLine reads one line of /proc/PID/maps ("start-end perms
// offset dev inode path"); only mappings of files are kept.
func parseMapsLine(line string) (recording.Mapping, bool) {
	f := strings.Fields(line)
	if len(f) < 6 || !strings.HasPrefix(f[5], "/") {
		return recording.Mapping{}, false
	}
	lo, hi, ok := strings.Cut(f[0], "-")
	start, err1 := strconv.ParseUint(lo, 16, 64)
	limit, err2 := strconv.ParseUint(hi, 16, 64)
	off, err3 := strconv.ParseUint(f[2], 16, 64)
	if !ok || err1 != nil || err2 != nil || err3 != nil || limit <= start {
		return recording.Mapping{}, false
	}
	return recording.Mapping{Start: start, Limit: limit, Offset: off, Path: strings.Join(f[5:], " ")}, true
}

// Find returns the mapping of ms that holds addr (the latest one made).
func Find(ms []recording.Mapping, addr uint64) (recording.Mapping, bool) {
	for i := len(ms) - 1; i >= 0; i-- {
		if addr >= ms[i].Start && addr < ms[i].Limit {
			return ms[i], true
		}
	}
	return recording.Mapping{}, false
}
