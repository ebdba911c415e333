// receivers.go: the receiver pool. Each receiver is a goroutine locked to its OS
// thread looping RECV -> handle -> SEND; extra receivers start when a request stalls
// while no other receiver is idle, so a blocking open cannot stall the sandbox.
package supervisor

import (
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/handlers"
	"syd/supervisor/internal/unotify"
)

const (
	maxReceivers = 128
	// extraCache is how many threads an extra receiver keeps handles for: it
	// lives only through a stall, and 126 of them must not hold thousands of fds.
	extraCache = 4
	// stallDelay is how long a request may run with no idle receiver left before
	// another receiver is started.
	stallDelay = 2 * time.Millisecond
)

type pool struct {
	listener int
	sb       *sandbox.Sandbox
	env      *handlers.Env
	core     int32
	idle     atomic.Int32
	total    atomic.Int32
}

// coreReceivers is SYD_NPROC, else min(2, GOMAXPROCS).
func coreReceivers() int32 {
	if n, err := strconv.Atoi(os.Getenv("SYD_NPROC")); err == nil && n > 0 {
		return int32(min(n, maxReceivers))
	}
	return int32(min(2, runtime.GOMAXPROCS(0)))
}

func startReceivers(listener int, sb *sandbox.Sandbox, env *handlers.Env) {
	p := &pool{listener: listener, sb: sb, env: env, core: coreReceivers()}
	reserveProcs(p.core)
	for i := int32(0); i < p.core; i++ {
		p.spawn(false)
	}
}

// reserveProcs keeps Ps (runtime.GOMAXPROCS) free beside the receivers. A
// receiver waits in the RECV ioctl holding its P; when no P is idle, the
// runtime's sysmon takes it back after 20 µs and hands it to another thread,
// which the receiver must then wait for when its notification arrives. With
// spare Ps sysmon leaves blocked receivers alone and backs off (measured: micro
// and untar under -p paludis about 10% faster with 4 Ps than with 2 on 2 CPUs).
// An explicit GOMAXPROCS in the environment is respected.
func reserveProcs(receivers int32) {
	if os.Getenv("GOMAXPROCS") != "" {
		return
	}
	if want := int(receivers) + 2; runtime.GOMAXPROCS(0) < want {
		runtime.GOMAXPROCS(want)
	}
}

func (p *pool) spawn(extra bool) {
	p.total.Add(1)
	go p.receive(extra)
}

type receiver struct {
	p     *pool
	extra bool
	busy  atomic.Bool
	timer *time.Timer
	call  handlers.Call
}

func (p *pool) receive(extra bool) {
	runtime.LockOSThread()
	// Unlock before returning so the thread is reused, not destroyed.
	defer runtime.UnlockOSThread()
	defer p.total.Add(-1)
	// Fd injection must not be interrupted by a signal (see unotify.AddFDSend, AddFD).
	restore, err := unotify.BlockAsyncSignals()
	if err != nil {
		return
	}
	defer restore()

	r := &receiver{p: p, extra: extra}
	r.call.Listener = p.listener
	r.call.Env = p.env
	if extra {
		r.call.SetCacheSize(extraCache)
	}
	// The cached pidfds and status fds go with the receiver: an extra one leaves
	// after every stall, and a sandbox that stalls often (blocking sends) would
	// otherwise leak its handles until syd runs out of fds.
	defer r.call.Close()
	r.timer = time.AfterFunc(time.Hour, r.stalled)
	r.timer.Stop()
	defer r.timer.Stop()
	for {
		p.idle.Add(1)
		err := unotify.Recv(p.listener, &r.call.Req)
		idle := p.idle.Add(-1)
		if err != nil {
			if err == unix.EINTR {
				continue
			}
			if unotify.Hungup(p.listener) {
				return // every sandboxed process is gone
			}
			continue // ENOENT: that caller died or was interrupted
		}
		r.busy.Store(true)
		if idle == 0 {
			r.timer.Reset(stallDelay)
		}
		r.call.Policy = p.sb.Policy()
		handlers.Dispatch(&r.call)
		r.busy.Store(false)
		r.timer.Stop()
		if r.extra && p.idle.Load() >= p.core {
			return
		}
	}
}

// stalled runs on the timer goroutine when a request took longer than stallDelay.
func (r *receiver) stalled() {
	p := r.p
	if r.busy.Load() && p.idle.Load() == 0 && p.total.Load() < maxReceivers {
		p.spawn(true)
	}
}
