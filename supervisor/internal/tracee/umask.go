// umask.go: the callers' umasks, cached per thread. Only umask(2) changes a
// umask, and the supervisor sees every umask call (handlers/umask.go), so a
// umask read once stays right until the next umask call anywhere in the
// sandbox: each one moves an epoch, which makes every cached value stale. The
// kernel applies a umask after syd lets the call go on, so while any umask call
// is in flight nothing is cached; once the caller has left the call the epoch
// moves again, and reads from before it are stale too. Threads sharing their
// fs_struct (CLONE_FS) share a umask: the epoch covers them, as it covers a
// child that inherited its parent's.
package tracee

import (
	"errors"
	"io"
	"os"
	"strconv"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

var (
	umaskEpoch    atomic.Uint64 // 0 marks an entry with no cached umask
	umaskInFlight atomic.Int32  // umask calls the kernel may not have applied yet
)

func init() { umaskEpoch.Store(1) }

// umaskSyscall is __NR_umask, the number /proc/<tid>/syscall shows while the
// thread is inside the call.
const umaskSyscall = "95 "

// UmaskChanging is called for a umask(2) call of tid before syd lets it go on.
// A watcher waits until tid has left the call (or exited), then ends the
// in-flight window.
func UmaskChanging(tid int) {
	umaskInFlight.Add(1)
	umaskEpoch.Add(1)
	go func() {
		defer func() {
			umaskEpoch.Add(1)
			umaskInFlight.Add(-1)
		}()
		f, err := os.Open("/proc/" + strconv.Itoa(tid) + "/syscall")
		if err != nil {
			time.Sleep(100 * time.Millisecond) // cannot watch: wait long enough
			return
		}
		defer f.Close()
		var b [64]byte
		for d := 20 * time.Microsecond; ; d = min(2*d, 10*time.Millisecond) {
			time.Sleep(d)
			n, err := f.ReadAt(b[:], 0)
			if n == 0 && err != nil {
				if !errors.Is(err, unix.ESRCH) && !errors.Is(err, io.EOF) {
					time.Sleep(100 * time.Millisecond)
				}
				return // gone, or unreadable: waited long enough
			}
			if string(b[:min(n, len(umaskSyscall))]) != umaskSyscall {
				return
			}
		}
	}()
}

// Umask returns tid's umask, from the cache when no umask call has happened
// since it was read and the task it was read from is still alive.
func (p *Procs) Umask(tid int) (uint32, error) {
	e := p.entry(tid)
	if e.umaskAt != 0 && e.umaskAt == umaskEpoch.Load() && umaskInFlight.Load() == 0 && alive(e.pidfd) {
		return e.umask, nil
	}
	epoch, settled := umaskEpoch.Load(), umaskInFlight.Load() == 0
	if e.pidfd < 0 {
		// The pidfd is opened before the read: while it shows its task alive, the
		// status read later came from that task.
		if fd, err := Pidfd(tid); err == nil {
			e.pidfd, e.checked = fd, false
		}
	}
	st, err := p.Status(tid)
	if err != nil {
		return st.Umask, err
	}
	e = p.entry(tid)
	if settled && e.pidfd >= 0 && umaskInFlight.Load() == 0 && umaskEpoch.Load() == epoch {
		e.umask, e.umaskAt = st.Umask, epoch
	}
	return st.Umask, nil
}

// alive reports whether the task of pidfd is still running (a pidfd polls
// readable once its task has exited).
func alive(pidfd int) bool {
	if pidfd < 0 {
		return false
	}
	fds := [1]unix.PollFd{{Fd: int32(pidfd), Events: unix.POLLIN}}
	n, err := unix.Poll(fds[:], 0)
	return err == nil && n == 0
}
