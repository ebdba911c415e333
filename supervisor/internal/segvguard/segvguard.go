// Package segvguard counts the crashes of the sandbox's executables and
// suspends one that crashed segvguard/maxcrashes times within
// segvguard/expiry, for segvguard/suspension (spec 05 §3, Syd's SegvGuard):
// a brute force that needs the program to crash many times (guessing an
// address under ASLR, a stack canary) gets a few tries, then EACCES.
//
// A crash is a death by a signal whose default action dumps core (SIGSEGV,
// SIGBUS, SIGILL, SIGABRT, ...). Syd watches every process it saw exec: it
// holds a pidfd of it, and when the process has been reaped the kernel tells
// any holder of the pidfd how it ended (PIDFD_GET_INFO with PIDFD_INFO_EXIT,
// Linux 6.15). No ptrace stop and no signal is added to the sandbox's run.
package segvguard

import (
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Kernel ABI of PIDFD_GET_INFO (include/uapi/linux/pidfd.h).
const (
	pidfdInfoExit = 1 << 3
	// _IOWR(PIDFS_IOCTL_MAGIC, 11, struct pidfd_info), the 64-byte first version.
	pidfdGetInfo = 3<<30 | uintptr(unsafe.Sizeof(pidfdInfo{}))<<16 | 0xFF<<8 | 11
)

type pidfdInfo struct {
	Mask, CgroupID                    uint64
	Pid, Tgid, Ppid, Ruid, Rgid, Euid uint32
	Egid, Suid, Sgid, Fsuid, Fsgid    uint32
	ExitCode                          int32
}

// crashSignals are the signals whose default action dumps core.
var crashSignals = map[unix.Signal]bool{
	unix.SIGQUIT: true, unix.SIGILL: true, unix.SIGTRAP: true, unix.SIGABRT: true, unix.SIGBUS: true,
	unix.SIGFPE: true, unix.SIGSEGV: true, unix.SIGXCPU: true, unix.SIGXFSZ: true, unix.SIGSYS: true,
}

// Settings are the segvguard/* values a decision uses.
type Settings struct {
	Expiry, Suspension time.Duration
	MaxCrashes         int
}

// Guard records crashes per executable path.
type Guard struct {
	mu        sync.Mutex
	crashes   map[string][]time.Time
	suspended map[string]time.Time // path -> end of its suspension
	// evMu serialises the pidfds: registering one and handling its events
	// (the watcher's and a drain's), so that an fd is closed once.
	evMu     sync.Mutex
	watched  map[int32]string // pidfd -> the executable it runs
	epfd     int
	start    sync.Once
	settings func() Settings
}

// New returns a Guard; settings gives the current segvguard/* values (they
// may change at run time).
func New(settings func() Settings) *Guard {
	return &Guard{crashes: map[string][]time.Time{}, suspended: map[string]time.Time{},
		watched: map[int32]string{}, epfd: -1, settings: settings}
}

// Supported reports whether the kernel tells a pidfd's holder how its
// process ended (Linux 6.15).
func Supported() bool {
	fd, err := unix.PidfdOpen(unix.Getpid(), 0)
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	var info pidfdInfo
	info.Mask = pidfdInfoExit
	_, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), pidfdGetInfo, uintptr(unsafe.Pointer(&info)))
	return e == 0
}

// Watch follows process pid, which has just executed path: a crash of it
// counts against path.
func (g *Guard) Watch(pid int, path string) {
	g.start.Do(g.run)
	if g.epfd < 0 {
		return
	}
	fd, err := unix.PidfdOpen(pid, 0)
	if err != nil {
		return // gone already
	}
	g.evMu.Lock()
	defer g.evMu.Unlock()
	// Only EPOLLHUP, reported unasked: the process has been reaped.
	ev := unix.EpollEvent{Events: 0, Fd: int32(fd)}
	if unix.EpollCtl(g.epfd, unix.EPOLL_CTL_ADD, fd, &ev) != nil {
		unix.Close(fd)
		return
	}
	g.watched[int32(fd)] = path
}

// Suspended reports whether path may not run now. The processes reaped by
// now are counted first: a shell that runs a crashing program again has
// reaped the last run before it executes the next one.
func (g *Guard) Suspended(path string, now time.Time) bool {
	g.drain()
	g.mu.Lock()
	defer g.mu.Unlock()
	until, ok := g.suspended[path]
	if ok && !now.Before(until) {
		delete(g.suspended, path)
		return false
	}
	return ok
}

// Crashed records a crash of path at now and suspends path when it crashed
// MaxCrashes times within Expiry. It reports whether path is now suspended.
func (g *Guard) Crashed(path string, now time.Time) bool {
	s := g.settings()
	if s.Expiry <= 0 || s.MaxCrashes <= 0 {
		return false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	recent := g.crashes[path][:0]
	for _, t := range g.crashes[path] {
		if now.Sub(t) < s.Expiry {
			recent = append(recent, t)
		}
	}
	recent = append(recent, now)
	if len(recent) < s.MaxCrashes {
		g.crashes[path] = recent
		return false
	}
	delete(g.crashes, path)
	g.suspended[path] = now.Add(s.Suspension)
	return true
}

// run starts the watcher: one thread waits for reaped processes.
func (g *Guard) run() {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return
	}
	g.epfd = epfd
	go g.loop()
}

func (g *Guard) loop() {
	events := make([]unix.EpollEvent, 64)
	for {
		n, err := unix.EpollWait(g.epfd, events, -1)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return
		}
		g.evMu.Lock()
		for _, ev := range events[:n] {
			g.reaped(ev.Fd)
		}
		g.evMu.Unlock()
	}
}

// drain handles the processes reaped by now, without waiting.
func (g *Guard) drain() {
	if g.epfd < 0 {
		return
	}
	var events [64]unix.EpollEvent
	g.evMu.Lock()
	defer g.evMu.Unlock()
	for {
		n, err := unix.EpollWait(g.epfd, events[:], 0)
		if err == unix.EINTR {
			continue
		}
		for _, ev := range events[:max(n, 0)] {
			g.reaped(ev.Fd)
		}
		if err != nil || n < len(events) {
			return
		}
	}
}

// reaped reads how the process of pidfd fd ended and counts a crash; g.evMu
// is held. An event for an fd that was handled already (the watcher and a
// drain both saw it) finds nothing, or a newer pidfd with the same number
// whose process still runs: both are left alone.
func (g *Guard) reaped(fd int32) {
	path, ok := g.watched[fd]
	if !ok {
		return
	}
	var info pidfdInfo
	info.Mask = pidfdInfoExit
	_, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), pidfdGetInfo, uintptr(unsafe.Pointer(&info)))
	if e == 0 && info.Mask&pidfdInfoExit == 0 && unix.PidfdSendSignal(int(fd), 0, nil, 0) == nil {
		return // a newer pidfd of a process that still runs
	}
	delete(g.watched, fd)
	unix.EpollCtl(g.epfd, unix.EPOLL_CTL_DEL, int(fd), nil)
	unix.Close(int(fd))
	if e != 0 || info.Mask&pidfdInfoExit == 0 {
		return
	}
	ws := unix.WaitStatus(info.ExitCode)
	if ws.Signaled() && crashSignals[ws.Signal()] {
		g.Crashed(path, time.Now())
	}
}
