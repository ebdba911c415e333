// path.go: reading and resolving the path and fd arguments of a call, and the access
// decision for them with Syd's hiding rule (a path stat sandboxing denies is reported
// as missing, ENOENT, whatever category refused it).
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
)

// argFD returns argument i as the int32 fd (or dirfd) the kernel sees.
func (c *Call) argFD(i int) int32 { return int32(c.Arg(i)) }

// resolveAt reads the path at argument pathIdx and resolves it against the dirfd at
// argument dirfdIdx (-1: the cwd). With emptyPath (AT_EMPTY_PATH given), an empty
// path names the dirfd's object itself.
func (c *Call) resolveAt(dirfdIdx, pathIdx int, fl pathres.Flags, emptyPath bool) (pathres.Result, error) {
	dirfd := int32(unix.AT_FDCWD)
	if dirfdIdx >= 0 {
		dirfd = c.argFD(dirfdIdx)
	}
	path, err := c.ReadPath(c.Arg(pathIdx))
	if err != nil {
		return pathres.Result{Dir: -1}, err
	}
	return c.resolveRead(dirfd, path, fl, emptyPath)
}

// resolveRead resolves a path already read from the caller.
func (c *Call) resolveRead(dirfd int32, path string, fl pathres.Flags, emptyPath bool) (pathres.Result, error) {
	if path == "" && emptyPath {
		if dirfd == unix.AT_FDCWD {
			return c.resolveCwd()
		}
		return c.resolveFD(dirfd)
	}
	res, err := pathres.Resolve(c.Pid(), dirfd, path, fl)
	if err == nil && res.PidDerived && !c.Valid() {
		// What we resolved against (cwd, dirfd, /proc/self) may belong to a reused pid.
		res.Close()
		return res, errGone
	}
	return res, c.hiddenFailure(&res, err)
}

// resolveFD names the object behind the caller's fd.
func (c *Call) resolveFD(fd int32) (pathres.Result, error) {
	res, err := pathres.ResolveFD(c.Pid(), fd)
	if err == nil && !c.Valid() {
		res.Close()
		return res, errGone
	}
	return res, err
}

// resolveCwd names the caller's current directory (AT_FDCWD with AT_EMPTY_PATH).
func (c *Call) resolveCwd() (pathres.Result, error) {
	res, err := pathres.Resolve(c.Pid(), unix.AT_FDCWD, ".", pathres.FollowLast)
	if err == nil && !c.Valid() {
		res.Close()
		return res, errGone
	}
	return res, err
}

// hidden reports whether stat sandboxing hides path.
func (c *Call) hidden(path string) bool {
	act, hidden := c.hideAction(c.rulePath(path))
	if act == sandbox.ActionWarn && c.Valid() {
		// Seen only because stat warns: logged, as access does.
		c.logAccess(decision{act: act, cat: sandbox.CatStat}, path)
	}
	return hidden
}

// hideAction reports whether rp (a path named as rules see it, rulePath) is
// hidden, with the action that decides: its own, or that of the directory that
// hides it. Below a hidden entry nothing exists, as if the entry itself did not
// (spec 04 §2): the rule that hides a directory hides what is beneath it too,
// unless a newer rule allows that (last match wins, as everywhere). A directory
// hidden by the default alone hides nothing a rule allows (default deny with
// allow/stat+/usr/*** shows /usr/bin under a hidden "/").
func (c *Call) hideAction(rp string) (sandbox.Action, bool) {
	// A name that breaks the Safename rules does not exist for the sandbox
	// (spec 06 §4), quietly: it is not the sandbox's doing.
	if !c.Policy.Has(sandbox.FlagAllowUnsafeFilename) && !sandbox.SafePath(rp) {
		return sandbox.ActionFilter, true
	}
	if !c.Policy.Enabled(sandbox.CatStat) {
		return sandbox.ActionAllow, false
	}
	act, rule := c.Policy.MatchPath(sandbox.CatStat, rp)
	if act.Denies() {
		return act, true
	}
	for i := len(rp) - 1; i > 0; i-- {
		if rp[i] != '/' {
			continue
		}
		if a, r := c.Policy.MatchPath(sandbox.CatStat, rp[:i]); a.Denies() && r > rule {
			return a, true
		}
	}
	return act, false
}

// hiddenFailure turns the error of a resolution that stopped at a hidden entry
// (ENOTDIR below a hidden file, EACCES of a hidden directory, ELOOP of a hidden
// link) into what the caller would get if the entry did not exist: ENOENT.
func (c *Call) hiddenFailure(res *pathres.Result, err error) error {
	if err == nil || err == unix.ENOENT || res.FailedAt == "" || !c.hidden(res.FailedAt) {
		return err
	}
	return unix.ENOENT
}

// access decides path under every category in cs and carries out the action: nil
// to proceed, otherwise the errno. A path stat sandboxing hides does not exist for
// the sandbox: ENOENT, even where the call's own category would allow it (the stat
// decision is then the one logged and acted on); other denials are EACCES.
func (c *Call) access(path string, cs ...sandbox.Category) error {
	rp := c.rulePath(path) // once: it may read /proc/<tid>/status
	d := c.checkRule(rp, cs...)
	hideAct, hidden := c.hideAction(rp)
	switch {
	case hidden && !d.act.Denies():
		d = decision{act: hideAct, cat: sandbox.CatStat}
	case hidden:
		d.add(sandbox.CatStat) // the tip unhides it too
	case hideAct == sandbox.ActionWarn && d.act == sandbox.ActionAllow:
		d = decision{act: hideAct, cat: sandbox.CatStat}
	case hideAct == sandbox.ActionWarn && d.act == sandbox.ActionWarn:
		// Seeing the path is an access of its own: a profile without it
		// would hide the path (ENOENT) where the traced run saw it.
		d.add(sandbox.CatStat)
	}
	errno := unix.EACCES
	if hidden || (d.act.Denies() && d.cat == sandbox.CatStat) {
		errno = unix.ENOENT
	}
	return c.enforce(d, path, errno)
}

// accessObject is access for a resolved object. Objects without a path (pipes,
// sockets, anonymous inodes reached through an fd) are not subject to path rules.
func (c *Call) accessObject(r *pathres.Result, cs ...sandbox.Category) error {
	if !r.HasPath() {
		return nil
	}
	return c.access(r.Path, cs...)
}
