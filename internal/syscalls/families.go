package syscalls

import "strings"

// Family is a group of related syscalls: 'ior syscalls' lists the table
// by family, and -syscalls takes family names.
type Family struct {
	Name string
	Doc  string // what the family covers, for 'ior syscalls'
}

// Families groups the table, in table order; -syscalls takes a family
// name for all of its syscalls. A family never shares a name with a
// syscall, except one that holds just that syscall (ioctl).
var Families = []Family{
	{Name: "file", Doc: "opening and closing files; file handles"},
	{Name: "fd", Doc: "duplicating fds; fcntl, its lock commands too"},
	{Name: "rw", Doc: "reads and writes: plain, positioned, vectored; lseek"},
	{Name: "transfer", Doc: "copies inside the kernel"},
	{Name: "space", Doc: "file size and allocated space"},
	{Name: "cache", Doc: "writing back and reading ahead through the page cache"},
	{Name: "mapping", Doc: "mapping files into memory, syncing and unmapping them (anonymous memory is left out)"},
	{Name: "path", Doc: "names: renaming, linking, symbolic links, removing"},
	{Name: "dir", Doc: "directories: make, remove, change to, list; the working directory"},
	{Name: "stat", Doc: "file status and access checks; file system status"},
	{Name: "meta", Doc: "changing metadata: modes, owners, times; device nodes"},
	{Name: "xattr", Doc: "extended attributes"},
	{Name: "lock", Doc: "flock (fcntl's lock commands are in fd)"},
	{Name: "ioctl", Doc: "device and file system control"},
	{Name: "aio", Doc: "Linux AIO"},
	{Name: "io_uring", Doc: "setting up rings, submitting, registering files and buffers"},
	{Name: "net", Doc: "socket data: send and receive"},
	{Name: "newfd", Doc: "fds with no path: pipes, sockets, eventfds, memfds, epoll, timers, signals, inotify, pidfds"},
	{Name: "process", Doc: "the process tree: clone, fork, exec"},
}

// family sets Family on specs: the table is written family by family.
func family(name string, specs ...Spec) []Spec {
	for i := range specs {
		specs[i].Family = name
	}
	return specs
}

// InFamily lists the syscalls of a family, in table order.
func InFamily(name string) []string {
	var names []string
	for i := range Table {
		if Table[i].Family == name {
			names = append(names, Table[i].Name)
		}
	}
	return names
}

// Select resolves syscall and family names, mixed, to syscall names, in
// the order given and without repeats; strace's names (fstat) are taken
// for the kernel's (newfstat). An unknown name is an error naming it,
// with the nearest names ior knows.
func Select(names []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	var unknown []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if c := Canonical(n); c != "" {
			add(c)
			continue
		}
		members := InFamily(n)
		if len(members) == 0 {
			unknown = append(unknown, n)
		}
		for _, m := range members {
			add(m)
		}
	}
	if len(unknown) > 0 {
		return nil, UnknownError("syscall or family", unknown, true)
	}
	return out, nil
}
