// exectrust.go: Trusted Path Execution (sandbox/tpe) and verified execution
// (sandbox/force) of an exec, decided on the binary syd resolved and checked
// again on the binary the kernel loaded.
package handlers

import (
	"slices"
	"time"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/execcheck"
	"syd/supervisor/internal/pathres"
	"syd/supervisor/internal/tracee"
)

// tpe decides Trusted Path Execution for the caller st running the resolved
// binary: a program in a directory others (or the group) can write is refused
// with default/tpe, for the callers tpe/gid selects (all of them without it).
func (c *Call) tpe(res *pathres.Result, st *tracee.Status) decision {
	allow := decision{act: sandbox.ActionAllow}
	if !c.Policy.FeatureEnabled(sandbox.FeatureTPE) {
		return allow
	}
	t := c.Policy.TPE()
	if t.HasGID && (st.Egid == int(t.GID) || slices.Contains(st.Groups, t.GID)) == t.Negate {
		return allow // not a user TPE applies to
	}
	if res.Name == "" || res.Magic {
		return allow // an fd (memfd, fexecve): no directory; the memfd rules decide
	}
	var dir unix.Stat_t
	if err := unix.Fstat(res.Dir, &dir); err != nil {
		return decision{act: c.Policy.FeatureDefault(sandbox.FeatureTPE), feature: "tpe"}
	}
	if why := execcheck.Untrusted(&dir, st.Uid, t.RootOwned, t.UserOwned); why != "" {
		return decision{act: c.Policy.FeatureDefault(sandbox.FeatureTPE), feature: "tpe", tip: "sandbox/tpe:off (" + why + ")"}
	}
	return allow
}

// segvOn reports whether SegvGuard counts and decides for this call: the
// kernel can tell syd how processes end, and neither segvguard/expiry:0 nor
// trace/allow_unsafe_exec turns it off.
func (c *Call) segvOn() bool {
	return c.Env.Segv != nil && c.Policy.FeatureEnabled(sandbox.FeatureSegvGuard) && !c.Policy.Has(sandbox.FlagAllowUnsafeExec)
}

// segvguard refuses an executable SegvGuard suspended after its crashes
// (default/segvguard, EACCES), until its suspension ends.
func (c *Call) segvguard(path string) decision {
	if !c.segvOn() {
		return decision{act: sandbox.ActionAllow}
	}
	if c.Env.Segv.Suspended(path, time.Now()) {
		return decision{act: c.Policy.FeatureDefault(sandbox.FeatureSegvGuard), feature: "segvguard",
			tip: "segvguard/expiry:0"}
	}
	return decision{act: sandbox.ActionAllow}
}

// crashWatch returns what follows a process that executed path, for SegvGuard
// (nil when SegvGuard is off). It must not use c when it runs.
func (c *Call) crashWatch(path string) func(pid int) {
	if !c.segvOn() {
		return nil
	}
	g := c.Env.Segv
	return func(pid int) { g.Watch(pid, path) }
}

// force is the verified-execution check of the binary at path: its checksum
// against its force rule (the rule's action on a mismatch), default/force for
// a binary without one. It returns the checksum it approved ("" when none), for
// the check of the loaded binary.
func (c *Call) force(res *pathres.Result, path string) (decision, execcheck.Checksum) {
	allow := decision{act: sandbox.ActionAllow}
	if !c.Policy.FeatureEnabled(sandbox.FeatureForce) {
		return allow, execcheck.Checksum{}
	}
	rule, ok := c.Policy.Force(path)
	if !ok {
		return decision{act: c.Policy.FeatureDefault(sandbox.FeatureForce), feature: "force", tip: "force+" + path + ":HASH"}, execcheck.Checksum{}
	}
	want := execcheck.Checksum{Alg: rule.Alg, Hex: rule.Hash}
	fd, err := openResolved(res)
	if err == nil {
		defer unix.Close(fd)
		if got, err := execcheck.Hash(fd, rule.Alg); err == nil && got == rule.Hash {
			return allow, want
		}
	}
	return decision{act: rule.Action, feature: "force", tip: "force+" + path + ":" + rule.Hash + " (the file's checksum differs)"}, execcheck.Checksum{}
}
