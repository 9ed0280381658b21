package decode

import (
	"strconv"
	"strings"

	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/event"
	"github.com/ior-tracer/ior/internal/probe"
	"github.com/ior-tracer/ior/internal/syscalls"
)

// Name is what the kernel side said of a file a call used.
type Name = calls.Name

// name is one name record's name ("": not whole). view is the name in
// the process's own view where path is the host's for a file in another
// mount namespace (mnt:[INODE]/path), else "": a base that a path
// argument is joined to lexically must stay in the process's view, as
// the argument is in it.
type name struct{ path, view string }

// learnName keeps a name record: id -> the kernel's name of a file. The
// id it replaces (the same place, named again after a rename) is kept a
// while longer, then forgotten (the kernel side will not send it
// again): a record that took the old id before the rename — an io_uring
// request named at submission, recorded at completion; a call named at
// enter — may still be on its way behind another thread's new name for
// the same place. At most supersededKept old names are held.
func (d *Decoder) learnName(r *probe.Raw) {
	id, prev, flags := r.Args[0], r.Args[1], r.Args[3]&0xffffffff
	if prev != 0 {
		d.supersede(prev)
	}
	comps := r.Slot[0]
	var path, view string
	switch {
	case flags&probe.NameCut != 0:
		path = ""
	case flags&probe.NamePseudo != 0 && !probe.KnownPseudo(r.Args[4]):
		// A file system whose names its dentries do not hold (nsfs:
		// user:[INODE], ...): unknown, never the dentry's bare name.
		path = ""
	case flags&probe.NamePseudo != 0:
		path = probe.FileName(r.Args[2], r.Args[4], string(probe.CString(comps)))
	case r.Args[5] == 0:
		// A mount in no namespace (detached, lazily unmounted): the
		// walk's root is no root anyone names from. Unknown.
		path = ""
	default:
		path = joinReversed(comps)
		// Walked up to the root of another mount namespace than ior's
		// (a container's, unshare -m): the process's view, not ior's.
		// Marked with that namespace, never passed off as ior's.
		// Where ior reaches the same file through a mount of its own
		// (a bind mount of a host directory, a copy of a host mount),
		// it is named in ior's view: the view every other name is in.
		if ns := r.Args[5]; d.mountNS != 0 && ns != 0 && ns != d.mountNS {
			marked := "mnt:[" + strconv.FormatUint(ns, 10) + "]" + path
			if host, ok := d.hostView(r); ok {
				path, view = host, marked
			} else {
				path = marked
			}
		}
	}
	d.names[id] = name{path: path, view: view}
	d.nameCells[id%nameCells] = nameCell{id: id, n: name{path: path, view: view}, ok: true}
}

// nameCells is how many name ids the decoder answers without the map
// (a cell: the id modulo nameCells): a loop's calls carry the same few
// ids, and the map's hashing was most of naming a call.
const nameCells = 64

// nameCell is a copy of one entry of Decoder.names, kept equal to it by
// learnName and supersede.
type nameCell struct {
	id uint64
	n  name
	ok bool
}

// name returns the kernel side's name with id, as Decoder.names has it.
func (d *Decoder) name(id uint64) (name, bool) {
	c := &d.nameCells[id%nameCells]
	if c.ok && c.id == id {
		return c.n, true
	}
	n, ok := d.names[id]
	if ok {
		*c = nameCell{id: id, n: n, ok: true}
	}
	return n, ok
}

// hostView names a file walked in another mount namespace in ior's
// view, from its path in its file system (the record's second view).
func (d *Decoder) hostView(r *probe.Raw) (string, bool) {
	if d.hosts == nil || r.Args[3]&probe.NameFSPath == 0 || r.SlotState[1]&probe.SlotOK == 0 {
		return "", false
	}
	return d.hosts.hostPath(uint32(r.Args[3]>>32), r.Args[2], joinReversed(r.Slot[1]))
}

