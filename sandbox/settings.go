// This file holds the switches, defaults, the lock and the plain commands (reset, stat, panic, ghost, load, cmd/exec).

package sandbox

import (
	"strconv"
	"strings"
	"syscall"
)

// sandboxFamily runs "sandbox/<cats>:<bool>" and the query "sandbox/<cats>?".
func sandboxFamily(list string) (handler, *failure) {
	cats, feats, f := parseTargets(list)
	if f != nil {
		return handler{}, f
	}
	for ft := range NumFeatures {
		if feats.has(ft) && !switchFeats.has(ft) {
			return handler{}, invalid("%q has no switch", ft.String())
		}
	}
	return handler{ops: ":?", run: func(x *cmdCtx) *failure {
		p := x.p
		if x.op == '?' {
			var off []string
			for c := range cats.all() {
				if !p.enabled.has(c) {
					off = append(off, c.String())
				}
			}
			for ft := range NumFeatures {
				if feats.has(ft) && !p.features.has(ft) {
					off = append(off, ft.String())
				}
			}
			if off != nil {
				return &failure{syscall.ENOENT, "sandboxing is off for " + strings.Join(off, ", ")}
			}
			return nil
		}
		on, f := parseBool(x.val)
		if f != nil {
			return f
		}
		if feats&startupFeats != 0 {
			if f := x.busy(); f != nil {
				return f
			}
		}
		if f := x.drop(on); f != nil {
			return f
		}
		if on {
			p.enabled |= cats
			p.features |= feats
		} else {
			p.enabled &^= cats
			p.features &^= feats
		}
		return nil
	}}, nil
}

// defaultFamily runs "default/<cats>:<action>".
func defaultFamily(list string) (handler, *failure) {
	cats, feats, f := parseTargets(list)
	if f != nil {
		return handler{}, f
	}
	for ft := range NumFeatures {
		if feats.has(ft) && !defaultFeats.has(ft) {
			return handler{}, invalid("%q has no default action", ft.String())
		}
	}
	return handler{ops: ":", run: func(x *cmdCtx) *failure {
		a, ok := ParseAction(x.val)
		if !ok {
			return invalid("unknown action %q", x.val)
		}
		p := x.p
		raises := true // lock:drop accepts only defaults that get stricter
		for c := range cats.all() {
			raises = raises && a >= p.defaults[c]
		}
		for ft := range NumFeatures {
			if feats.has(ft) {
				raises = raises && a >= p.featDef[ft]
			}
		}
		if f := x.drop(raises); f != nil {
			return f
		}
		for c := range cats.all() {
			p.defaults[c] = a
		}
		for ft := range NumFeatures {
			if feats.has(ft) {
				p.featDef[ft] = a
			}
		}
		return nil
	}}, nil
}

// unshareFamily runs "unshare/<ns,...>:<bool>" and its query.
func unshareFamily(list string) (handler, *failure) {
	ns, f := parseNamespaces(list)
	if f != nil {
		return handler{}, f
	}
	return handler{ops: ":?", run: func(x *cmdCtx) *failure {
		if x.op == '?' {
			if !x.p.unshare.Has(ns) {
				return &failure{syscall.ENOENT, "not unsharing " + (ns &^ x.p.unshare).String()}
			}
			return nil
		}
		on, f := parseBool(x.val)
		if f != nil {
			return f
		}
		if f := x.busy(); f != nil {
			return f
		}
		if f := x.drop(false); f != nil {
			return f
		}
		if on {
			x.p.unshare |= ns
		} else {
			x.p.unshare &^= ns
		}
		return nil
	}}, nil
}

// loadFamily runs "load/<fd>": the supervisor reads commands from the
// caller's fd.
func loadFamily(list string) (handler, *failure) {
	fd, err := strconv.Atoi(list)
	if err != nil || fd < 0 || list[0] == '+' {
		return handler{}, invalid("invalid file descriptor %q", list)
	}
	return handler{sources: magicOnly, run: func(x *cmdCtx) *failure {
		x.eff = Effect{Kind: EffectLoad, FD: fd}
		return nil
	}}, nil
}

// lockOrder ranks the lock states by how much they refuse, for lock:drop.
var lockOrder = map[LockState]int{LockOff: 0, LockExec: 1, LockDrop: 2, LockRead: 3, LockOn: 4}

// setLock runs "lock:<state>".
func setLock(x *cmdCtx) *failure {
	l, ok := parseLockState(x.val)
	if !ok {
		return invalid("unknown lock state %q (want off, exec, drop, read or on)", x.val)
	}
	if f := x.drop(lockOrder[l] >= lockOrder[LockDrop]); f != nil {
		return f
	}
	x.p.lock = l
	return nil
}

// doReset runs "reset": every setting returns to its default except the
// lock, and, once the sandbox runs, the startup-only settings, which can no
// longer change.
func doReset(x *cmdCtx) *failure {
	if f := x.drop(false); f != nil {
		return f
	}
	old := *x.p
	p := defaultPolicy()
	p.lock, p.started = old.lock, old.started
	if old.started {
		p.features |= old.features & startupFeats
		p.flags = old.flags &^ runtimeFlags
		p.unsafeNS = old.unsafeNS
		p.crypts, p.cryptKey, p.cryptTmp = old.crypts, old.cryptKey, old.cryptTmp
		p.binds, p.landlock, p.proxy = old.binds, old.landlock, old.proxy
		p.unshare, p.root, p.hostname, p.domainname = old.unshare, old.root, old.hostname, old.domainname
	}
	*x.p = *p
	return nil
}

// doStat runs "stat": the supervisor prints the state on its stderr.
func doStat(x *cmdCtx) *failure {
	x.eff = Effect{Kind: EffectStat}
	return nil
}

// doPanic runs "panic": syd exits at once (status 127).
func doPanic(x *cmdCtx) *failure {
	if x.p.features.has(FeatureCrypt) {
		return &failure{syscall.EBUSY, "panic is refused while crypt sandboxing is on"}
	}
	x.eff = Effect{Kind: EffectPanic}
	return nil
}

// doGhost runs "ghost": the policy locks, and the supervisor stops
// supervising the caller.
func doGhost(x *cmdCtx) *failure {
	if f := x.drop(false); f != nil {
		return f
	}
	x.p.lock = LockOn
	x.eff = Effect{Kind: EffectGhost}
	return nil
}

// doExec runs "cmd/exec!<prog>\x1F<arg>...": the supervisor runs the
// program outside the sandbox.
func doExec(x *cmdCtx) *failure {
	if f := x.drop(false); f != nil {
		return f
	}
	argv := strings.Split(x.val, "\x1F")
	if argv[0] == "" {
		return invalid("missing program to execute")
	}
	if strings.IndexByte(x.val, 0) >= 0 {
		return invalid("the command line contains a NUL byte")
	}
	x.eff = Effect{Kind: EffectExec, Argv: argv}
	return nil
}
