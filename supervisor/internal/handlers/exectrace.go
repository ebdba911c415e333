// exectrace.go: verifying an exec synchronously with ptrace. The supervisor seizes the
// calling thread with PTRACE_O_TRACEEXEC only for the duration of the execve, lets the
// call run, and at PTRACE_EVENT_EXEC (the new image is loaded, not a single instruction
// of it has run) compares /proc/<pid>/exe with the binaries it approved: a mismatch is
// killed there and then. Then it detaches.
package handlers

import (
	"runtime"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/unotify"
)

// verifyExecTraced attaches to the caller, answers the notification with CONTINUE and
// follows the exec on a dedicated thread (ptrace requests must come from the thread
// that attached). It returns false when ptrace is not available (the caller falls
// back to polling), in which case nothing was answered yet.
func verifyExecTraced(c *Call, approved map[fileID]bool) bool {
	tid := c.Pid()
	listener, id := c.Listener, c.Req.ID
	attached := make(chan bool)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
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
		followExec(tid, approved)
	}()
	return <-attached
}

// followExec waits for the traced thread's next stops: the exec event is verified,
// signals are passed on, and the first other stop ends the tracing.
func followExec(tid int, approved map[fileID]bool) {
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
			cur, err := exeOf(pid)
			if err != nil || !approved[cur] {
				_ = unix.Kill(pid, unix.SIGKILL)
				reapTrace(pid)
				return
			}
			_ = unix.PtraceCont(pid, 0)
		case ws.StopSignal() == unix.SIGTRAP|0x80 || ws.TrapCause() == unix.PTRACE_EVENT_STOP:
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
