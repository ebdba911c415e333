// nice.go: under trace/allow_unsafe_nice a sandboxed process may change the
// scheduling and priority of other processes (the static layer refuses that
// otherwise), but never syd's or the guard's: a supervisor at nice 19 or pinned
// to a busy CPU slows every sandboxed call. The target is a register: a call on
// another process runs as it was made.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/filter"
)

func init() {
	other := filter.ArgMask{Arg: 0, Op: filter.NotEqual, Value: 0}
	for _, c := range []sysName{{unix.SYS_SCHED_SETSCHEDULER, "sched_setscheduler"}, {unix.SYS_SCHED_SETPARAM, "sched_setparam"},
		{unix.SYS_SCHED_SETATTR, "sched_setattr"}, {unix.SYS_SCHED_SETAFFINITY, "sched_setaffinity"}} {
		registerUnderRelax(c.nr, c.name, sysSchedOther, sandbox.FlagAllowUnsafeNice, other)
	}
	// Another process, or a group or user (even the caller's own: syd is in it).
	who := filter.ArgMask{Arg: 1, Op: filter.NotEqual, Value: 0}
	registerUnderRelax(unix.SYS_SETPRIORITY, "setpriority", sysPriorityOther, sandbox.FlagAllowUnsafeNice,
		who, filter.ArgMask{Arg: 0, Op: filter.NotEqual, Value: prioProcess})
	registerUnderRelax(unix.SYS_IOPRIO_SET, "ioprio_set", sysPriorityOther, sandbox.FlagAllowUnsafeNice,
		who, filter.ArgMask{Arg: 0, Op: filter.NotEqual, Value: prioProcess + 1})
}

// sysSchedOther: sched_set*(pid, ...) with pid a thread (or process) id.
func sysSchedOther(c *Call) (int64, error) {
	if _, err := c.targetGroup(int32(c.Arg(0))); err != nil {
		return 0, err
	}
	return 0, errContinue
}

// Priority targets (setpriority's which, ioprio_set's who).
const (
	prioProcess = 0 // PRIO_PROCESS, IOPRIO_WHO_PROCESS is 1
	prioPgrp    = 1 // PRIO_PGRP, IOPRIO_WHO_PGRP is 2
	prioUser    = 2 // PRIO_USER, IOPRIO_WHO_USER is 3
)

// sysPriorityOther: setpriority(which, who, n) and ioprio_set(which, who, p).
// A process group or a user that syd belongs to is refused as a whole.
func sysPriorityOther(c *Call) (int64, error) {
	which := int32(c.Arg(0))
	if c.Req.Data.Nr == unix.SYS_IOPRIO_SET {
		which-- // IOPRIO_WHO_* count from 1
	}
	who := int32(c.Arg(1))
	switch which {
	case prioProcess:
		if who == 0 {
			return 0, errContinue
		}
		if _, err := c.targetGroup(who); err != nil {
			return 0, err
		}
	case prioPgrp:
		pgrp := int(who)
		if who == 0 {
			var err error
			if pgrp, err = processGroup(c.Pid()); err != nil {
				return 0, goneIfESRCH(err)
			}
		}
		if pgrp == supervisorGroup() {
			return 0, unix.EPERM
		}
	case prioUser:
		uid := int(who)
		if who == 0 {
			st, err := c.status()
			if err != nil {
				return 0, goneIfESRCH(err)
			}
			uid = st.Uid
		}
		if uid == unix.Getuid() {
			return 0, unix.EPERM
		}
	}
	return 0, errContinue
}
