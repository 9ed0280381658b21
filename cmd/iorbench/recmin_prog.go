package main

// recorder-min's kernel side: the smallest recorder that keeps what every
// one of ior's syscall records needs, built instruction by instruction
// (cilium/ebpf's asm: no C, no build step of its own). Its cost is the
// lower bound of ior-record's, per call, on this kernel:
//
//	sys_enter (tp_btf): the syscall in the traced set (one byte of a
//	  read-only table, as ior's descs); the floor's tgid test (a bit of
//	  a tgid bitmap, as ior's filter), then the exact tgid; the thread's
//	  task storage (created on its first call); the enter time into it.
//	sys_exit (tp_btf): the same tgid test; the task storage, its enter
//	  time (none: not a traced call, or traced from mid-call) taken and
//	  cleared; the exit time; a 40-byte record (ior's header size:
//	  enter time, return value, tgid and tid, duration, number, kind)
//	  reserved in the ring buffer, filled and submitted without a wakeup
//	  (the reader polls).
//
// What ior does beyond it — the arguments, the task's name, name and
// path look-ups, the process table, the per-CPU wakeup accounting — is
// what ior-record costs above this mode.

import (
	"fmt"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/btf"
	"golang.org/x/sys/unix"
)

const (
	rmTableSize  = 512  // syscall numbers in the traced table (ior's IOR_MAX_NR)
	rmTgidWords  = 1024 // the tgid bitmap's words (ior's TGID_WORDS)
	rmRecordSize = 40   // sizeof(struct ior_event)
	rmRingBytes  = 16 << 20
	rmKindSys    = 1 // IOR_KIND_SYSCALL
	rmMaxBatch   = 64
	// lost counts: a thread without task storage, a record without room.
	rmLostStorage = 0
	rmLostRing    = 8
)

// rmOffsets are the kernel's struct offsets the programs load from.
type rmOffsets struct {
	pid, tgid int16 // task_struct
	origAX    int16 // pt_regs
}

func kernelOffsets() (rmOffsets, error) {
	spec, err := btf.LoadKernelSpec()
	if err != nil {
		return rmOffsets{}, fmt.Errorf("kernel BTF: %w", err)
	}
	off := func(structName, member string) (int16, error) {
		var s *btf.Struct
		if err := spec.TypeByName(structName, &s); err != nil {
			return 0, fmt.Errorf("kernel BTF: %s: %w", structName, err)
		}
		for _, m := range s.Members {
			if m.Name == member {
				return int16(m.Offset.Bytes()), nil
			}
		}
		return 0, fmt.Errorf("kernel BTF: %s has no %s", structName, member)
	}
	var o rmOffsets
	if o.pid, err = off("task_struct", "pid"); err != nil {
		return o, err
	}
	if o.tgid, err = off("task_struct", "tgid"); err != nil {
		return o, err
	}
	o.origAX, err = off("pt_regs", "orig_ax")
	return o, err
}

// rmMaps are recorder-min's maps.
type rmMaps struct {
	table, tgids, storage, ring, lost *ebpf.Map
	// stage (-batch N > 1): per CPU, a count and N records, sent to the
	// ring together when full.
	stage *ebpf.Map
	batch int
}

func (m *rmMaps) Close() {
	for _, x := range []*ebpf.Map{m.table, m.tgids, m.storage, m.ring, m.lost, m.stage} {
		if x != nil {
			x.Close()
		}
	}
}

