package decode

import (
	"encoding/binary"
	"fmt"

	"github.com/ior-tracer/ior/internal/abi"
	"github.com/ior-tracer/ior/internal/calls"
	"github.com/ior-tracer/ior/internal/syscalls"
)

// effectArgs reads, from a call's copied struct, the values the fd
// table needs for the call's effect on the process's files, as typed
// values (the fd table parses no bytes).
func effectArgs(sp *syscalls.Spec, blob []byte, c *calls.Call) {
	switch sp.Effect {
	case syscalls.EffectNameToHandle, syscalls.EffectOpenByHandle:
		c.Handle = handleKey(blob)
	case syscalls.EffectIOUringRegister:
		c.RegFDs, c.RegOffset, c.RegOffsetOK = uringRegister(c.Event.Flags, c.Event.Mode, blob)
	}
}

// handleKey identifies a struct file_handle (handle_bytes, handle_type,
// f_handle) by its type and bytes; "" when not whole.
func handleKey(b []byte) string {
	if len(b) < abi.FileHandleLen {
		return ""
	}
	n := int(binary.LittleEndian.Uint32(b))
	if n > len(b)-abi.FileHandleLen {
		return ""
	}
	return fmt.Sprintf("%x", b[4:abi.FileHandleLen+n])
}

// uringRegister reads io_uring_register's copied argument (opcode op,
// count n): REGISTER_FILES' fds (as many as were copied, up to n), or an
// update's first slot (struct io_uring_files_update's and struct
// io_uring_rsrc_update2's offset, their first field).
func uringRegister(op, n uint64, b []byte) (fds []int32, off uint32, offOK bool) {
	switch op {
	case abi.IORingRegisterFiles:
		for i := uint64(0); i < n && 4*i+4 <= uint64(len(b)); i++ {
			fds = append(fds, int32(binary.LittleEndian.Uint32(b[4*i:])))
		}
	case abi.IORingRegisterFilesUpdate, abi.IORingRegisterFilesUpdate2:
		if len(b) >= 4 {
			return nil, binary.LittleEndian.Uint32(b), true
		}
	}
	return fds, 0, false
}

// ioEvent reads a struct io_event (data, obj, res, res2); false when the
// record holds less.
func ioEvent(b []byte) (calls.IOEvent, bool) {
	if len(b) < abi.IOEventLen {
		return calls.IOEvent{}, false
	}
	return calls.IOEvent{Data: binary.LittleEndian.Uint64(b), Obj: binary.LittleEndian.Uint64(b[8:]),
		Res: int64(binary.LittleEndian.Uint64(b[16:]))}, true
}
