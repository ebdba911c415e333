// procs.go: per-receiver handles of the threads served recently (a pidfd and an fd
// of /proc/<tid>/status), so a burst of calls from one thread pays pidfd_open and
// the procfs lookups once instead of on every call. The cache is bounded (a fixed
// number of slots per receiver, lowered for every receiver at once when syd runs
// short of fds) and lets go of the handles of threads that have exited.
package tracee

import (
	"strconv"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// ProcsMax is how many threads one receiver keeps handles for at most.
const ProcsMax = 32

// sweepEvery is how often (at most) a receiver looks for cached threads that have
// exited, when it meets a thread it has no handles for.
const sweepEvery = 50 * time.Millisecond

// procsLimit caps the slots of every receiver's cache; Shrink lowers it when syd
// itself runs out of fds.
var procsLimit atomic.Int32

func init() { procsLimit.Store(ProcsMax) }

// Shrink halves the number of threads every receiver keeps handles for (each
// receiver closes the surplus at its next call) and returns the new limit.
// Called when syd's own fd table is full.
func Shrink() int {
	for {
		cur := procsLimit.Load()
		next := cur / 2
		if procsLimit.CompareAndSwap(cur, next) {
			return int(next)
		}
	}
}

// Procs caches handles of sandboxed threads. A handle is bound to the task it was
// opened for, not to its number: while it works the task is alive and is the only
// one with that thread id, so it is the caller; once the task is gone the handle
// fails with ESRCH and is replaced, so a reused thread id never reaches another
// process. A Procs belongs to one receiver: it is not safe for concurrent use.
// The zero value keeps up to ProcsMax threads.
type Procs struct {
	ent       [ProcsMax]procEntry
	size      int // slots this receiver may use (0: ProcsMax)
	next      int // round-robin victim
	lastSweep time.Time
}

type procEntry struct {
	tid     int  // 0: free slot
	pidfd   int  // -1: not opened yet
	checked bool // pidfd was validated against a pending request (GetFD)
	status  int  // fd of /proc/<tid>/status, -1: not opened yet
	umask   uint32
	umaskAt uint64 // the umask epoch umask was read in; 0: none cached
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

// SetSize sets how many threads this cache keeps handles for, between 1 (the
// current call's) and ProcsMax.
func (p *Procs) SetSize(n int) { p.size = max(1, min(n, ProcsMax)) }

// slots is the number of slots this receiver may use now.
func (p *Procs) slots() int {
	n := ProcsMax
	if p.size > 0 {
		n = p.size
	}
	return max(1, min(n, int(procsLimit.Load())))
}

// entry returns tid's entry, taking over a free or the oldest slot when it has none.
func (p *Procs) entry(tid int) *procEntry {
	n := p.slots()
	for i := n; i < ProcsMax; i++ {
		p.ent[i].close() // the limit was lowered
	}
	for i := range n {
		if p.ent[i].tid == tid {
			return &p.ent[i]
		}
	}
	p.sweep(n)
	var e *procEntry
	for i := range n {
		if p.ent[i].tid == 0 {
			e = &p.ent[i]
			break
		}
	}
	if e == nil {
		p.next %= n
		e = &p.ent[p.next]
		p.next++
		e.close()
	}
	*e = procEntry{tid: tid, pidfd: -1, status: -1}
	return e
}

// sweep closes the handles of threads that have exited, at most every sweepEvery:
// a pidfd polls readable once its task is gone, a status file reads as nothing.
func (p *Procs) sweep(n int) {
	now := time.Now()
	if now.Sub(p.lastSweep) < sweepEvery {
		return
	}
	p.lastSweep = now
	var fds [ProcsMax]unix.PollFd
	var idx [ProcsMax]int
	k := 0
	for i := range n {
		e := &p.ent[i]
		switch {
		case e.tid == 0:
		case e.pidfd >= 0:
			fds[k] = unix.PollFd{Fd: int32(e.pidfd), Events: unix.POLLIN}
			idx[k] = i
			k++
		case e.status >= 0:
			var b [1]byte
			if m, err := unix.Pread(e.status, b[:], 0); m == 0 || err != nil {
				e.close()
			}
		default:
			e.close() // no handles: nothing to keep
		}
	}
	if k == 0 {
		return
	}
	if m, err := unix.Poll(fds[:k], 0); err != nil || m == 0 {
		return
	}
	for j := range k {
		if fds[j].Revents != 0 {
			p.ent[idx[j]].close()
		}
	}
}

// pidfd returns a pidfd of tid owned by the cache. fresh reports that it was
// opened just now: it must be validated before it is trusted (GetFD).
func (p *Procs) pidfd(tid int) (fd int, fresh bool, err error) {
	e := p.entry(tid)
	if e.pidfd >= 0 {
		return e.pidfd, !e.checked, nil
	}
	fd, err = Pidfd(tid)
	if err != nil {
		return -1, false, err
	}
	e.pidfd = fd
	return fd, true, nil
}

// Pidfd returns the pidfd a successful GetFD for tid left in the cache (owned by
// the cache: do not close it), for more of the caller's fds and for signals. It
// stays open until the cache meets another thread.
func (p *Procs) Pidfd(tid int) (int, bool) {
	for i := range p.ent {
		if p.ent[i].tid == tid && p.ent[i].pidfd >= 0 && p.ent[i].checked {
			return p.ent[i].pidfd, true
		}
	}
	return -1, false
}

// GetFD duplicates fd of thread tid into syd (pidfd_getfd), validating a newly
// opened pidfd with valid. ESRCH means the caller is gone or its request is no
// longer pending; other errors are the kernel's answer (EBADF for a bad fd) or
// syd's own (EMFILE).
// Success stands in for NOTIF_ID_VALID after earlier reads of the caller's memory:
// a cached pidfd that works shows that the task validated when it was opened has
// been alive, and so held the thread id, ever since.
func (p *Procs) GetFD(tid, fd int, valid func() bool) (int, error) {
	for {
		pidfd, fresh, err := p.pidfd(tid)
		if err != nil {
			return -1, err
		}
		if fresh {
			if !valid() {
				p.Forget(tid) // not shown to be the caller's: never reuse it
				return -1, unix.ESRCH
			}
			p.entry(tid).checked = true
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

// Len is the number of threads the cache holds handles for.
func (p *Procs) Len() int {
	n := 0
	for i := range p.ent {
		if p.ent[i].tid != 0 {
			n++
		}
	}
	return n
}

// Close releases every handle (the receiver is leaving, or syd is short of fds).
func (p *Procs) Close() {
	for i := range p.ent {
		p.ent[i].close()
	}
}
