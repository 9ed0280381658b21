// Package aio describes Linux AIO's request commands for ior: each
// iocb an io_submit hands the kernel becomes an event of its own,
// "aio:PREAD" and so on, when io_getevents returns its result.
package aio

import "github.com/ior-tracer/ior/internal/event"

// Prefix starts the name of every AIO request's event.
const Prefix = event.AIOPrefix

// Op is one IOCB_CMD_* (include/uapi/linux/aio_abi.h).
type Op struct {
	Code  uint16
	Name  string
	Bytes bool // a positive result is bytes transferred
	Pos   bool // the iocb's offset and length mean something
}

// Ops is every command, by code.
var Ops = []Op{
	{0, "PREAD", true, true}, {1, "PWRITE", true, true}, {2, "FSYNC", false, false}, {3, "FDSYNC", false, false},
	{4, "PREADX", false, false}, {5, "POLL", false, false}, {6, "NOOP", false, false},
	{7, "PREADV", true, true}, {8, "PWRITEV", true, true},
}

var byName = func() map[string]*Op {
	m := map[string]*Op{}
	for i := range Ops {
		if Ops[i].Code != uint16(i) {
			panic("aio.Ops is not indexed by code at " + Ops[i].Name)
		}
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