// newRMMaps makes the maps for recording nrs of process tgid, batch
// records to a ring record (1: each on its own; else a power of two).
func newRMMaps(nrs []int, tgid uint32, batch int) (_ *rmMaps, err error) {
	if batch < 1 || batch > rmMaxBatch || batch&(batch-1) != 0 {
		return nil, fmt.Errorf("batch %d: not a power of two in [1, %d]", batch, rmMaxBatch)
	}
	m := &rmMaps{batch: batch}
	defer func() {
		if err != nil {
			m.Close()
		}
	}()
	one := func(size uint32, flags uint32) (*ebpf.Map, error) {
		return ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.Array, KeySize: 4, ValueSize: size, MaxEntries: 1, Flags: flags})
	}
	table := make([]byte, rmTableSize)
	for _, nr := range nrs {
		if nr < 0 || nr >= rmTableSize {
			return nil, fmt.Errorf("syscall number %d out of the table", nr)
		}
		table[nr] = 1
	}
	if m.table, err = one(rmTableSize, unix.BPF_F_RDONLY_PROG); err != nil {
		return nil, err
	}
	if err = m.table.Put(uint32(0), table); err != nil {
		return nil, err
	}
	if err = m.table.Freeze(); err != nil {
		return nil, err
	}
	bits := make([]byte, 8*rmTgidWords)
	w := (tgid / 64) % rmTgidWords
	bits[8*w+(tgid%64)/8] |= 1 << (tgid % 8) // little-endian words
	if m.tgids, err = one(8*rmTgidWords, 0); err != nil {
		return nil, err
	}
	if err = m.tgids.Put(uint32(0), bits); err != nil {
		return nil, err
	}
	if m.lost, err = one(16, 0); err != nil {
		return nil, err
	}
	m.storage, err = ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.TaskStorage, KeySize: 4, ValueSize: 8,
		Flags: unix.BPF_F_NO_PREALLOC,
		Key:   &btf.Int{Name: "int", Size: 4, Encoding: btf.Signed},
		Value: &btf.Int{Name: "u64", Size: 8}})
	if err != nil {
		return nil, fmt.Errorf("task storage: %w", err)
	}
	if m.ring, err = ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.RingBuf, MaxEntries: rmRingBytes}); err != nil {
		return nil, err
	}
	if batch > 1 {
		m.stage, err = ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.PerCPUArray, KeySize: 4,
			ValueSize: uint32(8 + batch*rmRecordSize), MaxEntries: 1})
	}
	return m, err
}

// mapIns is a map load associated with m (its fd).
func mapIns(ins asm.Instruction, m *ebpf.Map) asm.Instruction {
	if err := ins.AssociateMap(m); err != nil {
		panic(err) // only map loads are passed
	}
	return ins
}

// tgidTest: the task in R6; its tgid into R8; to "out" unless it is
// tgid: its bit in the bitmap (ior's filter's test), then exactly (a
// bit shared by two tgids).
func tgidTest(m *rmMaps, o rmOffsets, tgid uint32) asm.Instructions {
	return asm.Instructions{
		asm.LoadMem(asm.R8, asm.R6, o.tgid, asm.Word),
		asm.Mov.Reg(asm.R2, asm.R8),
		asm.RSh.Imm(asm.R2, 6),
		asm.And.Imm(asm.R2, rmTgidWords-1),
		asm.LSh.Imm(asm.R2, 3),
		mapIns(asm.LoadMapValue(asm.R3, 0, 0), m.tgids),
		asm.Add.Reg(asm.R3, asm.R2),
		asm.LoadMem(asm.R3, asm.R3, 0, asm.DWord),
		asm.Mov.Reg(asm.R2, asm.R8),
		asm.And.Imm(asm.R2, 63),
		asm.RSh.Reg(asm.R3, asm.R2),
		asm.And.Imm(asm.R3, 1),
		asm.JEq.Imm(asm.R3, 0, "out"),
		asm.JNE.Imm(asm.R8, int32(tgid), "out"),
	}
}

// storeZero64: *(u64 *)(dst + off) = 0, one instruction (asm.StoreImm
// refuses DWord, which the ISA has, with a 32-bit immediate).
func storeZero64(dst asm.Register, off int16) asm.Instruction {
	return asm.Instruction{OpCode: asm.StoreImmOp(asm.DWord), Dst: dst, Offset: off}
}

// lostInc counts one lost call at offset off of the lost map.
func lostInc(m *rmMaps, off uint32) asm.Instructions {
	return asm.Instructions{
		mapIns(asm.LoadMapValue(asm.R1, 0, off), m.lost),
		asm.Mov.Imm(asm.R2, 1),
		asm.StoreXAdd(asm.R1, asm.R2, asm.DWord),
	}
}

