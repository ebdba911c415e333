// procs.go: per-receiver handles of the threads served recently (a pidfd and an fd
// of /proc/<tid>/status), so a burst of calls from one thread pays pidfd_open and
// the procfs lookups once instead of on every call.
package tracee

import (
	"strconv"

	"golang.org/x/sys/unix"
)

// procsSize is how many threads one receiver keeps handles for.
const procsSize = 32

// Procs caches handles of sandboxed threads. A handle is bound to the task it was
// opened for, not to its number: while it works the task is alive and is the only
// one with that thread id, so it is the caller; once the task is gone the handle
// fails with ESRCH and is replaced, so a reused thread id never reaches another
// process. A Procs belongs to one receiver: it is not safe for concurrent use.
type Procs struct {
	ent  [procsSize]procEntry
	next int // round-robin victim
}

type procEntry struct {
	tid    int // 0: free slot
	pidfd  int // -1: not opened yet
	status int // fd of /proc/<tid>/status, -1: not opened yet
}

func (e *procEntry) close() {
	if e.tid == 0 {
		return
	}
	if e.pidfd >= 0 {
		unix.Close(e.pidfd)
	}
	if e.status >= 0 {
		unix.Close(e.status)
	}
	*e = procEntry{}
}

// entry returns tid's entry, taking over the oldest slot when it has none.
func (p *Procs) entry(tid int) *procEntry {
	for i := range p.ent {
		if p.ent[i].tid == tid {
			return &p.ent[i]
		}
	}
	e := &p.ent[p.next]
	p.next = (p.next + 1) % procsSize
	e.close()
	*e = procEntry{tid: tid, pidfd: -1, status: -1}
	return e
}

// pidfd returns a pidfd of tid owned by the cache. fresh reports that it was
// opened just now: it must be validated before it is trusted (GetFD).
func (p *Procs) pidfd(tid int) (fd int, fresh bool, err error) {
	e := p.entry(tid)
	if e.pidfd >= 0 {
		return e.pidfd, false, nil
	}
	fd, err = Pidfd(tid)
	if err != nil {
		return -1, false, err
	}
	e.pidfd = fd
	return fd, true, nil
}

// Pidfd returns the pidfd a successful GetFD for tid left in the cache (owned by
// the cache: do not close it), for more of the caller's fds and for signals.
func (p *Procs) Pidfd(tid int) (int, bool) {
	for i := range p.ent {
		if p.ent[i].tid == tid && p.ent[i].pidfd >= 0 {
			return p.ent[i].pidfd, true
		}
	}
	return -1, false
}

// GetFD duplicates fd of thread tid into syd (pidfd_getfd), validating a newly
// opened pidfd with valid. ESRCH means the caller is gone or its request is no
// longer pending; other errors are the kernel's answer (EBADF for a bad fd).
// Success stands in for NOTIF_ID_VALID after earlier reads of the caller's memory:
// a cached pidfd that works shows that the task validated when it was opened has
// been alive, and so held the thread id, ever since.
func (p *Procs) GetFD(tid, fd int, valid func() bool) (int, error) {
	for {
		pidfd, fresh, err := p.pidfd(tid)
		if err != nil {
			return -1, err
		}
		if fresh && !valid() {
			p.Forget(tid) // not shown to be the caller's: never reuse it
			return -1, unix.ESRCH
		}
		ofd, err := unix.PidfdGetfd(pidfd, fd, 0)
		if err == unix.ESRCH && !fresh {
			p.Forget(tid) // a thread of the past with the same id: open anew
			continue
		}
		return ofd, err
	}
}

// Status reads /proc/<tid>/status through a cached fd.
func (p *Procs) Status(tid int) (Status, error) {
	e := p.entry(tid)
	if e.status >= 0 {
		if st, err := readStatusFD(e.status); err == nil {
			return st, nil
		}
		unix.Close(e.status) // the task is gone: its successor gets its own fd
		e.status = -1
	}
	fd, err := unix.Open("/proc/"+strconv.Itoa(tid)+"/status", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return Status{Umask: 022}, err
	}
	st, err := readStatusFD(fd)
	if err != nil {
		unix.Close(fd)
		return st, err
	}
	e.status = fd
	return st, nil
}

// Forget closes the handles of tid.
func (p *Procs) Forget(tid int) {
	for i := range p.ent {
		if p.ent[i].tid == tid {
			p.ent[i].close()
		}
	}
}

// Close releases every handle (the receiver is leaving).
func (p *Procs) Close() {
	for i := range p.ent {
		p.ent[i].close()
	}
}
