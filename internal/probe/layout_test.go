package probe

import (
	"testing"
	"unsafe"

	"github.com/ior-tracer/ior/internal/event"
)

// event.Decode reads fixed offsets; they must match the C layout that
// bpf2go mirrored from BTF.
func TestEventLayout(t *testing.T) {
	var e iorIorEvent
	if got := int(unsafe.Sizeof(e)); got != event.HeaderSize {
		t.Fatalf("sizeof(struct ior_event) = %d, event.HeaderSize = %d", got, event.HeaderSize)
	}
	offs := map[string][2]uintptr{
		"enter_ns":   {unsafe.Offsetof(e.EnterNs), 0},
		"exit_ns":    {unsafe.Offsetof(e.ExitNs), 8},
		"ret":        {unsafe.Offsetof(e.Ret), 16},
		"args":       {unsafe.Offsetof(e.Args), 24},
		"pid":        {unsafe.Offsetof(e.Pid), 72},
		"tid":        {unsafe.Offsetof(e.Tid), 76},
		"nr":         {unsafe.Offsetof(e.Nr), 80},
		"kind":       {unsafe.Offsetof(e.Kind), 82},
		"nslots":     {unsafe.Offsetof(e.Nslots), 83},
		"slot_len":   {unsafe.Offsetof(e.SlotLen), 84},
		"slot_state": {unsafe.Offsetof(e.SlotState), 88},
		"comm":       {unsafe.Offsetof(e.Comm), 92},
	}
	for name, o := range offs {
		if o[0] != o[1] {
			t.Errorf("offset of %s = %d, decoder uses %d", name, o[0], o[1])
		}
	}
	if iorIorSlotState(event.SlotFault) != iorIorSlotStateIOR_SLOT_FAULT || event.KindExec != int(iorIorKindIOR_KIND_EXEC) {
		t.Error("slot state or kind constants differ from bpf/ior.h")
	}
}
