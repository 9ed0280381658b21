// Package arg describes one argument of an event kind: its name (as
// strace and the man page call it), its type (how its value is shown:
// an fd, a path, flags of a named set, a permission mode, a size, an
// address ...) and where the decoded event keeps it (a Slot of
// event.Event). The event table (internal/kind, built from the syscall
// table, the io_uring ops and the AIO ops) lists every kind's arguments
// as Descs; every output walks them, and none switches on a syscall's
// name. The flag and enum sets are here too (sets*.go), each checked
// against golang.org/x/sys/unix.
package arg

import (
	"github.com/ior-tracer/ior/internal/event"
)

// Type says what an argument's value is, and so how it is written.
type Type uint8

const (
	None       Type = iota
	FD              // a file descriptor: signed decimal
	Path            // a path, resolved by ior; its PathStatus says what ior could not see
	String          // a string that is not a path to resolve (a symlink's target, an xattr's name)
	Flags           // bits OR-ed together, by the names of Set (hex when Set is nil)
	Enum            // one value, by the names of Set (decimal when Set is nil)
	Perm            // permission bits, octal: 0644
	FileMode        // a file type and permissions: S_IFREG|0644
	Size            // a size or count: unsigned decimal
	Int             // a signed number (a backlog, a timeout in ms, a watch descriptor)
	Offset          // a file offset: signed decimal
	Addr            // an address: 0x...
	Signal          // a signal number, by name: SIGTERM
	UserData        // an io_uring or AIO request's user data: 0x...
	StringList      // strings (execve's argv), marked cut when ior kept fewer than there were
	Struct          // what a pointer points to: the text the decoder wrote (Event.Args), or Fields
)

var typeNames = [...]string{None: "none", FD: "fd", Path: "path", String: "string", Flags: "flags", Enum: "enum",
	Perm: "perm", FileMode: "file_mode", Size: "size", Int: "int", Offset: "offset", Addr: "addr", Signal: "signal",
	UserData: "user_data", StringList: "string_list", Struct: "struct"}

func (t Type) String() string { return typeNames[t] }

// Slot is the field of event.Event an argument's value is kept in.
type Slot uint8

const (
	NoSlot       Slot = iota
	SlotFD            // Event.FD
	SlotFD2           // Event.FD2
	SlotPath          // Event.Path (status: PathStatusOf(0))
	SlotPath2         // Event.Path2 (status: PathStatusOf(1))
	SlotFlags         // Event.Flags
	SlotMode          // Event.Mode
	SlotOffset        // Event.Offset
	SlotLen           // Event.Len
	SlotUserData      // Event.UserData
	SlotSqeFlags      // Event.SqeFlags
	SlotRet           // Event.Ret (an exit's status)
	SlotArgs          // Event.Args, the text the decoder wrote from a copied struct
)

var slotNames = [...]string{NoSlot: "none", SlotFD: "fd", SlotFD2: "fd2", SlotPath: "path", SlotPath2: "path2",
	SlotFlags: "flags", SlotMode: "mode", SlotOffset: "offset", SlotLen: "len", SlotUserData: "user_data",
	SlotSqeFlags: "sqe_flags", SlotRet: "ret", SlotArgs: "args"}

func (s Slot) String() string { return slotNames[s] }

// Types are the types a value in each slot can have: a slot holds a
// number, a string or text, and only the types that read it so.
var Types = map[Slot][]Type{
	SlotFD:       {FD},
	SlotFD2:      {FD},
	SlotPath:     {Path, String},
	SlotPath2:    {Path, String},
	SlotFlags:    {Flags, Enum, Size, Int, Signal},
	SlotMode:     {Flags, Enum, Perm, FileMode, Size, Int, Addr, Signal},
	SlotOffset:   {Offset, Int},
	SlotLen:      {Size, Enum, Int},
	SlotUserData: {UserData},
	SlotSqeFlags: {Flags},
	SlotRet:      {Int},
	SlotArgs:     {Struct},
}

// Desc describes one argument.
type Desc struct {
	Name string
	Type Type
	Set  *Set // Flags and Enum: the names of the values
	Slot Slot
	// Reg is the syscall argument (0-5) the value is read from, where
	// the table's positions do not already say it; -1: none said here.
	// The syscall table takes positions from it (syscalls.applyArgs), so
	// that describing an argument is all it takes to record one that a
	// register holds.
	Reg int8
	// Wide: the register is a long (size_t, loff_t, unsigned long) and
	// read whole; otherwise an int, of which the kernel reads the low 32
	// bits (and an Int is sign-extended from them).
	Wide bool
	// Only, when set, says whether the call passed the argument at all
	// (open's mode only with O_CREAT or O_TMPFILE).
	Only func(*event.Event) bool
	// Pick, when set, gives the argument's description for this event:
	// its meaning depends on another argument (fcntl's arg on cmd, a
	// socket option's name on the level); nil: the call passed none.
	Pick func(*event.Event) *Desc
	// Get, when set, reads the value from wherever the event keeps it
	// (a field with no Slot: a string list, a struct's fields).
	Get func(*event.Event) Value
	// Fields: a Struct's members, each read by its own Slot or Get.
	Fields []Desc
}

