package probe

import "unsafe"

// FilterAIOSubmit: io_submit's iocbs are read at enter into the struct
// slot (bpf/aio.h); every call is recorded.
const FilterAIOSubmit = uint8(iorIorFilterIOR_FILTER_AIO_SUBMIT)

// FilterAIOReap: io_getevents' results are read at exit, a record each
// (KindAIOResult), before the call's own.
const FilterAIOReap = uint8(iorIorFilterIOR_FILTER_AIO_REAP)

// The AIO records (bpf/aio.h): one per iocb of an io_submit, sent at its
// enter (Args [0] the context, [1] the index; the struct slot an
// AIOIocb; NameState/NameID[0] its fd's file), one per result of an
// io_getevents, sent at its exit (Args [0] the context, [1] the index;
// the struct slot the struct io_event).
const (
	KindAIOIocb   = Kind(iorIorKindIOR_KIND_AIO_IOCB)
	KindAIOResult = Kind(iorIorKindIOR_KIND_AIO_RESULT)
)

// AIOIocb is one iocb of an io_submit (struct ior_aio_iocb): the user's
// iocb address, which io_getevents' results name, its aio_data, and
// what it asks.
type AIOIocb struct {
	Obj, Data, NBytes uint64
	Offset            int64
	FD                int32
	Op                uint16 // IOCB_CMD_*
}

// AIOIocbs reads the struct slot of an io_submit.
func AIOIocbs(b []byte) []AIOIocb {
	var x iorIorAioIocb
	size := int(unsafe.Sizeof(x))
	var out []AIOIocb
	for len(b) >= size {
		copy(unsafe.Slice((*byte)(unsafe.Pointer(&x)), size), b)
		out = append(out, AIOIocb{Obj: x.Obj, Data: x.Data, NBytes: x.Nbytes, Offset: x.Offset, FD: int32(x.Fd), Op: x.Op})
		b = b[size:]
	}
	return out
}

// Bytes is the struct slot the kernel side writes for iocbs (for tests).
func AIOIocbsBytes(cbs []AIOIocb) []byte {
	var out []byte
	for _, c := range cbs {
		x := iorIorAioIocb{Obj: c.Obj, Data: c.Data, Nbytes: c.NBytes, Offset: c.Offset, Fd: uint32(c.FD), Op: c.Op}
		out = append(out, unsafe.Slice((*byte)(unsafe.Pointer(&x)), unsafe.Sizeof(x))...)
	}
	return out
}
