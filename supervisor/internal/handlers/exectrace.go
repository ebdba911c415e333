// exectrace.go: verifying what the kernel did with a call that had to be continued
// (exec, chdir), synchronously, with ptrace. The supervisor seizes the calling thread
// only for the duration of the call, lets it run, and checks the result before the
// thread runs another instruction: at PTRACE_EVENT_EXEC (the new image is loaded) it
// compares /proc/<pid>/exe with the binaries it approved; at the trap on the way back
// to user space it can check, for instance, the new cwd. A mismatch is killed there
// and then. Then it detaches.
package handlers

import (
	"runtime"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/unotify"
)

// verifyExecTraced attaches to the caller, answers the notification with CONTINUE and
// follows the exec on a dedicated thread (ptrace requests must come from the thread
// that attached). It returns false when ptrace is not available (the caller falls
// back to polling), in which case nothing was answered yet; true sets c.replied.
// watch, when not nil, follows the process once its new image is verified
// (SegvGuard counts its crashes).
func verifyExecTraced(c *Call, approved map[fileID]bool, loaded loadedCheck, watch func(pid int)) bool {
	return traceContinued(c, func(pid int) bool {
		cur, err := exeOf(pid)
		ok := err == nil && approved[cur] && loaded.ok(pid)
		if ok && watch != nil {
			watch(pid)
		}
		return ok
	}, nil, nil)
}

// traceContinued continues the caller's call under ptrace and checks the outcome the
// kernel produced: onExec at PTRACE_EVENT_EXEC, afterCall at the trap on the way back
// to user space. A check that fails kills the process before it runs another
// instruction. Either check may be nil. The checks run after the notification has
// been answered, on another thread: they must not use c, whose receiver reuses it.
// done (may be nil) runs once tracing has ended, whether or not a check ran (the
// caller may have died, or ptrace was not available), to release what the checks
// hold.
func traceContinued(c *Call, onExec, afterCall func(pid int) bool, done func()) bool {
	tid := c.Pid()
	listener, id := c.Listener, c.Req.ID
	attached := make(chan bool)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if done != nil {
			defer done()
		}
		// Options go with the seize: PTRACE_SETOPTIONS needs a stopped tracee.
		_, _, e := unix.Syscall6(unix.SYS_PTRACE, unix.PTRACE_SEIZE, uintptr(tid), 0,
			unix.PTRACE_O_TRACEEXEC|unix.PTRACE_O_EXITKILL, 0, 0)
		if e != 0 {
			attached <- false
			return
		}
		// A trap after the exec (or after a failed exec) tells us when to let go. The
		// caller is blocked in the notification, so it cannot run before we answer.
		if unix.PtraceInterrupt(tid) != nil {
			attached <- false // seized but not interruptible: it is gone
			return
		}
		attached <- true
		if unotify.Continue(listener, id) != nil {
			_ = unix.PtraceDetach(tid)
			return
		}
		followTrace(onExec, afterCall)
	}()
	c.replied = <-attached
	return c.replied
}

// followTrace waits for the traced thread's next stops: the exec event and the
// return trap are verified, signals are passed on, and the trap ends the tracing.
func followTrace(onExec, afterCall func(pid int) bool) {
	for {
		var ws unix.WaitStatus
		pid, err := unix.Wait4(-1, &ws, unix.WALL|unix.WNOTHREAD, nil)
		if err == unix.EINTR {
			continue
		}
		if err != nil || ws.Exited() || ws.Signaled() {
			return
		}
		if !ws.Stopped() {
			continue
		}
		switch {
		case ws.TrapCause() == unix.PTRACE_EVENT_EXEC:
			// After an exec from a non-leader thread the tracee's id is the leader's.
			if onExec != nil && !onExec(pid) {
				_ = unix.Kill(pid, unix.SIGKILL)
				reapTrace(pid)
				return
			}
			// This stop consumed the pending interrupt trap: no second stop will
			// come, and the exec is complete. Let go here.
			_ = unix.PtraceDetach(pid)
			return
		case ws.StopSignal() == unix.SIGTRAP|0x80 || ws.TrapCause() == unix.PTRACE_EVENT_STOP:
			if afterCall != nil && !afterCall(pid) {
				_ = unix.Kill(pid, unix.SIGKILL)
				reapTrace(pid)
				return
			}
			_ = unix.PtraceDetach(pid)
			return
		default:
			// A signal for the tracee: deliver it and keep waiting for the exec.
			_ = unix.PtraceCont(pid, int(ws.StopSignal()))
		}
	}
}

// reapTrace consumes the tracer's notifications of a killed tracee until its exit, so
// the real parent can collect it.
func reapTrace(pid int) {
	for {
		var ws unix.WaitStatus
		_, err := unix.Wait4(pid, &ws, unix.WALL|unix.WNOTHREAD, nil)
		if err == unix.EINTR {
			continue
		}
		if err != nil || ws.Exited() || ws.Signaled() {
			return
		}
		_ = unix.PtraceCont(pid, 0)
	}
}
