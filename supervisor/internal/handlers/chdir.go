// chdir.go: chdir and fchdir, checked under chdir and then continued, because the
// supervisor cannot change another process's working directory: the kernel runs the
// caller's own call once the check has passed.
//
// The check alone leaves windows open (spec 06 §1), which the post-check below
// closes (traceContinued: the caller is stopped on its way back from the call, and
// killed unless its new cwd is the checked directory, its old one, or one the
// policy allows):
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
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
	"syd/supervisor/internal/unotify"
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
	// before it runs on, and kill it if that is neither the directory we checked
	// nor the one it was in, and the policy does not allow it (spec 06 §1: Syd does
	// this at a ptrace stop too). Directories are compared by device and inode,
	// never by name: the kernel cannot name a directory whose path is PATH_MAX bytes
	// or longer (readlink of /proc/<pid>/cwd fails with ENAMETOOLONG), and such a
	// chdir is as legitimate as any other. Both are held open until the check, so
	// neither inode number can be reused meanwhile.
	w := &chdirWatch{tid: c.Pid(), checked: pinChecked(res), before: openCwd(c.Pid()),
		listener: c.Listener, req: c.Req, policy: c.Policy, env: c.Env}
	if traceContinued(c, nil, w.landed, w.close) {
		return 0, nil // answered by the tracer, after it attached
	}
	return 0, errContinue
}

// chdirWatch is what the check after a continued chdir compares the caller's new
// cwd with. It outlives the notification (the check runs on the tracing thread
// once the kernel has made the call), so it holds its own copy of what it needs of
// the Call, which its receiver reuses for the next notification.
type chdirWatch struct {
	tid      int
	checked  pinnedDir // the directory the policy allowed (fd -1: not pinned)
	before   pinnedDir // the cwd before the call (fd -1: unknown)
	listener int
	req      unotify.Notif
	policy   *sandbox.Policy
	env      *Env
}

// pinnedDir is an O_PATH fd of a directory and its stat.
type pinnedDir struct {
	fd int
	st unix.Stat_t
}

func (p *pinnedDir) is(st *unix.Stat_t) bool {
	return p.fd >= 0 && p.st.Dev == st.Dev && p.st.Ino == st.Ino
}

func (p *pinnedDir) close() {
	if p.fd >= 0 {
		unix.Close(p.fd)
		p.fd = -1
	}
}

// pinChecked opens the directory res names, if it still is the object that was
// checked (device and inode); otherwise the pin is empty and the new cwd is judged
// by its path alone.
func pinChecked(res *pathres.Result) pinnedDir {
	p := pinnedDir{fd: -1}
	var fd int
	var err error
	switch {
	case res.Name == "" || res.Name == ".":
		fd, err = unix.FcntlInt(uintptr(res.Dir), unix.F_DUPFD_CLOEXEC, 0)
	default:
		fl := unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC
		if !res.Magic {
			fl |= unix.O_NOFOLLOW // resolution followed every link up to here
		}
		fd, err = unix.Openat(res.Dir, res.Name, fl, 0)
	}
	if err != nil {
		return p
	}
	p.fd = fd
	if unix.Fstat(fd, &p.st) != nil || !p.is(&res.Stat) {
		p.close()
	}
	return p
}

// openCwd pins the current working directory of thread tid.
func openCwd(tid int) pinnedDir {
	p := pinnedDir{fd: -1}
	fd, err := unix.Open("/proc/"+strconv.Itoa(tid)+"/cwd", unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return p
	}
	p.fd = fd
	if unix.Fstat(fd, &p.st) != nil {
		p.close()
	}
	return p
}

// landed reports whether the caller, stopped on its way back from chdir or fchdir,
// may keep the cwd it has now: the checked directory, the one it had (the call
// failed, e.g. EACCES from the kernel's own search permission check), or another
// one the policy allows (a sibling thread sharing the cwd changed it meanwhile).
// Anything that cannot be established is refused: the caller is killed.
func (w *chdirWatch) landed(int) bool {
	now := openCwd(w.tid)
	defer now.close()
	if now.fd < 0 {
		return false
	}
	if w.checked.is(&now.st) || w.before.is(&now.st) {
		return true
	}
	path, err := pathres.DirPath(now.fd)
	if err != nil || !strings.HasPrefix(path, "/") {
		return false
	}
	c := &Call{Listener: w.listener, Req: w.req, Policy: w.policy, Env: w.env}
	d := c.checkPath(path, sandbox.CatChdir)
	if !d.act.Denies() {
		return true
	}
	if d.act.Logged() {
		c.logAccess(d, path)
	}
	return false
}

func (w *chdirWatch) close() {
	w.checked.close()
	w.before.close()
}
