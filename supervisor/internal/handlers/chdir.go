// chdir.go: chdir and fchdir, checked under chdir and then continued, because the
// supervisor cannot change another process's working directory: the kernel runs the
// caller's own call once the check has passed.
//
// The check alone leaves windows open (spec 06 §1), which the post-check below
// closes (traceContinued: the caller is stopped on its way back from the call, and
// killed unless its new cwd is the checked directory or one the policy allows):
//
//   - chdir: after CONTINUE the kernel reads the path from the caller's memory again.
//     A sibling thread can rewrite it, or the checked directory can be renamed or
//     replaced by a symlink, between the check and the kernel's lookup, so the caller
//     may land in a directory that was never checked.
//   - fchdir: nothing is read from memory, but the fd is looked up again by the
//     kernel, and a sibling thread (or any process sharing the table with
//     CLONE_FILES) can dup2 another directory onto the fd number after the check.
//
// Reaching the new cwd does not by itself open anything: every later path call is
// resolved and checked again by the supervisor against the real directory.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
	"syd/supervisor/internal/tracee"
)

func init() {
	register(unix.SYS_CHDIR, "chdir", sysChdir, cats(sandbox.CatChdir, sandbox.CatStat))
	register(unix.SYS_FCHDIR, "fchdir", sysFchdir, cats(sandbox.CatChdir, sandbox.CatStat))
}

func sysChdir(c *Call) (int64, error) {
	if !c.Policy.Enabled(sandbox.CatChdir) && !c.Policy.Enabled(sandbox.CatStat) {
		return 0, errContinue // nothing to decide, nothing read
	}
	res, err := c.resolveAt(-1, 0, pathres.FollowLast, false)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	return c.chdirCheck(&res)
}

func sysFchdir(c *Call) (int64, error) {
	if !c.Policy.Enabled(sandbox.CatChdir) && !c.Policy.Enabled(sandbox.CatStat) {
		return 0, errContinue
	}
	res, err := c.resolveFD(c.argFD(0))
	if err != nil {
		return 0, err
	}
	defer res.Close()
	return c.chdirCheck(&res)
}

// chdirCheck answers what can be answered without the kernel (ENOENT, ENOTDIR, the
// policy; a hidden directory stays missing even with chdir sandboxing off, spec 05
// §4.6) and continues the call otherwise; the search permission (EACCES) is left
// to the kernel, which checks it with the caller's own credentials.
func (c *Call) chdirCheck(res *pathres.Result) (int64, error) {
	if !res.Exists {
		return 0, unix.ENOENT
	}
	if res.Mode&unix.S_IFMT != unix.S_IFDIR {
		return 0, c.hiddenOr(res.Path, unix.ENOTDIR)
	}
	if err := c.accessObject(res, sandbox.CatChdir); err != nil {
		return 0, err
	}
	// The kernel looks the path (or fd) up again: verify where the caller landed
	// before it runs on, and kill it if that is not the directory we checked or one
	// the policy allows (spec 06 §1: Syd does this at a ptrace stop too).
	tid, checked := c.Pid(), res.Path
	before := tracee.Cwd(tid)
	if traceContinued(c, nil, func(int) bool {
		now := tracee.Cwd(tid)
		return now == before || now == checked || !c.checkPath(now, sandbox.CatChdir).act.Denies()
	}) {
		return 0, ErrReplied
	}
	return 0, errContinue
}