func rmEnter(m *rmMaps, o rmOffsets, tgid uint32) asm.Instructions {
	ins := asm.Instructions{
		asm.LoadMem(asm.R7, asm.R1, 8, asm.DWord), // ctx[1]: the number
		asm.JGT.Imm(asm.R7, rmTableSize-1, "out"), // unsigned: a negative one too
		mapIns(asm.LoadMapValue(asm.R2, 0, 0), m.table),
		asm.Add.Reg(asm.R2, asm.R7),
		asm.LoadMem(asm.R2, asm.R2, 0, asm.Byte),
		asm.JEq.Imm(asm.R2, 0, "out"),
		asm.FnGetCurrentTaskBtf.Call(),
		asm.Mov.Reg(asm.R6, asm.R0),
	}
	ins = append(ins, tgidTest(m, o, tgid)...)
	ins = append(ins,
		mapIns(asm.LoadMapPtr(asm.R1, 0), m.storage),
		asm.Mov.Reg(asm.R2, asm.R6),
		asm.Mov.Imm(asm.R3, 0),
		asm.Mov.Imm(asm.R4, 1), // BPF_LOCAL_STORAGE_GET_F_CREATE
		asm.FnTaskStorageGet.Call(),
		asm.JEq.Imm(asm.R0, 0, "nostorage"),
		asm.Mov.Reg(asm.R6, asm.R0),
		asm.FnKtimeGetNs.Call(),
		asm.StoreMem(asm.R6, 0, asm.R0, asm.DWord),
		asm.Ja.Label("out"),
	)
	ins = append(ins, lostInc(m, rmLostStorage)...)
	ins[len(ins)-3] = ins[len(ins)-3].WithSymbol("nostorage")
	return append(ins, asm.Mov.Imm(asm.R0, 0).WithSymbol("out"), asm.Return())
}

func rmExit(m *rmMaps, o rmOffsets, tgid uint32) asm.Instructions {
	ins := asm.Instructions{
		asm.LoadMem(asm.R7, asm.R1, 8, asm.DWord), // ctx[1]: the return value
		asm.LoadMem(asm.R9, asm.R1, 0, asm.DWord), // ctx[0]: the registers
		asm.FnGetCurrentTaskBtf.Call(),
		asm.Mov.Reg(asm.R6, asm.R0),
	}
	ins = append(ins, tgidTest(m, o, tgid)...)
	ins = append(ins,
		// R8: tgid, then the tid above it (struct ior_event's pid, tid)
		asm.LoadMem(asm.R2, asm.R6, o.pid, asm.Word),
		asm.LSh.Imm(asm.R2, 32),
		asm.Or.Reg(asm.R8, asm.R2),
		mapIns(asm.LoadMapPtr(asm.R1, 0), m.storage),
		asm.Mov.Reg(asm.R2, asm.R6),
		asm.Mov.Imm(asm.R3, 0),
		asm.Mov.Imm(asm.R4, 0),
		asm.FnTaskStorageGet.Call(),
		asm.JEq.Imm(asm.R0, 0, "out"),
		asm.LoadMem(asm.R6, asm.R0, 0, asm.DWord), // the enter time
		asm.JEq.Imm(asm.R6, 0, "out"),
		storeZero64(asm.R0, 0),
		// R9: the number, the kind above it; the duration below
		asm.LoadMem(asm.R9, asm.R9, o.origAX, asm.DWord),
		asm.And.Imm(asm.R9, 0xffff),
		asm.Or.Imm(asm.R9, rmKindSys<<16),
		asm.LSh.Imm(asm.R9, 32),
		asm.FnKtimeGetNs.Call(),
		asm.Sub.Reg(asm.R0, asm.R6),
		// a duration past 32 bits is clamped (ior sends the exit time)
		asm.LoadImm(asm.R1, 0xffffffff, asm.DWord),
		asm.JLE.Reg(asm.R0, asm.R1, "fits"),
		asm.Mov.Reg(asm.R0, asm.R1),
		asm.Or.Reg(asm.R9, asm.R0).WithSymbol("fits"),
	)
	if m.batch > 1 {
		ins = append(ins, rmStage(m)...)
		return append(ins, asm.Mov.Imm(asm.R0, 0).WithSymbol("out"), asm.Return())
	}
	ins = append(ins,
		mapIns(asm.LoadMapPtr(asm.R1, 0), m.ring),
		asm.Mov.Imm(asm.R2, rmRecordSize),
		asm.Mov.Imm(asm.R3, 0),
		asm.FnRingbufReserve.Call(),
		asm.JEq.Imm(asm.R0, 0, "noroom"),
		asm.StoreMem(asm.R0, 0, asm.R6, asm.DWord),  // enter_ns
		asm.StoreMem(asm.R0, 8, asm.R7, asm.DWord),  // ret
		asm.StoreMem(asm.R0, 16, asm.R8, asm.DWord), // pid, tid
		asm.StoreMem(asm.R0, 24, asm.R9, asm.DWord), // dur, nr, kind, flags 0
		storeZero64(asm.R0, 32),                     // the states and mark: none
		asm.Mov.Reg(asm.R1, asm.R0),
		asm.Mov.Imm(asm.R2, 1), // BPF_RB_NO_WAKEUP
		asm.FnRingbufSubmit.Call(),
		asm.Ja.Label("out"),
	)
	ins = append(ins, lostInc(m, rmLostRing)...)
	ins[len(ins)-3] = ins[len(ins)-3].WithSymbol("noroom")
	return append(ins, asm.Mov.Imm(asm.R0, 0).WithSymbol("out"), asm.Return())
}

