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
	started  bool // Sandbox.Start was called
	enabled  catSet
	defaults [NumCategories]Action
	// rules holds each category's rules in insertion order. Snapshots share
	// backing arrays: a new snapshot may append past the end of its parent's
	// slice, which the parent never reads (see Sandbox.Apply).
	rules [NumCategories][]rule
}

// rule is one entry of a category's list: an action and a pattern.
type rule struct {
	// head and mask hold up to the first 8 bytes of the pattern's literal
	// prefix: a path p can match only if headOf(p)&mask == head. This rejects
	// most rules without leaving the scan loop. An address rule has a head no
	// masked value equals.
	head, mask uint64
	// glob is the compiled pattern; nil for a network address value, which
	// CheckPath never matches.
	glob *glob.Pattern
	pat  string // the pattern text after brace expansion, for removal and JSON
	act  Action
}

// newRule returns the rule for a compiled pattern, or for an address when g is nil.
func newRule(a Action, pat string, g *glob.Pattern) rule {
	r := rule{glob: g, pat: pat, act: a, head: 1} // mask 0: never matches
	if g != nil {
		prefix := g.Prefix()
		r.head = headOf(prefix)
		r.mask = ^uint64(0) >> (8 * (8 - min(len(prefix), 8))) // 0 for an empty prefix
	}
	return r
}

// headOf loads the first (up to) 8 bytes of s, little-endian, zero-padded.
func headOf(s string) uint64 {
	if len(s) >= 8 {
		return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	}
	var h uint64
	for i := len(s) - 1; i >= 0; i-- {
		h = h<<8 | uint64(s[i])
	}
	return h
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
	head := headOf(path)
	for i := len(rules) - 1; i >= 0; i-- {
		r := &rules[i]
		if head&r.mask == r.head && r.glob != nil && r.glob.Match(path) {
			return r.act
		}
	}
	return p.defaults[c]
}

// Lock returns the lock state.
func (p *Policy) Lock() LockState { return p.lock }