// Value is one argument's value as an event holds it.
type Value struct {
	U    uint64   // a number's bits
	S    string   // Path, String, Struct text
	List []string // StringList
	// Cut: a StringList of which ior kept fewer than there were; a
	// number that counted up to its bound and stopped (envp's count):
	// there were more.
	Cut bool
	// Unknown: the kernel side could not read the value (a bad
	// pointer): a number is "?"; a StringList holds what was read
	// before the bad element, then "?".
	Unknown bool
	Status  uint8 // Path: what ior could not see (event.Path* bits)
}

// Of returns the description that applies to ev (Pick's, or d), and
// false when ev has no such argument.
func (d *Desc) Of(ev *event.Event) (*Desc, bool) {
	if d.Only != nil && !d.Only(ev) {
		return nil, false
	}
	if d.Pick != nil {
		p := d.Pick(ev)
		if p == nil {
			return nil, false
		}
		if p.Name == "" { // a Pick that changes the type keeps the name and slot
			q := *p
			q.Name, q.Slot, q.Reg, q.Wide = d.Name, d.Slot, d.Reg, d.Wide
			return &q, true
		}
		return p, true
	}
	return d, true
}

// Value reads the argument's value from ev.
func (d *Desc) Value(ev *event.Event) Value {
	if d.Get != nil {
		return d.Get(ev)
	}
	switch d.Slot {
	case SlotFD:
		return Value{U: uint64(int64(ev.FD))}
	case SlotFD2:
		return Value{U: uint64(int64(ev.FD2))}
	case SlotPath:
		return Value{S: ev.Path, Status: ev.PathStatusOf(0)}
	case SlotPath2:
		return Value{S: ev.Path2, Status: ev.PathStatusOf(1)}
	case SlotFlags:
		return Value{U: d.int(ev.Flags)}
	case SlotMode:
		return Value{U: d.int(ev.Mode)}
	case SlotOffset:
		return Value{U: uint64(ev.Offset)}
	case SlotLen:
		return Value{U: d.int(ev.Len)}
	case SlotUserData:
		return Value{U: ev.UserData}
	case SlotSqeFlags:
		return Value{U: uint64(ev.SqeFlags)}
	case SlotRet:
		return Value{U: uint64(ev.Ret)}
	case SlotArgs:
		return Value{S: ev.Args}
	}
	return Value{}
}

// Number returns the value of a plain number read from a slot (an FD,
// Int, Offset or Size with no Only, Pick or Get): what Value(ev).U is,
// without making a Value; false for any other argument. For the human
// output's hot path, where a loop's lines are mostly such numbers.
func (d *Desc) Number(ev *event.Event) (uint64, bool) {
	if d.Only != nil || d.Pick != nil || d.Get != nil {
		return 0, false
	}
	switch d.Type {
	case FD, Int, Offset, Size:
	default:
		return 0, false
	}
	switch d.Slot {
	case SlotFD:
		return uint64(int64(ev.FD)), true
	case SlotFD2:
		return uint64(int64(ev.FD2)), true
	case SlotFlags:
		return d.int(ev.Flags), true
	case SlotMode:
		return d.int(ev.Mode), true
	case SlotOffset:
		return uint64(ev.Offset), true
	case SlotLen:
		return d.int(ev.Len), true
	}
	return 0, false
}

// int: an Int read from an int register is the signed 32-bit number
// the kernel sees (a backlog or timeout of -1).
func (d *Desc) int(v uint64) uint64 {
	if d.Type == Int && !d.Wide {
		return uint64(int64(int32(uint32(v))))
	}
	return v
}

// Signed reports whether the argument's number is signed.
func (t Type) Signed() bool { return t == FD || t == Int || t == Offset }

// Numeric reports whether the argument is a number in JSON.
func (t Type) Numeric() bool { return t == FD || t == Size || t == Int || t == Offset }

// At says the value is read from syscall argument reg (a 32-bit int,
// or Long for a long).
func (d Desc) At(reg int8) Desc { d.Reg = reg; return d }

// Long says the register is a long, read whole.
func (d Desc) Long() Desc { d.Wide = true; return d }

// Make returns a description of no register (Reg -1).
func Make(name string, t Type, slot Slot, set *Set) Desc {
	return Desc{Name: name, Type: t, Set: set, Slot: slot, Reg: -1}
}

// Empty reports whether v says nothing: a struct ior made no text of
// (a failed call's output buffer).
func (d *Desc) Empty(v Value) bool { return d.Type == Struct && d.Fields == nil && v.S == "" }
