// Package aio describes Linux AIO's request commands for ior: each
// iocb an io_submit hands the kernel becomes an event of its own,
// "aio:PREAD" and so on, when io_getevents returns its result.
package aio

import (
	"github.com/ior-tracer/ior/internal/arg"
	"github.com/ior-tracer/ior/internal/event"
)

// Prefix starts the name of every AIO request's event.
const Prefix = event.AIOPrefix

// Op is one IOCB_CMD_* (include/uapi/linux/aio_abi.h).
type Op struct {
	Code  uint16
	Name  string
	Bytes bool // a positive result is bytes transferred
	Pos   bool // the iocb's offset and length mean something
	// Args names and types the request's arguments: the iocb's fields.
	Args []arg.Desc
}

// Ops is every command, by code.
var Ops = []Op{
	{Code: 0, Name: "PREAD", Bytes: true, Pos: true}, {Code: 1, Name: "PWRITE", Bytes: true, Pos: true}, {Code: 2, Name: "FSYNC", Bytes: false, Pos: false}, {Code: 3, Name: "FDSYNC", Bytes: false, Pos: false},
	{Code: 4, Name: "PREADX", Bytes: false, Pos: false}, {Code: 5, Name: "POLL", Bytes: false, Pos: false}, {Code: 6, Name: "NOOP", Bytes: false, Pos: false},
	{Code: 7, Name: "PREADV", Bytes: true, Pos: true}, {Code: 8, Name: "PWRITEV", Bytes: true, Pos: true},
}

var byName = func() map[string]*Op {
	m := map[string]*Op{}
	for i := range Ops {
		if Ops[i].Code != uint16(i) {
			panic("aio.Ops is not indexed by code at " + Ops[i].Name)
		}
		Ops[i].Args = describe(&Ops[i])
		m[Prefix+Ops[i].Name] = &Ops[i]
	}
	return m
}()

// ByCode returns a command's description, or nil.
func ByCode(code uint16) *Op {
	if int(code) < len(Ops) {
		return &Ops[code]
	}
	return nil
}

// ByEvent returns the description of the command an event is ("aio:PREAD"), or nil.
func ByEvent(name string) *Op { return byName[name] }

// describe lists a command's arguments as struct iocb names them
// (include/uapi/linux/aio_abi.h): aio_fildes, aio_offset and aio_nbytes
// for a transfer, and aio_data, the program's own tag, in hex.
func describe(o *Op) []arg.Desc {
	ds := []arg.Desc{arg.Make("aio_fildes", arg.FD, arg.SlotFD, nil)}
	if o.Pos {
		ds = append(ds, arg.Make("aio_offset", arg.Offset, arg.SlotOffset, nil), arg.Make("aio_nbytes", arg.Size, arg.SlotLen, nil))
	}
	return append(ds, arg.Make("aio_data", arg.UserData, arg.SlotUserData, nil))
}