// SetMountNS tells the decoder ior's own mount namespace (the inode
// number /proc/self/ns/mnt names): a name walked in another one is
// marked mnt:[INODE]. 0 (the default): none is marked.
func (d *Decoder) SetMountNS(ns uint64) { d.mountNS = ns }

// joinReversed makes a path of components given last first, each ending
// in a NUL: "c\0b\0a\0" is /a/b/c; none is the root.
func joinReversed(comps []byte) string {
	parts := strings.Split(strings.TrimSuffix(string(comps), "\x00"), "\x00")
	if len(comps) == 0 {
		return "/"
	}
	var b strings.Builder
	b.Grow(len(comps) + 1)
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(parts[i])
	}
	return b.String()
}

// kernelNames fills c.Names from the record's name states.
func (d *Decoder) kernelNames(r *probe.Raw, c *Call) {
	for i, st := range r.NameState {
		if st == 0 {
			continue
		}
		n := Name{State: nameState(st & probe.NameStateMask)}
		if n.State == calls.NameOK {
			kn, ok := d.name(r.NameID[i])
			if !ok || kn.path == "" {
				n.State = calls.NameLost
			} else {
				n.Path, n.Deleted = kn.path, st&probe.NameDeleted != 0
				if kn.view != "" && c.Spec != nil && c.Spec.Path[i] != syscalls.None {
					n.Path = kn.view // the base of a path argument: the process's view
				}
			}
		}
		c.Names[i] = n
	}
}

// nameState is the kernel side's name state (enum ior_name_state) as a
// call says it; a state this ior does not know is lost.
func nameState(st uint8) calls.NameState {
	switch st {
	case 0:
		return calls.NameNone
	case probe.NameOK:
		return calls.NameOK
	case probe.NameNoFile:
		return calls.NameNoFile
	case probe.NameRaced:
		return calls.NameRaced
	}
	return calls.NameLost
}

// resolvedFiles fills the event's File and File2: the file each path
// argument resolved to, as the kernel side read it (resolved.h: an
// open's new fd's file, chdir's cwd, chroot's root), or why there is
// none. A path that is text (an
// xattr name, a symlink's target) resolves nothing and says nothing.
func (d *Decoder) resolvedFiles(r *probe.Raw, c *Call) {
	sp, ev := c.Spec, &c.Event
	for i, dst := range [2]*string{&ev.File, &ev.File2} {
		if sp.Path[i] == syscalls.None || !c.Resolve[i] || c.PathOK[i] && len(r.Slot[i]) == 0 {
			continue // no path, text, or "" (AT_EMPTY_PATH: the fd itself, no lookup)
		}
		var st uint8
		switch fs := r.FileState[i]; {
		case i != 0 || probe.ResolvedArg(sp) == 0:
			st = event.FileUnread
		case ev.Ret < 0:
			st = event.FileNone // failed: resolved nothing it kept
		case fs&probe.NameStateMask == probe.NameOK:
			kn, ok := d.name(r.FileID[i])
			if !ok || kn.path == "" {
				st = event.FileUnknown
				break
			}
			*dst = kn.path
			if fs&probe.NameDeleted != 0 {
				st = event.FileDeleted
			}
		default: // raced, lost, or not read
			st = event.FileUnknown
		}
		ev.FileStatus |= st << (4 * i)
	}
}

// supersededKept bounds the replaced names the decoder still answers
// for (a name is at most a path: 4096 such are some 16 MiB at worst).
const supersededKept = 4096

// supersede forgets the oldest replaced name once supersededKept are
// held, and keeps old among the replaced.
func (d *Decoder) supersede(old uint64) {
	if len(d.superseded) < supersededKept {
		d.superseded = append(d.superseded, old)
		return
	}
	gone := d.superseded[d.supersededAt]
	delete(d.names, gone)
	if c := &d.nameCells[gone%nameCells]; c.id == gone {
		*c = nameCell{}
	}
	d.superseded[d.supersededAt] = old
	d.supersededAt = (d.supersededAt + 1) % supersededKept
}
