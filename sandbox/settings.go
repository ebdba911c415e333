// This file holds the handlers of scalar settings: category switches, defaults and the lock.

package sandbox

import (
	"strings"
	"syscall"
)

// sandboxSwitch runs "sandbox/<cats>:<bool>" and the query "sandbox/<cats>?".
func sandboxSwitch(p *Policy, cats catSet, op byte, val string) *failure {
	if op == '?' {
		var off []string
		for c := range cats.all() {
			if !p.enabled.has(c) {
				off = append(off, c.String())
			}
		}
		if off != nil {
			return &failure{syscall.ENOENT, "sandboxing is off for " + strings.Join(off, ", ")}
		}
		return nil
	}
	on, f := parseBool(val)
	if f != nil {
		return f
	}
	if on {
		p.enabled |= cats
	} else {
		p.enabled &^= cats
	}
	return nil
}

// setDefault runs "default/<cats>:<action>".
func setDefault(p *Policy, cats catSet, _ byte, val string) *failure {
	a, ok := ParseAction(val)
	if !ok {
		return invalid("unknown action %q", val)
	}
	for c := range cats.all() {
		p.defaults[c] = a
	}
	return nil
}

// setLock runs "lock:<state>".
func setLock(p *Policy, _ byte, val string) *failure {
	l, ok := parseLockState(val)
	if !ok {
		return invalid("unknown lock state %q (want off, exec, drop, read or on)", val)
	}
	p.lock = l
	return nil
}
