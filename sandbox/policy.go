// This file defines the immutable policy snapshot and the decision it makes for a path.

package sandbox

import (
	"syd/sandbox/glob"
)

// Policy is an immutable snapshot of the sandbox state. Readers may use it
// concurrently without locks; commands never modify a published Policy but
// build a new one (see Sandbox). Obtain one from Sandbox.Policy.
type Policy struct {
	lock     LockState
	enabled  catSet
	defaults [NumCategories]Action
	// rules holds each category's rules in insertion order. Snapshots share
	// backing arrays: a new snapshot may append past the end of its parent's
	// slice, which the parent never reads (see Sandbox.Apply).
	rules [NumCategories][]rule
}

// rule is one entry of a category's list: an action and a pattern.
type rule struct {
	// glob is the compiled pattern; nil for a network address value, which
	// CheckPath never matches.
	glob *glob.Pattern
	pat  string // the pattern text after brace expansion, for removal and JSON
	act  Action
}

// defaultPolicy is Syd's secure default: every category on, every default
// deny, no rules, the lock unset.
func defaultPolicy() *Policy {
	p := &Policy{lock: LockUnset, enabled: allCats}
	for c := range NumCategories {
		p.defaults[c] = ActionDeny
	}
	return p
}

// Enabled reports whether sandboxing of category c is on. An out-of-range
// category counts as on, so that a caller's bug fails closed.
func (p *Policy) Enabled(c Category) bool {
	if c >= NumCategories {
		return true
	}
	return p.enabled.has(c)
}

// Default returns the action for c when no rule matches (deny for an
// out-of-range category).
func (p *Policy) Default(c Category) Action {
	if c >= NumCategories {
		return ActionDeny
	}
	return p.defaults[c]
}

// CheckPath returns the action of the newest rule of category c whose pattern
// matches path, else Default(c). It does not look at Enabled and does not
// allocate. For network categories only UNIX socket patterns (values starting
// with '/' or '@') take part; address rules never match a path.
func (p *Policy) CheckPath(c Category, path string) Action {
	if c >= NumCategories {
		return ActionDeny
	}
	rules := p.rules[c]
	for i := len(rules) - 1; i >= 0; i-- {
		r := &rules[i]
		if r.glob != nil && r.glob.Match(path) {
			return r.act
		}
	}
	return p.defaults[c]
}

// Lock returns the lock state.
func (p *Policy) Lock() LockState { return p.lock }