// rmStage: the record's words (R6-R9) into this CPU's stage; the stage
// sent to the ring (one record of batch records) when it is full.
func rmStage(m *rmMaps) asm.Instructions {
	b := int32(m.batch)
	ins := asm.Instructions{
		asm.StoreImm(asm.R10, -4, 0, asm.Word),
		asm.Mov.Reg(asm.R2, asm.R10),
		asm.Add.Imm(asm.R2, -4),
		mapIns(asm.LoadMapPtr(asm.R1, 0), m.stage),
		asm.FnMapLookupElem.Call(),
		asm.JEq.Imm(asm.R0, 0, "out"),
		asm.LoadMem(asm.R1, asm.R0, 0, asm.DWord), // the records staged
		asm.And.Imm(asm.R1, b-1),
		asm.Mov.Reg(asm.R2, asm.R1),
		asm.Mul.Imm(asm.R2, rmRecordSize),
		asm.Mov.Reg(asm.R3, asm.R0),
		asm.Add.Imm(asm.R3, 8),
		asm.Add.Reg(asm.R3, asm.R2),
		asm.StoreMem(asm.R3, 0, asm.R6, asm.DWord),
		asm.StoreMem(asm.R3, 8, asm.R7, asm.DWord),
		asm.StoreMem(asm.R3, 16, asm.R8, asm.DWord),
		asm.StoreMem(asm.R3, 24, asm.R9, asm.DWord),
		storeZero64(asm.R3, 32),
		asm.Add.Imm(asm.R1, 1),
		asm.JEq.Imm(asm.R1, b, "flush"),
		asm.StoreMem(asm.R0, 0, asm.R1, asm.DWord),
		asm.Ja.Label("out"),
		storeZero64(asm.R0, 0).WithSymbol("flush"),
		asm.Mov.Reg(asm.R2, asm.R0),
		asm.Add.Imm(asm.R2, 8),
		mapIns(asm.LoadMapPtr(asm.R1, 0), m.ring),
		asm.Mov.Imm(asm.R3, b*rmRecordSize),
		asm.Mov.Imm(asm.R4, 1), // BPF_RB_NO_WAKEUP
		asm.FnRingbufOutput.Call(),
		asm.JEq.Imm(asm.R0, 0, "out"),
		mapIns(asm.LoadMapValue(asm.R1, 0, rmLostRing), m.lost),
		asm.Mov.Imm(asm.R2, b),
		asm.StoreXAdd(asm.R1, asm.R2, asm.DWord),
		asm.Ja.Label("out"),
	}
	return ins
}

// rmPrograms loads the enter and exit programs for tgid.
func rmPrograms(m *rmMaps, o rmOffsets, tgid uint32) (enter, exit *ebpf.Program, err error) {
	load := func(name, tp string, ins asm.Instructions) (*ebpf.Program, error) {
		p, err := ebpf.NewProgram(&ebpf.ProgramSpec{Name: name, Type: ebpf.Tracing, AttachType: ebpf.AttachTraceRawTp,
			AttachTo: tp, Instructions: ins, License: "GPL"})
		if err != nil {
			return nil, fmt.Errorf("loading %s: %w", name, err)
		}
		return p, nil
	}
	if enter, err = load("rmin_enter", "sys_enter", rmEnter(m, o, tgid)); err != nil {
		return nil, nil, err
	}
	if exit, err = load("rmin_exit", "sys_exit", rmExit(m, o, tgid)); err != nil {
		enter.Close()
		return nil, nil, err
	}
	return enter, exit, nil
}
