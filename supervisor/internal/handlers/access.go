// access.go: one access decision over several categories, and the effects of its action
// (log line with a tip, signal to the offender, syd's own exit).
package handlers

import (
	"context"
	"log/slog"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/sandbox/glob"
	"syd/supervisor/internal/tracee"
)

// decision is the outcome of checking a path against several categories: the most
// severe action and the category that produced it.
type decision struct {
	act sandbox.Action
	cat sandbox.Category
	key string // the log key naming the object: "path" when empty, "addr" or "unix" for sockets
	tip string // the setting that would allow it, when it is not an allow rule for the path
	// feature names the special category that decided (tpe, force) in place of cat.
	feature string
	// also lists the other categories the call needs that no rule allows. When
	// the action warns, each gets a log line of its own, so that a profile
	// learned from the log (trace mode, pandora) allows every category the call
	// needs, not only the first; when it denies, they join the tip, so that
	// pasting it allows the call in one step.
	also []sandbox.Category
}

// add records that cat needs allowing too, unless it is already named.
func (d *decision) add(cat sandbox.Category) {
	if cat == d.cat {
		return
	}
	for _, c := range d.also {
		if c == cat {
			return
		}
	}
	d.also = append(d.also, cat)
}

// capName is what the log calls the deciding category.
func (d decision) capName() string {
	if d.feature != "" {
		return d.feature
	}
	return d.cat.String()
}

// refusal is the decision of a hardening measure that flag lifts.
func refusal(cat sandbox.Category, flag sandbox.Flag) decision {
	return decision{act: sandbox.ActionDeny, cat: cat, tip: "trace/" + flag.String() + ":1"}
}

// checkPath checks path under every enabled category in cats; the most severe action
// wins (actions are numbered by severity).
func (c *Call) checkPath(path string, cats ...sandbox.Category) decision {
	return c.checkRule(c.rulePath(path), cats...)
}

// checkRule is checkPath for a path already named as rules see it (rulePath).
func (c *Call) checkRule(path string, cats ...sandbox.Category) decision {
	d := decision{act: sandbox.ActionAllow}
	var need []sandbox.Category // the categories no rule allows (rarely any)
	for _, cat := range cats {
		if !c.Policy.Enabled(cat) {
			continue
		}
		a := c.Policy.CheckPath(cat, path)
		if a == sandbox.ActionAllow {
			continue
		}
		need = append(need, cat)
		if a > d.act {
			d = decision{act: a, cat: cat}
		}
	}
	for _, cat := range need {
		// A warning is logged per category; a denial's tip names every
		// category that would still deny (or warn) once it is allowed.
		if d.act.Denies() || c.Policy.CheckPath(cat, path) == sandbox.ActionWarn {
			d.add(cat)
		}
	}
	return d
}

// enforce carries out d for path: nil when the call may proceed, otherwise errno
// for the caller. Logging happens here, before the reply, never inside the
// signal-masked fd-injection window.
func (c *Call) enforce(d decision, path string, errno unix.Errno) error {
	if (d.act.Logged() || d.act.Denies()) && !c.Valid() {
		// A path read from a caller that is gone may be anyone's: neither
		// logged nor acted on (handlers that read lazily rely on this).
		return errGone
	}
	if d.act.Logged() {
		c.logAccess(d, path)
		if !d.act.Denies() {
			for _, cat := range d.also {
				c.logAccess(decision{act: d.act, cat: cat, key: d.key}, path)
			}
		}
	}
	if !d.act.Denies() {
		return nil
	}
	switch d.act {
	case sandbox.ActionStop:
		c.signalProcess(unix.SIGSTOP)
	case sandbox.ActionAbort:
		c.signalProcess(unix.SIGABRT)
	case sandbox.ActionKill:
		c.signalProcess(unix.SIGKILL)
	case sandbox.ActionExit:
		if c.Env.Exit != nil {
			c.Env.Exit(int(errno))
		}
	}
	return errno
}

// signalProcess signals the caller's thread group, if the request is still live (so
// the pid cannot have been reused).
func (c *Call) signalProcess(sig unix.Signal) {
	st, err := c.status()
	if err != nil || st.Tgid <= 0 || !c.Valid() {
		return
	}
	fd, err := unix.PidfdOpen(st.Tgid, 0)
	if err != nil {
		return
	}
	defer unix.Close(fd)
	if c.Valid() {
		_ = unix.PidfdSendSignal(fd, sig, nil, 0)
	}
}

// tipFor is the command that allows the access to rulePath.
func (d decision) tipFor(rulePath string) string {
	if d.tip != "" {
		return d.tip
	}
	cats := d.cat.String()
	if d.act.Denies() {
		for _, c := range d.also {
			cats += "," + c.String()
		}
	}
	return "allow/" + cats + "+" + glob.Escape(rulePath)
}

// logAccess writes one access record in Syd's key style.
func (c *Call) logAccess(d decision, path string) {
	log := c.Env.Log
	if log == nil {
		return
	}
	level := slog.LevelWarn
	if !log.Enabled(context.Background(), level) {
		return
	}
	pid := c.Pid()
	w := c.caller()
	key := d.key
	if key == "" {
		key = "path"
	}
	log.LogAttrs(context.Background(), level, "access",
		slog.Int("syd", c.Env.SydPid),
		slog.String("ctx", "access"),
		slog.String("cap", d.capName()),
		slog.String("act", d.act.String()),
		slog.String("sys", c.sysName()),
		slog.String(key, path),
		slog.Int("pid", pid),
		slog.Int("uid", w.uid),
		slog.String("cmd", w.cmd),
		slog.String("cwd", w.cwd),
		slog.String("tip", "configure `"+d.tipFor(c.rulePath(path))+"'"),
	)
}

// who is the caller as log lines name it.
type who struct {
	read     bool
	uid      int
	cmd, cwd string
}

// caller reads who the caller is once per call: a call that logs several
// categories, or a directory listing that logs every entry, reads /proc once.
func (c *Call) caller() *who {
	if !c.who.read {
		pid := c.Pid()
		st, _ := tracee.ReadStatus(pid)
		c.who = who{read: true, uid: st.Uid, cmd: tracee.Cmdline(pid), cwd: tracee.Cwd(pid)}
	}
	return &c.who
}
