// pidlimit.go: the actions of sandbox/pid other than deny (default/pid; Syd's
// default is kill). The kernel holds pid/max (package limits: a pids cgroup or
// RLIMIT_NPROC) and refuses a task past it with EAGAIN. Under sandbox/pid syd
// also sees every fork, vfork, clone and clone3 (default/pid may change at run
// time); with an action other than deny, when the sandbox already has
// pid/max tasks, the action is carried out on the caller (kill: SIGKILL to its
// process; stop, abort, exit likewise) and the call answered EAGAIN, logged
// with cap "pid"; warn logs and lets the kernel refuse. Below the limit the
// call is continued. Two callers at the edge at once may both be continued:
// the kernel refuses the later one with EAGAIN, without the action.
package handlers

import (
	"strconv"

	"golang.org/x/sys/unix"

	"syd/sandbox"
)

// PidLimited reports whether p has pid/max (sandbox/pid, startup only), so
// that the calls making tasks are supervised.
func PidLimited(p *sandbox.Policy) bool { return p.FeatureEnabled(sandbox.FeaturePid) }

// pidLimit carries out default/pid for a call that makes a task (newtask.go).
func (c *Call) pidLimit() (int64, error) {
	if !PidLimited(c.Policy) {
		return 0, errContinue
	}
	act := c.Policy.FeatureDefault(sandbox.FeaturePid)
	if c.Env.Tasks == nil || act == sandbox.ActionDeny {
		return 0, errContinue // the kernel refuses past the limit
	}
	n, err := c.Env.Tasks()
	if err != nil || n < c.Policy.PidMax() {
		return 0, errContinue
	}
	d := decision{act: act, feature: "pid", key: "tasks",
		tip: "pid/max:" + strconv.FormatUint(n+1, 10)}
	if err := c.enforce(d, strconv.FormatUint(n, 10), unix.EAGAIN); err != nil {
		return 0, err
	}
	return 0, errContinue // warn: the kernel refuses it
}
