// signal.go: where the kernel cannot keep signals inside the sandbox's Landlock
// domain (Landlock ABI < 6, boundary.ScopedSignals), the supervisor refuses
// signals aimed at syd or the guard itself (spec 06 §1): kill, tkill, tgkill,
// rt_sigqueueinfo and rt_tgsigqueueinfo at their thread groups, process-group
// signals that would reach them, kill(-1), and pidfd_open of them (so that no
// pidfd_send_signal can reach them either; /proc/<pid> of theirs does not exist
// for the sandbox). The target is a register: a call whose target exists and is
// another process's runs as it was made (its number cannot be handed to syd or
// the guard, which hold theirs, before the call runs); a target that does not
// exist is answered ESRCH here, so a thread syd starts later can never be hit.
package handlers

import (
	"bytes"
	"os"
	"strconv"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/tracee"
)

// signalCalls are supervised only without scoped signals (Rules).
var signalCalls = map[int]bool{}

func init() {
	for _, s := range []struct {
		nr   int
		name string
		h    Handler
	}{
		{unix.SYS_KILL, "kill", sysKill},
		{unix.SYS_TKILL, "tkill", sysTkill},
		{unix.SYS_TGKILL, "tgkill", sysTgkill},
		{unix.SYS_RT_SIGQUEUEINFO, "rt_sigqueueinfo", sysKill},
		{unix.SYS_RT_TGSIGQUEUEINFO, "rt_tgsigqueueinfo", sysTgkill},
		{unix.SYS_PIDFD_OPEN, "pidfd_open", sysPidfdOpen},
	} {
		register(s.nr, s.name, s.h, nil)
		signalCalls[s.nr] = true
	}
}

// targetGroup returns the thread group of thread or process id, ESRCH when there
// is none, EPERM when it is syd's or the guard's.
func (c *Call) targetGroup(id int32) (int, error) {
	host := c.hostPid(int(id))
	if host <= 0 {
		return 0, unix.ESRCH
	}
	st, err := tracee.ReadStatus(host)
	if err != nil {
		return 0, unix.ESRCH
	}
	if c.Env.Supervisor(st.Tgid) {
		return 0, unix.EPERM
	}
	return st.Tgid, nil
}

func sysKill(c *Call) (int64, error) {
	pid := int32(c.Arg(0))
	switch {
	case pid > 0:
		if _, err := c.targetGroup(pid); err != nil {
			return 0, err
		}
	case pid == -1:
		return 0, unix.EPERM // every process the caller may signal: syd among them
	default: // a process group: the caller's (0) or -pid
		pgrp := int(-pid)
		if pid == 0 {
			var err error
			if pgrp, err = processGroup(c.Pid()); err != nil {
				return 0, goneIfESRCH(err)
			}
		}
		if pgrp == supervisorGroup() {
			return 0, unix.EPERM
		}
	}
	if !c.Valid() {
		return 0, errGone
	}
	return 0, errContinue
}

func sysTkill(c *Call) (int64, error) {
	if _, err := c.targetGroup(int32(c.Arg(0))); err != nil {
		return 0, err
	}
	return 0, errContinue
}

func sysTgkill(c *Call) (int64, error) {
	tgid := int32(c.Arg(0))
	if tgid > 0 && c.Env.Supervisor(c.hostPid(int(tgid))) {
		return 0, unix.EPERM
	}
	return 0, errContinue
}

func sysPidfdOpen(c *Call) (int64, error) {
	if pid := int32(c.Arg(0)); pid > 0 {
		if _, err := c.targetGroup(pid); err != nil {
			return 0, err
		}
	}
	return 0, errContinue
}

// supervisorGroup is the process group of syd (and the guard, which never
// leaves it).
func supervisorGroup() int { return unix.Getpgrp() }

// processGroup reads the process group of thread tid from /proc/<tid>/stat.
func processGroup(tid int) (int, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(tid) + "/stat")
	if err != nil {
		return 0, unix.ESRCH
	}
	// pid (comm) state ppid pgrp ...: comm may hold anything, so cut at the last ')'.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, unix.ESRCH
	}
	f := bytes.Fields(b[i+1:])
	if len(f) < 3 {
		return 0, unix.ESRCH
	}
	return strconv.Atoi(string(f[2]))
}
