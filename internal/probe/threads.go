package probe

// Threads is what decoding keeps from one record to the next: each
// thread's name, as the last syscall record that carried one said. The
// kernel side sends a thread's name in a syscall record only when it is
// not the one the thread's last record that reached the ring carried,
// under the same thread id (send_event, bpf/ior.bpf.c); a record it
// could not send (ring buffer full) makes the thread's next record carry
// the name again. So a syscall record without a name has the name of
// the thread's record before it, which the ring hands over first: one
// Threads reads one ring, every record in order. A new task's first
// record carries its name (its kernel-side state is new), so a thread id
// reused by another task is never given the old one's name.
//
// Only syscall records take part: the others carry the name they mean
// (an io_uring request's is its submitter's at submission, an exit's
// its process leader's) and leave the threads' names as they are.
type Threads struct {
	pages []*threadPage // by thread id >> threadPageBits
	// Unnamed counts the syscall records that came without a name for a
	// thread no record had named: decoded with an empty name, never
	// another's. The kernel side's rule makes it 0 unless a record was
	// read out of the ring's order.
	Unnamed uint64
}

// Thread ids are below pid_max (at most 2^22): a page per 1,024 ids,
// made when an id in it first carries a name.
const threadPageBits = 10

type threadPage struct {
	comm  [1 << threadPageBits][CommLen]byte
	known [1 << threadPageBits]bool
}

// Decode is Decode (the package's), with a syscall record's thread name
// kept, or filled in from the thread's records before.
func (t *Threads) Decode(b []byte, r *Raw) error {
	fl, err := decode(b, r)
	if err != nil || r.Kind != KindSyscall {
		return err
	}
	pi, i := int(r.TID>>threadPageBits), r.TID&(1<<threadPageBits-1)
	if fl&evComm != 0 {
		for pi >= len(t.pages) {
			t.pages = append(t.pages, nil)
		}
		p := t.pages[pi]
		if p == nil {
			p = new(threadPage)
			t.pages[pi] = p
		}
		p.comm[i], p.known[i] = r.Comm, true
		return nil
	}
	if pi < len(t.pages) && t.pages[pi] != nil && t.pages[pi].known[i] {
		r.Comm = t.pages[pi].comm[i]
		return nil
	}
	t.Unnamed++
	return nil
}
