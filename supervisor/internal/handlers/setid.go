// setid.go: SafeSetID (spec 06 §2). A sandboxed process may take any of the
// ids it holds already (real, effective, saved: what the kernel lets anyone do),
// but a new uid or gid, which only CAP_SETUID or CAP_SETGID could give it, only
// along a setuid+SRC:DST or setgid+SRC:DST rule with trace/allow_safe_setuid or
// trace/allow_safe_setgid on, and never 0. Everything else is EPERM (setfsuid and
// setfsgid, which report no errors, leave the id as it was). The new ids are
// registers, so an allowed call runs as it was made; the caller's ids cannot
// change meanwhile (only the thread itself changes its credentials).
// A process that holds uid 0 may take gid 0: that is no privilege beyond root.
// setgroups takes a list in memory: it is checked and then run by the kernel,
// which reads the list again; only a process that still holds CAP_SETGID
// (trace/allow_unsafe_caps) could race it, and that process is root anyway.
package handlers

import (
	"os/user"
	"strconv"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/tracee"
)

func init() {
	for _, c := range []struct {
		sysName
		h Handler
	}{
		{sysName{unix.SYS_SETUID, "setuid"}, func(c *Call) (int64, error) { return c.setid(false, 1) }},
		{sysName{unix.SYS_SETREUID, "setreuid"}, func(c *Call) (int64, error) { return c.setid(false, 2) }},
		{sysName{unix.SYS_SETRESUID, "setresuid"}, func(c *Call) (int64, error) { return c.setid(false, 3) }},
		{sysName{unix.SYS_SETGID, "setgid"}, func(c *Call) (int64, error) { return c.setid(true, 1) }},
		{sysName{unix.SYS_SETREGID, "setregid"}, func(c *Call) (int64, error) { return c.setid(true, 2) }},
		{sysName{unix.SYS_SETRESGID, "setresgid"}, func(c *Call) (int64, error) { return c.setid(true, 3) }},
		{sysName{unix.SYS_SETFSUID, "setfsuid"}, func(c *Call) (int64, error) { return c.setfsid(false) }},
		{sysName{unix.SYS_SETFSGID, "setfsgid"}, func(c *Call) (int64, error) { return c.setfsid(true) }},
		{sysName{unix.SYS_SETGROUPS, "setgroups"}, sysSetgroups},
	} {
		register(c.nr, c.name, c.h, nil)
	}
}

// unchanged is an id argument of -1: leave that id as it is.
const unchanged = 0xffffffff

// newIDs reports whether the first n arguments ask only for ids the caller holds
// or may take along a rule.
func (c *Call) setidAllowed(group bool, st *tracee.Status, ids ...uint32) bool {
	held := [3]int{st.Uid, st.Euid, st.Suid}
	if group {
		held = [3]int{st.Gid, st.Egid, st.Sgid}
	}
	root := holdsRoot(st)
	for _, id := range ids {
		if id == unchanged || int(id) == held[0] || int(id) == held[1] || int(id) == held[2] {
			continue
		}
		if group && id == 0 && root {
			continue // root's own group: no privilege beyond the uid it holds
		}
		if !c.transitionAllowed(group, held, id) {
			return false
		}
	}
	return true
}

// transitionAllowed reports whether a setuid+ or setgid+ rule takes one of the
// held ids to id (never 0), with the matching allow_safe_* flag on.
func (c *Call) transitionAllowed(group bool, held [3]int, id uint32) bool {
	flag, rules := sandbox.FlagAllowSafeSetuid, c.Policy.SetUIDs()
	if group {
		flag, rules = sandbox.FlagAllowSafeSetgid, c.Policy.SetGIDs()
	}
	if id == 0 || !c.Policy.Has(flag) {
		return false
	}
	for _, r := range rules {
		src, ok1 := lookupID(group, r.Src)
		dst, ok2 := lookupID(group, r.Dst)
		if ok1 && ok2 && dst == int(id) && (src == held[0] || src == held[1] || src == held[2]) {
			return true
		}
	}
	return false
}

// lookupID turns a rule's user or group (a number or a name) into its id.
func lookupID(group bool, s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 0
	}
	var id string
	if group {
		g, err := user.LookupGroup(s)
		if err != nil {
			return 0, false
		}
		id = g.Gid
	} else {
		u, err := user.Lookup(s)
		if err != nil {
			return 0, false
		}
		id = u.Uid
	}
	n, err := strconv.Atoi(id)
	return n, err == nil
}

// setid decides setuid, setreuid, setresuid (group: the gid calls) with n id
// arguments.
func (c *Call) setid(group bool, n int) (int64, error) {
	st, err := c.status()
	if err != nil {
		return 0, goneIfESRCH(err)
	}
	ids := make([]uint32, n)
	for i := range ids {
		ids[i] = uint32(c.Arg(i))
	}
	if !c.setidAllowed(group, &st, ids...) {
		return 0, unix.EPERM
	}
	identityCall()
	return 0, errContinue
}

// setfsid decides setfsuid and setfsgid, which return the previous id and never
// fail: a refused one returns the current id and changes nothing.
func (c *Call) setfsid(group bool) (int64, error) {
	st, err := c.status()
	if err != nil {
		return 0, goneIfESRCH(err)
	}
	id, cur := uint32(c.Arg(0)), st.Fsuid
	if group {
		cur = st.Fsgid
	}
	if !c.setidAllowed(group, &st, id) && int(id) != cur {
		return int64(cur), nil
	}
	identityCall()
	return 0, errContinue
}

// sysSetgroups allows a list of groups the caller holds (its gids and current
// supplementary groups) or may take along setgid+ rules.
func sysSetgroups(c *Call) (int64, error) {
	n := int(int32(c.Arg(0)))
	if n < 0 || n > 65536 {
		return 0, unix.EINVAL
	}
	st, err := c.status()
	if err != nil {
		return 0, goneIfESRCH(err)
	}
	buf := make([]byte, 4*n)
	if n > 0 {
		if err := tracee.Read(c.Pid(), c.Arg(1), buf); err != nil {
			return 0, unix.EFAULT
		}
	}
	if !c.Valid() {
		return 0, errGone
	}
	for i := 0; i < n; i++ {
		g := uint32(buf[4*i]) | uint32(buf[4*i+1])<<8 | uint32(buf[4*i+2])<<16 | uint32(buf[4*i+3])<<24
		if heldGroup(&st, g) || g == 0 && holdsRoot(&st) {
			continue
		}
		if !c.transitionAllowed(true, [3]int{st.Gid, st.Egid, st.Sgid}, g) {
			return 0, unix.EPERM
		}
	}
	identityCall()
	return 0, errContinue
}

func heldGroup(st *tracee.Status, g uint32) bool {
	if int(g) == st.Gid || int(g) == st.Egid || int(g) == st.Sgid {
		return true
	}
	for _, h := range st.Groups {
		if h == g {
			return true
		}
	}
	return false
}

// holdsRoot reports whether the process holds uid 0 as its real, effective or
// saved uid: gid 0 is then no privilege beyond the uid it has.
func holdsRoot(st *tracee.Status) bool { return st.Uid == 0 || st.Euid == 0 || st.Suid == 0 }
