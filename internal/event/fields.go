package event

// Format says how a numeric field is written for people and in CSV.
type Format uint8

const (
	Dec Format = iota
	Hex        // 0x1b6
	Oct        // 0644
)

// Role says what a field is to the integration suite, which compares
// events across runs and languages.
type Role uint8

const (
	Varies Role = iota // differs on every run (ids, times, comm): left out
	Name               // the syscall
	Result             // the return value: a number, an errno, or a new fd
	FD                 // an fd number: compared by identity (fd1, fd2, ...)
	Path               // a path: compared relative to the scenario directory
	Value              // compared as it is
)

// Field is one field of an event: its name in CSV and JSON, how it is
// read and written, and its role. A field is a string (Str set) or a
// number (Num set; Signed says whether the bits are an int64).
type Field struct {
	Name   string
	Role   Role
	Format Format
	Signed bool
	// NoneBelow0: the field's "nothing here" is a negative value, and 0
	// is a value like any other (a fixed-file slot).
	NoneBelow0 bool
	// JSON: Str returns a JSON value (an object), which the JSON output
	// writes as it is and the others as text.
	JSON bool
	Str  func(*Event) string
	// Append, when set, appends what Str returns to b: the writers use
	// it to make no string per event.
	Append func(b []byte, e *Event) []byte
	Num    func(*Event) uint64
}

// Fields is every field of Event, in output order.
var Fields = []Field{
	{Name: "syscall", Role: Name, Str: func(e *Event) string { return e.Syscall }},
	{Name: "pid", Num: func(e *Event) uint64 { return uint64(e.PID) }},
	{Name: "tid", Num: func(e *Event) uint64 { return uint64(e.TID) }},
	{Name: "comm", Str: func(e *Event) string { return e.Comm }},
	{Name: "enter_ns", Num: func(e *Event) uint64 { return e.EnterNs }},
	{Name: "exit_ns", Num: func(e *Event) uint64 { return e.ExitNs }},
	{Name: "duration_ns", Num: func(e *Event) uint64 { return e.Duration() }},
	{Name: "ret", Role: Result, Signed: true, Num: func(e *Event) uint64 { return uint64(e.Ret) }},
	{Name: "fd", Role: FD, Signed: true, Num: func(e *Event) uint64 { return uint64(int64(e.FD)) }},
	{Name: "fd2", Role: FD, Signed: true, Num: func(e *Event) uint64 { return uint64(int64(e.FD2)) }},
	{Name: "path", Role: Path, Str: func(e *Event) string { return e.Path }},
	{Name: "path2", Role: Path, Str: func(e *Event) string { return e.Path2 }},
	{Name: "bytes", Role: Value, Signed: true, Num: func(e *Event) uint64 { return uint64(e.Bytes) }},
	{Name: "flags", Role: Value, Format: Hex, Num: func(e *Event) uint64 { return e.Flags }},
	{Name: "mode", Role: Value, Format: Oct, Num: func(e *Event) uint64 { return e.Mode }},
	{Name: "offset", Role: Value, Signed: true, Num: func(e *Event) uint64 { return uint64(e.Offset) }},
	{Name: "len", Role: Value, Num: func(e *Event) uint64 { return e.Len }},
	{Name: "path_status", Role: Value, Str: pathStatusText},
	{Name: "user_data", Role: Value, Format: Hex, Num: func(e *Event) uint64 { return e.UserData }},
	{Name: "slot", Role: Value, Signed: true, NoneBelow0: true, Num: func(e *Event) uint64 { return uint64(int64(e.Slot1) - 1) }},
	{Name: "sqe_flags", Role: Value, Format: Hex, Num: func(e *Event) uint64 { return uint64(e.SqeFlags) }},
	{Name: "exec", Str: execText},
	{Name: "args", Role: Value, Str: func(e *Event) string { return e.Args }},
	{Name: "file", Role: Path, Str: func(e *Event) string { return e.File }},
	{Name: "file2", Role: Path, Str: func(e *Event) string { return e.File2 }},
	{Name: "file_status", Role: Value, Str: fileStatusText},
	// The process table (version 5): what the event's process ran in,
	// joined by thread from the last process record before it; 0 and ""
	// when not known. foreign says where it differs from ior's own.
	{Name: "foreign", Role: Value, Str: foreignText},
	{Name: "mntns", Num: procNum(func(p *Proc) uint64 { return p.MntNS })},
	{Name: "pidns", Num: procNum(func(p *Proc) uint64 { return p.PidNS })},
	{Name: "cgroup", Str: procStr(func(p *Proc) string { return p.Cgroup })},
	{Name: "root", Str: procStr(func(p *Proc) string { return p.Root })},
}

var execNames = []struct {
	bit  uint8
	name string
}{{ExecSQPoll, "sqpoll"}, {ExecIOWQ, "io-wq"}, {ExecRejected, "rejected"}, {ExecOverflow, "overflow"}}

// execText says how an io_uring request ran: "inline" (by the task
// that submitted it, in io_uring_enter), or "sqpoll", "io-wq",
// "rejected" joined by "|"; empty for a syscall.
func execText(e *Event) string {
	var out []byte
	for _, n := range execNames {
		if e.Exec&n.bit != 0 {
			if len(out) > 0 {
				out = append(out, '|')
			}
			out = append(out, n.name...)
		}
	}
	if len(out) == 0 && e.IsURing() {
		return "inline"
	}
	return string(out)
}

// FieldByName returns the named field, or nil.
func FieldByName(name string) *Field {
	for i := range Fields {
		if Fields[i].Name == name {
			return &Fields[i]
		}
	}
	return nil
}

// Int returns a numeric field's value as the signed number it is.
func (f *Field) Int(e *Event) int64 { return int64(f.Num(e)) }

// Absent reports whether a field holds its "nothing here" value: an
// empty string, zero, or -1 for an fd.
func (f *Field) Absent(e *Event) bool {
	if f.Str != nil {
		return f.Str(e) == ""
	}
	v := f.Int(e)
	if f.NoneBelow0 {
		return v < 0
	}
	return v == 0 || f.Role == FD && v < 0
}

var pathStatusNames = []struct {
	bit  uint8
	name string
}{{PathUnknown, "unknown"}, {PathFault, "fault"}, {PathCut, "cut"}, {PathDeleted, "deleted"}}

var fileStatusNames = []struct {
	bit  uint8
	name string
}{{FileNone, "none"}, {FileUnknown, "unknown"}, {FileUnread, "unread"}, {FileDeleted, "deleted"}}

// fileStatusText names what ior says of the resolved files: "none",
// "unknown", "unread", "deleted" for file, the same with "file2-" for
// file2, joined by "|"; empty when each is given or there is none.
func fileStatusText(e *Event) string { return statusText(e.FileStatus, "file2-", fileStatusNames) }

// pathStatusText names what ior could not see of the paths: "unknown",
// "fault", "cut" for path, the same with "path2-" for path2, joined by
// "|"; empty when both are whole.
func pathStatusText(e *Event) string { return statusText(e.PathStatus, "path2-", pathStatusNames) }

// statusText names the bits of a status byte: the low 4 bits as they
// are, the high 4 with prefix2.
func statusText(status uint8, prefix2 string, names []struct {
	bit  uint8
	name string
}) string {
	if status == 0 {
		return ""
	}
	var out []byte
	for i, prefix := range []string{"", prefix2} {
		st := status >> (4 * i) & 0xf
		for _, n := range names {
			if st&n.bit != 0 {
				if len(out) > 0 {
					out = append(out, '|')
				}
				out = append(out, prefix...)
				out = append(out, n.name...)
			}
		}
	}
	return string(out)
}
